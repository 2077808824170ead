// LeakReport -> findings: one fact, one finding; every check maps to a catalog rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "exposcan/leak.hpp"
#include "leak/findings.hpp"

namespace exposcan::leak {
namespace {

std::vector<std::string> rules_of(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.rule + "@" + f.location);
    return out;
}

// Issue 11 case 14: ns1 is the domain's name server AND a wordlist hit.
TEST(LeakFindings, NameServerFoundAsSubdomainIsOneFinding) {
    LeakReport r;
    r.checks = {{"dns.ns", "ns1.example.test", "203.0.113.53", "other", "NS"},
                {"dns.subdomain", "ns1.example.test", "203.0.113.53", "other", ""}};
    auto fs = findings_from(r, "site");
    ASSERT_EQ(fs.size(), 1u) << ::testing::PrintToString(rules_of(fs));
    EXPECT_EQ(fs[0].rule, "leak.dns.ns");
    EXPECT_EQ(fs[0].severity, Severity::medium);
    EXPECT_EQ(fs[0].location, "dns://ns1.example.test#203.0.113.53");
    EXPECT_EQ(fs[0].evidence, "ns1.example.test -> 203.0.113.53 (NS); also found by dns.subdomain");
}

// The rule (and so the baseline key) does not depend on the order the paths answered.
TEST(LeakFindings, MostSpecificPathNamesTheFindingWhateverTheOrder) {
    LeakReport r;
    r.checks = {{"dns.subdomain", "mail.example.test", "203.0.113.10", "origin", ""},
                {"dns.mx", "mail.example.test", "203.0.113.10", "origin", "MX 10"},
                {"dns.ns", "mail.example.test", "203.0.113.10", "origin", "NS"}};
    auto fs = findings_from(r, "site");
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].rule, "leak.dns.mx");
    EXPECT_EQ(fs[0].severity, Severity::high);
    EXPECT_NE(fs[0].evidence.find("also found by dns.ns, dns.subdomain"), std::string::npos) << fs[0].evidence;
}

// Different addresses of one name, or one address under different names, stay apart;
// so do records that only contain an address (TXT, SPF) rather than resolve to it.
TEST(LeakFindings, DifferentFactsStayApart) {
    LeakReport r;
    r.checks = {{"dns.ns", "ns1.example.test", "203.0.113.53", "other", "NS"},
                {"dns.subdomain", "ns1.example.test", "203.0.113.54", "other", ""},
                {"dns.subdomain", "ns2.example.test", "203.0.113.53", "other", ""},
                {"dns.a", "example.test", "203.0.113.10", "origin", ""},
                {"dns.txt", "example.test", "203.0.113.10", "origin", "backend=203.0.113.10"},
                {"dns.subdomain", "relay.example.test", "203.0.113.4", "other", ""},
                {"dns.spf", "spf example.test a:relay.example.test", "203.0.113.4", "other", ""}};
    EXPECT_EQ(findings_from(r, "site").size(), 7u);
}

// The severity is the catalog's: elevated (high) for a known origin,
// usual (medium) otherwise; issue 11 found leak.dns.spf documented as medium
// and emitted as high.
TEST(LeakFindings, SeverityAndTextFromTheCatalog) {
    LeakReport r;
    r.checks = {{"dns.spf", "spf example.test ip4:203.0.113.10", "203.0.113.10", "origin", ""},
                {"http.body", "https://example.test/", "203.0.113.10", "other", ""}};
    auto fs = findings_from(r, "site");
    ASSERT_EQ(fs.size(), 2u);
    const auto& spf = rules::info(Rule::leak_dns_spf);
    EXPECT_EQ(fs[0].severity, spf.elevated);
    EXPECT_EQ(fs[0].title, spf.title);
    EXPECT_EQ(fs[0].fix, spf.fix);
    EXPECT_EQ(fs[1].rule, "leak.http.body");
    EXPECT_EQ(fs[1].severity, rules::info(Rule::leak_http_body).severity);
}

TEST(LeakFindings, EvaluatedFamilies) {
    LeakRequest req;
    EXPECT_EQ(evaluated_families(req), (RuleFamilies{RuleFamily::dns_leak, RuleFamily::web_leak}));
    req.http = false;
    EXPECT_EQ(evaluated_families(req), RuleFamilies{RuleFamily::dns_leak});
}

// Every check name the audit records (a string literal passed to record,
// undecided or record_addresses in src/leak) is either a rule's check or one
// of the status-only checks; so a new check cannot be emitted without a rule.
TEST(LeakFindings, EveryRecordedCheckHasARule) {
    const std::set<std::string> status_only = {"http.cdn", "cdn.ranges", "http.crawl", "http.favicon"};
    static const std::regex literal(R"re("((?:dns|http|tls|cdn|origin)\.[a-z-]+)")re");
    std::size_t seen = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(EXPOSCAN_SOURCE_DIR) / "src/leak")) {
        if (e.path().extension() != ".cpp" || e.path().filename() == "findings.cpp") continue;
        std::ifstream in(e.path());
        std::ostringstream text;
        text << in.rdbuf();
        auto s = text.str();
        for (std::sregex_iterator it(s.begin(), s.end(), literal), end; it != end; ++it, ++seen) {
            auto check = (*it)[1].str();
            EXPECT_TRUE(rule_for_check(check) || status_only.count(check)) << check << " in " << e.path();
        }
    }
    EXPECT_GT(seen, 10u);
    for (auto check : status_only) EXPECT_FALSE(rule_for_check(check)) << check;
}

}  // namespace
}  // namespace exposcan::leak
