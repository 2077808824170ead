#include "probe/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace exposcan::probe {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr std::size_t k_read_chunk = 4096;

std::chrono::milliseconds remaining(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return std::max(left, std::chrono::milliseconds(1));
}

ReadEnd end_of(const net::HttpResponse& r) {
    switch (r.error) {
    case net::HttpError::none: return r.body_truncated ? ReadEnd::byte_cap : ReadEnd::answered;
    case net::HttpError::too_large: return r.header_line_cap ? ReadEnd::line_cap : ReadEnd::byte_cap;
    case net::HttpError::timeout: return ReadEnd::timeout;
    case net::HttpError::refused: return ReadEnd::closed;
    default: return ReadEnd::error;
    }
}

}  // namespace

std::string_view to_string(ReadEnd end) {
    switch (end) {
    case ReadEnd::none: return "no read";
    case ReadEnd::answered: return "answered";
    case ReadEnd::closed: return "closed";
    case ReadEnd::timeout: return "timeout";
    case ReadEnd::byte_cap: return "byte cap";
    case ReadEnd::line_cap: return "line cap";
    case ReadEnd::error: return "error";
    }
    return "?";
}

ReadEnd merge(ReadEnd so_far, ReadEnd latest) {
    return so_far == ReadEnd::byte_cap || so_far == ReadEnd::line_cap ? so_far : latest;
}

Session::Session(asio::ip::tcp::socket socket, Clock::time_point deadline, std::size_t max_bytes, Dialer dialer)
    : socket_(std::move(socket)), deadline_(deadline), budget_(max_bytes), dialer_(std::move(dialer)) {}

asio::awaitable<bool> Session::redial() {
    boost::system::error_code ignored;
    socket_.close(ignored);
    budget_ -= std::min(budget_, data_.size());
    data_.clear();
    co_return dialer_ && co_await dialer_(socket_);
}

asio::awaitable<bool> Session::send(std::string_view bytes) {
    asio::steady_timer timer(socket_.get_executor(), deadline_);
    auto r = co_await (asio::async_write(socket_, asio::buffer(bytes), asio::as_tuple(asio::use_awaitable)) ||
                       timer.async_wait(asio::as_tuple(asio::use_awaitable)));
    co_return r.index() == 0 && !std::get<0>(std::get<0>(r));
}

asio::awaitable<ReadEnd> Session::read_until(const std::function<bool(std::string_view)>& done) {
    const auto end = co_await read_more(done);
    end_ = merge(end_, end);
    co_return end;
}

asio::awaitable<ReadEnd> Session::read_more(const std::function<bool(std::string_view)>& done) {
    asio::steady_timer timer(socket_.get_executor());
    while (!done(data_)) {
        if (data_.size() >= budget_) co_return ReadEnd::byte_cap;
        if (Clock::now() >= deadline_) co_return ReadEnd::timeout;
        char buf[k_read_chunk];
        const auto want = std::min(sizeof buf, budget_ - data_.size());
        timer.expires_at(deadline_);
        auto r = co_await (socket_.async_read_some(asio::buffer(buf, want), asio::as_tuple(asio::use_awaitable)) ||
                           timer.async_wait(asio::as_tuple(asio::use_awaitable)));
        if (r.index() == 1) co_return ReadEnd::timeout;
        auto [ec, n] = std::get<0>(r);
        data_.append(buf, n);
        if (ec == asio::error::eof) co_return done(data_) ? ReadEnd::answered : ReadEnd::closed;
        if (ec) co_return ReadEnd::error;
    }
    co_return ReadEnd::answered;
}

WebSession::WebSession(net::HttpClient& client, std::string base_url, Clock::time_point deadline,
                       const ProbeOptions& options, bool tls)
    : client_(client), base_url_(std::move(base_url)), deadline_(deadline), options_(options), tls_(tls) {}

net::HttpRequest WebSession::request(std::string_view path) const {
    net::HttpRequest r;
    r.url = base_url_ + std::string(path);
    r.verify_tls = false;  // we classify the service, we do not trust it
    r.connect_timeout = remaining(deadline_);
    r.total_timeout = remaining(deadline_);
    r.max_body = options_.max_bytes;
    r.max_header_bytes = std::min(options_.max_bytes, options_.max_header_bytes);
    r.max_header_lines = options_.max_header_lines;
    return r;
}

net::HttpResponse WebSession::noted(net::HttpResponse r) {
    end_ = merge(end_, end_of(r));
    return r;
}

asio::awaitable<net::HttpResponse> WebSession::get(std::string_view path) {
    co_return noted(co_await client_.fetch(request(path)));
}

asio::awaitable<net::HttpResponse> WebSession::post_json(std::string_view path, std::string body) {
    auto r = request(path);
    r.method = "POST";
    r.headers = {"Content-Type: application/json"};
    r.body = std::move(body);
    co_return noted(co_await client_.fetch(std::move(r)));
}

}  // namespace exposcan::probe
