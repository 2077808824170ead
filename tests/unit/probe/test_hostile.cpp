// Hostile servers: each must end within the probe's time bound as
// unknown-service, with no crash (run under ASan+UBSan too), and the evidence
// must name the bound that ended the read (byte cap, header-line cap, time
// budget), so a cap that silently stopped working cannot hide behind the time
// budget. A short timeout keeps the suite fast; no timing is asserted beyond a
// loose bound.
#include <gtest/gtest.h>

#include <random>

#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

constexpr auto k_timeout = k_hostile_timeout;  // the bound against() (replay.hpp) uses

asio::awaitable<void> drain(tcp::socket& s) {
    char buf[4096];
    co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
}

// The evidence names how a detection step's reads ended ("http line cap").
::testing::AssertionResult read_ended(const ProbeResult& r, const std::string& step_end) {
    if (r.evidence.find(step_end) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no '" << step_end << "' in evidence: " << r.evidence;
}

}  // namespace

TEST(Hostile, EndlessHeader) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await drain(s);
        co_await send_all(s, "HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 100000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(std::string("X-Pad: aaaaaaaaaaaaaaaa\r\n")),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(read_ended(r, "http line cap"));  // 100 lines of 24 bytes: the line cap comes first
    EXPECT_TRUE(read_ended(r, "no probe recognised the answer")) << "the cap, not the time budget, must end it";
}

// Long header lines: the header byte cap (32 KiB) comes before the line cap.
TEST(Hostile, EndlessLongHeaderLines) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await drain(s);
        co_await send_all(s, "HTTP/1.1 200 OK\r\n");
        const std::string line = "X-Pad: " + std::string(4000, 'a') + "\r\n";
        for (int i = 0; i < 1000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(line), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(read_ended(r, "http byte cap"));
    EXPECT_TRUE(read_ended(r, "no probe recognised the answer")) << "the cap, not the time budget, must end it";
}

// A raw (non-HTTP) answer that never completes: the step's byte budget ends it.
TEST(Hostile, EndlessMemcachedStats) {
    ProbeOptions o;
    o.timeout = 2 * k_timeout;  // memcached is the fifth step: room for the four before it under ASan
    o.max_bytes = 16 * 1024;
    asio::io_context io;
    LocalServer srv(io, [](tcp::socket s) -> asio::awaitable<void> {
        char buf[4096];
        auto [rec, got] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (rec || !std::string_view(buf, got).starts_with("stats")) co_return;  // every other probe: closed at once
        for (int i = 0; i < 100000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(std::string("STAT pad 1234567890\r\n")),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    auto r = probe_one(io, srv.port(), o);
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(read_ended(r, "memcached byte cap"));
    EXPECT_TRUE(read_ended(r, "redis closed"));
}

TEST(Hostile, OneBytePerSecondDrip) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await drain(s);
        for (char c : std::string("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789")) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(&c, 1), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
            co_await sleep_for(1s);
        }
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(read_ended(r, "no recognised answer before the deadline"));
    EXPECT_TRUE(read_ended(r, "http timeout"));
}

TEST(Hostile, TwoGibContentLength) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await drain(s);
        co_await send_all(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n{");
        std::string chunk(65536, ' ');
        for (int i = 0; i < 1000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(chunk), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    EXPECT_NE(r.exposure, Exposure::unauthenticated);
    EXPECT_TRUE(r.service.empty() || r.service == "http") << r.service;
    EXPECT_TRUE(read_ended(r, "(read ended: byte cap)"));  // the body stopped at max_bytes, not at 2 GiB or the deadline
}

TEST(Hostile, HugeRespBulk) {
    auto r = against(raw_replay("$2147483647\r\n"));
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_EQ(r.service, "");
    // The declared length is over the bulk cap: rejected as soon as it is
    // read, not awaited until the byte budget or the deadline.
    EXPECT_TRUE(read_ended(r, "redis answered"));
}

TEST(Hostile, TenThousandDeepJson) {
    auto body = std::string(10000, '[') + std::string(10000, ']');
    auto r = against(http_replay({{"/", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                            std::to_string(body.size()) + "\r\n\r\n" + body}}));
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    // Read in full; the JSON depth check (not a read bound) rejected it.
    EXPECT_EQ(r.service, "http");
    EXPECT_EQ(r.evidence.find("read ended"), std::string::npos) << r.evidence;
}

TEST(Hostile, RandomBytes) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        std::mt19937 rng(42);
        std::string junk(8192, '\0');
        for (auto& c : junk) c = static_cast<char>(rng());
        co_await send_all(s, junk);
        co_await drain(s);
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    // The banner step decided on the first line (or 512 bytes), before its window ended.
    EXPECT_EQ(r.evidence.find("read ended"), std::string::npos) << r.evidence;
    EXPECT_TRUE(read_ended(r, "reads ended: banner answered"));
}

TEST(Hostile, SilentServer) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await drain(s);
        co_await sleep_for(10s);
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(read_ended(r, "no recognised answer before the deadline"));
    EXPECT_TRUE(read_ended(r, "banner timeout, http timeout"));
}

namespace {

// Greets with `greeting` after `delay`, then reads one line (as rsync does)
// and answers an error: a server-speaks-first protocol no probe knows.
Handler late_greeter(std::chrono::milliseconds delay, std::string greeting) {
    return [delay, greeting](tcp::socket s) -> asio::awaitable<void> {
        co_await sleep_for(delay);
        co_await send_all(s, greeting);
        co_await drain(s);
        co_await send_all(s, "@ERROR: protocol startup error\n");
    };
}

ProbeResult against_with_budget(Handler h, std::chrono::milliseconds budget) {
    asio::io_context io;
    LocalServer srv(io, std::move(h));
    ProbeOptions o;
    o.timeout = budget;
    return probe_one(io, srv.port(), o);
}

}  // namespace

// Issue 16: a service that spoke and matched no probe is classified at once,
// with its first line as evidence; the banner read ended on the answer, not on
// any step's timeout or the port's deadline.
TEST(Hostile, SpeaksFirstUnknownIsClassifiedAtOnce) {
    auto r = against_with_budget(late_greeter(0ms, "@XYZD: 31.0\nsecond line\n"), 5000ms);
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(r.evidence.starts_with("@XYZD: 31.0; ")) << r.evidence;
    EXPECT_TRUE(read_ended(r, "; reads ended: banner answered"));
    EXPECT_EQ(r.evidence.find("timeout"), std::string::npos) << r.evidence;
}

// The greeting comes after the 400 ms banner window (a slow fork or reverse
// DNS on the server): the banner step's connection keeps listening while the
// next steps run, and the greeting ends the probe at once. Before the fix
// every later step declined the greeting and the port ran into its deadline.
TEST(Hostile, LateGreetingIsHeardWithoutWaitingOutTheBudget) {
    auto r = against_with_budget(late_greeter(700ms, "@XYZD: 31.0\n"), 5000ms);
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_TRUE(r.evidence.starts_with("@XYZD: 31.0; ")) << r.evidence;
    EXPECT_TRUE(read_ended(r, "reads ended: banner timeout, banner answered late"));
    EXPECT_EQ(r.evidence.find("before the deadline"), std::string::npos) << r.evidence;
}
