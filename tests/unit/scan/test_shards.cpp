#include <gtest/gtest.h>

#include "scan/shards.hpp"

namespace exposcan::scan {
namespace {

TEST(Shards, CountFollowsWorkBudgetAndFlag) {
    ScanOptions o;
    o.threads = 2;
    EXPECT_EQ(shard_count(o, 65535, 8192), 2u);
    EXPECT_EQ(shard_count(o, 100, 8192), 1u);     // too little work
    EXPECT_EQ(shard_count(o, 65535, 100), 1u);    // ulimit -n 128: one budget
    o.threads = 1;
    EXPECT_EQ(shard_count(o, 65535, 8192), 1u);
}

TEST(Shards, SplitInterleavesAndCoversEveryPort) {
    auto parts = split_ports(PortSet::all(), 3);
    ASSERT_EQ(parts.size(), 3u);
    PortSet all;
    std::size_t total = 0;
    for (const auto& p : parts) {
        all.add_all(p);
        total += p.size();
        EXPECT_NEAR(static_cast<double>(p.size()), 65535.0 / 3, 1.0);
    }
    EXPECT_EQ(total, 65535u);
    EXPECT_EQ(all, PortSet::all());
    EXPECT_TRUE(parts[0].contains(1));
    EXPECT_TRUE(parts[1].contains(2));
}

TargetScan part(std::vector<PortResult> ports, PortSet scanned, bool complete, std::uint32_t srtt) {
    TargetScan s;
    s.ports = std::move(ports);
    s.scanned = scanned;
    s.complete = complete;
    s.srtt_us = srtt;
    if (!complete) s.incomplete_reason = "interrupted";
    return s;
}

TEST(Shards, MergeSortsPortsAndKeepsIncompleteness) {
    PortSet a, b, all;
    a.add(1); a.add(3); b.add(2); b.add(4);
    all.add_all(a); all.add_all(b);
    std::vector<std::vector<TargetScan>> parts{
        {part({{3, PortState::closed, Reason::conn_refused, 1, 5}}, a, true, 100)},
        {part({{2, PortState::open, Reason::syn_ack, 1, 5}}, b, true, 300)}};
    auto merged = merge_shards(parts, all);
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_TRUE(merged[0].complete);
    EXPECT_EQ(merged[0].scanned, all);
    ASSERT_EQ(merged[0].ports.size(), 2u);
    EXPECT_EQ(merged[0].ports[0].port, 2);
    EXPECT_EQ(merged[0].ports[1].port, 3);
    EXPECT_EQ(merged[0].srtt_us, 200u);

    PortSet b_done;
    b_done.add(2);
    std::vector<std::vector<TargetScan>> cut{{part({}, a, true, 0)}, {part({}, b_done, false, 0)}};
    auto m2 = merge_shards(cut, all);
    EXPECT_FALSE(m2[0].complete);
    EXPECT_EQ(m2[0].incomplete_reason, "interrupted");
    EXPECT_EQ(m2[0].scanned.size(), 3u);  // 1, 3 and the one port shard b finished
}

TEST(Shards, ProgressIsSummedAcrossShards) {
    Progress seen;
    ProgressMerger m({10, 20}, [&](const Progress& p) { seen = p; });
    m.for_shard(0)(Progress{5, 10, 100, 1});
    m.for_shard(1)(Progress{4, 20, 50, 3});
    EXPECT_EQ(seen.done, 9u);
    EXPECT_EQ(seen.total, 30u);
    EXPECT_DOUBLE_EQ(seen.rate, 150);
    EXPECT_DOUBLE_EQ(seen.eta_seconds, 3);
}

}  // namespace
}  // namespace exposcan::scan
