// The MySQL/MariaDB server greeting (HandshakeV10) and the error packet a
// server sends instead of it (1130 "Host ... is not allowed to connect"),
// pure and bounded. The probe only reads what the server sends on accept; it
// never answers the handshake, so it never logs in.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace exposcan::probe {

enum class MysqlKind { incomplete, greeting, error, invalid };

struct MysqlHello {
    MysqlKind kind = MysqlKind::incomplete;
    std::string version;         // "8.0.36", "5.5.5-10.11.6-MariaDB-0+deb12u1"
    std::string auth_plugin;     // "mysql_native_password", "caching_sha2_password" ("" if not sent)
    std::uint32_t capabilities = 0;
    std::uint16_t error_code = 0;  // of an error packet (1130, 1040, 1129, ...)
    std::string error_message;
    std::string problem;           // why invalid: "declared length 16777215 over the cap", ...
};

// First packet: 3-byte little-endian length, sequence 0, payload. A declared
// length above max_packet is invalid as soon as the header is read.
MysqlHello parse_mysql_greeting(std::string_view bytes, std::size_t max_packet = 16384);

// The first bytes look like a MySQL packet header with sequence 0 and a
// greeting or error payload (0x0a / 0xff), whatever the declared length.
bool looks_like_mysql(std::string_view bytes);

// For a read loop: true once the first packet's declared length has arrived
// (false when the bytes are not a MySQL header or the length is over max_packet).
bool mysql_packet_complete(std::string_view bytes, std::size_t max_packet);

}  // namespace exposcan::probe
