// Phase 2 of the HTTP audit: each origin asked directly. Does it serve the
// site (Host + SNI) on the site's ports or the CDN's other proxied ports, and
// how much does its answer look like the CDN's? Does its TLS demand a client
// certificate (Authenticated Origin Pulls)? Does its bare IP serve the site's
// favicon? Does an --old-origin, or an address of a --near block, serve it?
#include <algorithm>
#include <numeric>

#include "leak/favicon.hpp"
#include "leak/http_audit.hpp"
#include "leak/links.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;
using boost::asio::ip::address;
using Tasks = std::vector<std::function<asio::awaitable<void>()>>;

namespace {

// Cloudflare proxies https on these of its ports (the rest of the list is http).
constexpr std::uint16_t k_cdn_tls_ports[] = {443, 2053, 2083, 2087, 2096, 8443};

struct PortPlan {
    std::uint16_t port;
    bool tls;
    bool site_port;  // the site's own http/https port: 2xx/3xx is enough
};

bool is_cdn_tls_port(std::uint16_t p) { return std::find(std::begin(k_cdn_tls_ports), std::end(k_cdn_tls_ports), p) != std::end(k_cdn_tls_ports); }

std::vector<PortPlan> port_plans(const AuditContext& ctx, const LeakRequest& request) {
    std::vector<PortPlan> plans{{ctx.http_port, false, true}, {ctx.https_port, true, true}};
    auto add = [&](PortPlan p) {
        if (std::none_of(plans.begin(), plans.end(), [&](const PortPlan& q) { return q.port == p.port && q.tls == p.tls; }))
            plans.push_back(p);
    };
    for (auto p : ctx.options.origin_alt_ports) add({p, is_cdn_tls_port(p), false});
    for (auto p : request.origin_ports) {  // scheme unknown: both
        add({p, true, false});
        add({p, false, false});
    }
    return plans;
}

// Verification first; an origin whose certificate does not verify
// (self-signed, Cloudflare Origin CA) is asked again without, since it may
// still serve the site. `note` says so.
asio::awaitable<net::HttpResponse> fetch_any_cert(net::HttpClient& http, net::HttpRequest req, std::string& note) {
    auto first = co_await http.fetch(req);
    if (first.error != net::HttpError::tls || !req.verify_tls) co_return first;
    note = "; certificate not verified (" + first.error_text + ")";
    req.verify_tls = false;
    auto second = co_await http.fetch(req);
    co_return second;
}

// nginx with ssl_verify_client on completes the handshake and answers 400 "No
// required SSL certificate was sent" (its internal 496); 495/496 elsewhere.
bool demands_client_cert(const net::HttpResponse& r) {
    return r.status == 495 || r.status == 496 ||
           (r.status == 400 && r.body.find("SSL certificate") != std::string::npos);
}

// Authenticated Origin Pulls: a TLS answer without a client certificate is a finding.
void judge_client_cert(AuditContext& ctx, const address& origin, std::uint16_t port, const net::HttpResponse& r) {
    auto subject = "tls " + authority(origin.to_string(), port) + " SNI " + ctx.classifier.domain();
    if (r.error == net::HttpError::tls)
        ctx.record("origin.no-client-cert", subject, "", verdict::clean, "handshake refused: " + describe(r));
    else if (r.status == 0)
        ctx.record("origin.no-client-cert", subject, "", verdict::skipped, "no TLS answer: " + describe(r));
    else if (demands_client_cert(r))
        ctx.record("origin.no-client-cert", subject, "", verdict::clean,
                   "a client certificate is required (" + describe(r) + ")");
    else
        ctx.record("origin.no-client-cert", subject, origin.to_string(), verdict::origin,
                   "TLS without a client certificate gets " + describe(r));
}

struct Direct {
    address origin;
    PortPlan plan;
    std::string_view check;  // origin.serves-directly, origin.old-address or origin.near-address
};

constexpr std::string_view k_near = "origin.near-address";

bool serves_site(const AuditContext& ctx, const PortPlan& plan, const net::HttpResponse& r,
                 const std::optional<Similarity>& sim) {
    if (r.error != net::HttpError::none || r.status < 200 || r.status >= 400) return false;
    if (plan.site_port) return true;
    // A near address answering on the site's port (a neighbour's default
    // vhost, say) serves the site only when its page looks like the site.
    if (r.status >= 300) return same_site_path(r.redirect_location, ctx.classifier.domain(), "/").has_value();
    return !sim || sim->score >= k_similar;
}

// Something at the address spoke HTTP or TLS. A refused connect is not
// counted: libcurl reports a local "no route" the same way.
bool answered(const net::HttpResponse& r) {
    return r.status > 0 || r.error == net::HttpError::tls || r.error == net::HttpError::protocol ||
           r.error == net::HttpError::too_large;
}

// The origin asked for the site with the real Host and SNI. True when it answered.
asio::awaitable<bool> direct(AuditContext& ctx, net::HttpClient& http, Direct d, const SiteReference& site) {
    const auto& domain = ctx.classifier.domain();
    auto url = scheme_url(d.plan.tls, domain, d.plan.port, "/");
    auto req = base_request(ctx, url);
    req.connect_to = connect_to(domain, d.plan.port, d.origin);
    if (d.check == k_near) req.connect_timeout = std::min(req.connect_timeout, ctx.options.near_connect_timeout);
    std::string note;
    auto r = co_await fetch_any_cert(http, req, note);
    if (d.plan.tls && d.check == "origin.serves-directly") judge_client_cert(ctx, d.origin, d.plan.port, r);
    std::optional<Similarity> sim;
    if (site.home && r.status > 0) sim = compare(*site.home, summarize(r.status, r.body));
    bool serves = serves_site(ctx, d.plan, r, sim);
    if (d.check == k_near && r.status == 0 && !serves) co_return answered(r);  // silent: in the sweep's one line
    auto detail = describe(r) + note + (sim ? "; " + sim->describe() : std::string());
    if (serves) detail = "serves the site directly: " + detail;
    ctx.record(d.check, url + " @" + d.origin.to_string(), d.origin.to_string(), serves ? verdict::origin : verdict::clean,
               detail);
    co_return answered(r);
}

// The origin's bare IP (no Host, no SNI) asked for the favicon.
asio::awaitable<void> bare_favicon(AuditContext& ctx, net::HttpClient& http, address origin, bool tls,
                                   std::int32_t site_hash) {
    auto port = tls ? ctx.https_port : ctx.http_port;
    auto url = scheme_url(tls, origin.to_string(), port, "/favicon.ico");
    auto req = base_request(ctx, url);
    req.verify_tls = false;
    auto r = co_await http.fetch(req);
    bool ok = r.error == net::HttpError::none && r.status == 200 && !r.body.empty();
    if (ok && favicon_hash(r.body) == site_hash)
        ctx.record("origin.favicon", url, origin.to_string(), verdict::origin,
                   "same favicon as the site; an attacker searches " + favicon_query(site_hash));
    else
        ctx.record("origin.favicon", url, "", verdict::clean, ok ? "a different favicon" : describe(r));
}

// Every address of the --near blocks that is not already judged (an origin, an
// old origin) or the CDN, on the site's two ports, by similarity only.
asio::awaitable<void> sweep_near(AuditContext& ctx, net::HttpClient& http, const LeakRequest& request,
                                 const SiteReference& site) {
    auto near = near_addresses(request, ctx.limits);
    if (near.empty()) co_return;
    if (!site.home) {
        for (const auto& spec : request.near)
            ctx.undecided(k_near, spec, "no page through the CDN to compare the addresses' answers with");
        co_return;
    }
    auto judged = [&](const address& a) {
        return ctx.classifier.is_origin(a) || ctx.classifier.classify(a, true) == verdict::cdn ||
               std::find(request.old_origins.begin(), request.old_origins.end(), a) != request.old_origins.end();
    };
    Tasks tasks;
    std::size_t answers = 0;
    for (const auto& a : near) {
        if (judged(a)) continue;
        for (bool tls : {false, true}) {
            PortPlan plan{tls ? ctx.https_port : ctx.http_port, tls, false};
            tasks.push_back([&, a, plan]() -> asio::awaitable<void> {
                if (co_await direct(ctx, http, {a, plan, k_near}, site)) ++answers;
            });
        }
    }
    auto asked = tasks.size() / 2;
    co_await run_bounded(std::move(tasks), ctx.options.near_concurrency);
    auto blocks = std::accumulate(request.near.begin(), request.near.end(), std::string(),
                                  [](std::string acc, const std::string& b) { return acc.empty() ? b : acc + " " + b; });
    // Nothing at all answered: from here the blocks may be unroutable or
    // dropped by our own egress, which is no proof that nothing serves the site.
    if (asked > 0 && answers == 0) {
        ctx.undecided(k_near, blocks,
                      "none of " + std::to_string(asked) + " addresses gave an HTTP or TLS answer; the path to them "
                      "is not shown to be alive");
        co_return;
    }
    ctx.record(k_near, blocks, "", verdict::clean,
               "asked " + std::to_string(asked) + " addresses on ports " + std::to_string(ctx.http_port) + " and " +
                   std::to_string(ctx.https_port) + " for the site; addresses that answered are listed one by one");
}

}  // namespace

asio::awaitable<void> audit_origins(AuditContext& ctx, net::HttpClient& http, const LeakRequest& request,
                                    const SiteReference& site) {
    Tasks tasks;
    auto plans = port_plans(ctx, request);
    for (const auto& o : ctx.classifier.origins()) {
        for (const auto& plan : plans)
            tasks.push_back([&, o, plan]() -> asio::awaitable<void> {
                co_await direct(ctx, http, {o, plan, "origin.serves-directly"}, site);
            });
        if (site.favicon)
            for (bool tls : {false, true})
                tasks.push_back([&, o, tls]() -> asio::awaitable<void> {
                    co_await bare_favicon(ctx, http, o, tls, *site.favicon);
                });
    }
    for (const auto& o : request.old_origins)
        for (const auto& plan : plans)
            if (plan.site_port)
                tasks.push_back([&, o, plan]() -> asio::awaitable<void> {
                    co_await direct(ctx, http, {o, plan, "origin.old-address"}, site);
                });
    co_await run_all(std::move(tasks));
    co_await sweep_near(ctx, http, request, site);
}

}  // namespace exposcan::leak
