// A zone transfer attempt (AXFR over TCP, RFC 5936) against one name server:
// the owner's check that the zone is not given to anyone who asks. Bounded in
// time, bytes and records; the answer is hostile bytes (net/dns_wire.hpp).
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace exposcan::net {

struct AxfrLimits {
    std::chrono::milliseconds timeout{10000};  // whole transfer, connect included
    std::size_t max_bytes = 4 * 1024 * 1024;
    std::size_t max_records = 20000;
};

enum class AxfrStatus {
    transferred,  // records received (the zone is open), complete or cut at a limit
    denied,       // REFUSED/NOTAUTH/..., closed without records, TCP refused: the zone is closed
    unreachable,  // connect failed or the deadline passed before any record
    bad_reply,    // not a DNS answer to our query
};

struct ZoneRecord {
    std::string owner;
    std::uint16_t type = 0;
    std::optional<boost::asio::ip::address> address;  // A / AAAA
    std::string name;                                  // NS, CNAME, MX, SRV, SOA, SVCB targets
};

struct AxfrResult {
    AxfrStatus status = AxfrStatus::unreachable;
    std::string detail;          // one line: rcode, error, or which limit cut the transfer
    bool complete = false;       // ended with the closing SOA
    std::size_t bytes = 0;
    std::vector<ZoneRecord> records;
};

boost::asio::awaitable<AxfrResult> axfr(boost::asio::ip::tcp::endpoint server, std::string zone, AxfrLimits limits);

}  // namespace exposcan::net
