// Many targets x a few ports on loopback (127.0.0.0/8 is all local on Linux):
// every target's result must equal an independent oracle (blocking connects),
// port for port, in the engine alone and through the whole run (scan +
// liveness re-check + policy). No timing asserts: issue 12's "linear in
// targets" is measured by bench/many-targets.sh, not here.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <functional>

#include "exposcan/run.hpp"
#include "unit/scan/loopback.hpp"

using namespace exposcan;
using scan_test::Listener;

namespace {

constexpr std::uint16_t k_ports = 8;

// 1,024 addresses of 127.200.0.0/16 picked by the pid, outside the
// 127.64.0.0/10 block of own_loopback_v4(): parallel test processes rarely
// share a block, and a listener of another test that appears mid-scan is
// caught by the oracle taken before and after (then the scan is repeated).
std::vector<std::string> address_block(std::size_t count) {
    auto base = 0x7fc80000u + ((static_cast<std::uint32_t>(::getpid()) % 64u) << 10);
    std::vector<std::string> out;
    for (std::uint32_t i = 0; i < count; ++i) {
        in_addr a{htonl(base + i)};
        char text[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, &a, text, sizeof text);
        out.emplace_back(text);
    }
    return out;
}

// Every 7th address listens on one port of the block (which one varies), the
// first on all of them: open ports scattered over targets and ports.
std::vector<Listener> listen_scattered(const std::vector<std::string>& addresses, std::uint16_t first) {
    std::vector<Listener> out;
    for (std::uint16_t p = 0; p < k_ports; ++p) out.emplace_back(addresses.front(), first + p);
    for (std::size_t i = 7; i < addresses.size(); i += 7)
        out.emplace_back(addresses[i], static_cast<std::uint16_t>(first + (i / 7) % k_ports));
    return out;
}

using Oracle = std::vector<PortSet>;

Oracle oracle(const std::vector<std::string>& addresses, std::uint16_t first) {
    Oracle out;
    for (const auto& a : addresses) out.push_back(scan_test::oracle_open(a, first, first + k_ports - 1));
    return out;
}

PortSet block(std::uint16_t first) {
    PortSet s;
    s.add_range(first, static_cast<std::uint16_t>(first + k_ports - 1));
    return s;
}

// One target's scan against the oracle: complete, scanned = the block,
// open = the oracle's, every other port closed on the first try.
::testing::AssertionResult equals(const TargetScan& ts, const std::string& address, const PortSet& open,
                                  const PortSet& ports) {
    auto fail = [&] { return ::testing::AssertionFailure() << address << ": "; };
    if (ts.target.address.to_string() != address) return fail() << "result of " << ts.target.address.to_string();
    if (!ts.complete) return fail() << "incomplete: " << ts.incomplete_reason;
    if (ts.scanned != ports) return fail() << "scanned " << ts.scanned.to_string();
    if (ts.ports.size() != ports.size()) return fail() << ts.ports.size() << " results";
    for (const auto& r : ts.ports) {
        bool want_open = open.contains(r.port);
        auto state = want_open ? PortState::open : PortState::closed;
        auto reason = want_open ? Reason::syn_ack : Reason::conn_refused;
        if (r.state != state || r.reason != reason || r.tries != 1) return fail() << "port " << r.port;
    }
    return ::testing::AssertionSuccess();
}

using Scan = std::function<std::vector<TargetScan>(const std::vector<std::string>&, const PortSet&)>;

// Scans every address on the block while the oracle holds still (taken
// before and after; at most 3 scans), then compares target by target.
::testing::AssertionResult matches_oracle(const std::vector<std::string>& addresses, std::uint16_t first,
                                          const Scan& scan) {
    for (int i = 0; i < 3; ++i) {
        auto before = oracle(addresses, first);
        auto scans = scan(addresses, block(first));
        if (oracle(addresses, first) != before) continue;
        if (scans.size() != addresses.size()) return ::testing::AssertionFailure() << scans.size() << " scans";
        for (std::size_t t = 0; t < addresses.size(); ++t)
            if (auto r = equals(scans[t], addresses[t], before[t], block(first)); !r) return r;
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "the oracle changed during each of 3 scans";
}

Scan engine_with(ScanOptions options) {
    return [options](const std::vector<std::string>& addresses, const PortSet& ports) {
        return scan_test::scan_sync(addresses, ports, options);
    };
}

}  // namespace

TEST(ManyTargets, EngineEqualsOracle) {
    auto addresses = address_block(512);
    auto first = scan_test::random_block_start(k_ports);
    auto listeners = listen_scattered(addresses, first);
    for (const auto& l : listeners) ASSERT_TRUE(l.ok());
    EXPECT_TRUE(matches_oracle(addresses, first, engine_with(ScanOptions{})));
}

// 1,024 x 8 = 8,192 jobs: two shards, each with half of every target's ports.
TEST(ManyTargets, ShardedEqualsOracle) {
    auto addresses = address_block(1024);
    auto first = scan_test::random_block_start(k_ports);
    auto listeners = listen_scattered(addresses, first);
    ScanOptions o;
    o.threads = 2;
    EXPECT_TRUE(matches_oracle(addresses, first, engine_with(o)));
}

// Fewer connects in flight than targets: the work queue, not the pool, spans them.
TEST(ManyTargets, SmallInflightEqualsOracle) {
    auto addresses = address_block(300);
    auto first = scan_test::random_block_start(k_ports);
    auto listeners = listen_scattered(addresses, first);
    ScanOptions o;
    o.max_inflight = 16;
    EXPECT_TRUE(matches_oracle(addresses, first, engine_with(o)));
}

// The whole run: scan, the liveness re-check of every target side by side
// (run/liveness.cpp), evaluation. Every target stays complete and exact.
TEST(ManyTargets, RunWithLivenessRecheckEqualsOracle) {
    auto addresses = address_block(512);
    auto first = scan_test::random_block_start(k_ports);
    auto listeners = listen_scattered(addresses, first);
    Scan run = [](const std::vector<std::string>& addresses, const PortSet& ports) {
        ScanJob job;
        job.target_specs = addresses;
        job.ports = ports;
        job.options.probe.enabled = false;
        job.options.scan.deadline = std::chrono::seconds(600);  // the re-check shares it; never reached here
        return run_scan(job, RunHooks{}).scans;
    };
    EXPECT_TRUE(matches_oracle(addresses, first, run));
}
