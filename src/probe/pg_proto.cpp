#include "probe/pg_proto.hpp"

namespace exposcan::probe {

namespace {

void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

std::uint32_t get32(std::string_view b, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | std::uint8_t(b[at + i]);
    return v;
}

// ErrorResponse body: (type byte, C string)* terminated by a zero byte.
void read_error_fields(std::string_view body, PgReply& r) {
    std::size_t pos = 0;
    while (pos < body.size() && body[pos] != '\0') {
        char type = body[pos++];
        auto end = body.find('\0', pos);
        if (end == std::string_view::npos) end = body.size();
        auto value = body.substr(pos, end - pos);
        if (type == 'C') r.sqlstate = std::string(value);
        if (type == 'M') r.message = std::string(value);
        pos = end + 1;
    }
}

// ParameterStatus body: name\0value\0.
void read_parameter(std::string_view body, PgReply& r) {
    auto nul = body.find('\0');
    if (nul == std::string_view::npos || body.substr(0, nul) != "server_version") return;
    auto value = body.substr(nul + 1);
    r.server_version = std::string(value.substr(0, value.find('\0')));
}

PgReply invalid_reply() {
    PgReply r;
    r.kind = PgKind::invalid;
    return r;
}

}  // namespace

std::string pg_ssl_request() {
    std::string out;
    put32(out, 8);
    put32(out, 80877103);
    return out;
}

std::string pg_startup_message(std::string_view user, std::string_view database) {
    std::string body;
    put32(body, 196608);  // protocol 3.0
    for (auto s : {std::string_view("user"), user, std::string_view("database"), database}) {
        body += s;
        body += '\0';
    }
    body += '\0';
    std::string out;
    put32(out, static_cast<std::uint32_t>(body.size() + 4));
    return out + body;
}

PgReply parse_pg_startup_reply(std::string_view bytes, std::size_t max_message) {
    PgReply r;
    std::size_t pos = 0;
    while (bytes.size() - pos >= 5) {
        const char type = bytes[pos];
        const std::uint32_t len = get32(bytes, pos + 1);
        if (len < 4 || len > max_message) return invalid_reply();
        if (bytes.size() - pos < 1 + std::size_t(len)) break;
        auto body = bytes.substr(pos + 5, len - 4);
        pos += 1 + len;
        if (r.kind == PgKind::incomplete) {
            if (type == 'E') r.kind = PgKind::error, read_error_fields(body, r);
            else if (type == 'R' && body.size() >= 4) r.kind = PgKind::auth, r.auth_code = std::int32_t(get32(body, 0));
            else return invalid_reply();
            if (r.kind == PgKind::error || r.auth_code != 0) return r;
            continue;
        }
        if (type == 'S') read_parameter(body, r);
        if (type == 'Z') r.ready = true;
    }
    return r;
}

}  // namespace exposcan::probe
