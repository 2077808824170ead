// VNC (5900+): reached through the banner step, which names it on the
// server's `RFB 003.008` greeting. Answers the version and reads the security
// types the server offers, then closes: no type is ever selected, so no
// password is asked for or sent and no desktop session starts.
#include "probe/probes.hpp"
#include "probe/rfb_proto.hpp"

namespace exposcan::probe {

namespace {

std::string offered(const RfbSecurity& sec) {
    std::string out;
    for (auto t : sec.types) out += (out.empty() ? "" : ", ") + rfb_type_name(t) + "(" + std::to_string(t) + ")";
    return out;
}

bool has_none(const RfbSecurity& sec) {
    for (auto t : sec.types)
        if (t == 1) return true;
    return false;
}

Verdict classify_security(const RfbSecurity& sec, bool server_picks, const std::string& version) {
    const std::string how = server_picks ? "3.3 server-chosen security type: " : "security types offered: ";
    switch (sec.kind) {
    case RfbKind::ok:
        // None: anyone who connects gets the desktop (no type selected by the probe).
        if (has_none(sec))
            return make_verdict("vnc", Exposure::unauthenticated, version, how + offered(sec) + "; None needs no password");
        return make_verdict("vnc", Exposure::auth_required, version, how + offered(sec));
    case RfbKind::refused:  // blacklisted after failures, or the connection is not allowed
        return make_verdict("vnc", Exposure::reachable_denied, version, "refused: " + sec.reason);
    case RfbKind::invalid:
        return make_verdict("vnc", Exposure::unknown_service, version, "RFB security answer: " + sec.problem);
    case RfbKind::incomplete:
        break;
    }
    return make_verdict("vnc", Exposure::unknown_service, version, "RFB greeting, no complete security-type answer");
}

}  // namespace

awaitable<Outcome> probe_vnc(Session& s) {
    RfbVersion v;
    co_await s.read_until([&](std::string_view d) {
        v = parse_rfb_version(d);
        return v.kind != RfbKind::incomplete;
    });
    if (v.kind != RfbKind::ok) {
        if (s.data().starts_with("RFB "))
            co_return make_verdict("vnc", Exposure::unknown_service, "", "malformed RFB version line");
        co_return std::nullopt;
    }
    s.consume(RfbVersion::k_size);
    const auto version = "RFB " + std::to_string(v.major) + "." + std::to_string(v.minor);
    if (!co_await s.send(rfb_client_version(v)))
        co_return make_verdict("vnc", Exposure::unknown_service, version, "RFB greeting, version answer not sent");
    const bool picks = rfb_server_picks(v);
    RfbSecurity sec;
    co_await s.read_until([&](std::string_view d) {
        sec = parse_rfb_security(d, picks);
        return sec.kind != RfbKind::incomplete;
    });
    co_return classify_security(sec, picks, version);
}

}  // namespace exposcan::probe
