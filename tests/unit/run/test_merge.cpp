// merge: shard reports written by the JSON writer, read back and combined
// (merge.hpp). No network: the scans are synthetic.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "exposcan/error.hpp"
#include "exposcan/merge.hpp"
#include "exposcan/port_spec.hpp"
#include "exposcan/report.hpp"
#include "exposcan/shard.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan {
namespace {

namespace fs = std::filesystem;
const char* k_version = "test-1";

// The "truth" both addresses show: 2 and 9 open on v4, 5 closed on both.
TargetScan truth_scan(std::size_t t, const PortSet& scanned) {
    const char* address = t == 0 ? "198.51.100.10" : "2001:db8::10";
    auto s = testing::make_scan(address, address, scanned, {});
    for (auto [port, state] : {std::pair<std::uint16_t, PortState>{2, PortState::open}, {5, PortState::closed},
                               {9, PortState::open}}) {
        if (!scanned.contains(port) || (t == 1 && state == PortState::open)) continue;
        s.ports.push_back(PortResult{port, state, state == PortState::open ? Reason::syn_ack : Reason::conn_refused,
                                     1, 100});
    }
    return s;
}

RunReport shard_report(Shard shard, const std::string& version = k_version) {
    RunReport r;
    r.command = "scan";
    r.tool_version = version;
    r.work = WorkDescription{{"198.51.100.10", "2001:db8::10"}, {}, "1-10", "flags", "9", "5", true};
    if (shard.count > 1) r.shard = shard;
    auto ports = parse_port_spec("1-10");
    for (std::size_t t = 0; t < 2; ++t) {
        r.scans.push_back(truth_scan(t, shard_ports(ports, t, shard)));
        r.targets.push_back(r.scans.back().target);
    }
    return r;
}

class Merge : public ::testing::Test {
protected:
    fs::path dir = fs::temp_directory_path() / ("exposcan-merge-" + std::to_string(::getpid()));
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }
    std::string write(const RunReport& r, const std::string& name) {
        auto path = (dir / name).string();
        std::ofstream out(path);
        report::write(r, report::Format::json, out, {});
        return path;
    }
    MergeJob job(std::vector<std::string> paths) {
        MergeJob j;
        j.paths = std::move(paths);
        j.tool_version = k_version;
        return j;
    }
    std::vector<std::string> shards(unsigned n) {
        std::vector<std::string> out;
        for (unsigned i = 1; i <= n; ++i) out.push_back(write(shard_report({i, n}), "s" + std::to_string(i) + ".json"));
        return out;
    }
};

std::string findings_of(const RunReport& r) {
    std::string out;
    for (const auto& f : r.findings) out += f.key() + "\n";
    return out;
}

TEST_F(Merge, EqualsTheSingleRun) {
    auto single = merge_reports(job({write(shard_report({1, 1}), "all.json")}));
    auto merged = merge_reports(job(shards(3)));
    EXPECT_EQ(findings_of(merged), findings_of(single));
    EXPECT_NE(findings_of(merged), "");  // 2 open unexpected, 9 not open on v6, ...
    EXPECT_EQ(merged.exit_code, single.exit_code);
    ASSERT_EQ(merged.scans.size(), 2u);
    EXPECT_EQ(merged.scans[0].scanned, parse_port_spec("1-10"));
    EXPECT_EQ(merged.scans[0].ports.size(), single.scans[0].ports.size());
    EXPECT_FALSE(merged.shard);
    std::ostringstream a, b;
    report::write(merged, report::Format::sarif, a, {});
    report::write(single, report::Format::sarif, b, {});
    EXPECT_EQ(a.str(), b.str());
}

TEST_F(Merge, MissingShardIsIncomplete) {
    auto paths = shards(3);
    paths.pop_back();
    EXPECT_THROW(merge_reports(job(paths)), IncompleteError);
}

TEST_F(Merge, DuplicateShardIsAUsageError) {
    auto paths = shards(3);
    paths.push_back(paths[1]);
    try {
        merge_reports(job(paths));
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("duplicate shard 2/3"), std::string::npos) << e.what();
    }
}

TEST_F(Merge, MixedVersionsJobsAndCountsAreUsageErrors) {
    auto paths = shards(2);
    auto other = paths;
    other[1] = write(shard_report({2, 2}, "test-2"), "v2.json");
    EXPECT_THROW(merge_reports(job(other)), UsageError);
    auto r = shard_report({2, 2});
    r.work->ports = "1-11";
    other[1] = write(r, "job.json");
    EXPECT_THROW(merge_reports(job(other)), UsageError);
    other[1] = write(shard_report({2, 3}), "count.json");
    EXPECT_THROW(merge_reports(job(other)), UsageError);
}

