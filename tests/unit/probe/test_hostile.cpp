// Hostile servers: each must end within the probe's time bound as
// unknown-service, with no crash (run under ASan+UBSan too). A short
// timeout keeps the suite fast; no timing is asserted beyond a loose bound.
#include <gtest/gtest.h>

#include <random>

#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

constexpr auto k_timeout = 1500ms;

ProbeResult against(Handler h) {
    asio::io_context io;
    LocalServer srv(io, std::move(h));
    ProbeOptions o;
    o.timeout = k_timeout;
    auto r = probe_one(io, srv.port(), o);
    EXPECT_LE(r.elapsed, k_timeout + 1000ms) << "probe overran its time bound";
    return r;
}

asio::awaitable<void> drain(tcp::socket& s) {
    char buf[4096];
    co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
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
}

TEST(Hostile, HugeRespBulk) {
    auto r = against(raw_replay("$2147483647\r\n"));
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_EQ(r.service, "");
}

TEST(Hostile, TenThousandDeepJson) {
    auto body = std::string(10000, '[') + std::string(10000, ']');
    auto r = against(http_replay({{"/", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                            std::to_string(body.size()) + "\r\n\r\n" + body}}));
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
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
}

TEST(Hostile, SilentServer) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await drain(s);
        co_await sleep_for(10s);
    });
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
}
