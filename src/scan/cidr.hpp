// CIDR blocks ("203.0.113.0/28", "2001:db8::/124") -> every address in them.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <string_view>
#include <vector>

#include "exposcan/options.hpp"

namespace exposcan::scan {

// Hard cap even with allow_wide: a Target per address must stay cheap.
inline constexpr std::size_t k_max_block_addresses = 65536;

// Every address of the block, network and broadcast included (as nmap does:
// the user named the block). The syntax is core's parse_cidr (host bits set is
// an error, with the network it would have meant). Throws UsageError: bad
// syntax, wider than the limits (without allow_wide), more than
// k_max_block_addresses.
std::vector<boost::asio::ip::address> expand_cidr(std::string_view spec, const Limits& limits);

// The same scope rule for a hostname's resolved addresses: more addresses of
// one family than the widest allowed block holds (256 for /24, /120) need
// allow_wide, and more than k_max_block_addresses are refused even then.
// Without it, a name resolving to 5,000 addresses would be scanned in full
// where a /23 is refused. Throws UsageError.
void check_resolved_scope(std::string_view name, const std::vector<boost::asio::ip::address>& addresses,
                          const Limits& limits);

}  // namespace exposcan::scan
