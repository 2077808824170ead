// The per-target stats (model.hpp ScanStats) against loopback, where every
// try is answered at once: the counts are exact, no timing is asserted.
#include <gtest/gtest.h>

#include "unit/scan/loopback.hpp"

using namespace exposcan;

namespace {

PortSet block(std::uint16_t first, std::uint16_t count) {
    PortSet s;
    s.add_range(first, static_cast<std::uint16_t>(first + count - 1));
    return s;
}

// What holds for any loopback scan: one answered try per port, nothing lost.
void expect_loss_free(const TargetScan& ts, std::size_t ports, const ScanOptions& o) {
    ASSERT_TRUE(ts.complete) << ts.incomplete_reason;
    const auto& st = ts.stats;
    EXPECT_EQ(st.connects, ports);
    EXPECT_EQ(st.answers, ports);
    EXPECT_EQ(st.retransmissions, 0u);
    EXPECT_EQ(st.loss_probes, 0u);
    EXPECT_EQ(st.tries_open + st.tries_closed, ports);
    EXPECT_EQ(st.tries_open, ts.count(PortState::open));
    EXPECT_EQ(st.tries_filtered, 0u);
    EXPECT_EQ(st.loss_lost, 0u);
    EXPECT_EQ(st.loss_samples, ports);
    EXPECT_EQ(st.loss_estimate, 0.0);
    EXPECT_EQ(st.max_tries, o.retries + 1);  // no loss seen: the base tries, never more
    EXPECT_LE(st.rtt_p50_us, st.rtt_p90_us);
    EXPECT_LE(st.rtt_p90_us, st.rtt_max_us);
    EXPECT_GT(st.rtt_max_us, 0u);
    EXPECT_GE(st.timeout_us, static_cast<std::uint32_t>(std::chrono::microseconds(o.min_timeout).count()));
    EXPECT_GT(st.rate, 0.0);  // elapsed is measured in µs: even one port has a rate
}

}  // namespace

TEST(ScanStats, ClosedPortsOneConnectEachNoRetransmissions) {
    auto first = scan_test::random_block_start(200);
    ScanOptions o;
    o.threads = 1;
    auto scans = scan_test::scan_sync({scan_test::own_loopback_v4()}, block(first, 200), o);
    expect_loss_free(scans.at(0), 200, o);
}

TEST(ScanStats, OpenPortCountsAsAnOpenTry) {
    scan_test::Listener l("::1", 0);
    ASSERT_TRUE(l.ok());
    ScanOptions o;
    PortSet ports;
    ports.add(l.port());
    auto scans = scan_test::scan_sync({"::1"}, ports, o);
    expect_loss_free(scans.at(0), 1, o);
    EXPECT_EQ(scans.at(0).stats.tries_open, 1u);
}

// Two shards each count their half; the merged record adds up.
TEST(ScanStats, ShardsAddUp) {
    auto first = scan_test::random_block_start(9000);
    ScanOptions o;
    o.threads = 2;
    auto scans = scan_test::scan_sync({scan_test::own_loopback_v4()}, block(first, 9000), o);
    expect_loss_free(scans.at(0), 9000, o);
}
