// What the framework hands a probe: a connected socket with a deadline and a
// byte budget (Session), or an HTTP fetcher bound to the endpoint (WebSession).
// Probes never dial, sleep or set timers themselves; every wait here ends at
// the deadline, every read stops at the byte cap.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "net/http.hpp"

namespace exposcan::probe {

using Clock = std::chrono::steady_clock;

enum class ReadEnd { done, closed, timeout, cap, error };

class Session {
public:
    using Dialer = std::function<boost::asio::awaitable<bool>(boost::asio::ip::tcp::socket&)>;
    Session(boost::asio::ip::tcp::socket socket, Clock::time_point deadline, std::size_t max_bytes, Dialer dialer);
    // A fresh connection to the same endpoint (dialed by the framework, same
    // deadline); the byte budget is not reset.
    boost::asio::awaitable<bool> redial();
    boost::asio::awaitable<bool> send(std::string_view bytes);
    // Reads until done(data()) is true, or the peer closes, the deadline or
    // the byte budget is reached. data() keeps every byte read so far.
    boost::asio::awaitable<ReadEnd> read_until(const std::function<bool(std::string_view)>& done);
    [[nodiscard]] const std::string& data() const { return data_; }
    void consume(std::size_t n) { data_.erase(0, n); }
    void set_deadline(Clock::time_point d) { deadline_ = d; }

private:
    boost::asio::ip::tcp::socket socket_;
    Clock::time_point deadline_;
    std::size_t budget_;
    std::string data_;
    Dialer dialer_;
};

class WebSession {
public:
    WebSession(net::HttpClient& client, std::string base_url, Clock::time_point deadline, std::size_t max_bytes,
               bool tls);
    boost::asio::awaitable<net::HttpResponse> get(std::string_view path);
    boost::asio::awaitable<net::HttpResponse> post_json(std::string_view path, std::string body);
    [[nodiscard]] bool tls() const { return tls_; }

private:
    net::HttpRequest request(std::string_view path) const;
    net::HttpClient& client_;
    std::string base_url_;
    Clock::time_point deadline_;
    std::size_t max_bytes_;
    bool tls_;
};

}  // namespace exposcan::probe
