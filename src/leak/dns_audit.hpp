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

}  // namespace exposcan::leak
