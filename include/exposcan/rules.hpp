// The rule catalog: every rule exposcan can report, in one table (src/core/rules.cpp).
// Emitters (policy, leak) name a rule by its enum, so an unknown id cannot
// compile; writers (SARIF, JUnit, docs/findings.md) read the same entries.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

namespace exposcan {

enum class Severity : std::uint8_t { info, low, medium, high, critical };
std::string_view to_string(Severity);
std::optional<Severity> parse_severity(std::string_view);

// What a run must have done for a rule to count as evaluated (JUnit lists
// only evaluated rules as test cases, SARIF as tool.driver.rules).
enum class RuleFamily : std::uint8_t {
    ports,      // a port scan was judged against expectations (port.*, scan.*)
    parity,     // a target had IPv4 and IPv6 addresses scanned (ipv6.parity)
    services,   // open ports were probed and services judged (service.*)
    dns_leak,   // the leak audit's DNS part ran (leak.dns.*)
    web_leak,   // the leak audit's HTTP/TLS part ran (leak.http.*, leak.tls.*, origin.*)
    vantages,   // merge compared the scans of two or more vantages (vantage.divergent)
};

// A set of RuleFamily values.
class RuleFamilies {
public:
    constexpr RuleFamilies() = default;
    constexpr RuleFamilies(std::initializer_list<RuleFamily> families) {
        for (auto f : families) add(f);
    }
    constexpr void add(RuleFamily f) { bits_ |= bit(f); }
    constexpr void add(RuleFamilies other) { bits_ |= other.bits_; }
    [[nodiscard]] constexpr bool contains(RuleFamily f) const { return (bits_ & bit(f)) != 0; }
    [[nodiscard]] constexpr bool empty() const { return bits_ == 0; }
    constexpr bool operator==(const RuleFamilies&) const = default;

private:
    static constexpr std::uint8_t bit(RuleFamily f) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(f)); }
    std::uint8_t bits_ = 0;
};

enum class Rule : std::uint8_t {
    port_unexpected_open,
    port_unexpected_closed,
    port_unexpected_filtered,
    scan_incomplete,
    scan_suspect_middlebox,
    ipv6_parity,
    vantage_divergent,
    service_no_auth,
    service_info_leak,
    leak_dns_a,
    leak_dns_aaaa,
    leak_dns_cname,
    leak_dns_mx,
    leak_dns_spf,
    leak_dns_txt,
    leak_dns_ns,
    leak_dns_ptr,
    leak_dns_subdomain,
    leak_dns_soa,
    leak_dns_srv,
    leak_dns_https,
    leak_dns_axfr,
    leak_ct_name,
    leak_http_header,
    leak_http_redirect,
    leak_http_body,
    leak_tls_cert_san,
    origin_serves_directly,
    origin_favicon,
    origin_no_client_cert,
    origin_old_address,
    origin_near_address,
    leak_egress,
    tls_certificate,
    tls_self_signed,
    tls_expired,
};

struct RuleInfo {
    Rule rule;
    std::string_view id;           // stable, in every output: "port.unexpected-open"
    std::string_view name;         // PascalCase (SARIF reportingDescriptor.name)
    RuleFamily family;
    Severity severity;             // the usual severity
    Severity elevated;             // the severity when `elevated_when` holds (== severity: no variant)
    std::string_view elevated_when;
    std::string_view title;        // one line; leak findings use it as their title
    std::string_view description;  // when the rule fires
    std::string_view fix;          // the fix hint; findings may carry a more specific one
    [[nodiscard]] Severity severity_if(bool is_elevated) const { return is_elevated ? elevated : severity; }
};

namespace rules {

std::span<const RuleInfo> all();
const RuleInfo& info(Rule rule);
inline std::string_view id(Rule rule) { return info(rule).id; }
// nullptr for an id this version does not know (e.g. from an older baseline).
const RuleInfo* find(std::string_view id);

// Ports whose exposure usually means data or a host takeover (databases,
// search engines, container and cluster control planes): port.unexpected-open
// is raised to its elevated severity on them.
std::span<const std::uint16_t> sensitive_ports();
bool is_sensitive_port(std::uint16_t port);

// Per service (ProbeResult::service): which rule an unauthenticated answer
// breaks, whether at its elevated severity, and the fix.
struct ServiceHint {
    std::string_view service;   // "" = any service not listed
    Rule rule;
    bool elevated;
    std::string_view fix;
};
std::span<const ServiceHint> service_hints();
const ServiceHint& service_hint(std::string_view service);

}  // namespace rules

}  // namespace exposcan
