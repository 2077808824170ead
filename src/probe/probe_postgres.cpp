#include "probe/pg_proto.hpp"
#include "probe/probes.hpp"

namespace exposcan::probe {

namespace {

Outcome classify_startup(const PgReply& r) {
    if (r.kind == PgKind::auth && r.auth_code == 0)
        return make_verdict("postgresql", Exposure::unauthenticated, r.server_version,
                            "AuthenticationOk for user=postgres without a password (trust); server_version=" +
                                r.server_version);
    if (r.kind == PgKind::auth)
        return make_verdict("postgresql", Exposure::auth_required, "",
                            "Authentication request code " + std::to_string(r.auth_code));
    if (r.kind != PgKind::error) return std::nullopt;
    const auto line = "ErrorResponse " + r.sqlstate + ": " + r.message;
    if (r.message.starts_with("no pg_hba.conf entry"))
        return make_verdict("postgresql", Exposure::reachable_denied, "", line);
    // 28000/28P01 are auth failures; anything else still proves PostgreSQL.
    auto e = r.sqlstate.starts_with("28") ? Exposure::auth_required : Exposure::anonymous_limited;
    return make_verdict("postgresql", e, "", line);
}

}  // namespace

// SSLRequest first (answered 'S' or 'N' by every PostgreSQL since 7.x). On
// 'N' the StartupMessage follows on the same connection; on 'S' we would have
// to speak TLS, so the framework redials and we start up in plain text (a
// hostssl-only server then answers "no pg_hba.conf entry ... no encryption").
awaitable<Outcome> probe_postgres(Session& s) {
    if (!co_await s.send(pg_ssl_request())) co_return std::nullopt;
    co_await s.read_until([](std::string_view d) { return !d.empty(); });
    if (s.data().empty()) co_return std::nullopt;
    const char answer = s.data()[0];
    if (answer != 'S' && answer != 'N') co_return std::nullopt;
    s.consume(1);
    if (answer == 'S' && !co_await s.redial()) co_return std::nullopt;
    if (!co_await s.send(pg_startup_message("postgres", "postgres"))) co_return std::nullopt;
    PgReply reply;
    co_await s.read_until([&](std::string_view d) {
        reply = parse_pg_startup_reply(d);
        if (reply.kind == PgKind::auth && reply.auth_code == 0) return reply.ready;
        return reply.kind != PgKind::incomplete;
    });
    auto v = classify_startup(reply);
    if (v) co_return v;
    co_return make_verdict("postgresql", Exposure::unknown_service, "", "SSLRequest answered '" +
                                                                           std::string(1, answer) + "'");
}

}  // namespace exposcan::probe
