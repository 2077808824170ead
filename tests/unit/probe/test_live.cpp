// Driven by tests/servers/test_probe_*.sh, which start real servers (redis,
// memcached, PostgreSQL, ...) and set EXPOSCAN_LIVE_EXPECT to
// "PORT=SERVICE:EXPOSURE[,PORT=...]"; without it the test is skipped.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;

namespace {

struct Expectation {
    std::uint16_t port = 0;
    std::string service;
    std::string exposure;
};

std::vector<Expectation> parse_expectations(const std::string& spec) {
    std::vector<Expectation> out;
    std::stringstream ss(spec);
    std::string item;
    while (std::getline(ss, item, ',')) {
        auto eq = item.find('='), colon = item.find(':');
        if (eq == std::string::npos || colon == std::string::npos) continue;
        out.push_back({static_cast<std::uint16_t>(std::stoi(item.substr(0, eq))), item.substr(eq + 1, colon - eq - 1),
                       item.substr(colon + 1)});
    }
    return out;
}

}  // namespace

TEST(Live, RealServersAreClassified) {
    const char* spec = std::getenv("EXPOSCAN_LIVE_EXPECT");
    if (!spec) GTEST_SKIP() << "set by tests/servers/test_probe_*.sh";
    auto expect = parse_expectations(spec);
    ASSERT_FALSE(expect.empty());
    std::vector<std::uint16_t> ports;
    for (const auto& e : expect) ports.push_back(e.port);
    ProbeOptions o;
    if (const char* t = std::getenv("EXPOSCAN_LIVE_TIMEOUT_MS")) o.timeout = std::chrono::milliseconds(std::atoi(t));
    asio::io_context io;
    const char* addr = std::getenv("EXPOSCAN_LIVE_ADDRESS");
    auto results = probe_ports(io, ports, o, addr ? addr : "127.0.0.1");
    for (std::size_t i = 0; i < expect.size(); ++i) {
        const auto& r = results[i];
        std::cout << "port " << r.port << ": " << r.service << " " << to_string(r.exposure) << " version=" << r.version
                  << (r.over_tls ? " over TLS" : "") << " elapsed=" << r.elapsed.count()
                  << "ms evidence=" << r.evidence << "\n";
        EXPECT_EQ(r.service, expect[i].service) << "port " << r.port;
        // "EXPOSURE+tls": the verdict must have come over TLS.
        auto exposure = expect[i].exposure;
        const bool tls = exposure.ends_with("+tls");
        if (tls) exposure.resize(exposure.size() - 4);
        EXPECT_EQ(to_string(r.exposure), exposure) << "port " << r.port;
        if (tls) {
            EXPECT_TRUE(r.over_tls) << "port " << r.port << " was not classified over TLS";
        }
    }
}
