// What the framework hands a probe for one detection step: a connected socket
// with a deadline and the step's byte budget (Session), or an HTTP fetcher
// bound to the endpoint (WebSession, each response capped by ProbeOptions).
// Probes never dial, sleep or set timers themselves; every wait here ends at
// the deadline, every read stops at the byte cap, and each session records
// how its reads ended (ReadEnd).
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "exposcan/options.hpp"
#include "net/http.hpp"

namespace exposcan::probe {

using Clock = std::chrono::steady_clock;

// How a step's reads ended. The runner names it in an unknown-service
// verdict's evidence, so a user (and the hostile-server tests) can see which
// bound stopped a read: the byte budget, the header-line cap or the deadline.
enum class ReadEnd {
    none,      // nothing was read (the step gave up before reading)
    answered,  // the probe got enough bytes to decide
    closed,    // the peer closed or refused before the probe could decide
    timeout,   // the step's deadline
    byte_cap,  // the byte budget (Session) or an HTTP body/header byte cap
    line_cap,  // the HTTP header-line cap
    error,     // a socket, TLS or protocol error
};
std::string_view to_string(ReadEnd end);
// The end that explains a step: a cap, once hit, stays (later reads of a
// truncated answer cannot say more); otherwise the latest end.
ReadEnd merge(ReadEnd so_far, ReadEnd latest);

class Session {
public:
    using Dialer = std::function<boost::asio::awaitable<bool>(boost::asio::ip::tcp::socket&)>;
    Session(boost::asio::ip::tcp::socket socket, Clock::time_point deadline, std::size_t max_bytes, Dialer dialer);
    // A fresh connection to the same endpoint (dialed by the framework, same
    // deadline); the byte budget is not reset: it is this step's, not the
    // connection's (docs/resource-bounds.md).
    boost::asio::awaitable<bool> redial();
    boost::asio::awaitable<bool> send(std::string_view bytes);
    // Reads until done(data()) is true, or the peer closes, the deadline or
    // the byte budget is reached. data() keeps every byte read so far.
    boost::asio::awaitable<ReadEnd> read_until(const std::function<bool(std::string_view)>& done);
    [[nodiscard]] const std::string& data() const { return data_; }
    void consume(std::size_t n) { data_.erase(0, n); }
    void set_deadline(Clock::time_point d) { deadline_ = d; }
    [[nodiscard]] ReadEnd read_end() const { return end_; }

private:
    boost::asio::awaitable<ReadEnd> read_more(const std::function<bool(std::string_view)>& done);
    boost::asio::ip::tcp::socket socket_;
    Clock::time_point deadline_;
    std::size_t budget_;
    std::string data_;
    Dialer dialer_;
    ReadEnd end_ = ReadEnd::none;
};

class WebSession {
public:
    WebSession(net::HttpClient& client, std::string base_url, Clock::time_point deadline,
               const ProbeOptions& options, bool tls);
    boost::asio::awaitable<net::HttpResponse> get(std::string_view path);
    boost::asio::awaitable<net::HttpResponse> post_json(std::string_view path, std::string body);
    [[nodiscard]] bool tls() const { return tls_; }
    [[nodiscard]] ReadEnd read_end() const { return end_; }

private:
    net::HttpRequest request(std::string_view path) const;
    net::HttpResponse noted(net::HttpResponse r);
    net::HttpClient& client_;
    std::string base_url_;
    Clock::time_point deadline_;
    const ProbeOptions& options_;
    bool tls_;
    ReadEnd end_ = ReadEnd::none;
};

}  // namespace exposcan::probe
