#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>

#include "net/http.hpp"
#include "unit/net/local_server.hpp"

using namespace exposcan;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

Handler reply_with(std::string bytes, std::string* seen = nullptr) {
    return [bytes, seen](tcp::socket s) -> asio::awaitable<void> {
        auto req = co_await read_request(s);
        if (seen) *seen = req;
        co_await send_all(s, bytes);
    };
}

net::HttpResponse fetch_once(asio::io_context& io, net::HttpRequest req) {
    net::HttpClient client(io);
    return run_until_done(io, client.fetch(std::move(req)));
}

std::string url(std::uint16_t port, const std::string& path = "/") {
    return "http://127.0.0.1:" + std::to_string(port) + path;
}

net::HttpRequest get(std::string u) {
    net::HttpRequest r;
    r.url = std::move(u);
    return r;
}

template <class F>
net::HttpRequest get(std::string u, F&& tweak) {
    auto r = get(std::move(u));
    tweak(r);
    return r;
}

}  // namespace

TEST(HttpClient, GetReturnsStatusLowerCasedHeadersAndBody) {
    asio::io_context io;
    std::string seen;
    LocalServer srv(io, reply_with("HTTP/1.1 200 OK\r\nX-Elastic-Product: Elasticsearch\r\n"
                                   "Content-Length: 5\r\n\r\nhello",
                                   &seen));
    auto r = fetch_once(io, get(url(srv.port(), "/x")));
    EXPECT_EQ(r.error, net::HttpError::none) << r.error_text;
    EXPECT_EQ(r.status, 200);
    ASSERT_NE(r.header("x-elastic-product"), nullptr);
    EXPECT_EQ(*r.header("x-elastic-product"), "Elasticsearch");
    EXPECT_EQ(r.body, "hello");
    EXPECT_FALSE(r.body_truncated);
    EXPECT_EQ(r.primary_ip, "127.0.0.1");
    EXPECT_FALSE(r.tls_used);
    EXPECT_TRUE(seen.starts_with("GET /x HTTP/1.1\r\n"));
    EXPECT_EQ(seen.find("Authorization"), std::string::npos);
}

TEST(HttpClient, BodyOverCapIsTruncatedNotAnError) {
    asio::io_context io;
    LocalServer srv(io, reply_with("HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\n\r\n" +
                                   std::string(200000, 'a')));
    auto r = fetch_once(io, get(url(srv.port()), [](auto& r) { r.max_body = 1000; }));
    EXPECT_EQ(r.error, net::HttpError::none) << r.error_text;
    EXPECT_EQ(r.body.size(), 1000u);
    EXPECT_TRUE(r.body_truncated);
}

TEST(HttpClient, TooManyHeaderLinesAbortsTheTransfer) {
    asio::io_context io;
    std::string head = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 500; ++i) head += "X-" + std::to_string(i) + ": v\r\n";
    LocalServer srv(io, reply_with(head + "\r\n"));
    auto r = fetch_once(io, get(url(srv.port()), [](auto& r) { r.max_header_lines = 50; }));
    EXPECT_EQ(r.error, net::HttpError::too_large);
    EXPECT_TRUE(r.header_line_cap) << "the line cap, not the byte cap, stopped it";
}

TEST(HttpClient, HeaderBytesOverCapAbortTheTransfer) {
    asio::io_context io;
    LocalServer srv(io, reply_with("HTTP/1.1 200 OK\r\nX-Big: " + std::string(5000, 'b') + "\r\n\r\n"));
    auto r = fetch_once(io, get(url(srv.port()), [](auto& r) { r.max_header_bytes = 1024; }));
    EXPECT_EQ(r.error, net::HttpError::too_large);
    EXPECT_FALSE(r.header_line_cap) << "the byte cap, not the line cap, stopped it";
}

TEST(HttpClient, RedirectIsReportedNotFollowed) {
    asio::io_context io;
    LocalServer srv(io, reply_with("HTTP/1.1 302 Found\r\nLocation: /login?next=%2F\r\nContent-Length: 0\r\n\r\n"));
    auto r = fetch_once(io, get(url(srv.port())));
    EXPECT_EQ(r.status, 302);
    EXPECT_EQ(r.redirect_location, "/login?next=%2F");
    EXPECT_EQ(srv.connections(), 1);
}

