// Egress leak: a site that fetches URLs (Mastodon link previews, remote
// follows, webhooks) connects out from the origin's own address unless its
// outgoing HTTP goes through a proxy. A bounded one-shot listener records the
// source of whatever fetches a unique URL; the user makes the site fetch it.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "leak/audit_context.hpp"

namespace exposcan::leak {

inline constexpr std::size_t k_egress_request_cap = 8 * 1024;      // request head bytes read per connection
inline constexpr std::chrono::seconds k_egress_read_timeout{5};     // per connection
inline constexpr std::size_t k_egress_max_connections = 64;         // strays before the fetch we wait for

struct EgressSpec {
    boost::asio::ip::tcp::endpoint listen;
    std::chrono::seconds timeout{120};
    std::function<void(const std::string& url)> on_url;  // told the URL to fetch once listening
};

// Listens until one request for the unique path arrives or `timeout`; records
// an `egress.fetch` check: the origin as source = finding, a CDN address =
// clean, another address = third-party (listed), nothing = inconclusive.
boost::asio::awaitable<void> listen_egress(AuditContext& ctx, EgressSpec spec);

}  // namespace exposcan::leak
