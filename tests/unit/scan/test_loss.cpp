#include <gtest/gtest.h>

#include "scan/loss.hpp"
#include "scan/target_state.hpp"

namespace exposcan::scan {
namespace {

TEST(LossEstimate, NoLossSeenAsksForNothingExtra) {
    LossEstimate e;
    EXPECT_EQ(e.tries_needed(40), 0);
    for (int i = 0; i < 500; ++i) e.on_answer(0);
    EXPECT_EQ(e.tries_needed(40), 0);
}

TEST(LossEstimate, FivePercentEachWayCallsForSeveralTries) {
    // ~10% of tries unanswered (SYN or reply lost), 40 answering ports: the
    // tries must push 40 * p^n under the budget with p at its upper bound.
    LossEstimate e;
    for (int i = 0; i < 200; ++i) e.on_probe(i % 10 != 0);
    int n = e.tries_needed(40);
    EXPECT_GE(n, 5);
    EXPECT_LE(n, 7);
}

TEST(LossEstimate, FewSamplesAreTreatedPessimistically) {
    LossEstimate few, many;
    few.on_answer(1);  // 1 of 2 tries lost
    for (int i = 0; i < 1000; ++i) many.on_probe(i % 2 == 0);
    EXPECT_GT(few.tries_needed(10), many.tries_needed(10));
}

TEST(LossEstimate, AnswersOnRetriesCountTheLostTries) {
    LossEstimate e;
    e.on_answer(2);
    EXPECT_EQ(e.samples(), 3u);
    EXPECT_EQ(e.lost(), 2u);
}

TEST(TargetState, BaseRetriesUntilLossThenRaisedWithinCap) {
    ScanOptions o;  // retries 1, max_retries 10
    TargetHints h;
    TargetState st(o, 100, h);
    EXPECT_EQ(st.wanted_retries(), 1);
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, {});
    for (std::uint64_t i = 0; i < k_min_loss_samples; ++i) st.on_probe(i % 5 != 0);  // 20% unanswered
    EXPECT_GT(st.wanted_retries(), 3);
    EXPECT_LE(st.wanted_retries(), 10);
}

TEST(TargetState, LossProbesOnlyToClosedPortsAndOnlyOnce) {
    ScanOptions o;
    TargetHints h1, h2;
    TargetState open_only(o, 3, h1);
    open_only.record(PortResult{80, PortState::open, Reason::syn_ack, 1, 10}, {});
    open_only.record_silent(81, {});
    EXPECT_EQ(open_only.take_loss_probes(), 0u);  // never hammer a real service

    TargetState st(o, 1001, h2);
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, {});
    st.on_answer(0);
    for (std::uint16_t p = 26; p < 1026; ++p) st.record_silent(p, {});
    EXPECT_EQ(st.take_loss_probes(), k_min_loss_samples - 1);
    EXPECT_EQ(st.probe_port(7), 25);
    EXPECT_EQ(st.take_loss_probes(), 0u);
}

TEST(TargetState, NoProbesWhenNothingIsSilent) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 1, h);
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, {});
    EXPECT_EQ(st.take_loss_probes(), 0u);
}

// 9 silent ports take all 11 tries for 90 connects; 1,000 probes would cost
// more than they could save (the liveness re-check took 40 s under loss).
TEST(TargetState, NoLossProbesWhereRetryingBlindIsCheaper) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 10, h);
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, {});
    st.on_answer(1);  // 1 of 2 tries lost
    for (std::uint16_t p = 26; p < 35; ++p) st.record_silent(p, {});
    EXPECT_EQ(st.take_loss_probes(), 0u);
    EXPECT_EQ(st.wanted_retries(), o.max_retries);  // the few samples' bound asks for every try
}

// Probes go out between the first tries, not in a burst at the end: only for
// a target with many silent ports and a closed port, one per few first tries,
// until the estimate has its samples.
TEST(TargetState, LossProbesAreInterleavedWithFirstTries) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 5000, h);
    EXPECT_FALSE(st.probe_due());  // nothing silent yet
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, {});
    st.on_answer(0);
    for (std::uint16_t p = 100; p < 200; ++p) st.record_silent(p, {});
    int due = 0;
    for (int i = 0; i < 8000; ++i) due += st.probe_due() ? 1 : 0;
    EXPECT_EQ(static_cast<std::uint64_t>(due), k_min_loss_samples - 1);  // 1 sample already
    EXPECT_EQ(st.probe_port(static_cast<std::size_t>(due) - 1), 25);
    for (int i = 0; i < due; ++i) st.on_probe(true);
    EXPECT_FALSE(st.probe_due());
    EXPECT_EQ(st.take_loss_probes(), 0u);  // nothing left to top up
    EXPECT_EQ(st.wanted_retries(), o.retries);  // no loss seen
}

// A probe that came back is a sample: it must not also count as a probe
// still out. Counting both stopped a shard at ~620 probes (~620 samples), and
// its silent ports kept 2 tries for the whole pass (issue 12: 5.2-5.7 s).
TEST(TargetState, ReturnedProbesCountOnceTowardsTheSamples) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 5000, h);
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, {});
    st.on_answer(0);
    for (std::uint16_t p = 100; p < 200; ++p) st.record_silent(p, {});
    std::uint64_t due = 0;
    for (int i = 0; i < 8000; ++i) {
        if (!st.probe_due()) continue;
        ++due;
        st.on_probe(true);  // each comes back before the next is due
    }
    EXPECT_EQ(due, k_min_loss_samples - 1);
    EXPECT_EQ(st.pooled_loss().samples(), k_min_loss_samples);
}

