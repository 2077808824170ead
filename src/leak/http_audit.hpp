// The HTTP/TLS half of the audit (uses DNS results from the context).
#pragma once
#include <boost/asio/awaitable.hpp>

#include "leak/audit_context.hpp"
#include "net/http.hpp"

namespace exposcan::leak {

// (a) through the CDN: GET / and a random 404 path over http and https, looking
// for origin/non-CDN addresses in headers, Location and bodies; (b) each
// origin asked directly with the real Host and SNI; (c) each origin's default
// certificate (no SNI, and a bogus SNI) naming the domain.
boost::asio::awaitable<void> audit_http(AuditContext& ctx, net::HttpClient& http);

// http_probe.cpp: one request's pieces.
std::string authority(const std::string& host, std::uint16_t port);  // host[:port], v6 bracketed
std::string connect_to(const std::string& host, std::uint16_t port, const boost::asio::ip::address& to);
std::string random_token();                                            // 16 hex chars
net::HttpRequest base_request(const AuditContext& ctx, std::string url);
void inspect_response(AuditContext& ctx, const std::string& url, const net::HttpResponse& response);

}  // namespace exposcan::leak
