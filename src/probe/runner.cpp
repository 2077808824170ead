#include "probe/runner.hpp"

#include <algorithm>
#include <memory>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "exposcan/escape.hpp"
#include "net/tls_peer.hpp"
#include "probe/probes.hpp"
#include "probe/registry.hpp"

namespace exposcan::probe {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr std::chrono::milliseconds k_banner_window{400};
constexpr std::chrono::milliseconds k_min_speculative{300};
constexpr std::size_t k_max_version = 64;

struct PortJob {
    net::HttpClient& http;
    tcp::endpoint endpoint;
    Clock::time_point deadline;
    const ProbeOptions& options;
    // The port's TLS facts, from the first handshake that showed a
    // certificate; kept whatever the steps conclude (the ProbeResult's tls).
    std::optional<TlsCertificate>& tls;
};

awaitable<bool> dial(tcp::socket& socket, const tcp::endpoint& to, Clock::time_point deadline) {
    socket = tcp::socket(co_await asio::this_coro::executor);
    asio::steady_timer timer(socket.get_executor(), deadline);
    auto r = co_await (socket.async_connect(to, asio::as_tuple(asio::use_awaitable)) ||
                       timer.async_wait(asio::as_tuple(asio::use_awaitable)));
    co_return r.index() == 0 && !std::get<0>(std::get<0>(r));
}

Clock::time_point step_deadline(const PortJob& job, const ProbeSpec& spec) {
    const auto now = Clock::now();
    const auto t = job.options.timeout;
    const bool home = std::find(spec.ports.begin(), spec.ports.end(), job.endpoint.port()) != spec.ports.end();
    if (spec.window == Window::passive) return std::min(job.deadline, now + std::min(k_banner_window, t / 4));
    if (spec.window == Window::speculative && !home)
        return std::min(job.deadline, now + std::max(t / 5, std::min(k_min_speculative, t)));
    return job.deadline;
}

std::string base_url(const tcp::endpoint& ep, bool tls) {
    const auto addr = ep.address().is_v6() ? "[" + ep.address().to_string() + "]" : ep.address().to_string();
    return std::string(tls ? "https://" : "http://") + addr + ":" + std::to_string(ep.port());
}

// What one detection step concluded, and how its reads ended.
struct Step {
    Outcome outcome;
    ReadEnd end = ReadEnd::none;
};

// The banner named a service whose probe talks (rsync's `@RSYNCD:` greeting).
const ProbeSpec* follow_up_of(const Verdict& v) {
    const auto* spec = v.service.empty() ? nullptr : find_probe(v.service);
    return spec && spec->window == Window::follow_up ? spec : nullptr;
}

ReadEnd end_of(net::TlsStatus s) {
    switch (s) {
        case net::TlsStatus::handshake_done: return ReadEnd::none;
        case net::TlsStatus::failed: return ReadEnd::error;
        case net::TlsStatus::closed: return ReadEnd::closed;
        case net::TlsStatus::timeout: return ReadEnd::timeout;
        case net::TlsStatus::byte_cap: return ReadEnd::byte_cap;
    }
    return ReadEnd::error;
}

// A TLS step starts with a handshake of its own (src/net): it records the
// port's certificate and protocol whatever the protocol inside turns out to
// be (an unknown one included), and a port that does not speak TLS costs no
// HTTP request. `end` stays none when the handshake completed. A server that
// sent its certificate and then refused the handshake (a client certificate
// demanded) speaks TLS: that is the step's verdict.
awaitable<Outcome> handshake_first(const PortJob& job, Clock::time_point deadline, ReadEnd& end) {
    auto peer = co_await net::tls_peer(job.endpoint, deadline, job.options.max_bytes);
    const bool certificate = peer.certificate.has_value();
    if (certificate && !job.tls) job.tls = std::move(peer.certificate);
    end = end_of(peer.status);
    if (peer.status == net::TlsStatus::handshake_done || !certificate) co_return std::nullopt;
    auto v = make_verdict("", Exposure::tls, "", "TLS certificate sent, then the handshake ended: " + peer.detail);
    v.over_tls = true;
    end = ReadEnd::answered;
    co_return v;
}

// The TCP half of a step: dial, hand the probe a Session. `keep` (the passive
// banner step only) receives the session afterwards when the server stayed
// silent and the connection is still open, so the runner can go on listening,
// or when its greeting names a follow-up probe, which then continues on it.
awaitable<Outcome> run_unguarded(const ProbeSpec& spec, const PortJob& job, Clock::time_point deadline,
                                 ReadEnd& end, std::unique_ptr<Session>* keep) {
    if (spec.web) {
        if (spec.tls) {
            auto refused = co_await handshake_first(job, deadline, end);
            if (refused) co_return refused;
            if (end != ReadEnd::none) co_return std::nullopt;
        }
        WebSession web(job.http, base_url(job.endpoint, spec.tls), deadline, job.options, spec.tls);
        auto v = co_await spec.web(web);
        end = web.read_end();
        co_return v;
    }
    const auto ep = job.endpoint;
    Session::Dialer dialer = [ep, deadline](tcp::socket& s) { return dial(s, ep, deadline); };
    tcp::socket socket(co_await asio::this_coro::executor);
    if (!co_await dial(socket, ep, deadline)) {
        end = Clock::now() >= deadline ? ReadEnd::timeout : ReadEnd::closed;
        co_return std::nullopt;
    }
    // Each step gets its own byte budget (docs/resource-bounds.md): one step
    // that reads a lot cannot starve the probe that would recognise the service.
    auto session = std::make_unique<Session>(std::move(socket), deadline, job.options.max_bytes, std::move(dialer));
    auto v = co_await spec.tcp(*session);
    end = session->read_end();
    const bool silent = !v && end == ReadEnd::timeout && session->data().empty();
    if (keep && (silent || (v && follow_up_of(*v)))) *keep = std::move(session);
    co_return v;
}

// The exception boundary, and a last deadline guard around the whole step.
awaitable<Step> run_step(const ProbeSpec& spec, const PortJob& job, std::unique_ptr<Session>* keep = nullptr) {
    const auto deadline = step_deadline(job, spec);
    Step step;
    try {
        asio::steady_timer guard(co_await asio::this_coro::executor, deadline + std::chrono::milliseconds(50));
        auto r = co_await (run_unguarded(spec, job, deadline, step.end, keep) ||
                           guard.async_wait(asio::as_tuple(asio::use_awaitable)));
        if (r.index() == 0) step.outcome = std::get<0>(std::move(r));
        else step.end = ReadEnd::timeout;
    } catch (...) {
        // A probe bug must cost one port's classification, never the run.
        step.end = ReadEnd::error;
    }
    co_return step;
}

// The in-band "this port wants TLS" hint from plain HTTP: go HTTPS at once.
awaitable<Step> follow_tls_hint(Step hint, const PortJob& job) {
    const auto* https = find_probe("https");
    auto step = co_await run_step(ProbeSpec{https->name, {}, nullptr, https->web, true, Window::full}, job);
    if (step.outcome) co_return step;
    if (job.tls) {  // our handshake worked, libcurl's HTTP over it did not (a TLS 1.0-only server)
        hint.outcome->over_tls = true;
        hint.outcome->evidence += "; TLS handshake done (" + job.tls->version + "), no HTTP answer over it";
    }
    co_return hint;
}

// A follow-up probe on the connection the greeting came in on (the server
// waits there for our answer): same exception boundary and deadline guard
// as run_step, the rest of the port's time, the step's remaining byte budget.
awaitable<Step> run_on(const ProbeSpec& spec, Session& session, const PortJob& job) {
    Step step;
    try {
        session.set_deadline(job.deadline);
        asio::steady_timer guard(co_await asio::this_coro::executor, job.deadline + std::chrono::milliseconds(50));
        auto r = co_await (spec.tcp(session) || guard.async_wait(asio::as_tuple(asio::use_awaitable)));
        if (r.index() == 0) step.outcome = std::get<0>(std::move(r));
        step.end = r.index() == 0 ? session.read_end() : ReadEnd::timeout;
    } catch (...) {
        step.end = ReadEnd::error;
    }
    co_return step;
}

// The banner named a service whose probe talks (rsync): run that probe with
// the rest of the time, on the greeting's own connection when the runner
// still holds it (one connection, no second greeting to wait for), else on a
// fresh one. Its verdict, if it reaches one, replaces the banner's.
awaitable<Outcome> follow_banner(const Verdict& banner, const PortJob& job, ReadEnd& end,
                                 std::unique_ptr<Session>& conn) {
    const auto* spec = follow_up_of(banner);
    if (!spec) co_return std::nullopt;
    Step step;
    if (conn) step = co_await run_on(*spec, *conn, job);
    else step = co_await run_step(*spec, job);
    conn.reset();
    end = step.end;
    co_return std::move(step.outcome);
}

// An unknown-service verdict names the bound that ended a read, so a capped
// or timed-out answer is told apart from one that was read in full.
void note_read_end(Verdict& v, ReadEnd end) {
    if (v.exposure != Exposure::unknown_service || end == ReadEnd::answered || end == ReadEnd::none) return;
    v.evidence += " (read ended: " + std::string(to_string(end)) + ")";
}

// Built outside the coroutine (GCC 12 mishandles some temporaries in coroutine bodies).
void add_end(std::string& ends, std::string_view step, ReadEnd end) {
    if (!ends.empty()) ends += ", ";
    ends += std::string(step) + " " + std::string(to_string(end));
}

// A server-speaks-first service can greet after the banner window (a slow
// fork, a reverse DNS lookup, a loaded host). The banner step's connection,
// silent and open, keeps listening while the other steps run: the first
// bytes it hears decide at once, so a service that spoke is never left to
// wait out every later step's window. Never completes without bytes (the
// step it races always ends by its own deadline guard).
awaitable<Outcome> hear_late(Session& quiet, Clock::time_point deadline, bool& gone) {
    try {
        quiet.set_deadline(deadline);
        const auto end = co_await quiet.read_until(banner_complete);
        if (!quiet.data().empty()) co_return classify_banner(quiet.data());
        // A cancelled read also ends in "error": only an uncancelled end means the peer went away.
        const auto cs = co_await asio::this_coro::cancellation_state;
        if (cs.cancelled() == asio::cancellation_type::none && end != ReadEnd::timeout) gone = true;
        asio::steady_timer never(co_await asio::this_coro::executor, Clock::time_point::max());
        co_await never.async_wait(asio::as_tuple(asio::use_awaitable));
    } catch (...) {
        // Cancelled because the step it raced finished first.
    }
    co_return std::nullopt;
}

// One step, raced against the late listener when there is one. `heard` is set
// when the listener won with a verdict.
awaitable<Step> run_step_listening(const ProbeSpec& spec, const PortJob& job, std::unique_ptr<Session>& quiet,
                                   Outcome& heard) {
    if (!quiet) {
        auto step = co_await run_step(spec, job);
        co_return step;
    }
    bool gone = false;
    auto r = co_await (run_step(spec, job) || hear_late(*quiet, job.deadline, gone));
    if (r.index() == 0) {
        if (gone) quiet.reset();
        co_return std::get<0>(std::move(r));
    }
    heard = std::get<1>(std::move(r));  // quiet now holds the greeting: a follow-up continues there
    co_return Step{std::nullopt, ReadEnd::error};  // the step was cut short by the greeting
}

// A verdict the banner decided on names that in its evidence too, so "spoke,
// unknown" (banner answered) is told apart from a step that hit a bound.
void note_banner(Verdict& v, const std::string& ends, std::string_view how) {
    if (v.exposure != Exposure::unknown_service) return;
    v.evidence += "; reads ended: " + ends + (ends.empty() ? "" : ", ") + std::string(how);
}

awaitable<Verdict> detect(const PortJob& job) {
    Verdict fallback = make_verdict("", Exposure::unknown_service, "", "");
    std::string ends;  // "banner timeout, http line cap, ...": how each step that declined ended
    std::unique_ptr<Session> quiet;  // the banner step's connection while it stays silent and open
    for (const auto* spec : detection_order(job.endpoint.port())) {
        if (Clock::now() >= job.deadline) break;
        const bool passive = spec->window == Window::passive;
        Outcome heard;
        Step step;  // no co_await inside ?: (GCC 12 double-destroys its temporaries)
        if (passive) step = co_await run_step(*spec, job, &quiet);
        else step = co_await run_step_listening(*spec, job, quiet, heard);
        if (heard) {  // the step it raced was cut short, so it says nothing
            ReadEnd end = ReadEnd::none;
            auto followed = co_await follow_banner(*heard, job, end, quiet);
            if (followed) {
                note_read_end(*followed, end);
                co_return std::move(*followed);
            }
            note_banner(*heard, ends, "banner answered late");
            co_return std::move(*heard);
        }
        if (!step.outcome) {
            add_end(ends, spec->name, step.end);
            continue;
        }
        if (step.outcome->exposure == Exposure::tls && !step.outcome->over_tls)
            step = co_await follow_tls_hint(std::move(step), job);
        if (passive) {
            ReadEnd end = ReadEnd::none;
            auto followed = co_await follow_banner(*step.outcome, job, end, quiet);
            if (followed) {
                note_read_end(*followed, end);
                co_return std::move(*followed);
            }
            note_banner(*step.outcome, ends, "banner " + std::string(to_string(step.end)));
        } else {
            note_read_end(*step.outcome, step.end);
        }
        co_return std::move(*step.outcome);
    }
    fallback.evidence = Clock::now() >= job.deadline ? "no recognised answer before the deadline"
                                                     : "no probe recognised the answer";
    if (!ends.empty()) fallback.evidence += "; reads ended: " + ends;
    if (job.tls) {  // the handshake succeeded: "speaks TLS, nothing recognised inside"
        fallback.exposure = Exposure::tls;
        fallback.over_tls = true;
        fallback.evidence = "TLS (" + job.tls->version + "), inside: " + fallback.evidence;
    }
    co_return fallback;
}

TlsCertificate sanitized(TlsCertificate c, const Limits& limits) {
    c.subject = sanitize(c.subject, limits.max_evidence);
    c.issuer = sanitize(c.issuer, limits.max_evidence);
    if (c.sans.size() > 64) c.sans.resize(64);  // net caps the list at 64 as well (docs/probes.md)
    for (auto& s : c.sans) s = sanitize(s, 256);
    c.not_after = sanitize(c.not_after, k_max_version);
    c.version = sanitize(c.version, k_max_version);
    return c;
}

}  // namespace

awaitable<ProbeResult> probe_endpoint(net::HttpClient& http, const ProbeTarget& endpoint,
                                      const ProbeOptions& options, const Limits& limits) {
    const auto started = Clock::now();
    std::optional<TlsCertificate> tls;
    PortJob job{http, tcp::endpoint(endpoint.target.address, endpoint.port), started + options.timeout, options, tls};
    auto v = co_await detect(job);
    ProbeResult r;
    r.target = endpoint.target;
    r.port = endpoint.port;
    r.service = sanitize(v.service, k_max_version);
    r.exposure = v.exposure;
    r.version = sanitize(v.version, k_max_version);
    r.evidence = sanitize(v.evidence, limits.max_evidence);
    r.over_tls = v.over_tls;
    if (tls) r.tls = sanitized(std::move(*tls), limits);
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    co_return r;
}

}  // namespace exposcan::probe
