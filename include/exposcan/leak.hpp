// Origin-leak audit (src/leak/): do DNS, HTTP or TLS reveal the origin behind
// the CDN? See docs/design.md "Origin-leak audit".
#pragma once
#include <boost/asio/ip/address.hpp>
#include <string>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"

namespace exposcan::leak {

struct LeakRequest {
    std::string domain;
    std::vector<boost::asio::ip::address> origins;  // known origin addresses
    std::string cdn = "cloudflare";                 // built-in name, or "file" with options.cdn_ranges_file
};

// Runs every DNS/HTTP/TLS check. Never throws for network outcomes; parts
// that could not be decided are listed in LeakReport::inconclusive.
LeakReport audit(const LeakRequest& request, const LeakOptions& options, const Limits& limits);

// Findings (leak.dns.*, leak.http.*, leak.tls.cert-san, origin.serves-directly).
std::vector<Finding> findings_from(const LeakReport& report, const std::string& target_name);

}  // namespace exposcan::leak
