// net/dns_wire: HTTPS/SVCB hints and AXFR records read from hand-built
// messages; hostile shapes (pointer loops, lying lengths) end reading.
#include <gtest/gtest.h>

#include "net/dns_wire.hpp"

namespace exposcan::net::wire {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes name(std::initializer_list<std::string> labels) {
    Bytes out;
    for (const auto& l : labels) {
        out.push_back(static_cast<std::uint8_t>(l.size()));
        out.insert(out.end(), l.begin(), l.end());
    }
    out.push_back(0);
    return out;
}

void put16(Bytes& b, unsigned v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}

// Header + question "deep.test TYPE" + one answer (owner = pointer to the question) with `rdata`.
Bytes message(unsigned type, const Bytes& rdata) {
    Bytes m{0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0};
    auto q = name({"deep", "test"});
    m.insert(m.end(), q.begin(), q.end());
    put16(m, type);
    put16(m, 1);
    m.insert(m.end(), {0xc0, 0x0c});
    put16(m, type);
    put16(m, 1);
    m.insert(m.end(), {0, 0, 0, 60});
    put16(m, static_cast<unsigned>(rdata.size()));
    m.insert(m.end(), rdata.begin(), rdata.end());
    return m;
}

TEST(DnsWire, HttpsHints) {
    Bytes rd;
    put16(rd, 1);
    rd.push_back(0);  // target "."
    put16(rd, 4), put16(rd, 4), rd.insert(rd.end(), {127, 0, 6, 3});
    put16(rd, 6), put16(rd, 16);
    Bytes v6(16, 0);
    v6[0] = 0x20, v6[1] = 0x01, v6[2] = 0x0d, v6[3] = 0xb8, v6[15] = 0x10;
    rd.insert(rd.end(), v6.begin(), v6.end());
    auto m = message(k_type_https, rd);
    auto msg = parse_message(m, 10);
    ASSERT_TRUE(msg.complete);
    ASSERT_EQ(msg.answers.size(), 1u);
    EXPECT_EQ(msg.answers[0].owner, "deep.test");
    auto s = parse_svcb(m, msg.answers[0]);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->target, "");
    ASSERT_EQ(s->hints.size(), 2u);
    EXPECT_EQ(s->hints[0].to_string(), "127.0.6.3");
    EXPECT_EQ(s->hints[1].to_string(), "2001:db8::10");
}

TEST(DnsWire, SvcParamLengthOverrunIsMalformed) {
    Bytes rd;
    put16(rd, 1);
    rd.push_back(0);
    put16(rd, 6), put16(rd, 200);  // claims 200 bytes, has none
    auto m = message(k_type_https, rd);
    auto msg = parse_message(m, 10);
    ASSERT_EQ(msg.answers.size(), 1u);
    EXPECT_FALSE(parse_svcb(m, msg.answers[0]));
}

TEST(DnsWire, SrvTargetAndSoaMname) {
    Bytes srv;
    put16(srv, 5), put16(srv, 0), put16(srv, 5222);
    auto t = name({"chat", "deep", "test"});
    srv.insert(srv.end(), t.begin(), t.end());
    auto m = message(k_type_srv, srv);
    auto msg = parse_message(m, 10);
    ASSERT_EQ(msg.answers.size(), 1u);
    EXPECT_EQ(record_data(m, msg.answers[0]).name, "chat.deep.test");
}

TEST(DnsWire, PointerLoopAndBadBytesEndReading) {
    Bytes loop{0, 1, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 0x0c};
    auto msg = parse_message(loop, 10);
    EXPECT_FALSE(msg.complete);
    EXPECT_TRUE(msg.answers.empty());
    Bytes dotted{0, 1, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'a', '.', 'b', 0, 0, 1, 0, 1};
    std::size_t at = 12;
    EXPECT_FALSE(read_name(dotted, at));  // "a.b" as one label would print as two
}

TEST(DnsWire, QueryEncodesNameOrRefuses) {
    auto q = build_query(7, "deep.test", k_type_axfr);
    ASSERT_FALSE(q.empty());
    std::size_t at = 12;
    EXPECT_EQ(read_name(q, at), "deep.test");
    EXPECT_TRUE(build_query(7, std::string(64, 'a') + ".test", k_type_axfr).empty());
    EXPECT_TRUE(build_query(7, "a..test", k_type_axfr).empty());
}

}  // namespace
}  // namespace exposcan::net::wire