TEST(HttpClient, SilentServerTimesOut) {
    asio::io_context io;
    LocalServer srv(io, [](tcp::socket s) -> asio::awaitable<void> {
        co_await read_request(s);
        co_await sleep_for(5s);
    });
    auto r = fetch_once(io, get(url(srv.port()), [](auto& r) { r.total_timeout = 300ms; }));
    EXPECT_EQ(r.error, net::HttpError::timeout);
}

TEST(HttpClient, ClosedPortIsRefused) {
    asio::io_context io;
    std::uint16_t port = 0;
    {
        tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
        port = a.local_endpoint().port();
    }
    auto r = fetch_once(io, get(url(port)));
    EXPECT_EQ(r.error, net::HttpError::refused);
}

TEST(HttpClient, NonHttpAnswerIsAProtocolError) {
    asio::io_context io;
    LocalServer srv(io, reply_with("-ERR unknown command\r\n"));
    auto r = fetch_once(io, get(url(srv.port())));
    EXPECT_EQ(r.error, net::HttpError::protocol) << r.error_text;
}

TEST(HttpClient, PostSendsBodyAndConnectToRedirectsTheConnection) {
    asio::io_context io;
    std::string seen;
    LocalServer srv(io, reply_with("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", &seen));
    auto req = get("http://etcd.example:2379/v3/kv/range", [&](auto& r) {
        r.method = "POST";
        r.headers = {"Content-Type: application/json"};
        r.body = R"({"key":"AA=="})";
        r.connect_to = "etcd.example:2379:127.0.0.1:" + std::to_string(srv.port());
    });
    auto r = fetch_once(io, req);
    EXPECT_EQ(r.error, net::HttpError::none) << r.error_text;
    EXPECT_TRUE(seen.starts_with("POST /v3/kv/range HTTP/1.1\r\n"));
    EXPECT_NE(seen.find("Host: etcd.example:2379"), std::string::npos);
    EXPECT_TRUE(seen.ends_with(R"({"key":"AA=="})"));
}

TEST(HttpClient, OnlyHttpAndHttpsSchemes) {
    asio::io_context io;
    auto r = fetch_once(io, get("file:///etc/passwd"));
    EXPECT_NE(r.error, net::HttpError::none);
    EXPECT_TRUE(r.body.empty());
}

TEST(HttpClient, ManyConcurrentFetchesOnOneClient) {
    asio::io_context io;
    LocalServer srv(io, [](tcp::socket s) -> asio::awaitable<void> {
        co_await read_request(s);
        co_await sleep_for(200ms);
        co_await send_all(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    });
    net::HttpClient client(io);
    auto all = [&]() -> asio::awaitable<int> {
        std::vector<std::future<net::HttpResponse>> futs;
        for (int i = 0; i < 20; ++i)
            futs.push_back(asio::co_spawn(io, client.fetch(get(url(srv.port()))), asio::use_future));
        int ok = 0;
        for (auto& f : futs) {
            while (f.wait_for(0s) != std::future_status::ready) co_await sleep_for(10ms);
            ok += f.get().body == "ok";
        }
        co_return ok;
    };
    EXPECT_EQ(run_until_done(io, all()), 20);
}

TEST(HttpClient, CancellationByDeadlineCleansUp) {
    using namespace asio::experimental::awaitable_operators;
    asio::io_context io;
    LocalServer srv(io, [](tcp::socket) -> asio::awaitable<void> { co_await sleep_for(5s); });
    net::HttpClient client(io);
    auto race = [&]() -> asio::awaitable<bool> {
        asio::steady_timer deadline(io, 200ms);
        auto r = co_await (client.fetch(get(url(srv.port()))) ||
                           deadline.async_wait(asio::as_tuple(asio::use_awaitable)));
        co_return r.index() == 1;
    };
    EXPECT_TRUE(run_until_done(io, race()));
    // The client is still usable after a cancelled fetch.
    LocalServer ok(io, reply_with("HTTP/1.1 204 No Content\r\n\r\n"));
    EXPECT_EQ(run_until_done(io, client.fetch(get(url(ok.port())))).status, 204);
}
