// Leaf-certificate fields out of CURLINFO_CERTINFO. Private to src/net/.
#pragma once
#include <curl/curl.h>

#include <string>
#include <string_view>
#include <vector>

#include "net/http.hpp"

namespace exposcan::net::detail {

// "DNS:a.example, IP Address:192.0.2.1" -> {"DNS:a.example", "IP:192.0.2.1"}.
// Pure; other general-name types (email, URI) are dropped.
std::vector<std::string> parse_san_list(std::string_view value);

// Fills cert_subject / cert_sans from the first (leaf) certificate.
void read_certificate(CURL* easy, HttpResponse& response);

}  // namespace exposcan::net::detail
