#include <gtest/gtest.h>

#include <fstream>

#include "exposcan/error.hpp"
#include "exposcan/policy.hpp"
#include "exposcan/port_spec.hpp"

namespace exposcan::policy {
namespace {

const char* const k_good = R"(# the seed server
version: 1
targets:
  - name: origin
    addresses: [203.0.113.10, "2001:db8::10"]
    domain: example.com
    cdn: cloudflare
    ports: all
    expect:
      default: filtered
      closed: [25]
      open: []
      9200: filtered
    services: deny-unauthenticated
  - name: lab
    addresses: [198.51.100.0/28, db.example.com]
    ports: "1-1024,9200"
    expect:
      open: [22, "80-81"]
    services: ignore
)";

TEST(ParsePolicy, ReadsTheDesignExample) {
    auto p = parse_policy(k_good, "origin.yaml");
    ASSERT_EQ(p.targets.size(), 2u);
    const auto& o = p.targets[0];
    EXPECT_EQ(o.name, "origin");
    EXPECT_EQ(o.addresses, (std::vector<std::string>{"203.0.113.10", "2001:db8::10"}));
    EXPECT_EQ(o.domain, "example.com");
    EXPECT_EQ(o.ports, PortSet::all());
    EXPECT_EQ(o.expect.expected(25), PortState::closed);
    EXPECT_EQ(o.expect.expected(9200), PortState::filtered);
    EXPECT_EQ(o.expect.expected(22), PortState::filtered);
    EXPECT_EQ(o.services, ServiceRule::deny_unauthenticated);
    EXPECT_EQ(o.line, 4);
    const auto& l = p.targets[1];
    EXPECT_EQ(l.ports.to_string(), "1-1024,9200");
    EXPECT_EQ(l.expect.open.to_string(), "22,80-81");
    EXPECT_EQ(l.services, ServiceRule::ignore);
    EXPECT_EQ(l.addresses[0], "198.51.100.0/28");
}

TEST(ParsePolicy, JsonIsYamlToo) {
    auto p = parse_policy(R"({"targets": [{"name": "a", "addresses": ["::1"], "expect": {"open": [22]}}]})", "p.json");
    EXPECT_EQ(p.targets.at(0).expect.expected(22), PortState::open);
}

// The policy and the CLI share one port syntax (exposcan/port_spec.hpp), so
// what `-p` accepts a policy accepts too, open-ended ranges included.
TEST(ParsePolicy, PortSyntaxIsTheCliSyntax) {
    auto p = parse_policy("targets:\n  - name: a\n    addresses: [::1]\n    ports: \"-1024,60000-\"\n"
                          "    expect: {open: [\"-22\"], closed: [\"65000-\"]}\n",
                          "p.yaml");
    const auto& t = p.targets.at(0);
    EXPECT_EQ(t.ports, parse_port_spec("-1024,60000-"));
    EXPECT_EQ(t.ports.to_string(), "1-1024,60000-65535");
    EXPECT_EQ(t.expect.open.to_string(), "1-22");
    EXPECT_EQ(t.expect.closed.to_string(), "65000-65535");
}

struct BadCase {
    const char* what;
    const char* yaml;
    const char* message;
};

const BadCase k_bad[] = {
    {"invalid yaml", "targets: [\n  - name: a\n", "p.yaml:2: yaml: invalid YAML: illegal block entry"},
    {"empty file", "", "p.yaml:1: targets: the policy is empty (expected a 'targets:' list)"},
    {"unknown top key", "targets: []\ntarget: x\n",
     "p.yaml:2: policy.target: unknown key (expected one of: version, canary, targets)"},
    {"empty targets", "targets: []\n", "p.yaml:1: targets: at least one target is required"},
    {"targets not a list", "targets: {name: a}\n", "p.yaml:1: targets: expected a list of targets"},
    {"unknown target key", "targets:\n  - name: a\n    addresses: [::1]\n    prots: all\n",
     "p.yaml:4: targets[0].prots: unknown key (expected one of: name, addresses, domain, cdn, ports, expect, "
     "expect_by_vantage, services)"},
    {"missing name", "targets:\n  - addresses: [::1]\n", "p.yaml:2: targets[0].name: every target needs a name"},
    {"missing addresses", "targets:\n  - name: a\n", "p.yaml:2: targets[0].addresses: every target needs addresses"},
    {"wrong type addresses", "targets:\n  - name: a\n    addresses: 203.0.113.1\n",
     "p.yaml:3: targets[0].addresses: expected a list, e.g. [203.0.113.10, \"2001:db8::10\"]"},
    {"bad address", "targets:\n  - name: a\n    addresses: [203.0.113.999]\n",
     "p.yaml:3: targets[0].addresses: '203.0.113.999' is not an IP address, CIDR or hostname"},
    {"bad cidr", "targets:\n  - name: a\n    addresses: [203.0.113.0/33]\n",
     "p.yaml:3: targets[0].addresses: '203.0.113.0/33' is not a valid CIDR: the prefix must be a number from 0 to 32 (e.g. 198.51.100.0/28, 2001:db8::/124)"},
    {"bad port", "targets:\n  - name: a\n    addresses: [::1]\n    ports: \"1-70000\"\n",
     "p.yaml:4: targets[0].ports: bad port list '1-70000': port '70000' is above 65535"},
    {"bad port in list", "targets:\n  - name: a\n    addresses: [::1]\n    expect:\n      closed:\n        - 25\n        - 0\n",
     "p.yaml:7: targets[0].expect.closed: bad port '0': port 0 cannot be scanned"},
    {"reversed range", "targets:\n  - name: a\n    addresses: [::1]\n    expect: {open: [\"90-80\"]}\n",
     "p.yaml:4: targets[0].expect.open: bad port '90-80': range 90-80 is backwards"},
    {"host bits", "targets:\n  - name: a\n    addresses: [203.0.113.5/24]\n",
     "p.yaml:3: targets[0].addresses: '203.0.113.5/24' is not a valid CIDR: host bits are set (did you mean "
     "203.0.113.0/24?) (e.g. 198.51.100.0/28, 2001:db8::/124)"},
    {"bad state", "targets:\n  - name: a\n    addresses: [::1]\n    expect:\n      default: opne\n",
     "p.yaml:5: targets[0].expect.default: unknown state 'opne' (expected open, closed or filtered)"},
    {"conflict", "targets:\n  - name: a\n    addresses: [::1]\n    expect:\n      open: [25]\n      closed: [20-30]\n",
     "p.yaml:6: targets[0].expect.closed: port 25 is expected both open and closed"},
    {"conflict per-port", "targets:\n  - name: a\n    addresses: [::1]\n    expect:\n      open: [9200]\n      9200: filtered\n",
     "p.yaml:6: targets[0].expect.9200: port 9200 is expected both open and filtered"},
    {"expect outside ports", "targets:\n  - name: a\n    addresses: [::1]\n    ports: 1-1024\n    expect: {open: [9200]}\n",
     "p.yaml:5: targets[0].expect.open: port 9200 is not in the target's ports (1-1024), so it would never be "
     "checked"},
    {"duplicate name", "targets:\n  - name: a\n    addresses: [::1]\n  - name: a\n    addresses: [127.0.0.1]\n",
     "p.yaml:4: targets[1].name: duplicate target name 'a' (first at line 2)"},
    {"duplicate address", "targets:\n  - name: a\n    addresses: [\"2001:db8::1\"]\n  - name: b\n    addresses: [\"2001:DB8:0::1\"]\n",
     "p.yaml:5: targets[1].addresses: duplicate address 2001:db8::1 (already in target 'a')"},
    {"duplicate key", "targets:\n  - name: a\n    addresses: [::1]\n    name: b\n",
     "p.yaml:4: targets[0].name: duplicate key"},
    {"bad services", "targets:\n  - name: a\n    addresses: [::1]\n    services: deny\n",
     "p.yaml:4: targets[0].services: unknown value 'deny' (expected deny-unauthenticated or ignore)"},
    {"unknown expect key", "targets:\n  - name: a\n    addresses: [::1]\n    expect: {opened: [22]}\n",
     "p.yaml:4: targets[0].expect.opened: unknown key (expected default, open, closed, filtered or a port like 9200)"},
    {"bad version", "version: 2\ntargets: []\n",
     "p.yaml:1: version: unsupported policy version (this exposcan reads version 1)"},
    {"name is a list", "targets:\n  - name: [a]\n    addresses: [::1]\n",
     "p.yaml:2: targets[0].name: expected a single value, not a list or mapping"},
    {"empty ports", "targets:\n  - name: a\n    addresses: [::1]\n    ports: []\n", "p.yaml:4: targets[0].ports: no ports to scan"},
    {"canary without port", "canary: 198.51.100.1\ntargets:\n  - name: a\n    addresses: [::1]\n",
     "p.yaml:1: canary: bad endpoint '198.51.100.1': expected HOST:PORT (e.g. 198.51.100.1:443 or \"[2001:db8::1]:443\")"},
    {"canary bad host", "canary: [\"198.51.100.999:443\"]\ntargets:\n  - name: a\n    addresses: [::1]\n",
     "p.yaml:1: canary: '198.51.100.999' is not an IP address or hostname"},
    {"canary is a CIDR", "canary: [\"[2001:db8::/64]:443\"]\ntargets:\n  - name: a\n    addresses: [::1]\n",
     "p.yaml:1: canary: '2001:db8::/64' is not an IP address or hostname"},
    {"bad domain", "targets:\n  - name: a\n    addresses: [::1]\n    domain: \"exa mple.com\"\n",
     "p.yaml:4: targets[0].domain: 'exa mple.com' is not a domain name"},
    {"bad vantage name", "targets:\n  - name: a\n    addresses: [::1]\n    expect_by_vantage:\n      \"e u\": {open: [443]}\n",
     "p.yaml:5: targets[0].expect_by_vantage.e u: not a vantage name: only letters, digits, '.', '_' and '-' (e.g. "
     "eu, cloud-us-east, cdn)"},
    {"vantage without body", "targets:\n  - name: a\n    addresses: [::1]\n    expect_by_vantage:\n      cdn: open\n",
     "p.yaml:5: targets[0].expect_by_vantage.cdn: expected an expect body, e.g. { open: [443] } or { default: closed }"},
    {"vantage unknown key", "targets:\n  - name: a\n    addresses: [::1]\n    expect_by_vantage:\n      cdn: {opened: [443]}\n",
     "p.yaml:5: targets[0].expect_by_vantage.cdn.opened: unknown key (expected default, open, closed, filtered or a "
     "port like 9200)"},
    {"vantage outside ports", "targets:\n  - name: a\n    addresses: [::1]\n    ports: 1-100\n    expect_by_vantage:\n"
     "      cdn:\n        open: [443]\n",
     "p.yaml:7: targets[0].expect_by_vantage.cdn.open: port 443 is not in the target's ports (1-100), so it would "
     "never be checked"},
    {"vantage is a list", "targets:\n  - name: a\n    addresses: [::1]\n    expect_by_vantage: [cdn]\n",
     "p.yaml:4: targets[0].expect_by_vantage: expected a mapping"},
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.what; }

class BadPolicy : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadPolicy, NamesFileLineAndKey) {
    const auto& c = GetParam();
    try {
        parse_policy(c.yaml, "p.yaml");
        FAIL() << c.what << ": parsed without error";
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()), c.message) << c.what;
    }
}

