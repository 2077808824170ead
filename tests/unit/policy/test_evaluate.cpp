#include <gtest/gtest.h>

#include <algorithm>

#include "exposcan/policy.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan::policy {
namespace {

using exposcan::testing::make_scan;
using exposcan::testing::make_target;

TargetPolicy seed_policy() {
    return parse_policy(R"(targets:
  - name: origin
    addresses: [203.0.113.10, "2001:db8::10"]
    expect: {default: filtered, closed: [25]}
  - name: web
    addresses: [198.51.100.10]
    ports: "1-1024"
    expect: {default: filtered, open: [80, 443]}
)", "seed.yaml").targets.at(0);
}

TargetPolicy web_policy() {
    return parse_policy("targets:\n  - name: web\n    addresses: [198.51.100.10]\n    ports: 1-1024\n"
                        "    expect: {default: filtered, open: [80, 443]}\n", "w.yaml").targets.at(0);
}

std::vector<std::string> rules_of(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.rule + "@" + f.location);
    return out;
}

TEST(Evaluate, HardenedOriginIsClean) {
    auto v4 = make_scan("origin", "203.0.113.10", PortSet::all(), {{25, PortState::closed}});
    auto v6 = make_scan("origin", "2001:db8::10", PortSet::all(), {{25, PortState::closed}});
    EXPECT_TRUE(evaluate(seed_policy(), {v4, v6}, {}).empty());
}

TEST(Evaluate, DockerPublishedElasticsearchIsCritical) {
    auto v4 = make_scan("origin", "203.0.113.10", PortSet::all(), {{25, PortState::closed}, {9200, PortState::open}});
    auto fs = evaluate(seed_policy(), {v4}, {});
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].rule, "port.unexpected-open");
    EXPECT_EQ(fs[0].severity, Severity::critical);
    EXPECT_EQ(fs[0].location, "tcp://203.0.113.10:9200");
    EXPECT_EQ(fs[0].title, "port 9200/tcp is open, expected filtered");
    EXPECT_NE(fs[0].fix.find("127.0.0.1:9200:9200"), std::string::npos);
    EXPECT_NE(fs[0].fix.find("DOCKER-USER"), std::string::npos);
    EXPECT_EQ(fs[0].key(), "port.unexpected-open|origin|tcp://203.0.113.10:9200");
}

TEST(Evaluate, ClosedPortThatShouldBeFilteredAndMissingClosedPort) {
    auto v4 = make_scan("origin", "203.0.113.10", PortSet::all(), {{22, PortState::closed}});
    auto fs = evaluate(seed_policy(), {v4}, {});
    EXPECT_EQ(rules_of(fs), (std::vector<std::string>{"port.unexpected-closed@tcp://203.0.113.10:22",
                                                       "port.unexpected-filtered@tcp://203.0.113.10:25"}));
    EXPECT_EQ(fs[0].severity, Severity::low);
}

TEST(Evaluate, SilentPortThatShouldBeOpenIsUnexpectedFiltered) {
    PortSet ports;
    ports.add_range(1, 1024);
    auto s = make_scan("web", "198.51.100.10", ports, {{80, PortState::open}});
    auto fs = evaluate(web_policy(), {s}, {});
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].rule, "port.unexpected-filtered");
    EXPECT_EQ(fs[0].port, 443);
    EXPECT_EQ(fs[0].severity, Severity::high);
    EXPECT_EQ(fs[0].evidence, "filtered (no-response)");
}

TEST(Evaluate, IncompleteScanDoesNotInventFilteredFindings) {
    PortSet ports;
    ports.add_range(1, 1024);
    auto s = make_scan("web", "198.51.100.10", ports, {{80, PortState::open}, {23, PortState::open}});
    s.complete = false;
    s.incomplete_reason = "deadline reached\x1b[31m";
    auto fs = evaluate(web_policy(), {s}, {});
    EXPECT_EQ(rules_of(fs), (std::vector<std::string>{"port.unexpected-open@tcp://198.51.100.10:23",
                                                       "scan.incomplete@tcp://198.51.100.10"}));
    EXPECT_EQ(fs[1].severity, Severity::info);
    EXPECT_EQ(fs[1].evidence, "deadline reached\\x1b[31m");
}

