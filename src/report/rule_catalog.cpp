#include "report/rule_catalog.hpp"

#include <array>

namespace exposcan::report {

namespace {

constexpr std::array k_rules = {
    RuleInfo{"port.unexpected-open", "UnexpectedOpenPort", "A port the policy expects closed or filtered accepts connections.",
             "Close it in the firewall or bind the service to 127.0.0.1. Docker-published ports bypass ufw: publish as "
             "127.0.0.1:PORT:PORT, filter in the DOCKER-USER chain, or set \"iptables\": false.",
             Severity::high},
    RuleInfo{"port.unexpected-closed", "UnexpectedClosedPort", "A port answers with a reset where the policy expects another state.",
             "If it should be filtered, add a drop rule; if it should be open, start the service or fix its bind address.",
             Severity::low},
    RuleInfo{"port.unexpected-filtered", "UnexpectedFilteredPort", "A port that should answer (open or closed) is silent.",
             "Check the service, the allow rule for this vantage point (e.g. the CDN ranges) and the provider firewall.",
             Severity::high},
    RuleInfo{"ipv6.parity", "Ipv6Parity", "A port's state differs between the target's IPv4 and IPv6 addresses.",
             "Firewall rules were added for one family only: add the same rule for IPv6 (ip6tables, ufw IPV6=yes, "
             "or one nftables inet table).",
             Severity::high},
    RuleInfo{"scan.incomplete", "ScanIncomplete", "The scan of an address did not finish; its results are partial.",
             "Re-run; check the scanner's network, ulimit -n and --rate. An incomplete run exits 2, never 0.",
             Severity::info},
    RuleInfo{"scan.suspect-middlebox", "SuspectMiddlebox",
             "Nearly every scanned port completes a handshake: a middlebox, tarpit or SYN proxy answers for the target.",
             "The open ports are probably not real services: scan from another vantage point, check for a SYN proxy or "
             "tarpit in front of the target, and verify individual ports with service probes.",
             Severity::high},
    RuleInfo{"service.no-auth", "ServiceWithoutAuthentication", "A service answers with data or admin access without credentials.",
             "Enable authentication and bind the service to 127.0.0.1 or a private address.", Severity::critical},
    RuleInfo{"service.info-leak", "ServiceInformationLeak", "A metrics or status endpoint is readable without credentials.",
             "Bind it to 127.0.0.1 or a private address, or put it behind authentication.", Severity::medium},
    RuleInfo{"leak.dns.a", "OriginInDnsA", "A DNS A/AAAA record points at the origin or outside the CDN.",
             "Point every public name at the CDN; move direct names off the public zone.", Severity::high},
    RuleInfo{"leak.dns.mx", "OriginInDnsMx", "An MX host resolves to the origin address.",
             "Send mail through a separate host or provider, not the web origin.", Severity::high},
    RuleInfo{"leak.dns.spf", "OriginInSpf", "The SPF record names the origin address.",
             "Send mail from another address and remove the origin from SPF.", Severity::medium},
    RuleInfo{"leak.dns.ptr", "OriginReverseDns", "The origin's reverse DNS (PTR) names the site.",
             "Ask the provider to set a neutral PTR record.", Severity::medium},
    RuleInfo{"leak.http.header", "OriginInHttpHeader", "An HTTP header served through the CDN reveals the origin.",
             "Strip or rewrite the header at the origin or the CDN.", Severity::medium},
    RuleInfo{"leak.http.redirect", "OriginInRedirect", "A redirect served through the CDN points at the origin.",
             "Build redirects from the public host name, not the origin address.", Severity::medium},
    RuleInfo{"leak.tls.cert-san", "OriginCertificateNamesSite", "The origin's default TLS certificate names the domain.",
             "Serve a neutral default certificate and drop connections without the right SNI.", Severity::medium},
    RuleInfo{"origin.serves-directly", "OriginServesDirectly", "The origin serves the site to a direct request, bypassing the CDN.",
             "Allow 80/443 only from the CDN's ranges (and use authenticated origin pulls).", Severity::high},
};

}  // namespace

std::span<const RuleInfo> all_rules() { return k_rules; }

RuleInfo rule_info(std::string_view id) {
    for (const auto& r : k_rules)
        if (r.id == id) return r;
    return RuleInfo{id, "", "", "", Severity::medium};
}

}  // namespace exposcan::report