INSTANTIATE_TEST_SUITE_P(Kinds, BadPolicy, ::testing::ValuesIn(k_bad));

// expect_by_vantage: each entry is `expect` with the vantage's lines on top.
TEST(ParsePolicy, ExpectByVantageOverlaysExpect) {
    auto p = parse_policy("targets:\n  - name: a\n    addresses: [::1]\n    expect:\n      default: filtered\n"
                          "      closed: [25]\n    expect_by_vantage:\n      cdn: {open: [443, 25]}\n"
                          "      office: {default: closed}\n",
                          "p.yaml");
    const auto& t = p.targets.at(0);
    ASSERT_EQ(t.expect_by_vantage.size(), 2u);
    EXPECT_EQ(t.expect_for("cdn").expected(443), PortState::open);
    EXPECT_EQ(t.expect_for("cdn").expected(25), PortState::open);   // the vantage's line wins
    EXPECT_EQ(t.expect_for("cdn").expected(80), PortState::filtered);
    EXPECT_EQ(t.expect_for("office").expected(80), PortState::closed);
    EXPECT_EQ(t.expect_for("office").expected(25), PortState::closed);
    EXPECT_EQ(t.expect_for("eu").expected(443), PortState::filtered);  // no entry: expect itself
    EXPECT_EQ(for_vantage(p, "cdn").targets[0].expect.expected(443), PortState::open);
    EXPECT_EQ(expected_vantages(p), (std::vector<std::string>{"cdn", "office"}));
}

