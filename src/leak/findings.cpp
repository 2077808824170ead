// LeakReport -> Findings: every check whose verdict is `origin` (high) or
// `other` (medium) becomes one finding with a fix hint (docs/leak.md "Rules").
#include <algorithm>
#include <string_view>

#include "exposcan/leak.hpp"
#include "leak/classify.hpp"

namespace exposcan::leak {

namespace {

struct Rule {
    std::string_view check;
    std::string_view title;
    std::string_view fix;
};

constexpr Rule k_rules[] = {
    {"dns.a", "the domain's A record points outside the CDN",
     "point the record at the CDN (proxied), and change the origin's address if it was ever published"},
    {"dns.aaaa", "the domain's AAAA record points outside the CDN",
     "remove the forgotten AAAA record or proxy it through the CDN; then change the origin's IPv6 address"},
    {"dns.cname", "a CNAME chain ends outside the CDN",
     "point the CNAME at the CDN hostname, or remove it"},
    {"dns.subdomain", "a subdomain resolves outside the CDN",
     "remove or rename the direct subdomain, or point it at the CDN (proxied)"},
    {"dns.mx", "an MX host resolves to the web server / outside the CDN",
     "move mail to a separate host or a mail provider; never receive mail on the origin"},
    {"dns.spf", "the SPF record names the origin / a non-CDN address",
     "send mail through a provider and authorize it with the provider's include:, not the origin's address"},
    {"dns.txt", "a TXT record contains an address outside the CDN", "remove the address from the TXT record"},
    {"dns.ns", "a name server of the domain runs on the origin / outside the CDN",
     "use the DNS provider's name servers, not one on the origin"},
    {"dns.ptr", "the origin's reverse DNS names the site",
     "ask the hosting provider to set a neutral PTR name for the origin address"},
    {"http.header", "a response header through the CDN reveals the origin",
     "strip or override the header at the origin (e.g. nginx proxy_hide_header / more_clear_headers)"},
    {"http.redirect", "a redirect through the CDN points at the origin address",
     "build redirects from the Host name (return 301 https://$host$request_uri), never from the address"},
    {"http.body", "a page served through the CDN contains the origin address",
     "use custom error pages that do not print server addresses"},
    {"tls.cert-san", "the origin's default certificate names the domain",
     "serve a separate default certificate and reject unknown SNI (nginx: ssl_reject_handshake on)"},
    {"origin.serves-directly", "the origin serves the site without the CDN",
     "allow only the CDN's ranges to 80/443 (firewall) and use Cloudflare Authenticated Origin Pulls"},
};

const Rule* rule_for(std::string_view check) {
    auto it = std::find_if(std::begin(k_rules), std::end(k_rules), [&](const Rule& r) { return r.check == check; });
    return it == std::end(k_rules) ? nullptr : &*it;
}

// Stable across runs (baseline identity): header findings by header name,
// body findings by URL only, everything else by the address/name found.
std::string location_of(const LeakCheck& c) {
    auto base = c.check.starts_with("dns.") ? "dns://" + c.subject : c.subject;
    if (c.check == "http.header" || c.check == "http.redirect") return base + "#" + c.value.substr(0, c.value.find(':'));
    if (c.check == "http.body" || c.value.empty()) return base;
    return base + "#" + c.value;
}

}  // namespace

std::vector<Finding> findings_from(const LeakReport& report, const std::string& target_name) {
    std::vector<Finding> out;
    for (const auto& c : report.checks) {
        bool origin = c.verdict == verdict::origin;
        if (!origin && c.verdict != verdict::other) continue;
        const Rule* rule = rule_for(c.check);
        if (!rule) continue;
        Finding f;
        f.rule = c.check == "origin.serves-directly" ? c.check : "leak." + c.check;
        f.severity = origin ? Severity::high : Severity::medium;
        f.target = target_name;
        f.address = c.value;
        f.location = location_of(c);
        f.title = std::string(rule->title) + (origin ? "" : " (unknown host serving the domain)");
        f.evidence = c.subject + " -> " + c.value + (c.detail.empty() ? "" : " (" + c.detail + ")");
        f.fix = std::string(rule->fix);
        if (std::none_of(out.begin(), out.end(), [&](const Finding& g) { return g.key() == f.key(); }))
            out.push_back(std::move(f));
    }
    return out;
}

}  // namespace exposcan::leak
