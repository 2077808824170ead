// State shared by the DNS and HTTP parts of one audit: what we compare against,
// the report being filled, and what DNS found that the HTTP part needs.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "leak/classify.hpp"
#include "net/dns.hpp"

namespace exposcan::leak {

struct AuditContext {
    AuditContext(Classifier c, const LeakOptions& o, const Limits& l, LeakReport& r, net::DnsResolver& d)
        : classifier(std::move(c)), options(o), limits(l), report(r), dns(d) {}
    Classifier classifier;
    const LeakOptions& options;
    const Limits& limits;
    LeakReport& report;
    net::DnsResolver& dns;
    std::vector<std::string> wordlist;
    std::uint16_t http_port = 80;
    std::uint16_t https_port = 443;
    bool verify_cdn_tls = true;
    // Filled by the DNS part: the apex's CDN addresses (HTTP through the CDN goes
    // there) and every non-CDN address of the domain (searched for in HTTP answers).
    std::vector<boost::asio::ip::address> cdn_addresses;
    std::set<boost::asio::ip::address> exposed_addresses;
    // What random labels resolve to (dns_names.cpp): a wordlist or CT name with
    // exactly these addresses only matches the wildcard and is no leak.
    std::set<boost::asio::ip::address> wildcard_addresses;
    boost::asio::io_context* io = nullptr;  // for the CT fetch

    // Adds a LeakCheck; value and detail are sanitized here.
    void record(std::string_view check, std::string_view subject, std::string_view value,
                std::string_view verdict, std::string_view detail = {});
    // A check that could not be decided: also one line in report.inconclusive.
    void undecided(std::string_view check, std::string_view subject, std::string_view why);
};

// Addresses of a name (A then AAAA), following CNAME chains across answers.
struct Resolved {
    std::vector<boost::asio::ip::address> addresses;
    std::vector<std::string> chain;  // names followed, starting with the queried one
    bool exists = true;              // false: NXDOMAIN
    std::string failure;             // non-empty: undecided (SERVFAIL, timeout, CNAME loop, ...)
};
inline constexpr int k_max_cname_depth = 8;
boost::asio::awaitable<Resolved> resolve_host(AuditContext& ctx, std::string name);

// Records every address of `r` under `check` (dns.cname when reached through a
// CNAME chain), or its failure. `own` false: a third party's name.
void record_addresses(AuditContext& ctx, std::string_view check, std::string_view subject, const Resolved& r,
                      bool own, std::string_view context = {});

// Runs every task concurrently on the current executor, returns when all ended.
// An exception from a task is rethrown after all ended (tasks should not throw).
boost::asio::awaitable<void> run_all(std::vector<std::function<boost::asio::awaitable<void>()>> tasks);
// The same with at most `limit` tasks running at a time (a --near sweep of a
// /24 must not open 512 connections at once).
boost::asio::awaitable<void> run_bounded(std::vector<std::function<boost::asio::awaitable<void>()>> tasks,
                                         std::size_t limit);

}  // namespace exposcan::leak
