// The per-try timeout (rtt.hpp try_timeout) and the loss verdict of
// TargetState: the numbers docs/scan-engine.md "Timeouts" and "Retries and
// loss" state.
#include <gtest/gtest.h>

#include "scan/rtt.hpp"
#include "scan/target_state.hpp"

namespace exposcan::scan {
namespace {

using std::chrono::microseconds;
constexpr microseconds k_initial{1000000}, k_lo{100000}, k_hi{3000000};

// A steady 100 ms path: srtt + 4*rttvar converges to ~101 ms, so an answer
// 2 ms late would time out. The window rule keeps 25 % + 10 ms of headroom.
TEST(TryTimeout, SteadyRttKeepsHeadroomOverTheSlowestAnswer) {
    RttEstimator rtt;
    RttWindow w;
    for (int i = 0; i < 200; ++i) {
        std::uint32_t us = 100000 + static_cast<std::uint32_t>(i % 5) * 500;  // 100-102 ms
        rtt.sample(microseconds(us));
        w.sample(us);
    }
    EXPECT_LT(rtt.rto_us(), 104000.0);  // what RFC 6298 alone would give
    auto t = try_timeout(rtt, w, k_initial, k_lo, k_hi);
    EXPECT_EQ(t, microseconds(static_cast<std::int64_t>(1.25 * 102000 + 10000)));
}

TEST(TryTimeout, InitialUntilTheFirstAnswerThenAtLeastRtoWhileWarmingUp) {
    RttEstimator rtt;
    RttWindow w;
    EXPECT_EQ(try_timeout(rtt, w, k_initial, k_lo, k_hi), k_initial);
    rtt.sample(microseconds(100000));
    w.sample(100000);
    EXPECT_EQ(try_timeout(rtt, w, k_initial, k_lo, k_hi), microseconds(300000));  // 100 + 4 * 50 ms
}

TEST(TryTimeout, ClampedAndFollowsALaterSlowAnswer) {
    RttEstimator rtt;
    RttWindow w;
    for (int i = 0; i < 40; ++i) {
        rtt.sample(microseconds(50));
        w.sample(50);
    }
    EXPECT_EQ(try_timeout(rtt, w, k_initial, k_lo, k_hi), k_lo);  // loopback: the floor
    w.sample(400000);
    EXPECT_EQ(try_timeout(rtt, w, k_initial, k_lo, k_hi), microseconds(510000));
    EXPECT_EQ(w.percentile(0.5), 50u);
    EXPECT_EQ(w.max(), 400000u);
}

// One answer on a second try is "1 of 2 lost": not a reason for 11 tries.
TEST(LossVerdict, AFewSamplesDoNotRatchetTheTries) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 3, h);
    st.on_answer(1);
    EXPECT_EQ(st.wanted_retries(), 2);  // nmap's rule: the answering try + 1
    EXPECT_EQ(st.allowed_retries(), 1);  // in force only between passes
    for (int i = 0; i < 10; ++i) st.on_answer(0);
    EXPECT_EQ(st.wanted_retries(), 2);
}

TEST(LossVerdict, LossTheRetryCapCannotCoverMakesTheScanIncomplete) {
    ScanOptions o;  // max_retries 10: 11 tries
    TargetHints h;
    TargetState st(o, 3, h);
    auto now = std::chrono::steady_clock::now();
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, now);
    st.record_silent(26, now);
    st.record_silent(27, now);
    for (std::uint64_t i = 0; i < k_min_loss_samples; ++i) st.on_probe(i % 10 < 4);  // 60 % unanswered
    PortSet all;
    all.add_range(25, 27);
    Target t{"o", "198.51.100.10", boost::asio::ip::make_address("198.51.100.10")};
    auto scan = st.result(t, all, now, "");
    EXPECT_FALSE(scan.complete);
    EXPECT_EQ(scan.scanned, all);
    EXPECT_NE(scan.incomplete_reason.find("measured loss 60 %"), std::string::npos) << scan.incomplete_reason;
}

TEST(LossVerdict, FivePercentEachWayIsCoveredAndComplete) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 3, h);
    auto now = std::chrono::steady_clock::now();
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, now);
    st.record_silent(26, now);
    st.record_silent(27, now);
    for (std::uint64_t i = 0; i < k_min_loss_samples; ++i) st.on_probe(i % 10 != 0);  // 10 % unanswered
    EXPECT_EQ(st.wanted_retries() + 1, 4);  // 2 answering ports, p at its upper bound 0.12: 4 tries
    PortSet all;
    all.add_range(25, 27);
    Target t{"o", "198.51.100.10", boost::asio::ip::make_address("198.51.100.10")};
    EXPECT_TRUE(st.result(t, all, now, "").complete);
}

}  // namespace
}  // namespace exposcan::scan
