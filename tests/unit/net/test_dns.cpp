// DnsResolver against an in-process UDP responder on loopback that answers
// with a chosen rcode, an A record, a CNAME-only answer, or not at all.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "net/dns.hpp"

namespace exposcan::net {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;

enum class Mode { a_record, cname_only, servfail, nxdomain, refused, silent };

std::string reply(const std::string& query, Mode mode) {
    std::string r = query.substr(0, 12);
    std::size_t qend = 12;
    while (qend < query.size() && query[qend] != 0) qend += static_cast<unsigned char>(query[qend]) + 1;
    qend += 5;  // root label + type + class
    r += query.substr(12, qend - 12);
    const int rcode = mode == Mode::servfail ? 2 : mode == Mode::nxdomain ? 3 : mode == Mode::refused ? 5 : 0;
    r[2] = static_cast<char>(0x81);  // QR, RD
    r[3] = static_cast<char>(0x80 | rcode);
    r[4] = 0, r[5] = 1;   // QDCOUNT
    r[6] = 0, r[7] = (mode == Mode::a_record || mode == Mode::cname_only) ? 1 : 0;
    r[8] = r[9] = r[10] = r[11] = 0;
    if (mode == Mode::a_record) r += std::string("\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\xc0\x00\x02\x07", 16);
    if (mode == Mode::cname_only)
        r += std::string("\xc0\x0c\x00\x05\x00\x01\x00\x00\x00\x3c\x00\x09\x06origin\xc0\x0c", 21);
    return r;
}

asio::awaitable<void> serve(udp::socket& sock, Mode mode) {
    for (;;) {
        std::string buf(512, '\0');
        udp::endpoint from;
        auto n = co_await sock.async_receive_from(asio::buffer(buf), from, asio::use_awaitable);
        buf.resize(n);
        if (mode != Mode::silent) co_await sock.async_send_to(asio::buffer(reply(buf, mode)), from, asio::use_awaitable);
    }
}

DnsAnswer ask(Mode mode, DnsType type = DnsType::a) {
    asio::io_context io;
    udp::socket sock(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    asio::co_spawn(io, serve(sock, mode), asio::detached);
    DnsConfig cfg;
    cfg.servers_csv = "127.0.0.1:" + std::to_string(sock.local_endpoint().port());
    cfg.timeout = std::chrono::milliseconds(200);
    cfg.tries = 1;
    DnsResolver resolver(io, cfg);
    auto fut = asio::co_spawn(io, resolver.query("example.test", type), asio::use_future);
    while (fut.wait_for(std::chrono::seconds(0)) != std::future_status::ready) io.run_one();
    return fut.get();
}

TEST(DnsResolver, ParsesAnARecord) {
    auto a = ask(Mode::a_record);
    EXPECT_EQ(a.status, DnsStatus::ok);
    ASSERT_EQ(a.addresses.size(), 1u);
    EXPECT_EQ(a.addresses[0].to_string(), "192.0.2.7");
}

TEST(DnsResolver, CnameOnlyAnswerKeepsTheChain) {
    auto a = ask(Mode::cname_only);
    EXPECT_TRUE(is_answer(a.status));
    ASSERT_EQ(a.cnames.size(), 1u);
    EXPECT_EQ(a.cnames[0].first, "example.test");
    EXPECT_EQ(a.cnames[0].second, "origin.example.test");
    EXPECT_TRUE(a.addresses.empty());
}

TEST(DnsResolver, RcodesMapToStatuses) {
    EXPECT_EQ(ask(Mode::servfail).status, DnsStatus::servfail) << ask(Mode::servfail).error_text;
    EXPECT_EQ(ask(Mode::nxdomain).status, DnsStatus::nxdomain);
    EXPECT_EQ(ask(Mode::refused).status, DnsStatus::refused);
    // An answer of the wrong type only: the name exists, no AAAA (RFC 2308 NODATA).
    EXPECT_EQ(ask(Mode::a_record, DnsType::aaaa).status, DnsStatus::nodata);
}

TEST(DnsResolver, SilentServerTimesOut) {
    auto a = ask(Mode::silent);
    EXPECT_EQ(a.status, DnsStatus::timeout);
    EXPECT_FALSE(is_answer(a.status));
}

TEST(DnsServerSpec, AcceptsV4V6AndPorts) {
    EXPECT_EQ(dns_server_csv("127.0.0.1"), "127.0.0.1");
    EXPECT_EQ(dns_server_csv("127.0.0.1:5353"), "127.0.0.1:5353");
    EXPECT_EQ(dns_server_csv("[::1]:5353"), "[::1]:5353");
    EXPECT_EQ(dns_server_csv("::1"), "[::1]");
    EXPECT_EQ(dns_server_csv("[::1]"), "[::1]");
    for (const char* bad : {"", "1.2.3.4:0", "1.2.3.4:70000", "1.2.3.4:", "[::1", "[1.2.3.4]:53", "dns.example",
                            "1.2.3.4:53x", "[::1]53"})
        EXPECT_FALSE(dns_server_csv(bad)) << bad;
}

TEST(ReverseName, BothFamilies) {
    EXPECT_EQ(reverse_name(asio::ip::make_address("192.0.2.7")), "7.2.0.192.in-addr.arpa");
    EXPECT_EQ(reverse_name(asio::ip::make_address("2001:db8::1")),
              "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
}

}  // namespace
}  // namespace exposcan::net
