#include "probe/memcached_proto.hpp"

namespace exposcan::probe {

namespace {

constexpr std::size_t k_header = 24;

std::uint32_t be32(std::string_view b, std::size_t at) {
    return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}

std::uint16_t be16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>((std::uint8_t(b[at]) << 8) | std::uint8_t(b[at + 1]));
}

}  // namespace

McText parse_memcached_text(std::string_view bytes) {
    McText r;
    auto eol = bytes.find("\r\n");
    if (eol == std::string_view::npos) return r;
    r.first_line = std::string(bytes.substr(0, eol));
    if (r.first_line.starts_with("CLIENT_ERROR unauthenticated")) {
        r.kind = McTextKind::unauthenticated;
        return r;
    }
    if (r.first_line == "ERROR" || r.first_line.starts_with("CLIENT_ERROR") ||
        r.first_line.starts_with("SERVER_ERROR")) {
        r.kind = McTextKind::error;
        return r;
    }
    if (!r.first_line.starts_with("STAT ")) {
        r.kind = McTextKind::invalid;
        return r;
    }
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        eol = bytes.find("\r\n", pos);
        if (eol == std::string_view::npos) return r;  // still incomplete
        auto line = bytes.substr(pos, eol - pos);
        if (line == "END") {
            r.kind = McTextKind::stats;
            return r;
        }
        if (!line.starts_with("STAT ")) {
            r.kind = McTextKind::invalid;
            return r;
        }
        if (line.starts_with("STAT version ")) r.version = std::string(line.substr(13));
        pos = eol + 2;
    }
    return r;
}

std::string memcached_binary_request(std::uint8_t opcode) {
    std::string req(k_header, '\0');
    req[0] = static_cast<char>(0x80);  // request magic
    req[1] = static_cast<char>(opcode);
    return req;
}

McBinary parse_memcached_binary(std::string_view bytes, std::size_t max_body) {
    McBinary r;
    if (bytes.empty()) return r;
    if (static_cast<std::uint8_t>(bytes[0]) != 0x81) {
        r.valid = false;
        return r;
    }
    if (bytes.size() < k_header) return r;
    r.opcode = static_cast<std::uint8_t>(bytes[1]);
    const std::uint16_t key_len = be16(bytes, 2);
    const std::uint8_t extras_len = static_cast<std::uint8_t>(bytes[4]);
    r.status = be16(bytes, 6);
    const std::uint32_t body_len = be32(bytes, 8);
    if (body_len > max_body || std::size_t(key_len) + extras_len > body_len) {
        r.valid = false;
        return r;
    }
    if (bytes.size() < k_header + body_len) return r;
    const std::size_t value_at = k_header + extras_len + key_len;
    r.value = std::string(bytes.substr(value_at, k_header + body_len - value_at));
    r.complete = true;
    r.consumed = k_header + body_len;
    return r;
}

}  // namespace exposcan::probe
