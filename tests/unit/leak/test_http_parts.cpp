#include <gtest/gtest.h>

#include "exposcan/leak.hpp"
#include "leak/http_audit.hpp"

namespace exposcan::leak {
namespace {

TEST(HttpParts, AuthorityAndConnectTo) {
    EXPECT_EQ(authority("example.com", 443), "example.com");
    EXPECT_EQ(authority("example.com", 8443), "example.com:8443");
    EXPECT_EQ(authority("2001:db8::10", 443), "[2001:db8::10]");
    EXPECT_EQ(authority("203.0.113.10", 8080), "203.0.113.10:8080");
    EXPECT_EQ(connect_to("example.com", 443, boost::asio::ip::make_address("2001:db8::10")),
              "example.com:443:[2001:db8::10]:443");
    EXPECT_EQ(random_token().size(), 16u);
    EXPECT_NE(random_token(), random_token());
}

TEST(HttpParts, FindingLocationsAreStableAcrossRuns) {
    LeakReport r;
    r.checks = {{"http.header", "https://example.com/<random-404-path>", "x-backend: 203.0.113.10:8080", "origin", ""},
                {"http.body", "https://example.com/", "...203.0.113.10...", "origin", ""},
                {"tls.cert-san", "tls 203.0.113.10 bogus SNI", "example.com", "origin", "(SNI x.invalid)"}};
    auto f = findings_from(r, "t");
    ASSERT_EQ(f.size(), 3u);
    EXPECT_EQ(f[0].location, "https://example.com/<random-404-path>#x-backend");
    EXPECT_EQ(f[1].location, "https://example.com/");
    EXPECT_EQ(f[2].location, "tls 203.0.113.10 bogus SNI#example.com");
}

}  // namespace
}  // namespace exposcan::leak
