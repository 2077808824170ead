// Can this runner send a packet to an address at all? Asked before a scan
// (and again after it) so that a failure of OUR side never reads as a verdict
// about the target: a v4-only CI runner has no IPv6 route, 127.255.255.255 is
// a broadcast address, an `unreachable`/`prohibit`/`blackhole` route or a
// missing source address stops every SYN before it leaves. A TCP connect in
// those cases fails at once with ENETUNREACH/EACCES/..., the same errno an
// ICMP answer from the network gives, so the engine alone cannot tell them
// apart; the route lookup can.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>

namespace exposcan::scan {

// nullopt: the kernel has a route and a source address for `address` (a packet
// could leave). Otherwise one line naming the local cause, e.g. "no IPv6 route
// on this runner (Network is unreachable)". Sends nothing: it is a UDP
// connect(), which only looks up the route and picks the source address.
// Our own resource errors (EMFILE...) are not a routing verdict: nullopt, the
// engine deals with them.
std::optional<std::string> unsendable_reason(const boost::asio::ip::address& address);

}  // namespace exposcan::scan
