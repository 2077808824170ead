// Origin-leak audit (src/leak/): do DNS, HTTP or TLS reveal the origin behind
// the CDN? See docs/leak.md.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"

namespace exposcan::leak {

struct LeakRequest {
    std::string domain;
    std::vector<boost::asio::ip::address> origins;  // known origin addresses
    std::string cdn = "cloudflare";                 // built-in name, or "file" with options.cdn_ranges_file
    std::uint16_t http_port = 80;                   // ports of the site (CDN) and the origin;
    std::uint16_t https_port = 443;                 //   other values for labs and tests
    bool verify_cdn_tls = true;                     // false: --insecure (lab CDN with a private CA)
    bool http = true;                               // false: DNS checks only (--no-http)
    std::chrono::seconds deadline{120};             // whole audit; what is unfinished then is inconclusive
    std::vector<std::string> paths;                 // --path: more pages to judge through the CDN ("/x")
    std::vector<std::uint16_t> origin_ports;        // --origin-port: more ports where the origin may serve the site
    std::vector<boost::asio::ip::address> old_origins;  // --old-origin: earlier addresses that must not serve it
    std::vector<std::string> near;                  // --near CIDR: owner's blocks swept for a copy of the site
    std::string egress_listen;                      // --egress-listen ADDR:PORT (empty: no egress check)
    std::chrono::seconds egress_timeout{120};       // how long the listener waits for the fetch
    std::function<void(const std::string& url)> on_egress_url;  // told the URL the site must fetch
};

// Throws UsageError when the domain is not a valid DNS name, no origin is given,
// the DNS server spec or a file (wordlist, CDN ranges) is bad or over its cap.
// audit() checks the same first; callers that scan before the audit (check)
// call this before the first packet.
void validate(const LeakRequest& request, const LeakOptions& options, const Limits& limits);

// Runs every DNS/HTTP/TLS check. Never throws for network outcomes; parts
// that could not be decided are listed in LeakReport::inconclusive.
LeakReport audit(const LeakRequest& request, const LeakOptions& options, const Limits& limits);

// Findings (leak.dns.*, leak.http.*, leak.tls.cert-san, origin.serves-directly).
// One (name, address) found through several DNS paths (MX, NS, a wordlist
// subdomain, ...) is one finding whose evidence names the other paths.
std::vector<Finding> findings_from(const LeakReport& report, const std::string& target_name);

// The rule families audit() evaluates for this request (DNS; HTTP/TLS unless --no-http).
RuleFamilies evaluated_families(const LeakRequest& request);

}  // namespace exposcan::leak