TEST_F(Merge, TruncatedReportNamesTheFile) {
    auto paths = shards(2);
    std::ifstream in(paths[1]);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(paths[1], std::ios::trunc) << text.substr(0, text.size() / 2);
    try {
        merge_reports(job(paths));
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(paths[1] + ": truncated or invalid JSON", 0), 0u) << e.what();
    }
}

TEST_F(Merge, PolicyFileMustMatch) {
    auto paths = shards(2);
    MergeJob j = job(paths);
    j.policy = policy::parse_policy("targets:\n  - name: o\n    addresses: [198.51.100.10]\n", "p.yaml");
    EXPECT_THROW(merge_reports(j), UsageError);  // shards used flags, not a file
}

// --vantage: one job from two places; cloud also sees port 7 open on v4.
RunReport vantage_report(Shard shard, const std::string& vantage, bool port7_open) {
    auto r = shard_report(shard);
    r.vantage = vantage;
    if (port7_open && shard_ports(parse_port_spec("1-10"), 0, shard).contains(7)) {
        auto& ports = r.scans[0].ports;
        ports.push_back(PortResult{7, PortState::open, Reason::syn_ack, 1, 100});
        std::sort(ports.begin(), ports.end(), [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
    }
    return r;
}

TEST_F(Merge, VantagesKeepTheirStatesAndDiverge) {
    std::vector<std::string> paths = {write(vantage_report({1, 1}, "eu", false), "eu.json")};
    for (unsigned i = 1; i <= 2; ++i)
        paths.push_back(write(vantage_report({i, 2}, "cloud", true), "cloud" + std::to_string(i) + ".json"));
    auto r = merge_reports(job(paths));
    ASSERT_EQ(r.vantages.size(), 2u);
    EXPECT_EQ(r.vantages[0].name, "cloud");
    EXPECT_EQ(r.vantages[0].shards, 2u);
    EXPECT_EQ(r.vantages[1].name, "eu");
    EXPECT_EQ(r.vantages[0].scans[0].lookup(7).state, PortState::open);
    EXPECT_EQ(r.vantages[1].scans[0].lookup(7).state, PortState::filtered);
    EXPECT_EQ(r.scans[0].lookup(7).state, PortState::open);  // the most exposed state
    std::vector<const Finding*> divergent;
    for (const auto& f : r.findings)
        if (f.rule == "vantage.divergent") divergent.push_back(&f);
    ASSERT_EQ(divergent.size(), 1u);
    EXPECT_EQ(divergent[0]->location, "tcp://198.51.100.10:7");
    EXPECT_EQ(divergent[0]->evidence, "cloud: open (syn-ack); eu: filtered (no-response)");
    EXPECT_EQ(r.exit_code, ExitCode::findings);
    // A finding both vantages raise appears once, naming both.
    auto both = std::count_if(r.findings.begin(), r.findings.end(), [](const Finding& f) {
        return f.location == "tcp://198.51.100.10:2" && f.title.find("(from vantages cloud, eu)") != std::string::npos;
    });
    EXPECT_EQ(both, 1);
    std::ostringstream json;
    report::write(r, report::Format::json, json, {});
    EXPECT_NE(json.str().find("\"vantages\""), std::string::npos);
}

TEST_F(Merge, SameStatesFromTwoVantagesDoNotDiverge) {
    auto r = merge_reports(job({write(vantage_report({1, 1}, "eu", false), "eu.json"),
                                write(vantage_report({1, 1}, "cloud", false), "cloud.json")}));
    for (const auto& f : r.findings) EXPECT_NE(f.rule, "vantage.divergent") << f.title;
    EXPECT_TRUE(r.evaluated.at("198.51.100.10").contains(RuleFamily::vantages));
}

TEST_F(Merge, CompletenessIsPerVantage) {
    auto eu = write(vantage_report({1, 1}, "eu", false), "eu.json");
    auto c1 = write(vantage_report({1, 2}, "cloud", true), "c1.json");
    try {
        merge_reports(job({eu, c1}));
        FAIL();
    } catch (const IncompleteError& e) {
        EXPECT_NE(std::string(e.what()).find("missing shard 2/2 (vantage cloud)"), std::string::npos) << e.what();
    }
    auto plain = write(shard_report({1, 1}), "plain.json");
    EXPECT_THROW(merge_reports(job({eu, plain})), UsageError);  // unlabelled beside labelled
}

TEST_F(Merge, OneVantageIsTheSingleRunFromThere) {
    auto single = merge_reports(job({write(vantage_report({1, 1}, "cloud", true), "all.json")}));
    auto merged = merge_reports(job({write(vantage_report({1, 2}, "cloud", true), "c1.json"),
                                     write(vantage_report({2, 2}, "cloud", true), "c2.json")}));
    EXPECT_EQ(findings_of(merged), findings_of(single));
    EXPECT_EQ(merged.vantage, "cloud");
    EXPECT_TRUE(merged.vantages.empty());
}

}  // namespace
}  // namespace exposcan
