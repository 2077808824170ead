#include <gtest/gtest.h>

#include <fstream>

#include "exposcan/error.hpp"
#include "exposcan/report.hpp"
#include "exposcan/run.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan {
namespace {

Finding finding(const std::string& rule, Severity sev, const std::string& location) {
    Finding f;
    f.rule = rule;
    f.severity = sev;
    f.target = "origin";
    f.location = location;
    return f;
}

RunReport with(std::vector<Finding> findings) {
    RunReport r;
    r.scans.push_back(testing::make_scan("origin", "203.0.113.10", PortSet::all(), {}));
    r.findings = std::move(findings);
    return r;
}

TEST(ExitCode, CleanOnlyWhenCompleteAndNoFindings) {
    EXPECT_EQ(decide_exit_code(with({})), ExitCode::clean);
    auto r = with({});
    r.scans[0].complete = false;
    EXPECT_EQ(decide_exit_code(r), ExitCode::inconclusive);
    r = with({});
    r.leak = LeakReport{};
    r.leak->inconclusive.push_back("SERVFAIL");
    EXPECT_EQ(decide_exit_code(r), ExitCode::inconclusive);
}

TEST(ExitCode, FindingsOutrankInconclusive) {
    auto r = with({finding("port.unexpected-open", Severity::high, "tcp://203.0.113.10:22")});
    r.inconclusive.push_back("deadline");
    EXPECT_EQ(decide_exit_code(r), ExitCode::findings);
}

TEST(ExitCode, FailOnThresholdAndNever) {
    auto r = with({finding("port.unexpected-closed", Severity::low, "tcp://203.0.113.10:22")});
    EXPECT_EQ(decide_exit_code(r, GateOptions{Severity::low, false}), ExitCode::findings);
    EXPECT_EQ(decide_exit_code(r, GateOptions{Severity::high, false}), ExitCode::clean);
    EXPECT_EQ(decide_exit_code(r, GateOptions{std::nullopt, false}), ExitCode::clean);
    r.inconclusive.push_back("x");
    EXPECT_EQ(decide_exit_code(r, GateOptions{std::nullopt, false}), ExitCode::inconclusive);  // never 0
}

TEST(ExitCode, ScanIncompleteNeverFailsAsAFinding) {
    auto r = with({finding("scan.incomplete", Severity::info, "tcp://203.0.113.10")});
    r.scans[0].complete = false;
    EXPECT_EQ(decide_exit_code(r, GateOptions{Severity::info, false}), ExitCode::inconclusive);
}

TEST(Baseline, SplitsNewUnchangedResolved) {
    auto a = finding("port.unexpected-open", Severity::high, "tcp://203.0.113.10:22");
    auto b = finding("port.unexpected-open", Severity::critical, "tcp://203.0.113.10:9200");
    auto c = finding("ipv6.parity", Severity::high, "tcp://[2001:db8::10]:22");
    auto r = with({a, b});
    apply_baseline(r, {a, c}, "old.json");
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].key(), b.key());
    ASSERT_EQ(r.unchanged.size(), 1u);
    ASSERT_EQ(r.resolved.size(), 1u);
    EXPECT_EQ(r.resolved[0].key(), c.key());
    EXPECT_EQ(decide_exit_code(r), ExitCode::findings);
    r.findings.clear();
    EXPECT_EQ(decide_exit_code(r), ExitCode::clean);
    EXPECT_EQ(decide_exit_code(r, GateOptions{Severity::low, true}), ExitCode::findings);
}

TEST(Baseline, ReadsItsOwnJsonIncludingUnchanged) {
    auto r = with({finding("port.unexpected-open", Severity::high, "tcp://203.0.113.10:22")});
    apply_baseline(r, {finding("port.unexpected-open", Severity::high, "tcp://203.0.113.10:22")}, "x");
    r.findings.push_back(finding("ipv6.parity", Severity::medium, "tcp://[2001:db8::10]:80"));
    auto path = ::testing::TempDir() + "baseline_test.json";
    report::write_file_atomic(r, report::Format::json, path, {});
    auto loaded = load_baseline(path);
    ASSERT_EQ(loaded.size(), 2u);  // the new one and the unchanged one
    EXPECT_EQ(loaded[0].rule, "ipv6.parity");
    EXPECT_EQ(loaded[1].severity, Severity::high);
    EXPECT_THROW(load_baseline("/nonexistent.json"), UsageError);
    std::ofstream(::testing::TempDir() + "bad.json") << "{not json";
    EXPECT_THROW(load_baseline(::testing::TempDir() + "bad.json"), UsageError);
}

// Only findings/unchanged are kept while parsing: the rest of a big report
// (scans, probes, leak) is skipped, and a cap is a usage error naming it.
TEST(Baseline, KeepsOnlyFindingsAndHonoursTheCap) {
    auto path = ::testing::TempDir() + "baseline_scans.json";
    std::ofstream(path) << R"({"schema_version": 1, "scans": [{"ports": [1, 2, 3]}], "leak": {"x": [null]},
        "findings": [{"rule": "port.unexpected-open", "severity": "high", "target": "t", "address": "a",
                      "port": 22, "location": "tcp://a:22", "title": "", "evidence": "", "fix": ""}]})";
    ASSERT_EQ(load_baseline(path).size(), 1u);
    try {
        load_baseline(path, 16);
        FAIL() << "no cap error";
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": baseline is larger than the 16 bytes limit");
    }
}

}  // namespace
}  // namespace exposcan
