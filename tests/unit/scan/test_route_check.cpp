// route_check: what this runner can send to, asked without sending anything.
#include <gtest/gtest.h>

#include "scan/route_check.hpp"

namespace exposcan::scan {
namespace {

using boost::asio::ip::make_address;

TEST(RouteCheck, LoopbackIsSendable) {
    EXPECT_EQ(unsendable_reason(make_address("127.0.0.1")), std::nullopt);
    EXPECT_EQ(unsendable_reason(make_address("127.0.0.3")), std::nullopt);
}

TEST(RouteCheck, LoopbackBroadcastIsNot) {
    // lo's local table has `broadcast 127.255.255.255`: a TCP connect fails
    // at once with ENETUNREACH, which used to read as ICMP "net-unreach".
    auto why = unsendable_reason(make_address("127.255.255.255"));
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("broadcast"), std::string::npos) << *why;
}

TEST(RouteCheck, MulticastAndUnspecifiedAreNotHosts) {
    auto mc = unsendable_reason(make_address("224.0.0.1"));
    ASSERT_TRUE(mc);
    EXPECT_NE(mc->find("multicast"), std::string::npos);
    EXPECT_TRUE(unsendable_reason(make_address("0.0.0.0")));
    EXPECT_TRUE(unsendable_reason(make_address("ff02::1")));
}

}  // namespace
}  // namespace exposcan::scan
