#include "probe/resp.hpp"

#include <charconv>

namespace exposcan::probe {

namespace {

constexpr std::size_t k_max_line = 4096;  // a status/error line longer than this is not Redis

// Signed decimal in [lo, hi]; false if malformed.
bool parse_int(std::string_view s, long long& out) {
    if (s.empty() || s.size() > 20) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

RespReply parse_resp(std::string_view bytes, std::size_t max_bulk) {
    RespReply r;
    if (bytes.empty()) return r;
    auto eol = bytes.find("\r\n");
    if (eol == std::string_view::npos) {
        if (bytes.size() > k_max_line) r.kind = RespKind::invalid;
        return r;
    }
    if (eol > k_max_line) return {RespKind::invalid, "", 0};
    auto line = bytes.substr(1, eol - 1);
    const std::size_t head = eol + 2;
    switch (bytes[0]) {
    case '+': return {RespKind::simple, std::string(line), head};
    case '-': return {RespKind::error, std::string(line), head};
    case ':': return {RespKind::integer, std::string(line), head};
    case '*': return {RespKind::array, std::string(line), head};
    case '$': break;
    default: return {RespKind::invalid, "", 0};
    }
    long long len = 0;
    if (!parse_int(line, len) || len < -1) return {RespKind::invalid, "", 0};
    if (len == -1) return {RespKind::null, "", head};
    if (static_cast<unsigned long long>(len) > max_bulk) return {RespKind::invalid, "", 0};
    const auto need = head + static_cast<std::size_t>(len) + 2;
    if (bytes.size() < need) return r;  // incomplete
    if (bytes.substr(need - 2, 2) != "\r\n") return {RespKind::invalid, "", 0};
    return {RespKind::bulk, std::string(bytes.substr(head, static_cast<std::size_t>(len))), need};
}

std::string resp_command(std::initializer_list<std::string_view> args) {
    std::string out = "*" + std::to_string(args.size()) + "\r\n";
    for (auto a : args) {
        out += "$" + std::to_string(a.size()) + "\r\n";
        out += a;
        out += "\r\n";
    }
    return out;
}

std::string info_field(std::string_view info, std::string_view key) {
    std::size_t pos = 0;
    while (pos < info.size()) {
        auto eol = info.find('\n', pos);
        auto line = info.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ':') {
            auto value = line.substr(key.size() + 1);
            if (!value.empty() && value.back() == '\r') value.remove_suffix(1);
            return std::string(value);
        }
        if (eol == std::string_view::npos) break;
        pos = eol + 1;
    }
    return "";
}

}  // namespace exposcan::probe
