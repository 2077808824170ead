#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
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
    r.evaluated[s4.target.name] = {RuleFamily::ports, RuleFamily::parity};
    r.exit_code = ExitCode::findings;
    return r;
}

// What `exposcan scan ADDR` evaluates: port rules and, with probes, service rules; no leak audit.
RunReport plain_scan() {
    RunReport r;
    r.command = "scan";
    auto s = make_scan("127.0.0.1", "127.0.0.1", PortSet::all(), {{9200, PortState::open}, {6379, PortState::open}});
    r.targets = {s.target};
    r.scans = {s};
    auto finding = [&](Severity sev, std::uint16_t port, std::string title) {
        Finding f;
        f.rule = "port.unexpected-open";
        f.severity = sev;
        f.target = s.target.name;
        f.port = port;
        f.location = "tcp://127.0.0.1:" + std::to_string(port);
        f.title = std::move(title);
        return f;
    };
    r.findings = {finding(Severity::high, 8080, "port 8080/tcp is open"),
                  finding(Severity::critical, 9200, "port 9200/tcp is open")};
    r.evaluated[s.target.name] = {RuleFamily::ports, RuleFamily::services};
    r.exit_code = ExitCode::findings;
    return r;
}

// The <testcase name="..."> values of one JUnit document, in order.
std::vector<std::string> junit_cases(const std::string& xml) {
    std::vector<std::string> out;
    const std::string tag = "<testcase classname=\"exposcan.";
    for (auto at = xml.find(tag); at != std::string::npos; at = xml.find(tag, at + 1)) {
        auto name = xml.find("name=\"", at + tag.size()) + 6;
        out.push_back(xml.substr(name, xml.find('"', name) - name));
    }
    return out;
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

TEST(JsonWriter, CarriesEachScansStats) {
    auto r = sample();
    auto& st = r.scans[0].stats;
    st.connects = 131070;
    st.answers = 3;
    st.retransmissions = 65532;
    st.tries_filtered = 131064;
    st.loss_samples = 200;
    st.loss_lost = 19;
    st.loss_estimate = 0.095;
    st.max_tries = 2;
    st.rtt_p50_us = 100400;
    st.timeout_us = 125000;
    st.rate = 31234.56;
    auto doc = nlohmann::json::parse(render(r, Format::json));
    const auto& j = doc["scans"][0]["stats"];
    EXPECT_EQ(j["connects"], 131070);
    EXPECT_EQ(j["retransmissions"], 65532);
    EXPECT_EQ(j["tries"]["filtered"], 131064);
    EXPECT_EQ(j["loss_lost"], 19);
    EXPECT_DOUBLE_EQ(j["loss_estimate"].get<double>(), 0.095);
    EXPECT_EQ(j["rtt_p50_us"], 100400);
    EXPECT_EQ(j["timeout_us"], 125000);
    EXPECT_DOUBLE_EQ(j["rate"].get<double>(), 31234.6);
    EXPECT_EQ(doc["scans"][1]["stats"]["connects"], 0);
}

TEST(TextWriter, AProbeLineNamesTheTlsCertificate) {
    auto r = sample();
    ProbeResult p;
    p.target = r.targets.at(0);
    p.port = 8443;
    p.exposure = Exposure::tls;
    p.tls = TlsCertificate{"CN = old.example", "CN = old.example", {}, "2020-02-01T00:00:00Z", true, true, "TLSv1.2"};
    r.probes = {p};
    auto text = render(r, Format::text);
    EXPECT_NE(text.find(":8443 unknown: tls [TLSv1.2 CN = old.example, self-signed, expired 2020-02-01T00:00:00Z]\n"),
              std::string::npos)
        << text;
}

TEST(TextWriter, VerboseShowsOneStatsLinePerScan) {
    auto r = sample();
    r.scans[0].stats.connects = 131070;
    r.scans[0].stats.loss_estimate = 0.095;
    r.scans[0].stats.timeout_us = 125000;
    EXPECT_EQ(render(r, Format::text).find("stats:"), std::string::npos);
    WriteOptions o;
    o.verbose = true;
    auto text = render(r, Format::text, o);
    EXPECT_NE(text.find("  stats: 131070 connects ("), std::string::npos);
    EXPECT_NE(text.find("loss 9.5 %"), std::string::npos);
    EXPECT_NE(text.find("timeout 125.0 ms"), std::string::npos);
    std::size_t lines = 0;
    for (auto at = text.find("  stats: "); at != std::string::npos; at = text.find("  stats: ", at + 1)) ++lines;
    EXPECT_EQ(lines, r.scans.size());
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

// Issue 11 case 12: a plain scan listed leak.* and origin.* as passing
// although no leak audit ran, and critical findings failed as type="high".
TEST(JunitWriter, ListsOnlyTheRulesThisRunEvaluated) {
    auto xml = render(plain_scan(), Format::junit);
    auto cases = junit_cases(xml);
    for (const auto& name : cases) {
        EXPECT_FALSE(name.starts_with("leak.") || name.starts_with("origin.")) << name << " was not evaluated";
        EXPECT_NE(name, "ipv6.parity") << "one address family only";
    }
    for (auto want : {"port.unexpected-open", "port.unexpected-closed", "port.unexpected-filtered", "scan.incomplete",
                      "scan.suspect-middlebox", "service.no-auth", "service.info-leak", "tls.certificate",
                      "tls.self-signed", "tls.expired", "run.complete", "run.reachability"})
        EXPECT_NE(std::find(cases.begin(), cases.end(), want), cases.end()) << want;
    EXPECT_EQ(cases.size(), 12u);
    EXPECT_NE(xml.find("type=\"critical\""), std::string::npos) << xml;
    EXPECT_EQ(xml.find("type=\"high\""), std::string::npos) << xml;
    EXPECT_NE(xml.find("message=\"2 finding(s): port 9200/tcp is open\""), std::string::npos) << xml;
}

// Information never fails the run, so it is no JUnit failure either: the
// certificate of a TLS port is the passing case's output.
TEST(JunitWriter, InformationPasses) {
    auto r = plain_scan();
    auto f = r.findings.at(0);
    f.rule = "tls.certificate";
    f.severity = Severity::info;
    f.title = "TLS on 443: CN = a.example";
    r.findings = {f};
    auto xml = render(r, Format::junit);
    EXPECT_NE(xml.find("<system-out>[info]"), std::string::npos) << xml;
    EXPECT_NE(xml.find("TLS on 443: CN = a.example"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("<failure"), std::string::npos) << xml;
    EXPECT_NE(xml.find("failures=\"0\""), std::string::npos) << xml;
}

TEST(JunitWriter, LeakRunListsLeakRulesAndATargetNothingRanForHasNone) {
    auto r = plain_scan();
    r.findings.clear();
    r.evaluated.clear();
    r.evaluated["example.com"] = {RuleFamily::dns_leak};
    auto cases = junit_cases(render(r, Format::junit));
    EXPECT_NE(std::find(cases.begin(), cases.end(), "leak.dns.ns"), cases.end());
    EXPECT_EQ(std::find(cases.begin(), cases.end(), "leak.http.header"), cases.end()) << "--no-http";
    EXPECT_EQ(std::find(cases.begin(), cases.end(), "port.unexpected-open"), cases.end()) << "no scan ran";
}

TEST(SarifWriter, RulesAreTheEvaluatedOnesFromTheCatalog) {
    auto doc = nlohmann::json::parse(render(plain_scan(), Format::sarif));
    const auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
    std::set<std::string> ids;
    for (const auto& r : rules) ids.insert(r["id"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{"port.unexpected-open", "port.unexpected-closed", "port.unexpected-filtered",
                                          "scan.incomplete", "scan.suspect-middlebox", "service.no-auth",
                                          "service.info-leak", "tls.certificate", "tls.self-signed", "tls.expired"}));
    const auto& info = exposcan::rules::info(Rule::port_unexpected_open);
    EXPECT_EQ(rules[0]["name"], info.name);
    EXPECT_EQ(rules[0]["help"]["text"], info.fix);
    for (const auto& result : doc["runs"][0]["results"])
        EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
}

TEST(SarifWriter, ARuleThisVersionDoesNotKnowIsDescribedByItsFinding) {
    auto r = plain_scan();
    r.findings[0].rule = "port.from-the-future";
    auto doc = nlohmann::json::parse(render(r, Format::sarif));
    const auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
    EXPECT_EQ(rules[doc["runs"][0]["results"][0]["ruleIndex"].get<std::size_t>()]["id"], "port.from-the-future");
}

TEST(JunitWriter, EscapesEverything) {
    auto xml = render(sample(), Format::junit);
    EXPECT_EQ(xml.find("]]>"), std::string::npos);
    EXPECT_NE(xml.find("classname=\"exposcan.ori&quot;gin\\x\" name=\"port.unexpected-open\""), std::string::npos);
    EXPECT_NE(xml.find("<failure"), std::string::npos);
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(HtmlWriter, SelfContainedEscapedAndOneMapPerAddress) {
    auto html = render(sample(), Format::html);
    EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http://"), std::string::npos);  // nothing to fetch (inline SVG needs no xmlns in HTML5)
    EXPECT_NE(html.find("a]]&gt;b &lt;c&gt; &amp; &quot;d&quot; \\x01"), std::string::npos) << html;
    EXPECT_EQ(html.find('\x01'), std::string::npos);
    EXPECT_NE(html.find("ori&quot;gin\\x (203.0.113.10)"), std::string::npos);
    EXPECT_NE(html.find("data-open=\"1\" data-closed=\"1\" data-scanned=\"65535\""), std::string::npos);
    EXPECT_NE(html.find("data-open=\"0\" data-closed=\"1\" data-scanned=\"65535\""), std::string::npos);
    EXPECT_NE(html.find("<circle class=\"mark-open\" cx=\"240.5\" cy=\"35.5\""), std::string::npos);  // 9200
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