TEST(Evaluate, Ipv6ParityWhenSshOpenOnlyOnV6) {
    auto v4 = make_scan("origin", "203.0.113.10", PortSet::all(), {{25, PortState::closed}});
    auto v6 = make_scan("origin", "2001:db8::10", PortSet::all(), {{25, PortState::closed}, {22, PortState::open}});
    auto fs = evaluate(seed_policy(), {v4, v6}, {});
    EXPECT_EQ(rules_of(fs), (std::vector<std::string>{"port.unexpected-open@tcp://[2001:db8::10]:22",
                                                       "ipv6.parity@tcp://[2001:db8::10]:22"}));
    EXPECT_EQ(fs[1].severity, Severity::high);
    EXPECT_EQ(fs[1].title, "port 22/tcp is filtered on IPv4 but open on IPv6");
    EXPECT_EQ(fs[1].evidence, "IPv4 203.0.113.10: filtered; IPv6 2001:db8::10: open");
}

TEST(Evaluate, ParityOnlyWithinOneTargetName) {
    auto v4 = make_scan("a", "203.0.113.10", PortSet::all(), {});
    auto v6 = make_scan("b", "2001:db8::10", PortSet::all(), {{22, PortState::closed}});
    auto fs = evaluate(seed_policy(), {v4, v6}, {});
    EXPECT_TRUE(std::none_of(fs.begin(), fs.end(), [](const Finding& f) { return f.rule == "ipv6.parity"; }));
}

TEST(Evaluate, HostWithoutFirewallCollapsesFindings) {
    std::initializer_list<std::pair<std::uint16_t, PortState>> none{};
    auto s = make_scan("origin", "203.0.113.10", PortSet::all(), none);
    for (std::uint16_t p = 1000; p < 1200; ++p) s.ports.push_back({p, PortState::closed, Reason::conn_refused, 1, 1});
    auto fs = evaluate(seed_policy(), {s}, {});
    ASSERT_EQ(fs.size(), 2u);
    EXPECT_EQ(fs[0].rule, "port.unexpected-closed");
    EXPECT_EQ(fs[0].title, "200 ports closed, expected filtered");
    EXPECT_EQ(fs[0].evidence, "1000-1199 (200 ports)");
    EXPECT_FALSE(fs[0].port.has_value());
    EXPECT_EQ(fs[0].location, "tcp://203.0.113.10");
    EXPECT_EQ(fs[1].rule, "port.unexpected-filtered");  // 25 should be closed
}

ProbeResult probe(const std::string& service, Exposure e, std::uint16_t port) {
    ProbeResult p;
    p.target = make_target("origin", "203.0.113.10");
    p.port = port;
    p.service = service;
    p.exposure = e;
    p.version = "7.17.0";
    p.evidence = "cluster_name \"docker-cluster\"";
    return p;
}

TEST(Evaluate, UnauthenticatedServicesAreFindings) {
    auto pol = seed_policy();
    auto fs = evaluate(pol, {}, {probe("elasticsearch", Exposure::unauthenticated, 9200),
                                 probe("redis", Exposure::auth_required, 6379),
                                 probe("prometheus", Exposure::unauthenticated, 9090),
                                 probe("kibana", Exposure::unauthenticated, 5601)});
    ASSERT_EQ(fs.size(), 3u);
    EXPECT_EQ(fs[0].rule, "service.no-auth");
    EXPECT_EQ(fs[0].severity, Severity::critical);
    EXPECT_EQ(fs[0].title, "elasticsearch on 9200 answers without authentication");
    EXPECT_EQ(fs[0].evidence, "version 7.17.0; cluster_name \"docker-cluster\"");
    EXPECT_EQ(fs[1].rule, "service.info-leak");
    EXPECT_EQ(fs[1].severity, Severity::high);
    EXPECT_EQ(fs[2].severity, Severity::medium);
    pol.services = ServiceRule::ignore;
    EXPECT_TRUE(evaluate(pol, {}, {probe("redis", Exposure::unauthenticated, 6379)}).empty());
}

// The fix and severity of a service come from the one catalog (issue 11 case
// 13: probe and policy kept two tables that disagreed).
TEST(Evaluate, ServiceFindingsUseTheCatalog) {
    auto fs = evaluate(seed_policy(), {}, {probe("redis", Exposure::unauthenticated, 6379),
                                           probe("prometheus-exporter", Exposure::unauthenticated, 9100),
                                           probe("", Exposure::unauthenticated, 1234)});
    ASSERT_EQ(fs.size(), 3u);
    EXPECT_EQ(fs[0].fix, rules::service_hint("redis").fix);
    EXPECT_EQ(fs[1].rule, "service.info-leak");
    EXPECT_EQ(fs[1].severity, rules::info(Rule::service_info_leak).severity);
    EXPECT_EQ(fs[2].rule, "service.no-auth");
    EXPECT_EQ(fs[2].severity, rules::info(Rule::service_no_auth).severity);
    EXPECT_EQ(fs[2].fix, rules::service_hint("").fix);
}

