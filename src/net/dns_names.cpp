// Pure helpers around DNS names and server specs (no c-ares state).
#include <boost/asio/ip/address.hpp>
#include <algorithm>
#include <charconv>

#include "net/dns.hpp"

namespace exposcan::net {

namespace ip = boost::asio::ip;

std::string_view to_string(DnsType t) {
    switch (t) {
        case DnsType::a: return "A";
        case DnsType::aaaa: return "AAAA";
        case DnsType::mx: return "MX";
        case DnsType::txt: return "TXT";
        case DnsType::ns: return "NS";
        case DnsType::ptr: return "PTR";
        case DnsType::soa: return "SOA";
        case DnsType::srv: return "SRV";
        case DnsType::https: return "HTTPS";
        case DnsType::svcb: return "SVCB";
    }
    return "?";
}

std::string_view to_string(DnsStatus s) {
    switch (s) {
        case DnsStatus::ok: return "NOERROR";
        case DnsStatus::nodata: return "NODATA";
        case DnsStatus::nxdomain: return "NXDOMAIN";
        case DnsStatus::servfail: return "SERVFAIL";
        case DnsStatus::refused: return "REFUSED";
        case DnsStatus::timeout: return "timeout";
        case DnsStatus::bad_reply: return "bad reply";
        case DnsStatus::cancelled: return "cancelled";
    }
    return "?";
}

namespace {

bool valid_port(std::string_view s) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    return !s.empty() && ec == std::errc{} && end == s.data() + s.size() && value >= 1 && value <= 65535;
}

std::optional<ip::address> literal(std::string_view s) {
    boost::system::error_code ec;
    auto a = ip::make_address(std::string(s), ec);
    if (ec || (a.is_v6() && a.to_v6().scope_id() != 0)) return std::nullopt;
    return a;
}

}  // namespace

std::optional<std::string> dns_server_csv(std::string_view spec) {
    std::string_view host = spec, port;
    if (spec.starts_with('[')) {
        auto close = spec.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = spec.substr(1, close - 1);
        auto rest = spec.substr(close + 1);
        if (!rest.empty() && (!rest.starts_with(':') || !valid_port(port = rest.substr(1)))) return std::nullopt;
    } else if (std::count(spec.begin(), spec.end(), ':') == 1) {
        host = spec.substr(0, spec.find(':'));
        port = spec.substr(spec.find(':') + 1);
        if (!valid_port(port)) return std::nullopt;
    }
    auto a = literal(host);
    if (!a || (spec.starts_with('[') && !a->is_v6())) return std::nullopt;
    std::string out = a->is_v6() ? "[" + a->to_string() + "]" : a->to_string();
    return port.empty() ? out : out + ":" + std::string(port);
}

std::string reverse_name(const ip::address& a) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    if (a.is_v4()) {
        auto b = a.to_v4().to_bytes();
        for (int i = 3; i >= 0; --i) out += std::to_string(b[static_cast<std::size_t>(i)]) + ".";
        return out + "in-addr.arpa";
    }
    auto b = a.to_v6().to_bytes();
    for (int i = 15; i >= 0; --i) {
        auto byte = b[static_cast<std::size_t>(i)];
        out += {k_hex[byte & 0xf], '.', k_hex[byte >> 4], '.'};
    }
    return out + "ip6.arpa";
}

}  // namespace exposcan::net
