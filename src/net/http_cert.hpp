// Leaf-certificate fields out of CURLINFO_CERTINFO. Private to src/net/.
#pragma once
#include <curl/curl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/http.hpp"

namespace exposcan::net::detail {

// "DNS:a.example, IP Address:192.0.2.1" -> {"DNS:a.example", "IP:192.0.2.1"}.
// Pure; other general-name types (email, URI) are dropped.
std::vector<std::string> parse_san_list(std::string_view value);

// "Dec  3 10:00:00 2027 GMT" (OpenSSL's ASN1_TIME_print) or "2027-12-03 10:00:00 GMT"
// -> seconds since the epoch; nullopt when neither. Pure.
std::optional<std::int64_t> parse_cert_time(std::string_view text);

// Fills cert_subject / cert_sans / cert_issuer / cert_not_after from the
// first (leaf) certificate, and tls_version from the TLS session.
void read_certificate(CURL* easy, HttpResponse& response);

}  // namespace exposcan::net::detail
