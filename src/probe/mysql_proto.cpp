#include "probe/mysql_proto.hpp"

namespace exposcan::probe {

namespace {

constexpr std::uint32_t k_client_secure_connection = 0x8000;
constexpr std::uint32_t k_client_plugin_auth = 0x80000;
constexpr std::size_t k_max_text = 256;  // version / plugin name / error message kept

std::uint32_t le(std::string_view b, std::size_t at, std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
}

// A NUL-terminated string at `at`; npos when the NUL is missing.
std::size_t nul_end(std::string_view p, std::size_t at) { return at > p.size() ? std::string_view::npos : p.find('\0', at); }

MysqlHello invalid(std::string problem) {
    MysqlHello h;
    h.kind = MysqlKind::invalid;
    h.problem = std::move(problem);
    return h;
}

MysqlHello parse_error(std::string_view p) {
    if (p.size() < 3) return invalid("error packet shorter than its code");
    MysqlHello h;
    h.kind = MysqlKind::error;
    h.error_code = static_cast<std::uint16_t>(le(p, 1, 2));
    auto msg = p.substr(3);
    if (msg.starts_with('#') && msg.size() >= 6) msg.remove_prefix(6);  // SQLSTATE marker + 5 chars
    h.error_message = std::string(msg.substr(0, k_max_text));
    return h;
}

MysqlHello parse_v10(std::string_view p) {
    MysqlHello h;
    const auto vend = nul_end(p, 1);
    if (vend == std::string_view::npos) return invalid("server version not terminated");
    h.version = std::string(p.substr(1, std::min(vend - 1, k_max_text)));
    std::size_t at = vend + 1;
    // thread id (4), auth data part 1 (8), filler (1), capabilities low (2)
    if (p.size() < at + 15) return invalid("greeting shorter than its fixed fields");
    h.capabilities = le(p, at + 13, 2);
    at += 15;
    h.kind = MysqlKind::greeting;
    // charset (1), status (2), capabilities high (2), auth data length (1), reserved (10)
    if (p.size() < at + 16) return h;  // a pre-4.1 server stops here
    h.capabilities |= le(p, at + 3, 2) << 16;
    const std::size_t auth_len = static_cast<unsigned char>(p[at + 5]);
    at += 16;
    if (h.capabilities & k_client_secure_connection) {
        at += std::max<std::size_t>(13, auth_len > 8 ? auth_len - 8 : 0);
        if (at > p.size()) return invalid("auth data past the end of the packet");
    }
    if (h.capabilities & k_client_plugin_auth) {
        // Some servers omit the final NUL (MySQL bug #59453): the name runs to the end.
        auto end = nul_end(p, at);
        if (end == std::string_view::npos) end = p.size();
        h.auth_plugin = std::string(p.substr(at, std::min(end - at, k_max_text)));
    }
    return h;
}

}  // namespace

bool looks_like_mysql(std::string_view b) {
    if (b.size() < 5 || b[3] != '\0' || le(b, 0, 3) == 0) return false;
    return b[4] == '\x0a' || b[4] == '\xff';
}

bool mysql_packet_complete(std::string_view b, std::size_t max_packet) {
    if (b.size() < 4 || b[3] != '\0') return false;
    const auto len = le(b, 0, 3);
    return len > 0 && len <= max_packet && b.size() >= 4 + len;
}

MysqlHello parse_mysql_greeting(std::string_view bytes, std::size_t max_packet) {
    if (bytes.size() < 4) return {};
    if (bytes[3] != '\0') return invalid("first packet's sequence number is not 0");
    const auto len = le(bytes, 0, 3);
    if (len == 0) return invalid("empty first packet");
    if (len > max_packet) return invalid("declared length " + std::to_string(len) + " over the " +
                                         std::to_string(max_packet) + "-byte cap");
    if (bytes.size() < 4 + len) return {};
    const auto p = bytes.substr(4, len);
    if (p[0] == '\xff') return parse_error(p);
    if (p[0] == '\x0a') return parse_v10(p);
    return invalid("protocol " + std::to_string(static_cast<unsigned char>(p[0])) + " is not 10");
}

}  // namespace exposcan::probe
