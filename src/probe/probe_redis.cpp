#include "probe/probes.hpp"
#include "probe/resp.hpp"

namespace exposcan::probe {

namespace {

constexpr std::size_t k_max_bulk = 64 * 1024;

awaitable<RespReply> read_reply(Session& s) {
    RespReply reply;
    co_await s.read_until([&](std::string_view d) {
        reply = parse_resp(d, k_max_bulk);
        return reply.kind != RespKind::incomplete;
    });
    s.consume(std::min(reply.consumed, s.data().size()));
    co_return reply;
}

// What a refused PING says about the server's access control.
Outcome classify_refusal(const std::string& error) {
    if (error.starts_with("NOAUTH") || error.starts_with("ERR operation not permitted"))
        return make_verdict("redis", Exposure::auth_required, "", "-" + error);
    if (error.starts_with("DENIED")) return make_verdict("redis", Exposure::reachable_denied, "", "-" + error);
    return std::nullopt;
}

// Built outside the coroutine: GCC 12 rejects initializer_list temporaries
// inside coroutine bodies ("array used as initializer").
std::string ping_command() { return resp_command({"PING"}); }
std::string info_command() { return resp_command({"INFO", "server"}); }

}  // namespace

awaitable<Outcome> probe_redis(Session& s) {
    if (!co_await s.send(ping_command())) co_return std::nullopt;
    auto pong = co_await read_reply(s);
    if (pong.kind == RespKind::error) co_return classify_refusal(pong.text);
    if (pong.kind != RespKind::simple || pong.text != "PONG") co_return std::nullopt;
    if (!co_await s.send(info_command())) co_return std::nullopt;
    auto info = co_await read_reply(s);
    if (info.kind != RespKind::bulk)  // PONG but INFO refused: an ACL-limited default user
        co_return make_verdict("redis", Exposure::anonymous_limited, "", "+PONG; INFO: " + info.text);
    auto version = info_field(info.text, "redis_version");
    auto mode = info_field(info.text, "redis_mode");
    co_return make_verdict("redis", Exposure::unauthenticated, version,
                           "+PONG; INFO server redis_version:" + version + " redis_mode:" + mode);
}

}  // namespace exposcan::probe
