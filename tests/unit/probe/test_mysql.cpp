// MySQL/MariaDB: the greeting parser on recorded real packets and hostile
// variants, and hostile servers through the whole probe (each asserts which
// bound ended the read). Real server: tests/servers/test_probe_mysql.sh.
#include <gtest/gtest.h>

#include "probe/mysql_proto.hpp"
#include "probe/probes.hpp"
#include "unit/probe/fixtures.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::probe;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

std::string header(std::uint32_t len, char seq = 0) {
    return std::string{static_cast<char>(len & 0xff), static_cast<char>((len >> 8) & 0xff),
                       static_cast<char>((len >> 16) & 0xff), seq};
}

}  // namespace

TEST(Mysql, RecordedMariaDbGreeting) {
    const auto bytes = fixture("mysql/mariadb-10.11.19-greeting.bin");
    auto h = parse_mysql_greeting(bytes);
    ASSERT_EQ(h.kind, MysqlKind::greeting) << h.problem;
    EXPECT_EQ(h.version, "5.5.5-10.11.19-MariaDB-0+deb12u1");
    EXPECT_EQ(h.auth_plugin, "mysql_native_password");
    auto v = classify_banner(bytes);
    EXPECT_EQ(v.service, "mysql");
    EXPECT_EQ(v.exposure, Exposure::auth_required);
    EXPECT_EQ(v.version, "5.5.5-10.11.19-MariaDB-0+deb12u1");
}

TEST(Mysql, RecordedHostNotAllowed) {
    const auto bytes = fixture("mysql/mariadb-10.11.19-err1130-host-not-allowed.bin");
    auto h = parse_mysql_greeting(bytes);
    ASSERT_EQ(h.kind, MysqlKind::error);
    EXPECT_EQ(h.error_code, 1130);
    EXPECT_EQ(h.error_message, "Host '127.0.0.1' is not allowed to connect to this MariaDB server");
    auto v = classify_banner(bytes);
    EXPECT_EQ(v.service, "mysql");
    EXPECT_EQ(v.exposure, Exposure::reachable_denied);
}

TEST(Mysql, EveryTruncationOfTheRecordedGreetingIsBounded) {
    const auto bytes = fixture("mysql/mariadb-10.11.19-greeting.bin");
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        auto h = parse_mysql_greeting(std::string_view(bytes).substr(0, n));
        EXPECT_EQ(h.kind, MysqlKind::incomplete) << n;  // the declared length is not there yet
    }
    // Same bytes, declared length shortened: each cut inside the payload is parsed without overrun.
    for (std::uint32_t len = 1; len + 4 <= bytes.size(); ++len) {
        auto cut = header(len) + bytes.substr(4, len);
        auto h = parse_mysql_greeting(cut);
        EXPECT_NE(h.kind, MysqlKind::incomplete) << len;
    }
}

TEST(Mysql, HostileHeaders) {
    EXPECT_EQ(parse_mysql_greeting(header(0xffffff) + "\x0a").kind, MysqlKind::invalid);
    EXPECT_NE(parse_mysql_greeting(header(0xffffff) + "\x0a").problem.find("over the 16384-byte cap"),
              std::string::npos);
    EXPECT_EQ(parse_mysql_greeting(header(5, 1) + "\x0a" "8.0\0").kind, MysqlKind::invalid);
    EXPECT_EQ(parse_mysql_greeting(header(0)).kind, MysqlKind::invalid);
    EXPECT_EQ(parse_mysql_greeting(header(4) + "\x0a" "abc").kind, MysqlKind::invalid);  // version not terminated
    EXPECT_EQ(parse_mysql_greeting(header(2) + "\xff\x01").kind, MysqlKind::invalid);
    EXPECT_EQ(parse_mysql_greeting(header(3) + "\x09" "ab").kind, MysqlKind::invalid);
    EXPECT_FALSE(looks_like_mysql("SSH-2.0-OpenSSH\r\n"));
}

namespace {

asio::awaitable<void> hold(tcp::socket& s) {
    char buf[4096];
    for (;;) {
        auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
    }
}

::testing::AssertionResult has(const ProbeResult& r, const std::string& text) {
    if (r.evidence.find(text) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no '" << text << "' in evidence: " << r.evidence;
}

}  // namespace

// A 16 MiB claim followed by an endless payload: decided on the header.
TEST(Mysql, EndlessGreetingIsDecidedOnItsHeader) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, header(0xffffff) + "\x0a" "5.7.0");
        for (int i = 0; i < 10000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(std::string(1000, 'x')),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(has(r, "declared length 16777215 over the 508-byte cap"));
    EXPECT_TRUE(has(r, "reads ended: banner answered"));
}

// The header promises 100 bytes, 50 come, then silence: the banner window ends it.
TEST(Mysql, ShortPacketThenSilence) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, header(100) + "\x0a" + std::string(49, 'v'));
        co_await hold(s);
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(has(r, "cut short: 54 bytes"));
    EXPECT_TRUE(has(r, "reads ended: banner timeout"));
}

// The header promises 100 bytes, 50 come, then the server closes.
TEST(Mysql, ShortPacketThenClose) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, header(100) + "\x0a" + std::string(49, 'v'));
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(has(r, "cut short: 54 bytes"));
    EXPECT_TRUE(has(r, "reads ended: banner closed"));
}

// One byte every 300 ms: the banner window (400 ms) ends the read.
TEST(Mysql, DripFedGreeting) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        const auto bytes = fixture("mysql/mariadb-10.11.19-greeting.bin");
        for (char c : bytes) {
            co_await send_all(s, std::string(1, c));
            co_await sleep_for(300ms);
        }
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(has(r, "reads ended: banner timeout"));
}