// A port that spoke TLS gets its certificate findings whatever the service
// verdict: an unknown protocol inside TLS included.
TEST(Evaluate, TlsCertificateFindingsWhateverTheVerdict) {
    auto p = probe("", Exposure::tls, 8443);
    p.tls = TlsCertificate{"CN = old.example", "CN = old.example", {"DNS:old.example"}, "2020-02-01T00:00:00Z",
                           true, true, "TLSv1.2"};
    auto fresh = probe("redis", Exposure::auth_required, 6380);
    fresh.tls = TlsCertificate{"CN = r.example", "O = CA", {}, "2126-01-01T00:00:00Z", false, false, "TLSv1.3"};
    auto fs = evaluate(seed_policy(), {}, {p, fresh, probe("redis", Exposure::auth_required, 6379)});
    ASSERT_EQ(fs.size(), 4u) << ::testing::PrintToString(rules_of(fs));
    EXPECT_EQ(fs[0].rule, "tls.certificate");
    EXPECT_EQ(fs[0].severity, Severity::info);
    EXPECT_EQ(fs[0].evidence, "subject CN = old.example; SANs DNS:old.example; issuer CN = old.example; "
                              "not after 2020-02-01T00:00:00Z; TLSv1.2");
    EXPECT_EQ(fs[1].rule, "tls.self-signed");
    EXPECT_EQ(fs[2].rule, "tls.expired");
    EXPECT_EQ(fs[2].severity, Severity::medium);
    EXPECT_EQ(fs[3].rule, "tls.certificate");
    EXPECT_EQ(fs[3].port, 6380);
}

// What the run records as evaluated (JUnit/SARIF list only these rules).
TEST(Evaluate, EvaluatedFamilies) {
    auto pol = seed_policy();
    auto v4 = make_scan("origin", "203.0.113.10", PortSet::all(), {});
    auto v6 = make_scan("origin", "2001:db8::10", PortSet::all(), {});
    auto other = make_scan("other", "198.51.100.10", PortSet::all(), {});
    std::map<std::string, RuleFamilies> evaluated;
    add_evaluated(pol, {v4, v6, other}, true, evaluated);
    EXPECT_EQ(evaluated["origin"], (RuleFamilies{RuleFamily::ports, RuleFamily::parity, RuleFamily::services}));
    EXPECT_EQ(evaluated["other"], (RuleFamilies{RuleFamily::ports, RuleFamily::services}));
    evaluated.clear();
    add_evaluated(pol, {v4}, false, evaluated);  // --no-probe
    EXPECT_EQ(evaluated["origin"], RuleFamilies{RuleFamily::ports});
    evaluated.clear();
    pol.services = ServiceRule::ignore;
    add_evaluated(pol, {v4}, true, evaluated);
    EXPECT_EQ(evaluated["origin"], RuleFamilies{RuleFamily::ports});
    evaluated.clear();
    add_evaluated(pol, std::vector<TargetScan>{}, true, evaluated);  // nothing scanned: nothing evaluated
    EXPECT_TRUE(evaluated.empty());
}

}  // namespace
}  // namespace exposcan::policy

namespace exposcan::policy {
namespace {

TEST(StarterPolicy, RoundTripsThroughTheParser) {
    auto v4 = exposcan::testing::make_scan("x", "203.0.113.10", PortSet::all(),
                                            {{25, PortState::closed}, {443, PortState::open}});
    auto v6 = exposcan::testing::make_scan("x", "2001:db8::10", PortSet::all(), {{25, PortState::closed}});
    auto text = starter_policy("we\"ird\\name", {"203.0.113.10", "2001:db8::10"}, PortSet::all(), {v4, v6});
    auto p = parse_policy(text, "init.yaml");
    ASSERT_EQ(p.targets.size(), 1u);
    EXPECT_EQ(p.targets[0].name, "we\"ird\\name");
    EXPECT_EQ(p.targets[0].expect.expected(443), PortState::open);
    EXPECT_EQ(p.targets[0].expect.expected(25), PortState::closed);
    EXPECT_EQ(p.targets[0].expect.expected(22), PortState::filtered);
    EXPECT_NE(text.find("# NOTE: the addresses disagree on 443"), std::string::npos);
    EXPECT_TRUE(evaluate(p.targets[0], {v4}, {}).empty());
}

}  // namespace
}  // namespace exposcan::policy
