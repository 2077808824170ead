#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "exposcan/report.hpp"
#include "report/xml_escape.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan::report {
namespace {

using exposcan::testing::make_scan;

RunReport sample() {
    RunReport r;
    r.tool_version = "0.1.0";
    r.command = "check";
    auto s4 = make_scan("ori\"gin\\x", "203.0.113.10", PortSet::all(), {{25, PortState::closed}, {9200, PortState::open}});
    auto s6 = make_scan("ori\"gin\\x", "2001:db8::10", PortSet::all(), {{25, PortState::closed}});
    r.targets = {s4.target, s6.target};
    r.scans = {s4, s6};
    Finding f;
    f.rule = "port.unexpected-open";
    f.severity = Severity::critical;
    f.target = s4.target.name;
    f.address = "203.0.113.10";
    f.port = 9200;
    f.location = "tcp://203.0.113.10:9200";
    f.title = "port 9200/tcp is open, expected filtered";
    f.evidence = "a]]>b <c> & \"d\" \x01";
    f.fix = "bind 127.0.0.1:9200:9200";
    r.findings = {f};
    r.exit_code = ExitCode::findings;
    return r;
}

std::string render(const RunReport& r, Format f, WriteOptions o = {}) {
    std::ostringstream out;
    write(r, f, out, o);
    return out.str();
}

TEST(XmlEscape, EscapesMarkupControlsAndBadUtf8) {
    EXPECT_EQ(xml_escape("a]]>b"), "a]]&gt;b");
    EXPECT_EQ(xml_escape("<&\"'>"), "&lt;&amp;&quot;&apos;&gt;");
    EXPECT_EQ(xml_escape(std::string("x\x01y\x7f", 4)), "x\\x01y\\x7f");
    EXPECT_EQ(xml_escape("\t\n"), "&#9;&#10;");
    EXPECT_EQ(xml_escape("caf\xc3\xa9 \xff"), "caf\xc3\xa9 \\xff");
}

TEST(JsonWriter, RoundTripsTheReport) {
    auto doc = nlohmann::json::parse(render(sample(), Format::json));
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_EQ(doc["exit_code"], 1);
    EXPECT_EQ(doc["verdict"], "findings");
    EXPECT_EQ(doc["targets"].size(), 2u);
    EXPECT_EQ(doc["targets"][1]["family"], "ipv6");
    EXPECT_EQ(doc["findings"][0]["evidence"], "a]]>b <c> & \"d\" \x01");
    EXPECT_EQ(doc["scans"][0]["counts"]["filtered"], 65533);
}

TEST(JsonLinesWriter, OneObjectPerLine) {
    std::istringstream in(render(sample(), Format::jsonl));
    std::vector<std::string> types;
    for (std::string line; std::getline(in, line);) types.push_back(nlohmann::json::parse(line)["type"]);
    EXPECT_EQ(types.front(), "run");
    EXPECT_EQ(types.back(), "summary");
    EXPECT_EQ(std::count(types.begin(), types.end(), "port"), 3);
    EXPECT_EQ(std::count(types.begin(), types.end(), "finding"), 1);
}

TEST(SarifWriter, RulesResultsAndLocations) {
    auto doc = nlohmann::json::parse(render(sample(), Format::sarif));
    EXPECT_EQ(doc["version"], "2.1.0");
    const auto& run = doc["runs"][0];
    EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "port.unexpected-open");
    EXPECT_EQ(run["results"][0]["level"], "error");
    EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              "tcp://203.0.113.10:9200");
}

TEST(JunitWriter, EscapesEverything) {
    auto xml = render(sample(), Format::junit);
    EXPECT_EQ(xml.find("]]>"), std::string::npos);
    EXPECT_NE(xml.find("classname=\"exposcan.ori&quot;gin\\x\" name=\"port.unexpected-open\""), std::string::npos);
    EXPECT_NE(xml.find("<failure"), std::string::npos);
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(PrometheusWriter, EscapesLabelsAndCounts) {
    auto text = render(sample(), Format::prometheus);
    EXPECT_NE(text.find("exposcan_port_state{target=\"ori\\\"gin\\\\x\",address=\"203.0.113.10\",port=\"9200\",state=\"open\"} 1"),
              std::string::npos);
    EXPECT_NE(text.find("exposcan_findings{rule=\"port.unexpected-open\",severity=\"critical\"} 1"), std::string::npos);
    EXPECT_NE(text.find("exposcan_run_success 1"), std::string::npos);
}

TEST(TextWriter, ColourOnlyWhenAsked) {
    auto plain = render(sample(), Format::text);
    EXPECT_EQ(plain.find('\x1b'), std::string::npos);
    EXPECT_NE(plain.find("[critical] port.unexpected-open tcp://203.0.113.10:9200"), std::string::npos);
    WriteOptions o;
    o.color = true;
    EXPECT_NE(render(sample(), Format::text, o).find("\x1b[1;31m[critical]"), std::string::npos);
}

TEST(AtomicFile, WritesWholeFileOrNothing) {
    auto dir = std::filesystem::path(::testing::TempDir()) / "exposcan_atomic";
    std::filesystem::create_directories(dir);
    auto path = (dir / "out.json").string();
    write_file_atomic(sample(), Format::json, path, {});
    auto doc = nlohmann::json::parse(std::ifstream(path));
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_THROW(write_file_atomic(sample(), Format::json, "/nonexistent/dir/out.json", {}), std::runtime_error);
    std::size_t files = 0;
    for (auto& e : std::filesystem::directory_iterator(dir)) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);  // no temp file left behind
}

}  // namespace
}  // namespace exposcan::report