TEST(ParsePolicy, CanaryIsOneEndpointOrAList) {
    auto one = parse_policy("canary: 198.51.100.1:443\ntargets:\n  - name: a\n    addresses: [::1]\n", "p.yaml");
    EXPECT_EQ(one.canaries, std::vector<std::string>{"198.51.100.1:443"});
    auto two = parse_policy("canary: [198.51.100.1:443, \"[2001:db8::1]:22\", canary.example.net:25]\n"
                            "targets:\n  - name: a\n    addresses: [::1]\n",
                            "p.yaml");
    EXPECT_EQ(two.canaries.size(), 3u);
    EXPECT_EQ(two.canaries[1], "[2001:db8::1]:22");
}

TEST(LoadPolicyFile, UnreadableFileIsAUsageError) {
    EXPECT_THROW(load_policy_file("/nonexistent/p.yaml"), UsageError);
    try {
        load_policy_file("/nonexistent/p.yaml");
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()), "/nonexistent/p.yaml: cannot read policy file: No such file or directory");
    }
    EXPECT_THROW(load_policy_file("/tmp"), UsageError);
}

TEST(LoadPolicyFile, ReadsAFile) {
    auto path = ::testing::TempDir() + "policy_test.yaml";
    std::ofstream(path) << k_good;
    EXPECT_EQ(load_policy_file(path).targets.size(), 2u);
}

}  // namespace
}  // namespace exposcan::policy
