// make_answer on hand-built replies: what a NOERROR reply means depends on
// the records of the asked type in it, not on c-ares reporting success.
#include <ares.h>
#include <gtest/gtest.h>

#include <vector>

#include "net/dns_parse.hpp"

namespace exposcan::net {
namespace {

// Header (1 question, 1 answer), question "a.example" of `qtype`, then one
// answer record of `rtype` pointing back at the question name.
std::vector<unsigned char> reply(unsigned char qtype, unsigned char rtype, std::vector<unsigned char> rdata) {
    std::vector<unsigned char> m{0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
                                 1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, qtype, 0, 1,
                                 0xc0, 0x0c, 0, rtype, 0, 1, 0, 0, 0x0e, 0x10, 0,
                                 static_cast<unsigned char>(rdata.size())};
    for (auto byte : rdata) m.push_back(byte);  // (insert() trips gcc 12's -Warray-bounds)
    return m;
}

TEST(DnsParse, NoerrorWithOnlyAnotherTypeIsNodata) {
    auto m = reply(15 /*MX*/, 1 /*A*/, {192, 0, 2, 1});
    auto a = detail::make_answer(ARES_SUCCESS, DnsType::mx, m.data(), static_cast<int>(m.size()));
    EXPECT_EQ(a.status, DnsStatus::nodata);
    EXPECT_TRUE(a.mx.empty());
}

TEST(DnsParse, NoerrorWithTheAskedTypeIsOk) {
    auto m = reply(1 /*A*/, 1 /*A*/, {192, 0, 2, 1});
    auto a = detail::make_answer(ARES_SUCCESS, DnsType::a, m.data(), static_cast<int>(m.size()));
    EXPECT_EQ(a.status, DnsStatus::ok);
    ASSERT_EQ(a.addresses.size(), 1u);
}

}  // namespace
}  // namespace exposcan::net
