#include <gtest/gtest.h>

#include "leak/spf.hpp"

namespace exposcan::leak {
namespace {

TEST(Spf, RecognisesTheVersionTag) {
    EXPECT_TRUE(is_spf_record("v=spf1 -all"));
    EXPECT_TRUE(is_spf_record("V=SPF1"));
    EXPECT_FALSE(is_spf_record("v=spf10 -all"));
    EXPECT_FALSE(is_spf_record("v=DMARC1; p=none"));
    EXPECT_FALSE(is_spf_record(" v=spf1"));
}

TEST(Spf, ParsesEveryMechanismAndModifier) {
    auto r = parse_spf("v=spf1 ip4:203.0.113.10 ip6:2001:db8::/32 a a:mail.example.com/24 mx:example.net//64 "
                       "include:_spf.provider.test ~ptr exists:%{i}.x.test -all redirect=other.test exp=e.test foo=bar");
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.terms.size(), 12u);
    EXPECT_EQ(r.terms[0].kind, SpfKind::ip4);
    EXPECT_EQ(r.terms[0].network, "203.0.113.10");
    EXPECT_EQ(r.terms[1].network, "2001:db8::/32");
    EXPECT_EQ(r.terms[2].kind, SpfKind::a);
    EXPECT_TRUE(r.terms[2].domain.empty());
    EXPECT_EQ(r.terms[3].domain, "mail.example.com");
    EXPECT_EQ(r.terms[4].kind, SpfKind::mx);
    EXPECT_EQ(r.terms[4].domain, "example.net");
    EXPECT_EQ(r.terms[5].kind, SpfKind::include);
    EXPECT_EQ(r.terms[6].qualifier, '~');
    EXPECT_EQ(r.terms[6].kind, SpfKind::ptr);
    EXPECT_TRUE(r.terms[7].has_macro());
    EXPECT_EQ(r.terms[8].qualifier, '-');
    EXPECT_EQ(r.terms[8].kind, SpfKind::all);
    EXPECT_EQ(r.redirect()->domain, "other.test");
    EXPECT_EQ(r.terms[10].kind, SpfKind::exp);
    EXPECT_EQ(r.terms[11].kind, SpfKind::unknown_modifier);
    EXPECT_TRUE(r.has_all());
}

TEST(Spf, CountsOnlyDnsQueryingTerms) {
    auto r = parse_spf("v=spf1 ip4:1.2.3.4 include:a.test a mx ptr exists:x.test redirect=b.test exp=c.test -all");
    int n = 0;
    for (const auto& t : r.terms) n += t.queries_dns() ? 1 : 0;
    EXPECT_EQ(n, 6);  // include a mx ptr exists redirect (RFC 7208 4.6.4); not ip4, exp, all
}

TEST(Spf, BadTermsAreReportedNotGuessed) {
    auto r = parse_spf("v=spf1 include: ip4 all:x bogus +mx:  redirect= -all");
    EXPECT_EQ(r.terms.size(), 1u);
    EXPECT_EQ(r.errors.size(), 6u);
}

TEST(Spf, ToleratesExtraSpacesAndCase) {
    auto r = parse_spf("v=spf1   IP4:192.0.2.1    Include:Example.TEST   ?ALL");
    ASSERT_EQ(r.terms.size(), 3u);
    EXPECT_EQ(r.terms[1].domain, "Example.TEST");
    EXPECT_EQ(r.terms[2].qualifier, '?');
}

}  // namespace
}  // namespace exposcan::leak
