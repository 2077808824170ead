// Where does an address (or network, or name) stand relative to the audited
// site: the CDN, the origin itself, or somewhere else?
#pragma once
#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "leak/cidr_set.hpp"

namespace exposcan::leak {

// LeakCheck::verdict values (docs/leak.md "Verdicts").
namespace verdict {
inline constexpr std::string_view cdn = "cdn";                  // inside the CDN's ranges: fine
inline constexpr std::string_view origin = "origin";            // reveals a known origin: high
inline constexpr std::string_view other = "other";              // non-CDN host of the domain: medium
inline constexpr std::string_view third_party = "third-party";  // a provider's host (MX/SPF/NS elsewhere)
inline constexpr std::string_view clean = "clean";
inline constexpr std::string_view nxdomain = "nxdomain";
inline constexpr std::string_view nodata = "nodata";
inline constexpr std::string_view inconclusive = "inconclusive";
inline constexpr std::string_view skipped = "skipped";
}  // namespace verdict

std::string normalize_name(std::string_view name);  // lower case, no trailing dot

class Classifier {
public:
    Classifier(std::string domain, std::vector<boost::asio::ip::address> origins, CidrSet cdn);

    // origin when equal to a known origin; cdn inside the ranges; otherwise
    // `other` for the domain's own names, `third_party` for foreign names.
    [[nodiscard]] std::string_view classify(const boost::asio::ip::address& a, bool own_name) const;
    // A network (SPF ip4:/ip6:) is `origin` when it contains an origin.
    [[nodiscard]] std::string_view classify(const Cidr& network, bool own_name) const;
    [[nodiscard]] bool is_origin(const boost::asio::ip::address& a) const;
    // The domain itself or a name below it.
    [[nodiscard]] bool in_domain(std::string_view name) const;
    [[nodiscard]] const std::string& domain() const { return domain_; }
    [[nodiscard]] const std::vector<boost::asio::ip::address>& origins() const { return origins_; }
    [[nodiscard]] const CidrSet& cdn() const { return cdn_; }

private:
    std::string domain_;
    std::vector<boost::asio::ip::address> origins_;  // v4-mapped ones unmapped
    CidrSet cdn_;
};

// Every IPv4/IPv6 literal in free text (headers, bodies, TXT), each once, in
// order: "1.2.3.4:8080" and "[2001:db8::1]:443" yield the address;
// "1.2.3.45" never yields 1.2.3.4.
std::vector<boost::asio::ip::address> ip_literals(std::string_view text);

}  // namespace exposcan::leak
