// memcached text `stats` and binary-protocol replies, pure and bounded.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace exposcan::probe {

enum class McTextKind { incomplete, stats, unauthenticated, error, invalid };

struct McText {
    McTextKind kind = McTextKind::incomplete;
    std::string version;  // STAT version
    std::string first_line;
};

// Reply to "stats\r\n": STAT lines up to END, or a CLIENT_ERROR/ERROR line.
McText parse_memcached_text(std::string_view bytes);

inline constexpr std::uint8_t k_mc_op_version = 0x0b;
inline constexpr std::uint8_t k_mc_op_stat = 0x10;
inline constexpr std::uint16_t k_mc_status_auth_error = 0x20;

// A 24-byte binary-protocol request with no key, extras or value.
std::string memcached_binary_request(std::uint8_t opcode);

struct McBinary {
    bool complete = false;
    bool valid = true;
    std::uint8_t opcode = 0;
    std::uint16_t status = 0;
    std::string value;           // body after extras and key
    std::size_t consumed = 0;
};

// First binary response packet in `bytes` (magic 0x81); body capped by max_body.
McBinary parse_memcached_binary(std::string_view bytes, std::size_t max_body);

}  // namespace exposcan::probe
