#include <gtest/gtest.h>

#include "exposcan/host_port.hpp"

namespace exposcan {
namespace {

TEST(HostPort, SplitsEveryForm) {
    std::string why;
    auto v4 = split_host_port("198.51.100.1:443", why);
    ASSERT_TRUE(v4);
    EXPECT_EQ(v4->host, "198.51.100.1");
    EXPECT_EQ(v4->port, 443);
    auto v6 = split_host_port("[2001:db8::1]:22", why);
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "2001:db8::1");
    EXPECT_EQ(v6->port, 22);
    auto name = split_host_port("canary.example.net:65535", why);
    ASSERT_TRUE(name);
    EXPECT_EQ(name->host, "canary.example.net");
    EXPECT_EQ(name->port, 65535);
}

TEST(HostPort, RefusesWhatIsAmbiguousOrOutOfRange) {
    for (const char* bad : {"", "198.51.100.1", "198.51.100.1:", "198.51.100.1:0", "198.51.100.1:65536",
                            "198.51.100.1:-1", "198.51.100.1:80x", ":80", "2001:db8::1:80", "[2001:db8::1]",
                            "[2001:db8::1]80", "[]:80", "[2001:db8::1:80"}) {
        std::string why;
        EXPECT_FALSE(split_host_port(bad, why)) << bad;
        EXPECT_NE(why.find("bad endpoint"), std::string::npos) << bad;
    }
}

TEST(HostPort, ErrorEchoIsBounded) {
    std::string why;
    EXPECT_FALSE(split_host_port(std::string(100000, 'a'), why));
    EXPECT_LT(why.size(), 200u);
}

}  // namespace
}  // namespace exposcan
