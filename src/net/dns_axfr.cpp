// One coroutine per step (connect, send, read one message), the whole attempt
// raced against one deadline timer.
#include "net/dns_axfr.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <array>
#include <random>

#include "net/dns_wire.hpp"

namespace exposcan::net {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr auto k_aw = asio::as_tuple(asio::use_awaitable);

std::string rcode_name(int rcode) {
    static const char* k_names[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
                                    "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"};
    return rcode >= 0 && rcode <= 10 ? k_names[rcode] : "RCODE " + std::to_string(rcode);
}

// Adds the message's records; false when the transfer must stop (error,
// limit, closing SOA).
bool take_message(const std::vector<std::uint8_t>& buf, std::uint16_t id, const AxfrLimits& limits,
                  AxfrResult& out, int& soa_seen) {
    std::span<const std::uint8_t> msg(buf);
    auto m = wire::parse_message(msg, limits.max_records - out.records.size());
    if (m.id != id || (m.flags & 0x8000) == 0) {
        out.status = AxfrStatus::bad_reply;
        out.detail = "not an answer to the AXFR query";
        return false;
    }
    if (m.rcode() != 0) {
        if (out.records.empty()) out.status = AxfrStatus::denied;
        out.detail = rcode_name(m.rcode());
        return false;
    }
    for (const auto& r : m.answers) {
        auto d = wire::record_data(msg, r);
        out.records.push_back({r.owner, r.type, d.address, d.name});
        out.status = AxfrStatus::transferred;
        if (r.type == wire::k_type_soa && ++soa_seen == 2) {
            out.complete = true;
            return false;
        }
    }
    if (out.records.size() >= limits.max_records) {
        out.detail = "stopped at " + std::to_string(limits.max_records) + " records";
        return false;
    }
    if (!m.complete) {
        out.detail = "malformed message in the transfer";
        return false;
    }
    return true;
}

asio::awaitable<void> transfer(tcp::socket& sock, tcp::endpoint server, std::string zone, AxfrLimits limits,
                               AxfrResult& out) {
    if (auto [ec] = co_await sock.async_connect(server, k_aw); ec) {
        // Refused: no DNS over TCP there, so nobody gets the zone (an answer).
        if (ec == asio::error::connection_refused) out.status = AxfrStatus::denied;
        out.detail = "connect: " + ec.message();
        co_return;
    }
    auto id = static_cast<std::uint16_t>(std::random_device{}());
    auto query = wire::build_query(id, zone, wire::k_type_axfr);
    std::uint8_t prefix[2] = {static_cast<std::uint8_t>(query.size() >> 8), static_cast<std::uint8_t>(query.size())};
    std::array<asio::const_buffer, 2> framed{asio::buffer(prefix), asio::buffer(query)};  // RFC 1035 4.2.2 length
    if (auto [ec, n] = co_await asio::async_write(sock, framed, k_aw); ec) {
        out.detail = "send: " + ec.message();
        co_return;
    }
    out.status = AxfrStatus::denied;  // from here, a close without records is a refusal
    out.detail = "closed without records";
    int soa_seen = 0;
    for (;;) {
        std::uint8_t len[2];
        if (auto [ec, n] = co_await asio::async_read(sock, asio::buffer(len), k_aw); ec) co_return;
        std::size_t size = static_cast<std::size_t>((len[0] << 8) | len[1]);
        if (out.bytes + size + 2 > limits.max_bytes) {
            out.detail = "stopped at " + std::to_string(limits.max_bytes) + " bytes";
            co_return;
        }
        std::vector<std::uint8_t> buf(size);
        if (auto [ec, n] = co_await asio::async_read(sock, asio::buffer(buf), k_aw); ec) co_return;
        out.bytes += size + 2;
        if (!take_message(buf, id, limits, out, soa_seen)) co_return;
    }
}

}  // namespace

asio::awaitable<AxfrResult> axfr(tcp::endpoint server, std::string zone, AxfrLimits limits) {
    auto ex = co_await asio::this_coro::executor;
    AxfrResult out;
    if (wire::build_query(0, zone, wire::k_type_axfr).empty() || limits.max_records == 0) {
        out.status = AxfrStatus::bad_reply;
        out.detail = "zone name cannot be encoded";
        co_return out;
    }
    tcp::socket sock(ex);
    asio::steady_timer timer(ex, limits.timeout);
    auto r = co_await (transfer(sock, server, zone, limits, out) || timer.async_wait(k_aw));
    if (r.index() == 1) out.detail = "deadline of " + std::to_string(limits.timeout.count()) + " ms passed";
    if (r.index() == 1 && out.records.empty()) out.status = AxfrStatus::unreachable;
    if (out.complete) out.detail = "complete zone";
    co_return out;
}

}  // namespace exposcan::net
