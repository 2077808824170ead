// The rule catalog (exposcan/rules.hpp) is the only place a rule id is
// defined: these tests keep it whole and keep every source pointing at it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "exposcan/rules.hpp"

using namespace exposcan;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every string literal in src/ and include/ that looks like a rule id
// ("family.name" with a rule family's prefix), with the file it is in.
std::vector<std::pair<std::string, std::string>> rule_like_literals() {
    static const std::regex literal(R"re("((?:port|scan|ipv6|service|leak|origin)\.[a-z0-9.-]+)")re");
    std::vector<std::pair<std::string, std::string>> out;
    for (auto dir : {"src", "include"}) {
        auto root = std::filesystem::path(EXPOSCAN_SOURCE_DIR) / dir;
        for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
            auto ext = e.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            auto text = slurp(e.path());
            for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it)
                out.emplace_back((*it)[1].str(), e.path().lexically_relative(EXPOSCAN_SOURCE_DIR).string());
        }
    }
    return out;
}

}  // namespace

TEST(RuleCatalog, IdsAndNamesAreUniqueAndComplete) {
    std::set<std::string_view> ids, names;
    for (const auto& r : rules::all()) {
        EXPECT_TRUE(ids.insert(r.id).second) << r.id;
        EXPECT_TRUE(names.insert(r.name).second) << r.name;
        EXPECT_FALSE(r.title.empty() || r.description.empty() || r.fix.empty()) << r.id;
        EXPECT_LE(r.severity, r.elevated) << r.id;
        EXPECT_EQ(r.elevated == r.severity, r.elevated_when.empty()) << r.id << ": a variant needs its condition";
        EXPECT_EQ(&rules::info(r.rule), &r);
        EXPECT_EQ(rules::find(r.id), &r);
    }
    EXPECT_EQ(rules::find("leak.dns.nope"), nullptr);
}

// The drift issue 11 found: leak.dns.spf was medium in one table and emitted
// high; six leak rules were emitted but in no table.
TEST(RuleCatalog, LeakRulesOnceWithBothSeverities) {
    for (auto id : {"leak.dns.spf", "leak.dns.aaaa", "leak.dns.cname", "leak.dns.subdomain", "leak.dns.txt",
                    "leak.dns.ns", "leak.http.body"}) {
        const auto* r = rules::find(id);
        ASSERT_NE(r, nullptr) << id;
        EXPECT_EQ(r->severity_if(true), Severity::high) << id;   // names a known origin
        EXPECT_EQ(r->severity_if(false), Severity::medium) << id;  // another non-CDN host
    }
}

// An emitter names a rule by enum; a rule id written as a string anywhere
// else must still be one the catalog has (e.g. in a comment-free comparison).
TEST(RuleCatalog, EveryRuleIdInTheSourcesIsInTheCatalog) {
    auto found = rule_like_literals();
    ASSERT_FALSE(found.empty()) << "the scan of " << EXPOSCAN_SOURCE_DIR << " found nothing";
    for (const auto& [id, file] : found) EXPECT_NE(rules::find(id), nullptr) << id << " in " << file;
}

TEST(RuleCatalog, ServiceHints) {
    EXPECT_NE(rules::service_hint("redis").fix.find("127.0.0.1"), std::string_view::npos);
    EXPECT_NE(rules::service_hint("elasticsearch").fix.find("DOCKER-USER"), std::string_view::npos);
    EXPECT_EQ(rules::service_hint("redis").rule, Rule::service_no_auth);
    EXPECT_EQ(rules::service_hint("prometheus").rule, Rule::service_info_leak);
    const auto& other = rules::service_hint("no-such-service");
    EXPECT_TRUE(other.service.empty());
    EXPECT_FALSE(other.fix.empty());
    std::set<std::string_view> seen;
    for (const auto& s : rules::service_hints()) {
        EXPECT_TRUE(seen.insert(s.service).second) << s.service;
        EXPECT_EQ(rules::info(s.rule).family, RuleFamily::services) << s.service;
    }
}

TEST(RuleCatalog, SensitivePorts) {
    EXPECT_TRUE(rules::is_sensitive_port(9200));
    EXPECT_TRUE(rules::is_sensitive_port(6379));
    EXPECT_FALSE(rules::is_sensitive_port(443));
}

TEST(RuleFamilies, SetOperations) {
    RuleFamilies f;
    EXPECT_TRUE(f.empty());
    f.add(RuleFamily::ports);
    f.add(RuleFamilies{RuleFamily::dns_leak, RuleFamily::web_leak});
    EXPECT_TRUE(f.contains(RuleFamily::ports));
    EXPECT_TRUE(f.contains(RuleFamily::web_leak));
    EXPECT_FALSE(f.contains(RuleFamily::services));
    EXPECT_EQ(f, (RuleFamilies{RuleFamily::web_leak, RuleFamily::ports, RuleFamily::dns_leak}));
}
