// Port findings beyond the per-group threshold become one finding per
// (address, rule); see src/policy/port_group.hpp and docs/findings.md.
#include <gtest/gtest.h>

#include <algorithm>

#include "exposcan/policy.hpp"
#include "policy/port_group.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan::policy {
namespace {

using exposcan::testing::make_scan;
using detail::k_port_findings_per_group;

// `count` closed ports from `first` on (plus `extra` answers), all of 1-65535 scanned.
TargetScan closed_run(const std::string& address, std::uint16_t first, std::size_t count) {
    auto s = make_scan("web", address, PortSet::all(), {});
    for (std::size_t i = 0; i < count; ++i)
        s.ports.push_back({static_cast<std::uint16_t>(first + i), PortState::closed, Reason::conn_refused, 1, 5});
    return s;
}

TargetPolicy policy_of(const std::string& expect) {
    return parse_policy("targets:\n  - name: web\n    addresses: [198.51.100.10]\n    expect: " + expect + "\n",
                        "p.yaml")
        .targets.at(0);
}

TEST(PortRanges, CompactWithCount) {
    PortSet s;
    s.add_range(1, 24);
    s.add(26);
    s.add_range(81, 442);
    EXPECT_EQ(detail::port_ranges_evidence(s), "1-24,26,81-442 (387 ports)");
}

TEST(PortRanges, CutAtTheEvidenceLimitWithACount) {
    PortSet every_other;
    for (std::uint32_t p = 1; p <= 65535; p += 2) every_other.add(static_cast<std::uint16_t>(p));
    auto text = detail::port_ranges_evidence(every_other);
    EXPECT_LE(text.size(), detail::k_port_evidence_bytes);
    EXPECT_EQ(text.rfind("1,3,5,", 0), 0u);
    EXPECT_NE(text.find(",... (32768 ports in 32768 ranges)"), std::string::npos) << text;
}

TEST(Aggregate, AtTheThresholdEveryPortKeepsItsFinding) {
    auto s = closed_run("198.51.100.10", 1000, k_port_findings_per_group);
    auto fs = evaluate(policy_of("{default: filtered}"), {s}, {});
    ASSERT_EQ(fs.size(), k_port_findings_per_group);
    EXPECT_EQ(fs[0].location, "tcp://198.51.100.10:1000");
    EXPECT_EQ(fs[0].title, "port 1000/tcp is closed, expected filtered");
}

TEST(Aggregate, OnePastTheThresholdIsOneFinding) {
    auto s = closed_run("198.51.100.10", 1000, k_port_findings_per_group + 1);
    auto fs = evaluate(policy_of("{default: filtered}"), {s}, {});
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].location, "tcp://198.51.100.10");
    EXPECT_EQ(fs[0].title, "33 ports closed, expected filtered");
    EXPECT_EQ(fs[0].severity, Severity::low);
    EXPECT_EQ(fs[0].evidence, "1000-1032 (33 ports)");
}

TEST(Aggregate, PortsThePolicyNamesStayPerPort) {
    auto s = closed_run("198.51.100.10", 1, 65535);
    auto fs = evaluate(policy_of("{default: filtered, open: [80, 443], 9200: closed}"), {s}, {});
    ASSERT_EQ(fs.size(), 3u);  // the aggregate, then 80 and 443 (must be open); 9200 is as expected
    EXPECT_EQ(fs[0].title, "65532 ports closed, expected filtered");
    EXPECT_EQ(fs[0].evidence, "1-79,81-442,444-9199,9201-65535 (65532 ports)");
    EXPECT_EQ(fs[0].severity, Severity::low);
    EXPECT_EQ(fs[1].location, "tcp://198.51.100.10:80");
    EXPECT_EQ(fs[1].severity, Severity::high);
    EXPECT_EQ(fs[2].location, "tcp://198.51.100.10:443");
}

TEST(Aggregate, ManyNamedPortsAggregateToo) {
    auto s = closed_run("198.51.100.10", 1, 65535);
    auto fs = evaluate(policy_of("{default: closed, open: 1000-1099}"), {s}, {});
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].title, "100 ports closed, expected open");
    EXPECT_EQ(fs[0].severity, Severity::high);
}

TEST(Aggregate, MiddleboxEvidenceListsTheOpenPorts) {
    auto s = make_scan("web", "198.51.100.10", PortSet::all(), {});
    for (std::uint32_t p = 1; p <= 65535; ++p)
        if (p != 22) s.ports.push_back({static_cast<std::uint16_t>(p), PortState::open, Reason::syn_ack, 1, 5});
    auto fs = evaluate(policy_of("{default: filtered}"), {s}, {});
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].rule, "scan.suspect-middlebox");
    EXPECT_EQ(fs[0].evidence, "open: 1-21,23-65535 (65534 ports)");
}

TEST(Aggregate, ParityOfAFirewalledV4AndAnOpenV6) {
    auto v4 = make_scan("web", "198.51.100.10", PortSet::all(), {});
    auto v6 = closed_run("2001:db8::10", 1, 65535);
    auto pol = policy_of("{default: filtered}");
    auto fs = evaluate(pol, {v4, v6}, {});
    auto parity = std::count_if(fs.begin(), fs.end(), [](const Finding& f) { return f.rule == "ipv6.parity"; });
    ASSERT_EQ(parity, 1);
    const auto& f = *std::find_if(fs.begin(), fs.end(), [](const Finding& x) { return x.rule == "ipv6.parity"; });
    EXPECT_EQ(f.location, "tcp://[2001:db8::10]");
    EXPECT_EQ(f.title, "65535 ports differ between IPv4 and IPv6, more exposed on 2001:db8::10");
    EXPECT_EQ(f.evidence, "1-65535 (65535 ports)");
    EXPECT_EQ(fs.size(), 2u);  // plus the aggregated unexpected-closed on the v6 address
}

}  // namespace
}  // namespace exposcan::policy
