#include "leak/egress.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "leak/http_audit.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr auto k_tok = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view k_reply = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

// The request line of one connection, read under the byte and time caps; "" on anything else.
asio::awaitable<std::string> request_line(tcp::socket& socket) {
    asio::streambuf buf(k_egress_request_cap);
    asio::steady_timer timer(co_await asio::this_coro::executor, k_egress_read_timeout);
    auto r = co_await (asio::async_read_until(socket, buf, "\r\n", k_tok) || timer.async_wait(k_tok));
    if (r.index() != 0 || std::get<0>(std::get<0>(r))) co_return "";
    std::string line(asio::buffers_begin(buf.data()), asio::buffers_begin(buf.data()) + static_cast<std::ptrdiff_t>(std::get<1>(std::get<0>(r))));
    co_return line;
}

void judge(AuditContext& ctx, const std::string& url, const asio::ip::address& from, const std::string& line) {
    auto a = unmap_v4(from);
    auto v = ctx.classifier.classify(a, false);
    std::string detail = "fetched by " + a.to_string() + " (" + line.substr(0, line.find('\r')) + ")";
    if (v == verdict::origin) detail += ": the origin fetches URLs itself";
    ctx.record("egress.fetch", url, a.to_string(), v == verdict::origin ? verdict::origin : v, detail);
}

}  // namespace

asio::awaitable<void> listen_egress(AuditContext& ctx, EgressSpec spec) {
    auto ex = co_await asio::this_coro::executor;
    auto token = "/exposcan-egress-" + random_token();
    auto host = spec.listen.address().is_v6() ? "[" + spec.listen.address().to_string() + "]" : spec.listen.address().to_string();
    auto url = "http://" + host + ":" + std::to_string(spec.listen.port()) + token;
    tcp::acceptor acceptor(ex);
    boost::system::error_code ec;
    acceptor.open(spec.listen.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(spec.listen, ec);
    if (!ec) acceptor.listen(16, ec);
    if (ec) {
        ctx.undecided("egress.fetch", url, "cannot listen: " + ec.message());
        co_return;
    }
    if (spec.on_url) spec.on_url(url);
    asio::steady_timer deadline(ex, spec.timeout);
    for (std::size_t n = 0; n < k_egress_max_connections; ++n) {
        tcp::socket socket(ex);
        auto r = co_await (acceptor.async_accept(socket, k_tok) || deadline.async_wait(k_tok));
        if (r.index() != 0) break;
        if (std::get<0>(std::get<0>(r))) continue;
        boost::system::error_code peer_ec;
        auto from = socket.remote_endpoint(peer_ec).address();
        auto line = co_await request_line(socket);
        if (peer_ec || line.find(token) == std::string::npos) continue;  // a stray or a scanner: not our fetch
        co_await asio::async_write(socket, asio::buffer(k_reply), k_tok);
        judge(ctx, url, from, line);
        co_return;
    }
    ctx.undecided("egress.fetch", url, "nothing fetched the URL within " + std::to_string(spec.timeout.count()) + " s");
}

}  // namespace exposcan::leak
