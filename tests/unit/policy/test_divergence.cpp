// vantage.divergent (policy.hpp divergence_findings): one address seen from
// several vantages. Synthetic scans, no network.
#include <gtest/gtest.h>

#include "exposcan/policy.hpp"
#include "exposcan/port_spec.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan::policy {
namespace {

using testing::make_scan;
const char* k_addr = "203.0.113.10";

std::vector<VantageView> views(const std::vector<std::pair<std::string, const TargetScan*>>& scans,
                               const Expectation* expect) {
    std::vector<VantageView> out;
    for (const auto& [name, scan] : scans) out.push_back({name, scan, expect});
    return out;
}

TEST(Divergence, OpenFromOneFilteredFromAnotherIsHigh) {
    auto ports = parse_port_spec("9000-9300");
    auto eu = make_scan("origin", k_addr, ports, {{9100, PortState::closed}});
    auto cloud = make_scan("origin", k_addr, ports, {{9100, PortState::closed}, {9200, PortState::open}});
    Expectation e;  // default filtered
    auto found = divergence_findings(views({{"eu", &eu}, {"cloud", &cloud}}, &e));
    ASSERT_EQ(found.size(), 1u);
    const auto& f = found[0];
    EXPECT_EQ(f.rule, "vantage.divergent");
    EXPECT_EQ(f.severity, Severity::high);
    EXPECT_EQ(f.port, 9200);
    EXPECT_EQ(f.location, "tcp://203.0.113.10:9200");
    EXPECT_EQ(f.title, "port 9200/tcp differs between vantages: open from cloud; filtered from eu");
    EXPECT_EQ(f.evidence, "eu: filtered (no-response); cloud: open (syn-ack)");
    EXPECT_NE(f.fix.find("allows by source"), std::string::npos);
}

TEST(Divergence, ClosedVersusFilteredIsMedium) {
    auto ports = parse_port_spec("20-30");
    auto a = make_scan("o", k_addr, ports, {{25, PortState::closed}});
    auto b = make_scan("o", k_addr, ports, {});
    Expectation e;
    auto found = divergence_findings(views({{"a", &a}, {"b", &b}}, &e));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::medium);
}

TEST(Divergence, SameStatesAndOneVantageAreNothing) {
    auto ports = parse_port_spec("1-100");
    auto a = make_scan("o", k_addr, ports, {{22, PortState::open}, {25, PortState::closed}});
    auto b = a;
    b.ports[1].reason = Reason::conn_refused;  // another reason, same state
    Expectation e;
    EXPECT_TRUE(divergence_findings(views({{"a", &a}, {"b", &b}}, &e)).empty());
    EXPECT_TRUE(divergence_findings(views({{"a", &a}}, &e)).empty());
}

// Silence in an unfinished scan, or a port one vantage never scanned, is not
// a state: not a difference, but named when another difference is reported.
TEST(Divergence, UndecidedIsNotADifferenceButReported) {
    auto ports = parse_port_spec("1-100");
    auto done = make_scan("o", k_addr, ports, {{22, PortState::open}, {80, PortState::open}});
    auto cut = make_scan("o", k_addr, ports, {{80, PortState::closed}});
    cut.complete = false;  // its silent 22 is undecided
    Expectation e;
    auto found = divergence_findings(views({{"eu", &done}, {"us", &cut}}, &e));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].port, 80);
    EXPECT_EQ(found[0].evidence, "eu: open (syn-ack); us: closed (conn-refused)");
    auto narrow = make_scan("o", k_addr, parse_port_spec("1-50"), {});  // never scanned 80
    found = divergence_findings(views({{"eu", &done}, {"us", &cut}, {"asia", &narrow}}, &e));
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].port, 22);  // open from eu, filtered from asia; us undecided
    EXPECT_EQ(found[0].evidence, "eu: open (syn-ack); us: undecided (scan did not finish); asia: filtered (no-response)");
    EXPECT_EQ(found[1].evidence, "eu: open (syn-ack); us: closed (conn-refused); asia: not scanned");
}

// The policy wants the difference (expect_by_vantage): each vantage saw what
// it must see, so no finding; a vantage that did not is a finding again.
TEST(Divergence, ExpectedPerVantageIsNoFinding) {
    auto ports = parse_port_spec("440-450");
    auto cdn = make_scan("o", k_addr, ports, {{443, PortState::open}});
    auto eu = make_scan("o", k_addr, ports, {});
    Expectation base, from_cdn;
    from_cdn.open.add(443);
    std::vector<VantageView> v = {{"cdn", &cdn, &from_cdn}, {"eu", &eu, &base}};
    EXPECT_TRUE(divergence_findings(v).empty());
    auto eu_open = make_scan("o", k_addr, ports, {{443, PortState::closed}});
    v[1].scan = &eu_open;
    EXPECT_EQ(divergence_findings(v).size(), 1u);
}

TEST(Divergence, ManyPortsBecomeOneFinding) {
    auto ports = parse_port_spec("1-1000");
    auto eu = make_scan("o", k_addr, ports, {});
    auto cloud = eu;
    for (std::uint16_t p = 1; p <= 100; ++p) cloud.ports.push_back(PortResult{p, PortState::open, Reason::syn_ack, 1, 1});
    Expectation e;
    auto found = divergence_findings(views({{"eu", &eu}, {"cloud", &cloud}}, &e));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_FALSE(found[0].port);
    EXPECT_EQ(found[0].location, "tcp://203.0.113.10");
    EXPECT_EQ(found[0].severity, Severity::high);
    EXPECT_EQ(found[0].title, "100 ports differ between vantages eu, cloud");
    EXPECT_EQ(found[0].evidence.rfind("1-100 (100 ports); first: eu: filtered", 0), 0u) << found[0].evidence;
}

}  // namespace
}  // namespace exposcan::policy
