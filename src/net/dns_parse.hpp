// Raw DNS reply -> DnsAnswer (c-ares' parsers plus a small CNAME walker).
#pragma once
#include "net/dns.hpp"

namespace exposcan::net::detail {

// `ares_status` is what ares_query's callback got; abuf/alen its reply.
DnsAnswer make_answer(int ares_status, DnsType type, const unsigned char* abuf, int alen);

// c-ares query type (ns_t_*) for a DnsType.
int ares_type(DnsType type);

}  // namespace exposcan::net::detail
