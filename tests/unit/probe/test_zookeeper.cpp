// ZooKeeper: the four-letter-word parser on answers recorded from a real
// zookeeper 3.8 (tests/fixtures/zookeeper/), replayed servers for the
// whitelist-refusal path, and hostile ZooKeeper-like servers (each asserts
// which bound ended the read). Live: tests/servers/test_probe_zookeeper.sh.
#include <gtest/gtest.h>

#include <boost/asio/read.hpp>

#include "probe/zk_proto.hpp"
#include "unit/probe/fixtures.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::probe;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

// Answers each four-letter word from `answers` (else closes), then closes, like ZooKeeper.
Handler zk_like(std::map<std::string, std::string> answers) {
    return [answers](tcp::socket s) -> asio::awaitable<void> {
        char buf[16];
        auto [ec, n] = co_await asio::async_read(s, asio::buffer(buf, 4), asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
        auto it = answers.find(std::string(buf, 4));
        if (it != answers.end()) co_await send_all(s, it->second);
    };
}

}  // namespace

TEST(Zookeeper, RecordedAnswers) {
    auto srvr = parse_zk_reply("srvr", fixture("zookeeper/srvr-3.8.0.bin"), true);
    ASSERT_EQ(srvr.kind, ZkKind::stats);
    EXPECT_EQ(srvr.version, "3.8.0-${mvngit.commit.id}");
    EXPECT_EQ(srvr.detail, "Mode: standalone, Node count: 5, Connections: 1");
    auto envi = parse_zk_reply("envi", fixture("zookeeper/envi-3.8.0.bin"), true);
    ASSERT_EQ(envi.kind, ZkKind::environment);
    EXPECT_EQ(envi.version, "3.8.0-${mvngit.commit.id}");
    EXPECT_NE(envi.detail.find("host.name=localhost"), std::string::npos) << envi.detail;
    EXPECT_EQ(parse_zk_reply("envi", fixture("zookeeper/envi-not-whitelisted.bin"), true).kind, ZkKind::not_whitelisted);
    EXPECT_EQ(parse_zk_reply("ruok", fixture("zookeeper/ruok-not-whitelisted.bin"), true).kind, ZkKind::not_whitelisted);
    EXPECT_EQ(parse_zk_reply("ruok", fixture("zookeeper/ruok-imok.bin"), true).kind, ZkKind::imok);
}

TEST(Zookeeper, PrefixesDecideEarly) {
    EXPECT_EQ(parse_zk_reply("srvr", "Zookeeper ver", false).kind, ZkKind::incomplete);
    EXPECT_EQ(parse_zk_reply("srvr", "Zookeeper version: 3.8.0\nMode: x\n", false).kind, ZkKind::incomplete);
    EXPECT_EQ(parse_zk_reply("srvr", "-ERR unknown command 'srvr'\r\n", false).kind, ZkKind::other);  // Redis
    EXPECT_EQ(parse_zk_reply("srvr", "HTTP/1.1 400", false).kind, ZkKind::other);
    EXPECT_EQ(parse_zk_reply("srvr", "", true).kind, ZkKind::other);
    EXPECT_EQ(parse_zk_reply("srvr", "This ZooKeeper instance is not currently serving requests\n", true).kind,
              ZkKind::not_serving);
    EXPECT_EQ(parse_zk_reply("envi", "srvr is not executed because it is not in the whitelist.\n", true).kind,
              ZkKind::other);  // a refusal of another command is not an answer to this one
}

TEST(Zookeeper, SrvrReadableIsUnauthenticated) {
    auto r = against(zk_like({{"srvr", fixture("zookeeper/srvr-3.8.0.bin")}}));
    EXPECT_EQ(r.service, "zookeeper");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated) << r.evidence;
    EXPECT_NE(r.evidence.find("srvr readable"), std::string::npos) << r.evidence;
}

// A server without srvr in its whitelist (pre-3.5 builds patched, or a
// proxy in front): envi and ruok refused the same way -> anonymous-limited.
TEST(Zookeeper, EveryWordRefusedIsAnonymousLimited) {
    auto r = against(zk_like({{"srvr", "srvr is not executed because it is not in the whitelist.\n"},
                              {"envi", fixture("zookeeper/envi-not-whitelisted.bin")},
                              {"ruok", fixture("zookeeper/ruok-not-whitelisted.bin")}}));
    EXPECT_EQ(r.service, "zookeeper");
    EXPECT_EQ(r.exposure, Exposure::anonymous_limited) << r.evidence;
    EXPECT_NE(r.evidence.find("srvr (not in the 4lw whitelist), envi (not in the 4lw whitelist), ruok"),
              std::string::npos) << r.evidence;
}

TEST(Zookeeper, EnviAfterRefusedSrvr) {
    auto r = against(zk_like({{"srvr", "srvr is not executed because it is not in the whitelist.\n"},
                              {"envi", fixture("zookeeper/envi-3.8.0.bin")}}));
    EXPECT_EQ(r.exposure, Exposure::unauthenticated) << r.evidence;
    EXPECT_NE(r.evidence.find("envi readable"), std::string::npos) << r.evidence;
}

TEST(Zookeeper, HostileEndlessSrvrEndsAtTheByteCap) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        char buf[4];
        auto [ec, n] = co_await asio::async_read(s, asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
        co_await send_all(s, "Zookeeper version: 3.8.0\n");
        for (int i = 0; i < 100000; ++i) {
            auto [e2, m] = co_await asio::async_write(s, asio::buffer(std::string("Node count: 5\n")), asio::as_tuple(asio::use_awaitable));
            if (e2) co_return;
        }
    });
    EXPECT_EQ(r.service, "zookeeper");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("never ended (read ended: byte cap)"), std::string::npos) << r.evidence;
}

TEST(Zookeeper, HostileDripFedSrvrEndsAtTheDeadline) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        char buf[4];
        auto [ec, n] = co_await asio::async_read(s, asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec || std::string_view(buf, 4) != "srvr") co_return;  // ZooKeeper closes on other bytes
        for (char c : std::string("Zookeeper version: 3.8.0\nMode: standalone\n")) {
            co_await send_all(s, std::string(1, c));
            co_await sleep_for(200ms);
        }
    });
    EXPECT_EQ(r.service, "zookeeper");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("srvr: ZooKeeper-like answer never ended (read ended: timeout)"), std::string::npos) << r.evidence;
}
