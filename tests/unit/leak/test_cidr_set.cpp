#include <gtest/gtest.h>

#include "exposcan/error.hpp"
#include "leak/cdn_ranges.hpp"
#include "leak/cidr_set.hpp"

namespace exposcan::leak {
namespace {

boost::asio::ip::address addr(const char* s) { return boost::asio::ip::make_address(s); }

CidrSet set_of(std::initializer_list<const char*> cidrs) {
    CidrSet s;
    for (auto c : cidrs) s.add(*parse_cidr(c));
    return s;
}

TEST(ParseCidr, AcceptsNetworksAndBareAddresses) {
    EXPECT_EQ(parse_cidr("104.16.0.0/13")->prefix, 13);
    EXPECT_EQ(parse_cidr("2400:cb00::/32")->prefix, 32);
    EXPECT_EQ(parse_cidr("192.0.2.7")->prefix, 32);
    EXPECT_EQ(parse_cidr("2001:db8::1")->prefix, 128);
    EXPECT_EQ(parse_cidr("0.0.0.0/0")->prefix, 0);
    EXPECT_EQ(parse_cidr("::/0")->prefix, 0);
}

TEST(ParseCidr, RejectsBadMasksAndAddresses) {
    for (const char* bad : {"1.2.3.0/33", "::/129", "1.2.3.0/", "1.2.3.0/-1", "1.2.3.0/+8", "1.2.3.0/8x",
                            "1.2.3.0/0008", "10.0.0.1/8", "2001:db8::1/32", "1.2.3", "", "/8", "fe80::1%1/128",
                            "1.2.3.4/ 8", "example.com/24"})
        EXPECT_FALSE(parse_cidr(bad)) << bad;
}

TEST(ParseCidr, MappedV6BecomesV4) {
    auto c = parse_cidr("::ffff:192.0.2.0/120");
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->is_v4());
    EXPECT_EQ(c->to_string(), "192.0.2.0/24");
}

TEST(CidrSet, FirstAndLastAddressOfARange) {
    auto s = set_of({"104.16.0.0/13", "2606:4700::/32"});
    EXPECT_TRUE(s.contains(addr("104.16.0.0")));
    EXPECT_TRUE(s.contains(addr("104.23.255.255")));
    EXPECT_FALSE(s.contains(addr("104.15.255.255")));
    EXPECT_FALSE(s.contains(addr("104.24.0.0")));
    EXPECT_TRUE(s.contains(addr("2606:4700::")));
    EXPECT_TRUE(s.contains(addr("2606:4700:ffff:ffff:ffff:ffff:ffff:ffff")));
    EXPECT_FALSE(s.contains(addr("2606:4701::")));
    EXPECT_FALSE(s.contains(addr("2606:46ff:ffff:ffff:ffff:ffff:ffff:ffff")));
}

TEST(CidrSet, HostRoutesAndWholeSpace) {
    auto host = set_of({"192.0.2.1/32", "2001:db8::1/128"});
    EXPECT_TRUE(host.contains(addr("192.0.2.1")));
    EXPECT_FALSE(host.contains(addr("192.0.2.2")));
    EXPECT_FALSE(host.contains(addr("192.0.2.0")));
    EXPECT_TRUE(host.contains(addr("2001:db8::1")));
    EXPECT_FALSE(host.contains(addr("2001:db8::2")));
    auto all = set_of({"0.0.0.0/0", "::/0"});
    EXPECT_TRUE(all.contains(addr("0.0.0.0")));
    EXPECT_TRUE(all.contains(addr("255.255.255.255")));
    EXPECT_TRUE(all.contains(addr("::")));
    EXPECT_TRUE(all.contains(addr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    EXPECT_EQ(all.range_count(), 2u);
}

TEST(CidrSet, FamiliesAreSeparateButMappedV4Matches) {
    auto s = set_of({"192.0.2.0/24"});
    EXPECT_FALSE(s.contains(addr("::c000:201")));  // v4-compatible form is not v4
    EXPECT_TRUE(s.contains(addr("::ffff:192.0.2.1")));
    EXPECT_FALSE(set_of({"::/0"}).contains(addr("192.0.2.1")));
}

TEST(CidrSet, MergesAdjacentAndOverlappingRanges) {
    auto s = set_of({"10.0.1.0/24", "10.0.0.0/24", "10.0.0.128/25", "255.255.255.255/32", "255.255.255.254/32"});
    EXPECT_EQ(s.range_count(), 2u);
    EXPECT_TRUE(s.contains(*parse_cidr("10.0.0.0/23")));
    EXPECT_FALSE(s.contains(*parse_cidr("10.0.0.0/22")));
    EXPECT_TRUE(s.overlaps(*parse_cidr("10.0.0.0/22")));
    EXPECT_FALSE(s.overlaps(*parse_cidr("10.0.4.0/22")));
    EXPECT_TRUE(s.contains(addr("255.255.255.255")));
}

TEST(CidrList, ParsesFilesWithCommentsAndCrlf) {
    auto s = parse_cidr_list("# cdn\r\n\r\n198.51.100.0/24 # lab\r\n2001:db8::/32\r\n", "f");
    EXPECT_TRUE(s.contains(addr("198.51.100.9")));
    EXPECT_TRUE(s.contains(addr("2001:db8::9")));
    EXPECT_THROW(parse_cidr_list("198.51.100.0/24\n1.2.3.4/40\n", "f"), UsageError);
}

TEST(CdnRanges, BuiltInCloudflareListIsComplete) {
    const auto& b = builtin_cloudflare_ranges();
    EXPECT_EQ(b.date, "2021-04-20");
    EXPECT_EQ(b.cidrs.size(), 22u);
    CidrSet s;
    for (auto c : b.cidrs) {
        auto cidr = parse_cidr(c);
        ASSERT_TRUE(cidr) << c;
        s.add(*cidr);
    }
    EXPECT_TRUE(s.contains(addr("104.27.1.1")));  // the scenario's dig answer
    EXPECT_TRUE(s.contains(addr("2606:4700::6810:1")));
    EXPECT_FALSE(s.contains(addr("203.0.113.10")));
}

}  // namespace
}  // namespace exposcan::leak
