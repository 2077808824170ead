// Asynchronous DNS over c-ares, driven by the caller's Asio io_context: c-ares
// tells us which sockets to watch (ARES_OPT_SOCK_STATE_CB), Asio waits on them
// and on one timer (ares_timeout), and hands readiness back with
// ares_process_fd. c-ares is called from src/net/dns_*.cpp only.
// Network outcomes are values (DnsStatus), never exceptions.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exposcan::net {

// soa: names = MNAME; srv: names = targets; https and svcb: names = targets
// (not "."), addresses = ipv4hint/ipv6hint (parsed by net/dns_wire, c-ares
// 1.18 cannot).
enum class DnsType { a, aaaa, mx, txt, ns, ptr, soa, srv, https, svcb };
std::string_view to_string(DnsType);

enum class DnsStatus {
    ok,         // answer with records (possibly only CNAMEs)
    nodata,     // the name exists, no record of this type (an answer)
    nxdomain,   // the name does not exist (an answer)
    servfail,   // server failure: inconclusive
    refused,    // REFUSED / NOTIMP: inconclusive
    timeout,    // no answer after every try (incl. truncated UDP whose TCP retry failed)
    bad_reply,  // malformed answer, bad name, connection refused: inconclusive
    cancelled,  // cancel() or resolver destroyed
};
std::string_view to_string(DnsStatus);
// NOERROR/NODATA/NXDOMAIN are answers; everything else leaves the record undecided.
inline bool is_answer(DnsStatus s) {
    return s == DnsStatus::ok || s == DnsStatus::nodata || s == DnsStatus::nxdomain;
}

struct MxHost {
    unsigned short priority = 0;
    std::string host;
};

struct DnsAnswer {
    DnsStatus status = DnsStatus::bad_reply;
    std::string error_text;                                  // c-ares' words, for failures
    std::vector<std::pair<std::string, std::string>> cnames; // owner -> target, as in the answer
    std::vector<boost::asio::ip::address> addresses;         // A / AAAA
    std::vector<MxHost> mx;
    std::vector<std::string> texts;                          // TXT: chunks of one record joined
    std::vector<std::string> names;                          // NS / PTR targets
};

struct DnsConfig {
    std::string servers_csv;            // c-ares "ip:port,[v6]:port"; empty = system resolver
    std::chrono::milliseconds timeout{3000};  // per try
    int tries = 2;
    std::size_t max_inflight = 16;      // queries on the wire at once
};

// "IP", "IP:port", "[v6]", "[v6]:port", bare v6 -> c-ares' CSV form, or nullopt
// when malformed (the caller turns that into a usage error).
std::optional<std::string> dns_server_csv(std::string_view spec);

class DnsResolver {
public:
    // Throws std::runtime_error when c-ares cannot start (out of memory, bad
    // resolv.conf): a start-up error, not a network outcome.
    DnsResolver(boost::asio::io_context& io, const DnsConfig& config);
    ~DnsResolver();
    DnsResolver(const DnsResolver&) = delete;
    DnsResolver& operator=(const DnsResolver&) = delete;

    // One query (no search list, no hosts file). Many may be awaited at once;
    // at most config.max_inflight are on the wire, the rest wait their turn.
    boost::asio::awaitable<DnsAnswer> query(std::string name, DnsType type);

    // Ends every pending and waiting query with DnsStatus::cancelled; later
    // queries end the same way at once.
    void cancel();

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

// Name of the PTR record for an address: 4.3.2.1.in-addr.arpa / ....ip6.arpa.
std::string reverse_name(const boost::asio::ip::address& a);

}  // namespace exposcan::net
