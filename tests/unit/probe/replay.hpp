// Replay servers for probe tests: recorded HTTP answers per path, RESP/other
// raw byte scripts, and hostile behaviours. All run on the test's io_context.
#pragma once
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "exposcan/probe.hpp"
#include "unit/net/local_server.hpp"

namespace exposcan::test {

// Answers each request with the bytes recorded for its path (else a 404),
// then closes: byte-exact replay of recorded answers.
inline Handler http_replay(std::map<std::string, std::string> routes) {
    return [routes](tcp::socket s) -> asio::awaitable<void> {
        auto req = co_await read_request(s);
        auto sp1 = req.find(' ');
        auto sp2 = req.find(' ', sp1 + 1);
        auto path = sp1 == std::string::npos ? "" : req.substr(sp1 + 1, sp2 - sp1 - 1);
        auto it = routes.find(path);
        // A named local, not a ?: temporary: GCC 12 double-frees temporaries
        // of a conditional expression inside co_await.
        std::string answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        if (it != routes.end()) answer = it->second;
        co_await send_all(s, answer);
    };
}

// Answers whatever arrives (after the first bytes) with `reply`, once per read.
inline Handler raw_replay(std::string reply) {
    return [reply](tcp::socket s) -> asio::awaitable<void> {
        char buf[4096];
        for (;;) {
            auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
            co_await send_all(s, reply);
        }
    };
}

inline std::vector<ProbeResult> probe_ports(asio::io_context& io, const std::vector<std::uint16_t>& ports,
                                            ProbeOptions options = {}, const std::string& address = "127.0.0.1") {
    std::vector<probe::ProbeTarget> eps;
    for (auto p : ports) eps.push_back({Target{"t", address, asio::ip::make_address(address)}, p});
    return run_until_done(io, probe::probe_services(eps, options, Limits{}));
}

inline ProbeResult probe_one(asio::io_context& io, std::uint16_t port, ProbeOptions options = {}) {
    return probe_ports(io, {port}, options).at(0);
}

// A hostile or odd server's test: one probe against `h` on loopback with a
// 1.5 s probe timeout, failing the test if the probe overran its bound.
inline constexpr std::chrono::milliseconds k_hostile_timeout{1500};
inline ProbeResult against(Handler h) {
    asio::io_context io;
    LocalServer srv(io, std::move(h));
    ProbeOptions o;
    o.timeout = k_hostile_timeout;
    auto r = probe_one(io, srv.port(), o);
    EXPECT_LE(r.elapsed, k_hostile_timeout + std::chrono::milliseconds(1000)) << "probe overran its time bound";
    return r;
}

}  // namespace exposcan::test
