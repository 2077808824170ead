// LeakReport -> Findings: every check whose verdict is `origin` (the rule's
// elevated severity) or `other` (its usual one) becomes a finding; rule,
// title and fix come from the catalog (exposcan/rules.hpp). One name ->
// address found by several DNS paths is one finding (docs/leak.md "Rules").
#include "leak/findings.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "exposcan/leak.hpp"
#include "leak/classify.hpp"

namespace exposcan::leak {

namespace {

struct CheckRule {
    std::string_view check;
    Rule rule;
};

constexpr CheckRule k_check_rules[] = {
    {"dns.a", Rule::leak_dns_a},
    {"dns.aaaa", Rule::leak_dns_aaaa},
    {"dns.cname", Rule::leak_dns_cname},
    {"dns.mx", Rule::leak_dns_mx},
    {"dns.spf", Rule::leak_dns_spf},
    {"dns.txt", Rule::leak_dns_txt},
    {"dns.ns", Rule::leak_dns_ns},
    {"dns.ptr", Rule::leak_dns_ptr},
    {"dns.subdomain", Rule::leak_dns_subdomain},
    {"dns.soa", Rule::leak_dns_soa},
    {"dns.srv", Rule::leak_dns_srv},
    {"dns.https", Rule::leak_dns_https},
    {"dns.axfr", Rule::leak_dns_axfr},
    {"ct.name", Rule::leak_ct_name},
    {"http.header", Rule::leak_http_header},
    {"http.redirect", Rule::leak_http_redirect},
    {"http.body", Rule::leak_http_body},
    {"tls.cert-san", Rule::leak_tls_cert_san},
    {"origin.serves-directly", Rule::origin_serves_directly},
    {"origin.favicon", Rule::origin_favicon},
    {"origin.no-client-cert", Rule::origin_no_client_cert},
    {"origin.old-address", Rule::origin_old_address},
    {"origin.near-address", Rule::origin_near_address},
    {"egress.fetch", Rule::leak_egress},
};

// Checks whose subject is a host name and whose value is an address it
// resolves to. The same (name, address) reached by several of them is one
// fact: the most specific check (first here) names the finding, the others
// are listed in its evidence. A wordlist hit is the least specific.
constexpr std::string_view k_host_checks[] = {"dns.mx",   "dns.ns",   "dns.soa", "dns.srv",      "dns.https",
                                              "dns.cname", "dns.a",   "dns.aaaa", "ct.name",      "dns.subdomain"};

std::ptrdiff_t host_rank(std::string_view check) {
    auto it = std::find(std::begin(k_host_checks), std::end(k_host_checks), check);
    return it == std::end(k_host_checks) ? -1 : it - std::begin(k_host_checks);
}

bool is_finding(const LeakCheck& c) { return c.verdict == verdict::origin || c.verdict == verdict::other; }

using HostKey = std::pair<std::string, std::string>;  // (name, address)

// Every (name, address) found by a host check, with the checks that found it, most specific first.
std::map<HostKey, std::vector<const LeakCheck*>> host_paths(const LeakReport& report) {
    std::map<HostKey, std::vector<const LeakCheck*>> out;
    for (const auto& c : report.checks)
        if (is_finding(c) && host_rank(c.check) >= 0) out[{c.subject, c.value}].push_back(&c);
    for (auto& [key, found] : out)
        std::stable_sort(found.begin(), found.end(),
                         [](const LeakCheck* a, const LeakCheck* b) { return host_rank(a->check) < host_rank(b->check); });
    return out;
}

// Stable across runs (baseline identity): header findings by header name,
// body findings by URL only, everything else by the address/name found.
std::string location_of(const LeakCheck& c) {
    auto base = c.check.starts_with("dns.") || c.check.starts_with("ct.") ? "dns://" + c.subject : c.subject;
    if (c.check == "http.header" || c.check == "http.redirect") return base + "#" + c.value.substr(0, c.value.find(':'));
    if (c.check == "http.body" || c.value.empty()) return base;
    return base + "#" + c.value;
}

// `c` as a finding; `also` are the other checks that found the same fact.
Finding finding_of(const LeakCheck& c, Rule rule, const std::vector<const LeakCheck*>& also,
                   const std::string& target_name) {
    const auto& info = rules::info(rule);
    bool origin = c.verdict == verdict::origin ||
                  std::any_of(also.begin(), also.end(), [](const LeakCheck* o) { return o->verdict == verdict::origin; });
    Finding f;
    f.rule = std::string(info.id);
    f.severity = info.severity_if(origin);
    f.target = target_name;
    f.address = c.value;
    f.location = location_of(c);
    f.title = std::string(info.title) + (origin ? "" : " (unknown host serving the domain)");
    f.evidence = c.subject + " -> " + c.value + (c.detail.empty() ? "" : " (" + c.detail + ")");
    std::string others;
    for (const auto* o : also)
        if (o->check != c.check && others.find(o->check) == std::string::npos)
            others += (others.empty() ? "" : ", ") + o->check;
    if (!others.empty()) f.evidence += "; also found by " + others;
    f.fix = std::string(info.fix);
    return f;
}

}  // namespace

std::optional<Rule> rule_for_check(std::string_view check) {
    for (const auto& cr : k_check_rules)
        if (cr.check == check) return cr.rule;
    return std::nullopt;
}

RuleFamilies evaluated_families(const LeakRequest& request) {
    RuleFamilies families{RuleFamily::dns_leak};
    if (request.http) families.add(RuleFamily::web_leak);
    return families;
}

std::vector<Finding> findings_from(const LeakReport& report, const std::string& target_name) {
    auto hosts = host_paths(report);
    std::vector<Finding> out;
    for (const auto& c : report.checks) {
        auto rule = is_finding(c) ? rule_for_check(c.check) : std::nullopt;
        if (!rule) continue;
        std::vector<const LeakCheck*> also;
        if (host_rank(c.check) >= 0) {
            const auto& same = hosts.at({c.subject, c.value});
            if (same.front()->check != c.check) continue;  // reported under the more specific check
            also.assign(same.begin() + 1, same.end());
        }
        auto f = finding_of(c, *rule, also, target_name);
        if (std::none_of(out.begin(), out.end(), [&](const Finding& g) { return g.key() == f.key(); }))
            out.push_back(std::move(f));
    }
    return out;
}

}  // namespace exposcan::leak
