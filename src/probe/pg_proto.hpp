// PostgreSQL v3 frontend/backend messages the probe needs, pure and bounded.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace exposcan::probe {

std::string pg_ssl_request();  // 8 bytes: length 8, code 80877103
// StartupMessage v3.0 with user/database and nothing secret in it.
std::string pg_startup_message(std::string_view user, std::string_view database);

enum class PgKind { incomplete, auth, error, invalid };

struct PgReply {
    PgKind kind = PgKind::incomplete;
    std::int32_t auth_code = -1;     // 0 ok (trust), 3 cleartext, 5 md5, 10 SASL, ...
    std::string sqlstate;            // 'C' field of an ErrorResponse
    std::string message;             // 'M' field
    std::string server_version;      // ParameterStatus after AuthenticationOk
    bool ready = false;              // ReadyForQuery seen (nothing more will come unasked)
};

// Parses the backend's answer to a StartupMessage: the first 'R' or 'E'
// decides; after AuthenticationOk, ParameterStatus messages are read for
// server_version. A message length above max_message is invalid.
PgReply parse_pg_startup_reply(std::string_view bytes, std::size_t max_message = 16384);

}  // namespace exposcan::probe
