// The HTTP/TLS half of the audit (uses DNS results from the context).
#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>

#include "exposcan/leak.hpp"
#include "leak/audit_context.hpp"
#include "leak/similarity.hpp"
#include "net/http.hpp"

namespace exposcan::leak {

// Two phases. (1) Through the CDN: GET / and a random 404 path over http, and
// the crawl over https (home, well-known paths, --path, same-site links),
// looking for origin/non-CDN addresses in headers, Location and bodies; each
// origin's default certificate (no SNI, bogus SNI) naming the domain.
// (2) Each origin (and --old-origin) asked directly with the real Host and SNI
// on the site's ports and the CDN's other proxied ports, compared with what
// the CDN served; client-certificate enforcement on its TLS ports; its bare
// IP's favicon against the site's.
boost::asio::awaitable<void> audit_http(AuditContext& ctx, net::HttpClient& http, const LeakRequest& request);

// What the CDN serves, to compare the origin's direct answers with.
struct SiteReference {
    std::optional<PageSummary> home;      // GET / through the CDN (https, else http)
    std::optional<std::int32_t> favicon;  // Shodan hash of /favicon.ico through the CDN
};

// http_audit.cpp: one request through the CDN, recorded (http.cdn) and judged
// under `shown` (the URL findings name). Returns the response (status 0: no answer).
boost::asio::awaitable<net::HttpResponse> fetch_cdn(AuditContext& ctx, net::HttpClient& http, bool tls,
                                                    const std::string& path, const std::string& shown);
std::string scheme_url(bool tls, const std::string& host, std::uint16_t port, std::string_view path);

// crawl.cpp: the pages through the CDN (docs/leak.md "Pages").
boost::asio::awaitable<void> crawl_cdn(AuditContext& ctx, net::HttpClient& http, const LeakRequest& request,
                                       SiteReference& site);

// origin_direct.cpp: phase 2 for every origin and old origin.
boost::asio::awaitable<void> audit_origins(AuditContext& ctx, net::HttpClient& http, const LeakRequest& request,
                                           const SiteReference& site);

// near.cpp: the addresses of every --near block (the scan's CIDR scope rules:
// wider than /24 or /120 needs allow_wide). Throws UsageError "--near: ...".
std::vector<boost::asio::ip::address> near_addresses(const LeakRequest& request, const Limits& limits);

// http_probe.cpp: one request's pieces.
std::string authority(const std::string& host, std::uint16_t port);  // host[:port], v6 bracketed
std::string connect_to(const std::string& host, std::uint16_t port, const boost::asio::ip::address& to);
std::string random_token();                                            // 16 hex chars
std::string describe(const net::HttpResponse& r);                      // "HTTP 200" or the error
net::HttpRequest base_request(const AuditContext& ctx, std::string url);
void inspect_response(AuditContext& ctx, const std::string& url, const net::HttpResponse& response);

}  // namespace exposcan::leak
