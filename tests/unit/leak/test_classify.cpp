#include <gtest/gtest.h>

#include "exposcan/leak.hpp"
#include "leak/classify.hpp"

namespace exposcan::leak {
namespace {

boost::asio::ip::address addr(const char* s) { return boost::asio::ip::make_address(s); }

Classifier make() {
    CidrSet cdn;
    cdn.add(*parse_cidr("104.16.0.0/13"));
    cdn.add(*parse_cidr("2606:4700::/32"));
    return Classifier("Example.COM.", {addr("203.0.113.10"), addr("2001:db8::10")}, cdn);
}

TEST(Classify, OriginBeatsCdnAndOtherIsMedium) {
    auto c = make();
    EXPECT_EQ(c.classify(addr("203.0.113.10"), true), verdict::origin);
    EXPECT_EQ(c.classify(addr("::ffff:203.0.113.10"), true), verdict::origin);
    EXPECT_EQ(c.classify(addr("2001:db8::10"), false), verdict::origin);
    EXPECT_EQ(c.classify(addr("104.17.1.1"), true), verdict::cdn);
    EXPECT_EQ(c.classify(addr("198.51.100.1"), true), verdict::other);
    EXPECT_EQ(c.classify(addr("198.51.100.1"), false), verdict::third_party);
}

TEST(Classify, NetworksContainingTheOrigin) {
    auto c = make();
    EXPECT_EQ(c.classify(*parse_cidr("203.0.113.0/24"), true), verdict::origin);
    EXPECT_EQ(c.classify(*parse_cidr("104.16.0.0/16"), true), verdict::cdn);
    EXPECT_EQ(c.classify(*parse_cidr("104.0.0.0/8"), true), verdict::other);
    EXPECT_EQ(c.classify(*parse_cidr("104.0.0.0/8"), false), verdict::third_party);
}

TEST(Classify, DomainMembership) {
    auto c = make();
    EXPECT_EQ(c.domain(), "example.com");
    EXPECT_TRUE(c.in_domain("example.com"));
    EXPECT_TRUE(c.in_domain("MAIL.example.com."));
    EXPECT_FALSE(c.in_domain("notexample.com"));
    EXPECT_FALSE(c.in_domain("example.com.evil.test"));
}

TEST(IpLiterals, FindsAddressesInHeadersAndBodies) {
    auto found = ip_literals("X-Backend: 203.0.113.10:8080, upstream [2001:db8::10]:443; via 10.0.0.1.");
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0], addr("203.0.113.10"));
    EXPECT_EQ(found[1], addr("2001:db8::10"));
    EXPECT_EQ(found[2], addr("10.0.0.1"));
}

TEST(IpLiterals, NoPartialOrGluedMatches) {
    EXPECT_EQ(ip_literals("203.0.113.100"), std::vector{addr("203.0.113.100")});
    EXPECT_TRUE(ip_literals("version 1.2.3 build a1.2.3.4b 999.1.1.1 12:34").empty());
    EXPECT_EQ(ip_literals("http://::ffff:203.0.113.10/"), std::vector{addr("203.0.113.10")});
    EXPECT_EQ(ip_literals("1.2.3.4 and 1.2.3.4"), std::vector{addr("1.2.3.4")});
}

TEST(Findings, SeverityAndRulesFromVerdicts) {
    LeakReport r;
    r.checks = {{"dns.mx", "mail.example.com", "203.0.113.10", "origin", "MX 10"},
                {"dns.subdomain", "dev.example.com", "198.51.100.7", "other", ""},
                {"dns.a", "example.com", "104.27.1.1", "cdn", ""},
                {"dns.spf", "spf example.com include:x", "", "inconclusive", "SERVFAIL"},
                {"origin.serves-directly", "https://example.com/ @203.0.113.10", "203.0.113.10", "origin", ""},
                {"dns.mx", "mail.example.com", "203.0.113.10", "origin", "MX 10"}};
    auto f = findings_from(r, "site");
    ASSERT_EQ(f.size(), 3u);
    EXPECT_EQ(f[0].rule, "leak.dns.mx");
    EXPECT_EQ(f[0].severity, Severity::high);
    EXPECT_EQ(f[0].location, "dns://mail.example.com#203.0.113.10");
    EXPECT_FALSE(f[0].fix.empty());
    EXPECT_EQ(f[1].rule, "leak.dns.subdomain");
    EXPECT_EQ(f[1].severity, Severity::medium);
    EXPECT_EQ(f[2].rule, "origin.serves-directly");
    EXPECT_EQ(f[2].target, "site");
}

}  // namespace
}  // namespace exposcan::leak
