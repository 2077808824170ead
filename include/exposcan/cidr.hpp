// The one CIDR syntax of exposcan: scan targets, policy addresses, CDN range
// files, SPF ip4:/ip6: terms all parse here (docs/policy.md "Addresses").
#pragma once
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exposcan/options.hpp"

namespace exposcan {

// Address arithmetic shared by the parser and CidrSet (leak/cidr_set.hpp).
using u128 = unsigned __int128;
inline u128 to_u128(const boost::asio::ip::address_v6& a) {
    u128 v = 0;
    for (auto b : a.to_bytes()) v = (v << 8) | b;
    return v;
}
inline std::uint32_t mask_v4(int prefix) { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }
inline u128 mask_v6(int prefix) { return prefix == 0 ? 0 : ~u128{0} << (128 - prefix); }

struct Cidr {
    boost::asio::ip::address network;  // host bits are zero
    int prefix = 0;                    // 0-32 (v4) or 0-128 (v6)
    [[nodiscard]] std::string to_string() const;
    [[nodiscard]] bool is_v4() const { return network.is_v4(); }
    // Whether `a` (a v4-mapped v6 address counts as its v4 address) is in the network.
    [[nodiscard]] bool contains(const boost::asio::ip::address& a) const;
};

// "a.b.c.d/n", "x::/n", "[x::]/n", or a bare address (= /32, /128).
// The rule: the prefix is plain decimal within the family's width, and host
// bits must be zero. "203.0.113.5/24" is rejected with a hint ("did you mean
// 203.0.113.0/24?"), not widened: in a gate, a typo must not turn one host
// into 256. No zone id (%eth0). A v4-mapped v6 network with prefix >= 96 is
// the v4 network it maps. nullopt with *why set (one line, no input echo) on
// anything else.
std::optional<Cidr> parse_cidr(std::string_view text, std::string* why = nullptr);

// ::ffff:a.b.c.d -> a.b.c.d; every other address unchanged.
boost::asio::ip::address unmap_v4(const boost::asio::ip::address& a);

// Blocks -> addresses (core/cidr_block.cpp): scan targets, policy addresses
// and leak --near all expand here, under the same scope rules.

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

}  // namespace exposcan
