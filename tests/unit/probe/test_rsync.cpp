// rsync: the greeting and #list parsers on a recorded real answer and on
// hostile variants, and hostile rsync-like servers through the whole probe
// (each asserts which bound ended the read). Real daemons: tests/servers/test_probe_rsync.sh.
#include <gtest/gtest.h>

#include "probe/rsync_proto.hpp"
#include "unit/probe/fixtures.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::probe;
using namespace exposcan::test;
using namespace std::chrono_literals;

TEST(Rsync, RecordedGreetingAndListing) {
    const auto bytes = fixture("rsync/rsync-3.5.0-list-open.bin");
    auto g = parse_rsync_greeting(bytes);
    ASSERT_EQ(g.kind, RsyncKind::ok);
    EXPECT_EQ(g.version, "32.0");
    auto l = parse_rsync_listing(std::string_view(bytes).substr(g.consumed));
    ASSERT_EQ(l.kind, RsyncKind::ok);
    EXPECT_EQ(l.module_count, 1u);
    ASSERT_EQ(l.modules.size(), 1u);
    EXPECT_EQ(l.modules[0], "pub");  // the 15-column padding is not part of the name
}

TEST(Rsync, GreetingVariants) {
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: 31.0\n").version, "31.0");
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: 31.0\r\n").kind, RsyncKind::ok);
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: 3").kind, RsyncKind::incomplete);
    EXPECT_EQ(parse_rsync_greeting("@RSY").kind, RsyncKind::incomplete);
    EXPECT_EQ(parse_rsync_greeting("SSH-2.0-x\n").kind, RsyncKind::invalid);
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: x.y\n").kind, RsyncKind::invalid);
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: 29\n").version, "29");  // rsync 2.x: no sub-version
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: 31.\n").kind, RsyncKind::invalid);
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: \n").kind, RsyncKind::invalid);
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: 3.1.0\n").kind, RsyncKind::invalid);
    EXPECT_EQ(parse_rsync_greeting("@RSYNCD: 31.0 " + std::string(600, 'a')).kind, RsyncKind::invalid);
}

TEST(Rsync, ListingVariants) {
    auto motd = parse_rsync_listing("Welcome, no tabs here\nfiles          \tstuff\nbackup\t\n@RSYNCD: EXIT\n");
    EXPECT_EQ(motd.kind, RsyncKind::ok);
    EXPECT_EQ(motd.module_count, 2u);
    EXPECT_EQ(parse_rsync_listing("@RSYNCD: EXIT\n").module_count, 0u);
    auto err = parse_rsync_listing("@ERROR: max connections (1) reached -- try again later\n");
    EXPECT_EQ(err.kind, RsyncKind::error);
    EXPECT_EQ(err.error, "@ERROR: max connections (1) reached -- try again later");
    EXPECT_EQ(parse_rsync_listing("pub\tx\n").kind, RsyncKind::incomplete);
    EXPECT_EQ(parse_rsync_listing(std::string(2000, 'm')).kind, RsyncKind::invalid);
    std::string many;
    for (int i = 0; i < 100; ++i) many += "m" + std::to_string(i) + "\tc\n";
    auto l = parse_rsync_listing(many + "@RSYNCD: EXIT\n");
    EXPECT_EQ(l.module_count, 100u);
    EXPECT_EQ(l.modules.size(), 32u);  // names kept for evidence are capped
}

namespace {

// Greets like rsync, then answers #list with `body` sent by `write`.
Handler rsync_like(std::function<asio::awaitable<void>(tcp::socket&)> after_list) {
    return [after_list](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, "@RSYNCD: 31.0\n");
        char buf[512];
        auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec || std::string_view(buf, n).find("#list") == std::string_view::npos) co_return;
        co_await after_list(s);
    };
}

}  // namespace

TEST(Rsync, EndlessGreetingLine) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, "@RSYNCD: 31.0 ");
        for (int i = 0; i < 10000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(std::string(100, 'a')),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    EXPECT_EQ(r.service, "rsync");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("line cap"), std::string::npos) << r.evidence;
}

TEST(Rsync, EndlessModuleList) {
    auto r = against(rsync_like([](tcp::socket& s) -> asio::awaitable<void> {
        for (int i = 0; i < 100000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer("mod" + std::to_string(i) + "\tcomment\n"),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    }));
    EXPECT_EQ(r.service, "rsync");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("(read ended: byte cap)"), std::string::npos) << r.evidence;
}

TEST(Rsync, DripFedModuleList) {
    auto r = against(rsync_like([](tcp::socket& s) -> asio::awaitable<void> {
        for (char c : std::string("pub\tfiles\n@RSYNCD: EXIT\n")) {
            co_await send_all(s, std::string(1, c));
            co_await sleep_for(1s);
        }
    }));
    EXPECT_EQ(r.service, "rsync");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("(read ended: timeout)"), std::string::npos) << r.evidence;
}

TEST(Rsync, ErrorAfterListIsReachableDenied) {
    auto r = against(rsync_like([](tcp::socket& s) -> asio::awaitable<void> {
        co_await send_all(s, "@ERROR: max connections (1) reached -- try again later\n");
    }));
    EXPECT_EQ(r.service, "rsync");
    EXPECT_EQ(r.exposure, Exposure::reachable_denied);
}
