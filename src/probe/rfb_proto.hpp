// VNC's RFB handshake as far as the probe needs it (RFC 6143 §7.1, pure,
// bounded): the server's ProtocolVersion line and the security types it
// offers. The probe answers the version and reads the offer; it never selects
// a security type, so no authentication (and no session) is ever started.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::probe {

enum class RfbKind { incomplete, ok, refused, invalid };

struct RfbVersion {
    RfbKind kind = RfbKind::incomplete;
    int major = 0;
    int minor = 0;
    static constexpr std::size_t k_size = 12;  // "RFB 003.008\n"
};

// `RFB xxx.yyy\n` (exactly 12 bytes, three digits each).
RfbVersion parse_rfb_version(std::string_view bytes);

// Version 3.3 (and 3.4-3.6, which clients treat as 3.3): the server picks
// the type (one u32). 3.7 and later: the server lists them.
bool rfb_server_picks(const RfbVersion& v);

// What we answer: the highest of 3.3 / 3.7 / 3.8 the server supports.
std::string rfb_client_version(const RfbVersion& v);

struct RfbSecurity {
    RfbKind kind = RfbKind::incomplete;  // refused: the server sent a failure reason instead of types
    std::vector<std::uint8_t> types;     // in the server's order
    std::string reason;                  // of a refusal ("Too many security failures")
    std::string problem;                 // why invalid
};

// The bytes after our version: 3.7+ `u8 n, n types` (n = 0: `u32 length,
// reason`); 3.3 `u32 type` (0: `u32 length, reason`). A reason longer than
// max_reason is invalid as soon as its length is read.
RfbSecurity parse_rfb_security(std::string_view bytes, bool server_picks, std::size_t max_reason = 1024);

// "None", "VNC", "VeNCrypt", ... or the number.
std::string rfb_type_name(std::uint8_t type);

}  // namespace exposcan::probe