// Shard b's probes are all back and the pool is still short; shard a then
// fills it. b must take the estimate at its next try, not after its pass.
TEST(TargetState, AShardAdoptsThePoolFilledByAnother) {
    ScanOptions o;
    TargetHints shared;
    TargetState a(o, 5000, shared), b(o, 5000, shared);
    b.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 10}, {});
    b.on_answer(0);
    for (int i = 0; i < 400; ++i) b.on_probe(i % 10 != 0);  // 10 % lost
    EXPECT_FALSE(b.adopt_pooled_estimate());                 // 401 samples: not yet
    EXPECT_EQ(b.wanted_retries(), o.retries);
    for (int i = 0; i < 600; ++i) a.on_probe(i % 10 != 0);
    EXPECT_TRUE(b.adopt_pooled_estimate());
    EXPECT_GT(b.wanted_retries(), o.retries);
    EXPECT_TRUE(b.raise_pending());
    EXPECT_FALSE(b.adopt_pooled_estimate());  // once
}

// Shard b's ports all answered at once; shard a saw loss. b's silent ports
// must get a's tries, not 2 (issue 12: closed port 25 missed, scan complete).
TEST(TargetState, ShardsPoolTheLossEstimate) {
    ScanOptions o;
    TargetHints shared;
    TargetState a(o, 100, shared), b(o, 100, shared);
    a.record(PortResult{80, PortState::open, Reason::syn_ack, 2, 10}, {});
    a.on_answer(1);  // 1 of 2 tries lost
    b.record(PortResult{443, PortState::open, Reason::syn_ack, 1, 10}, {});
    b.on_answer(0);
    b.record_silent(25, {});
    EXPECT_EQ(b.take_loss_probes(), 0u);  // no closed port anywhere: one extra pass first
    EXPECT_EQ(b.take_loss_probes(), 0u);  // still none: what we have is all
    int from = 0;
    auto again = b.take_underretried(from);
    EXPECT_EQ(again, std::vector<std::uint16_t>{25});
    EXPECT_EQ(b.wanted_retries(), o.max_retries);  // 1 of 3 lost, few samples: every try
    EXPECT_EQ(b.allowed_retries(), o.max_retries);  // in force from this pass on
    EXPECT_EQ(from, o.retries + 1);                 // every silent port of pass 1 had retries + 1 tries
    EXPECT_EQ(b.pooled_loss().samples(), 3u);
}

// 22, 80, 443 answered at once and 25 (the only closed port) was lost twice:
// "no loss seen" must not end the scan at 2 tries; one more pass looks for a
// closed port to measure against.
TEST(TargetState, NoClosedPortKnownGivesOneMorePassBeforeDeciding) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 2000, h);
    for (std::uint16_t p : {22, 80, 443}) {
        st.record(PortResult{p, PortState::open, Reason::syn_ack, 1, 10}, {});
        st.on_answer(0);
    }
    for (std::uint16_t p = 1000; p < 1990; ++p) st.record_silent(p, {});
    st.record_silent(25, {});
    EXPECT_EQ(st.take_loss_probes(), 0u);
    int from = 0;
    auto again = st.take_underretried(from);
    EXPECT_EQ(again.size(), 991u);
    EXPECT_EQ(from, o.retries + 1);
    EXPECT_EQ(st.allowed_retries(), o.retries + 1);
    // The extra try finds 25: now it can be probed.
    st.record(PortResult{25, PortState::closed, Reason::conn_refused, 3, 10}, {});
    st.on_answer(2);
    for (std::uint16_t p = 1000; p < 1990; ++p) st.record_silent(p, {});
    EXPECT_GT(st.take_loss_probes(), 0u);
}

// Nothing answered at all: no extra pass (a dead host pays no third try).
TEST(TargetState, NoExtraPassWhenNothingAnswered) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 2000, h);
    for (std::uint16_t p = 1000; p < 2000; ++p) st.record_silent(p, {});
    EXPECT_EQ(st.take_loss_probes(), 0u);
    int from = 0;
    EXPECT_TRUE(st.take_underretried(from).empty());
}

// Shards split a target's ports: one that owns no answering port still gets
// the RTT and a closed port to measure loss against from the others.
TEST(TargetState, ShardsShareRttAndClosedPorts) {
    ScanOptions o;
    TargetHints shared;
    TargetState a(o, 1001, shared), b(o, 1001, shared);
    EXPECT_EQ(b.timeout(), std::chrono::microseconds(o.initial_timeout));
    a.rtt_sample(std::chrono::microseconds(300));
    a.record(PortResult{25, PortState::closed, Reason::conn_refused, 1, 300}, {});
    EXPECT_EQ(b.timeout(), std::chrono::microseconds(o.min_timeout));
    for (std::uint16_t p = 26; p < 1026; ++p) b.record_silent(p, {});
    EXPECT_EQ(b.take_loss_probes(), k_min_loss_samples);
    EXPECT_EQ(b.probe_port(0), 25);
}

}  // namespace
}  // namespace exposcan::scan
