// The DNS half of the audit: every record that could name the origin.
#pragma once
#include <boost/asio/awaitable.hpp>

#include "leak/audit_context.hpp"

namespace exposcan::leak {

// A/AAAA/CNAME of the apex, MX (+ hosts), TXT and SPF, NS (+ hosts), PTR of
// each origin, and every wordlist subdomain; concurrently, bounded by the
// resolver's in-flight limit.
boost::asio::awaitable<void> audit_dns(AuditContext& ctx);

// dns_mail.cpp
boost::asio::awaitable<void> audit_mx(AuditContext& ctx);
// TXT of the apex: SPF walk (dns_spf.cpp) and IP literals in other TXT records.
boost::asio::awaitable<void> audit_txt(AuditContext& ctx);
// IP literals (v4 and v6) in every TXT record of one name.
boost::asio::awaitable<void> audit_txt_of(AuditContext& ctx, std::string name);
// Cloudflare's _dc-mx companion: its MX hosts and its own A/AAAA.
boost::asio::awaitable<void> audit_dc_mx(AuditContext& ctx);

// dns_names.cpp: random labels resolve -> ctx.wildcard_addresses (and the
// wildcard judged once as *.domain). Run before the wordlist.
boost::asio::awaitable<void> detect_wildcard(AuditContext& ctx);
// true: every address of r is the wildcard's, so the name is no finding.
bool matches_wildcard(const AuditContext& ctx, const Resolved& r);
// SOA MNAME, common SRV targets, HTTPS/SVCB of apex and www, _dc-mx, AXFR.
boost::asio::awaitable<void> audit_more_names(AuditContext& ctx);

// ct.cpp: names from a crt.sh-compatible CT search (options.ct_url), judged.
boost::asio::awaitable<void> audit_ct(AuditContext& ctx);

}  // namespace exposcan::leak
