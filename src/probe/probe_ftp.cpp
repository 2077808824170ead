// FTP (21): reached through the banner step, which names it on a `220` line
// mentioning FTP. Reads the whole greeting, sends `USER anonymous` and reads
// the one reply, then `QUIT`. Never PASS: the anonymous password is itself a
// credential, so the probe reports only whether anonymous access is offered.
#include "probe/ftp_proto.hpp"
#include "probe/probes.hpp"

namespace exposcan::probe {

namespace {

std::string reply_text(const FtpReply& r) { return std::to_string(r.code) + " " + r.text; }

Verdict classify_user_reply(const FtpReply& r, const std::string& version) {
    const auto said = "USER anonymous: " + reply_text(r);
    switch (classify_ftp_user_reply(r)) {
    case FtpAnonymous::logged_in:  // the server logged us in on USER alone; QUIT follows at once
        return make_verdict("ftp", Exposure::unauthenticated, version, said + " (anonymous without a password; QUIT sent)");
    case FtpAnonymous::offered:
        return make_verdict("ftp", Exposure::unauthenticated, version, said + " (anonymous access offered; PASS never sent)");
    case FtpAnonymous::prompt:
        return make_verdict("ftp", Exposure::auth_required, version,
                            said + " (a password prompt that does not say anonymous is offered; PASS never sent)");
    case FtpAnonymous::refused:
        return make_verdict("ftp", Exposure::auth_required, version, said + " (anonymous refused)");
    case FtpAnonymous::denied:
        return make_verdict("ftp", Exposure::reachable_denied, version, said);
    case FtpAnonymous::other:
        break;
    }
    return make_verdict("ftp", Exposure::auth_required, version, said);
}

awaitable<FtpReply> read_reply(Session& s) {
    FtpReply r;
    co_await s.read_until([&](std::string_view d) {
        r = parse_ftp_reply(d);
        return r.kind != FtpKind::incomplete;
    });
    co_return r;
}

}  // namespace

awaitable<Outcome> probe_ftp(Session& s) {
    const auto greeting = co_await read_reply(s);
    if (greeting.kind == FtpKind::invalid)
        co_return make_verdict("ftp", Exposure::unknown_service, "", "FTP greeting: " + greeting.problem);
    if (greeting.kind != FtpKind::ok) co_return std::nullopt;  // the banner's verdict stands
    if (greeting.code != 220)  // 421 too many users / not allowed, 120 try later
        co_return make_verdict("ftp", Exposure::reachable_denied, "", "greeting " + reply_text(greeting));
    const auto version = greeting.text.substr(0, 64);
    s.consume(greeting.consumed);
    if (!co_await s.send("USER anonymous\r\n"))
        co_return make_verdict("ftp", Exposure::unknown_service, version, "FTP greeting, USER not sent");
    const auto reply = co_await read_reply(s);
    if (reply.kind == FtpKind::invalid)
        co_return make_verdict("ftp", Exposure::unknown_service, version, "USER anonymous reply: " + reply.problem);
    if (reply.kind != FtpKind::ok)
        co_return make_verdict("ftp", Exposure::unknown_service, version, "FTP greeting, no complete USER reply");
    co_await s.send("QUIT\r\n");  // best effort: the verdict is already decided
    co_return classify_user_reply(reply, version);
}

}  // namespace exposcan::probe
