// RESP (Redis protocol) reply parsing, pure and bounded: a bulk length larger
// than the caller's cap is rejected at once instead of waited for.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace exposcan::probe {

enum class RespKind { incomplete, simple, error, integer, bulk, null, array, invalid };

struct RespReply {
    RespKind kind = RespKind::incomplete;
    std::string text;       // simple/error line, bulk payload (bulk capped by max_bulk)
    std::size_t consumed = 0;  // bytes of `bytes` this reply used
};

// Parses the first reply in `bytes`. Arrays are reported by kind only (their
// elements are not needed by the probe). max_bulk bounds a bulk's length.
RespReply parse_resp(std::string_view bytes, std::size_t max_bulk);

// A RESP array command: {"INFO", "server"} -> "*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n".
std::string resp_command(std::initializer_list<std::string_view> args);

// "redis_version:7.0.15\r\n..." -> "7.0.15" ("" when absent). Pure.
std::string info_field(std::string_view info, std::string_view key);

}  // namespace exposcan::probe
