#include "probe/memcached_proto.hpp"
#include "probe/probes.hpp"

namespace exposcan::probe {

namespace {

constexpr std::size_t k_max_body = 64 * 1024;

awaitable<McBinary> binary_exchange(Session& s, std::uint8_t opcode) {
    McBinary reply;
    if (!co_await s.send(memcached_binary_request(opcode))) {
        reply.valid = false;
        co_return reply;
    }
    co_await s.read_until([&](std::string_view d) {
        reply = parse_memcached_binary(d, k_max_body);
        return reply.complete || !reply.valid;
    });
    if (reply.complete) s.consume(reply.consumed);
    co_return reply;
}

}  // namespace

awaitable<Outcome> probe_memcached_text(Session& s) {
    if (!co_await s.send("stats\r\n")) co_return std::nullopt;
    McText reply;
    co_await s.read_until([&](std::string_view d) {
        reply = parse_memcached_text(d);
        return reply.kind != McTextKind::incomplete;
    });
    if (reply.kind == McTextKind::stats)
        co_return make_verdict("memcached", Exposure::unauthenticated, reply.version,
                               "stats: STAT version " + reply.version);
    if (reply.kind == McTextKind::unauthenticated)
        co_return make_verdict("memcached", Exposure::auth_required, "", reply.first_line);
    co_return std::nullopt;
}

// SASL builds speak only the binary protocol; VERSION is allowed before
// authentication, STAT is not (status 0x20).
awaitable<Outcome> probe_memcached_binary(Session& s) {
    auto version = co_await binary_exchange(s, k_mc_op_version);
    if (!version.complete || version.opcode != k_mc_op_version) co_return std::nullopt;
    auto v = version.status == 0 ? version.value : std::string();
    auto stat = co_await binary_exchange(s, k_mc_op_stat);
    if (stat.complete && stat.status == 0)
        co_return make_verdict("memcached", Exposure::unauthenticated, v, "binary STAT allowed, version " + v);
    if (stat.complete && stat.status == k_mc_status_auth_error)
        co_return make_verdict("memcached", Exposure::auth_required, v, "binary STAT: status 0x20 auth error");
    co_return make_verdict("memcached", Exposure::anonymous_limited, v, "binary VERSION " + v);
}

}  // namespace exposcan::probe
