#include "exposcan/cidr.hpp"

#include <charconv>

namespace exposcan {

namespace ip = boost::asio::ip;

namespace {

ip::address_v6 from_u128(u128 v) {
    ip::address_v6::bytes_type bytes{};
    for (int i = 15; i >= 0; --i, v >>= 8) bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(v & 0xff);
    return ip::address_v6(bytes);
}

std::optional<int> parse_prefix(std::string_view s, int max) {
    int value = -1;
    if (s.empty() || s.size() > 3) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || value < 0 || value > max) return std::nullopt;
    return value;
}

std::string_view strip_brackets(std::string_view s) {
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return s.substr(1, s.size() - 2);
    return s;
}

std::optional<Cidr> fail(std::string* why, std::string text) {
    if (why) *why = std::move(text);
    return std::nullopt;
}

std::optional<Cidr> host_bits_set(std::string* why, const ip::address& network, int prefix) {
    return fail(why, "host bits are set (did you mean " + network.to_string() + "/" + std::to_string(prefix) + "?)");
}

// A v4-mapped v6 network of prefix >= 96 is the v4 network it maps.
Cidr normalize_mapped(const ip::address_v6& a, int prefix) {
    if (a.is_v4_mapped() && prefix >= 96) return {ip::make_address_v4(ip::v4_mapped, a), prefix - 96};
    return {a, prefix};
}

}  // namespace

ip::address unmap_v4(const ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
    return a;
}

bool Cidr::contains(const ip::address& raw) const {
    auto a = unmap_v4(raw);
    if (a.is_v4() != is_v4()) return false;
    if (a.is_v4()) return (a.to_v4().to_uint() & mask_v4(prefix)) == network.to_v4().to_uint();
    return (to_u128(a.to_v6()) & mask_v6(prefix)) == to_u128(network.to_v6());
}

std::string Cidr::to_string() const { return network.to_string() + "/" + std::to_string(prefix); }

std::optional<Cidr> parse_cidr(std::string_view text, std::string* why) {
    auto slash = text.find('/');
    auto addr_text = strip_brackets(text.substr(0, slash));
    boost::system::error_code ec;
    auto addr = ip::make_address(std::string(addr_text), ec);
    if (ec) return fail(why, "not an IP address");
    const int max = addr.is_v4() ? 32 : 128;
    int prefix = max;
    if (slash != std::string_view::npos) {
        auto p = parse_prefix(text.substr(slash + 1), max);
        if (!p) return fail(why, "the prefix must be a number from 0 to " + std::to_string(max));
        prefix = *p;
    }
    if (addr.is_v4()) {
        auto v = addr.to_v4().to_uint();
        if ((v & ~mask_v4(prefix)) != 0) return host_bits_set(why, ip::address_v4(v & mask_v4(prefix)), prefix);
        return Cidr{addr, prefix};
    }
    if (addr.to_v6().scope_id() != 0) return fail(why, "a zone id (%...) cannot be part of a network");
    auto v = to_u128(addr.to_v6());
    if ((v & ~mask_v6(prefix)) != 0) return host_bits_set(why, from_u128(v & mask_v6(prefix)), prefix);
    return normalize_mapped(addr.to_v6(), prefix);
}

}  // namespace exposcan
