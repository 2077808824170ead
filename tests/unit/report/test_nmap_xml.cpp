// --format nmap-xml: nmap's folding rule, state order and escaping. The
// comparison with nmap itself (ndiff, nmap.dtd) is tests/lab/test_nmap_xml.sh.
#include <gtest/gtest.h>

#include <sstream>

#include "exposcan/report.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan::report {
namespace {

using exposcan::testing::make_scan;

std::string render(const RunReport& r) {
    std::ostringstream out;
    write(r, Format::nmap_xml, out, {});
    return out.str();
}

RunReport one_scan(TargetScan s) {
    RunReport r;
    r.command = "scan";
    r.tool_version = "0.1.0";
    r.targets = {s.target};
    r.scans = {std::move(s)};
    r.exit_code = ExitCode::findings;
    return r;
}

TEST(NmapXmlWriter, FoldsFilteredListsOpenAndFewClosed) {
    auto xml = render(one_scan(make_scan("o", "203.0.113.10", PortSet::all(),
                                         {{25, PortState::closed}, {9200, PortState::open}})));
    EXPECT_NE(xml.find("<nmaprun scanner=\"exposcan\""), std::string::npos);
    EXPECT_NE(xml.find("<extraports state=\"filtered\" count=\"65533\">"), std::string::npos);
    EXPECT_NE(xml.find("<extrareasons reason=\"no-response\" count=\"65533\" proto=\"tcp\" ports=\"1-24,26-9199,9201-65535\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("<port protocol=\"tcp\" portid=\"25\"><state state=\"closed\" reason=\"conn-refused\""),
              std::string::npos);
    EXPECT_NE(xml.find("portid=\"9200\"><state state=\"open\" reason=\"syn-ack\""), std::string::npos);
    EXPECT_EQ(xml.find("extraports state=\"closed\""), std::string::npos);
    EXPECT_NE(xml.find("addrtype=\"ipv4\""), std::string::npos);
    EXPECT_NE(xml.find("<hosts up=\"1\" down=\"0\" total=\"1\"/>"), std::string::npos);
    EXPECT_NE(xml.find("exit=\"success\""), std::string::npos);
}

// nmap's PortList::nextIgnoredState: the larger state count first.
TEST(NmapXmlWriter, ExtraportsLargerCountFirstAndFewFilteredListed) {
    PortSet scanned;
    scanned.add_range(1, 100);
    auto s = make_scan("o", "2001:db8::10", scanned, {});
    for (std::uint16_t p = 1; p <= 90; ++p) s.ports.push_back({p, PortState::closed, Reason::conn_refused, 1, 1});
    auto xml = render(one_scan(s));
    EXPECT_NE(xml.find("<extraports state=\"closed\" count=\"90\">"), std::string::npos);
    EXPECT_EQ(xml.find("extraports state=\"filtered\""), std::string::npos);  // 10 <= 25: listed
    EXPECT_NE(xml.find("portid=\"95\"><state state=\"filtered\" reason=\"no-response\""), std::string::npos);
    EXPECT_NE(xml.find("addrtype=\"ipv6\""), std::string::npos);

    for (std::uint16_t p = 91; p <= 100; ++p) s.ports.push_back({p, PortState::filtered, Reason::admin_prohibited, 1, 1});
    s.scanned.add_range(101, 300);  // 200 silent + 10 admin-prohibited > 90 closed
    xml = render(one_scan(s));
    auto filtered = xml.find("<extraports state=\"filtered\" count=\"210\">");
    ASSERT_NE(filtered, std::string::npos);
    EXPECT_LT(filtered, xml.find("<extraports state=\"closed\""));
    EXPECT_LT(xml.find("reason=\"no-response\" count=\"200\""), xml.find("reason=\"admin-prohibited\" count=\"10\""));
}

TEST(NmapXmlWriter, EscapesHostileNamesServicesAndErrors) {
    const std::string hostile = "x\"><img onerror=alert(1)>\x1b[31m</script>\xff]]>";
    auto s = make_scan("o", "203.0.113.10", PortSet::all(), {{6379, PortState::open}});
    s.target.spec = "x\"><img onerror=alert(1)>\x1b[31m\xff]]>";  // a name: no '/' (that is a CIDR)
    auto r = one_scan(s);
    r.tool_version = hostile;
    ProbeResult p;
    p.target = s.target;
    p.port = 6379;
    p.service = hostile;
    p.version = hostile;
    p.over_tls = true;
    r.probes = {p};
    r.inconclusive = {hostile};
    r.exit_code = ExitCode::inconclusive;
    auto xml = render(r);
    EXPECT_EQ(xml.find("<img"), std::string::npos);
    EXPECT_EQ(xml.find("</script>"), std::string::npos);
    EXPECT_EQ(xml.find('\x1b'), std::string::npos);
    EXPECT_EQ(xml.find('\xff'), std::string::npos);
    EXPECT_NE(xml.find("<hostname name=\"x&quot;&gt;&lt;img"), std::string::npos);
    EXPECT_NE(xml.find("tunnel=\"ssl\" method=\"probed\" conf=\"10\"/>"), std::string::npos);
    EXPECT_NE(xml.find("exit=\"error\" errormsg=\"x&quot;"), std::string::npos);
}

TEST(NmapXmlWriter, NoScansIsAnEmptyRun) {
    RunReport r;
    r.command = "leak";
    auto xml = render(r);
    EXPECT_EQ(xml.find("<host "), std::string::npos);
    EXPECT_NE(xml.find("numservices=\"0\" services=\"\""), std::string::npos);
    EXPECT_NE(xml.find("</nmaprun>\n"), std::string::npos);
}

}  // namespace
}  // namespace exposcan::report
