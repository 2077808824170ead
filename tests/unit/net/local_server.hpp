// A tiny loopback TCP server for tests, on the test's own io_context: each
// connection is handed to a coroutine that scripts the server's side.
#pragma once
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <string>

namespace exposcan::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Handler = std::function<asio::awaitable<void>(tcp::socket)>;

class LocalServer {
public:
    LocalServer(asio::io_context& io, Handler handler)
        : acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), handler_(std::move(handler)) {
        asio::co_spawn(io, accept_loop(), asio::detached);
    }
    [[nodiscard]] std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    [[nodiscard]] int connections() const { return connections_; }

private:
    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, sock] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
            ++connections_;
            asio::co_spawn(acceptor_.get_executor(), handler_(std::move(sock)), asio::detached);
        }
    }
    tcp::acceptor acceptor_;
    Handler handler_;
    int connections_ = 0;
};

// Reads up to the blank line ending the request head (bounded), plus a body
// of Content-Length bytes when one is announced.
inline asio::awaitable<std::string> read_request(tcp::socket& s) {
    std::string buf;
    auto [ec, n] = co_await asio::async_read_until(s, asio::dynamic_buffer(buf, 65536), "\r\n\r\n",
                                                   asio::as_tuple(asio::use_awaitable));
    if (ec) co_return buf;
    auto pos = buf.find("Content-Length: ");
    if (pos != std::string::npos && pos < n) {
        std::size_t len = std::stoul(buf.substr(pos + 16));
        while (buf.size() < n + len) {
            char tmp[4096];
            auto [e2, got] = co_await s.async_read_some(asio::buffer(tmp), asio::as_tuple(asio::use_awaitable));
            if (e2) break;
            buf.append(tmp, got);
        }
    }
    co_return buf;
}

inline asio::awaitable<void> send_all(tcp::socket& s, std::string bytes) {
    co_await asio::async_write(s, asio::buffer(bytes), asio::as_tuple(asio::use_awaitable));
}

inline asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
    asio::steady_timer t(co_await asio::this_coro::executor, d);
    co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
}

// Runs `coro` on io until it completes (servers' pending work is abandoned).
template <class T>
T run_until_done(asio::io_context& io, asio::awaitable<T> coro) {
    auto fut = asio::co_spawn(io, std::move(coro), asio::use_future);
    while (fut.wait_for(std::chrono::seconds(0)) != std::future_status::ready) io.run_one();
    return fut.get();
}

}  // namespace exposcan::test
