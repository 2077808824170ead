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
// the user named the block). Host bits in the spec are ignored (the block
// containing the address). Throws UsageError: bad syntax, wider than the
// limits (without allow_wide), more than k_max_block_addresses.
std::vector<boost::asio::ip::address> expand_cidr(std::string_view spec, const Limits& limits);

}  // namespace exposcan::scan
