#include "net/dns_wire.hpp"

#include <array>
#include <cstring>

namespace exposcan::net::wire {

namespace ip = boost::asio::ip;

namespace {

constexpr std::size_t k_header_len = 12;
constexpr std::size_t k_max_name = 255;

std::uint16_t read16(std::span<const std::uint8_t> m, std::size_t at) {
    return static_cast<std::uint16_t>((m[at] << 8) | m[at + 1]);
}

// Host-name bytes only: a label holding '.', spaces or control bytes could
// make "evil\.example.com" print as a name of the domain.
bool host_byte(std::uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '*';
}

bool append_label(std::string& out, std::span<const std::uint8_t> label) {
    if (out.size() + label.size() + 1 > k_max_name) return false;
    if (!out.empty()) out += '.';
    for (auto c : label) {
        if (!host_byte(c)) return false;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return true;
}

std::optional<ip::address> read_address(std::span<const std::uint8_t> m, std::size_t at, std::size_t len) {
    if (at + len > m.size()) return std::nullopt;
    if (len == 4) {
        ip::address_v4::bytes_type b{};
        std::memcpy(b.data(), m.data() + at, 4);
        return ip::address(ip::address_v4(b));
    }
    if (len == 16) {
        ip::address_v6::bytes_type b{};
        std::memcpy(b.data(), m.data() + at, 16);
        return ip::address(ip::address_v6(b));
    }
    return std::nullopt;
}

// The name at `at` inside RDATA that ends at `end`; nullopt past the end.
std::optional<std::string> rdata_name(std::span<const std::uint8_t> m, std::size_t& at, std::size_t end) {
    if (at >= end) return std::nullopt;
    auto name = read_name(m, at);
    if (!name || at > end) return std::nullopt;
    return name;
}

// SvcParams: key, length, value; hints are keys 4 (ipv4hint) and 6 (ipv6hint).
bool read_svc_params(std::span<const std::uint8_t> m, std::size_t at, std::size_t end, Svcb& out) {
    while (at < end) {
        if (end - at < 4) return false;
        std::uint16_t key = read16(m, at), len = read16(m, at + 2);
        at += 4;
        if (end - at < len) return false;
        std::size_t width = key == 4 ? 4 : key == 6 ? 16 : 0;
        if (width != 0) {
            if (len % width != 0 || len == 0) return false;  // RFC 9460 7.3: a list of addresses
            for (std::size_t i = 0; i < len && out.hints.size() < k_max_hints; i += width)
                out.hints.push_back(*read_address(m, at + i, width));
        }
        at += len;
    }
    return true;
}

}  // namespace

std::optional<std::string> read_name(std::span<const std::uint8_t> msg, std::size_t& offset) {
    std::string out;
    std::size_t at = offset;
    bool jumped = false;
    for (int jumps = 0;;) {
        if (at >= msg.size()) return std::nullopt;
        std::uint8_t len = msg[at];
        if (len == 0) {
            if (!jumped) offset = at + 1;
            return out;
        }
        if ((len & 0xc0) == 0xc0) {
            if (at + 1 >= msg.size() || ++jumps > k_max_pointer_jumps) return std::nullopt;
            if (!jumped) offset = at + 2;
            jumped = true;
            at = static_cast<std::size_t>(((len & 0x3f) << 8) | msg[at + 1]);
            continue;
        }
        if ((len & 0xc0) != 0 || at + 1 + len > msg.size()) return std::nullopt;
        if (!append_label(out, msg.subspan(at + 1, len))) return std::nullopt;
        at += 1 + len;
    }
}

Message parse_message(std::span<const std::uint8_t> msg, std::size_t max_records) {
    Message out;
    if (msg.size() < k_header_len) return out;
    out.id = read16(msg, 0);
    out.flags = read16(msg, 2);
    std::size_t qd = read16(msg, 4), an = read16(msg, 6);
    std::size_t at = k_header_len;
    for (std::size_t i = 0; i < qd; ++i) {
        if (!read_name(msg, at) || at + 4 > msg.size()) return out;
        at += 4;
    }
    for (std::size_t i = 0; i < an; ++i) {
        if (out.answers.size() >= max_records) return out;
        Record r;
        auto owner = read_name(msg, at);
        if (!owner || at + 10 > msg.size()) return out;
        r.owner = *owner;
        r.type = read16(msg, at);
        r.rdata_length = read16(msg, at + 8);
        r.rdata_offset = at + 10;
        if (r.rdata_offset + r.rdata_length > msg.size()) return out;
        at = r.rdata_offset + r.rdata_length;
        out.answers.push_back(std::move(r));
    }
    out.complete = true;
    return out;
}

RecordData record_data(std::span<const std::uint8_t> msg, const Record& r) {
    RecordData out;
    std::size_t at = r.rdata_offset, end = r.rdata_offset + r.rdata_length;
    if (end > msg.size()) return out;
    switch (r.type) {
        case k_type_a:
        case k_type_aaaa:
            if (r.rdata_length == (r.type == k_type_a ? 4 : 16)) out.address = read_address(msg, at, r.rdata_length);
            break;
        case k_type_ns:
        case k_type_cname:
        case k_type_soa: out.name = rdata_name(msg, at, end).value_or(""); break;  // SOA: MNAME first
        case k_type_mx: at += 2; out.name = rdata_name(msg, at, end).value_or(""); break;
        case k_type_srv: at += 6; out.name = rdata_name(msg, at, end).value_or(""); break;
        case k_type_svcb:
        case k_type_https:
            if (auto s = parse_svcb(msg, r)) out.name = s->target;
            break;
        default: break;
    }
    return out;
}

std::optional<Svcb> parse_svcb(std::span<const std::uint8_t> msg, const Record& r) {
    std::size_t at = r.rdata_offset, end = r.rdata_offset + r.rdata_length;
    if (end > msg.size() || r.rdata_length < 3) return std::nullopt;
    Svcb out;
    out.priority = read16(msg, at);
    at += 2;
    // RFC 9460 2.2: the target is never compressed; read_name would follow a
    // pointer, so refuse one here.
    for (std::size_t p = at; p < end && msg[p] != 0; p += 1 + msg[p])
        if ((msg[p] & 0xc0) != 0) return std::nullopt;
    auto target = rdata_name(msg, at, end);
    if (!target) return std::nullopt;
    out.target = *target;
    if (!read_svc_params(msg, at, end, out)) return std::nullopt;
    return out;
}

std::vector<std::uint8_t> build_query(std::uint16_t id, const std::string& name, std::uint16_t type) {
    std::vector<std::uint8_t> out{static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id), 0, 0, 0, 1,
                                  0, 0, 0, 0, 0, 0};
    std::size_t start = 0;
    if (name.size() > k_max_name) return {};
    while (start < name.size()) {
        auto dot = name.find('.', start);
        auto label = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (label.empty() || label.size() > 63) return {};
        out.push_back(static_cast<std::uint8_t>(label.size()));
        out.insert(out.end(), label.begin(), label.end());
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    out.insert(out.end(), {0, static_cast<std::uint8_t>(type >> 8), static_cast<std::uint8_t>(type), 0, 1});
    return out;
}

}  // namespace exposcan::net::wire
