// --shard I/N: the parser and the split of (target, port) pairs (shard.hpp).
#include <gtest/gtest.h>

#include "exposcan/error.hpp"
#include "exposcan/port_spec.hpp"
#include "exposcan/shard.hpp"

namespace exposcan {
namespace {

TEST(Shard, ParsesIOverN) {
    EXPECT_EQ(parse_shard("2/3"), (Shard{2, 3}));
    EXPECT_EQ(parse_shard("1/1"), (Shard{1, 1}));
    EXPECT_EQ(to_string(Shard{3, 7}), "3/7");
}

TEST(Shard, RefusesBadValuesWithOneLine) {
    for (const char* bad : {"0/3", "4/3", "x/y", "1/0", "3", "/3", "1/", "-1/3", "1/3/4", " 1/3", "1/1025",
                            "99999999999/3", ""}) {
        try {
            parse_shard(bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const UsageError& e) {
            std::string what = e.what();
            EXPECT_EQ(what.find('\n'), std::string::npos);
            EXPECT_EQ(what.rfind("--shard '", 0), 0u) << what;
        }
    }
}

// Every (target, port) pair in exactly one shard, and shard sizes within
// one pair per target of each other.
void expect_partition(const PortSet& ports, std::size_t targets, unsigned n) {
    std::vector<std::size_t> sizes(n);
    for (std::size_t t = 0; t < targets; ++t) {
        PortSet seen;
        for (unsigned i = 1; i <= n; ++i) {
            auto share = shard_ports(ports, t, Shard{i, n});
            for (auto p : share.to_vector()) {
                EXPECT_FALSE(seen.contains(p)) << "port " << p << " twice, target " << t;
                seen.add(p);
            }
            sizes[i - 1] += share.size();
        }
        EXPECT_EQ(seen, ports);
    }
    auto [lo, hi] = std::minmax_element(sizes.begin(), sizes.end());
    EXPECT_LE(*hi - *lo, 1u) << "shards of " << targets << " targets x " << ports.size() << " ports / " << n;
}

TEST(Shard, PartitionsAndBalances) {
    expect_partition(PortSet::all(), 1, 3);                     // one target with every port
    expect_partition(parse_port_spec("443"), 100, 3);           // many targets, one port
    expect_partition(parse_port_spec("22,80,443,8080"), 7, 3);  // remainder rotates across targets
    expect_partition(parse_port_spec("1-1000"), 5, 7);
    expect_partition(parse_port_spec("22"), 2, 5);              // fewer pairs than shards
}

TEST(Shard, OneTargetAllPortsGetsLowAndHighPorts) {
    auto share = shard_ports(PortSet::all(), 0, Shard{2, 3});
    EXPECT_TRUE(share.contains(2));
    EXPECT_TRUE(share.contains(65534));
    EXPECT_EQ(share.size(), 21845u);
}

TEST(Shard, PolicyIdentityTracksBytesNotPath) {
    EXPECT_EQ(policy_identity("a: 1\n"), policy_identity("a: 1\n"));
    EXPECT_NE(policy_identity("a: 1\n"), policy_identity("a: 2\n"));
    EXPECT_EQ(policy_identity("").rfind("file fnv1a64:", 0), 0u);
}

}  // namespace
}  // namespace exposcan
