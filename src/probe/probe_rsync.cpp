// rsync daemon (873): reached through the banner step, which names it on its
// `@RSYNCD:` greeting. Sends our greeting and `#list`, reads the module list.
// Read-only: no module is ever selected, so nothing is transferred and no
// credential is asked for or sent.
#include "probe/probes.hpp"
#include "probe/rsync_proto.hpp"

namespace exposcan::probe {

namespace {

constexpr std::size_t k_max_greeting = 512;

std::string module_evidence(const RsyncListing& l) {
    std::string out = "#list: " + std::to_string(l.module_count) + " module(s) listed without credentials:";
    for (const auto& m : l.modules) out += " " + m;
    if (l.module_count > l.modules.size()) out += " ...";
    return out;
}

Verdict classify_listing(const RsyncListing& l, const std::string& version) {
    // Listing needs no credentials even for modules with `auth users`: the
    // names and comments are an information leak; whether a module's files
    // are readable would take selecting it, which the probe never does.
    if (l.kind == RsyncKind::ok && l.module_count > 0)
        return make_verdict("rsync", Exposure::unauthenticated, version, module_evidence(l));
    if (l.kind == RsyncKind::ok)  // `list = false` on every module
        return make_verdict("rsync", Exposure::anonymous_limited, version, "#list: no module listed");
    if (l.kind == RsyncKind::error)  // `hosts deny`, `max connections`, ...
        return make_verdict("rsync", Exposure::reachable_denied, version, l.error);
    if (l.kind == RsyncKind::invalid)
        return make_verdict("rsync", Exposure::unknown_service, version, "#list answer over the 1024-byte line cap");
    return make_verdict("rsync", Exposure::unknown_service, version, "@RSYNCD greeting, no complete #list answer");
}

}  // namespace

awaitable<Outcome> probe_rsync(Session& s) {
    RsyncGreeting greeting;
    co_await s.read_until([&](std::string_view d) {
        greeting = parse_rsync_greeting(d, k_max_greeting);
        return greeting.kind != RsyncKind::incomplete;
    });
    if (greeting.kind != RsyncKind::ok) {
        // The banner saw `@RSYNCD: `: a greeting that never ends its line is rsync-like but hostile.
        if (s.data().size() >= k_max_greeting)
            co_return make_verdict("rsync", Exposure::unknown_service, "", "@RSYNCD greeting over the 512-byte line cap");
        co_return std::nullopt;
    }
    s.consume(greeting.consumed);
    const auto version = "protocol " + greeting.version;
    if (!co_await s.send(rsync_list_request()))
        co_return make_verdict("rsync", Exposure::unknown_service, version, "@RSYNCD greeting, #list not sent");
    RsyncListing listing;
    co_await s.read_until([&](std::string_view d) {
        listing = parse_rsync_listing(d);
        return listing.kind != RsyncKind::incomplete;
    });
    co_return classify_listing(listing, version);
}

}  // namespace exposcan::probe
