#include "leak/http_audit.hpp"

#include <algorithm>

namespace exposcan::leak {

namespace asio = boost::asio;
using boost::asio::ip::address;
using Tasks = std::vector<std::function<asio::awaitable<void>()>>;

std::string scheme_url(bool tls, const std::string& host, std::uint16_t port, std::string_view path) {
    return (tls ? "https://" : "http://") + authority(host, port) + std::string(path);
}

asio::awaitable<net::HttpResponse> fetch_cdn(AuditContext& ctx, net::HttpClient& http, bool tls,
                                             const std::string& path, const std::string& shown) {
    const auto& domain = ctx.classifier.domain();
    auto port = tls ? ctx.https_port : ctx.http_port;
    auto url = scheme_url(tls, domain, port, path);
    auto req = base_request(ctx, url);
    req.connect_to = connect_to(domain, port, ctx.cdn_addresses.front());
    req.verify_tls = ctx.verify_cdn_tls;
    auto r = co_await http.fetch(req);
    if (r.error != net::HttpError::none && r.status == 0) {
        ctx.undecided("http.cdn", shown, "through the CDN: " + describe(r));
        co_return r;
    }
    ctx.record("http.cdn", shown, ctx.cdn_addresses.front().to_string(), verdict::clean, describe(r) + " for " + url);
    inspect_response(ctx, shown, r);
    co_return r;
}

namespace {

// Through the CDN over http: / and a random 404 path (https is the crawl's).
// Subjects stay the same from run to run (baseline keys): the random path is not in them.
asio::awaitable<void> via_cdn(AuditContext& ctx, net::HttpClient& http, bool tls, std::string path,
                              std::optional<PageSummary>* home) {
    auto port = tls ? ctx.https_port : ctx.http_port;
    auto shown = scheme_url(tls, ctx.classifier.domain(), port, path == "/" ? "/" : "/<random-404-path>");
    auto r = co_await fetch_cdn(ctx, http, tls, path, shown);
    if (home && r.status > 0) *home = summarize(r.status, r.body);
}

// The SAN/CN entries of a certificate that name the domain.
std::vector<std::string> naming_domain(const AuditContext& ctx, const net::HttpResponse& r) {
    std::vector<std::string> names;
    for (const auto& san : r.cert_sans)
        if (san.starts_with("DNS:")) names.push_back(san.substr(4));
    if (auto cn = r.cert_subject.find("CN"); cn != std::string::npos) {
        auto v = r.cert_subject.substr(cn + 2);
        v.erase(0, v.find_first_not_of(" ="));
        names.push_back(v.substr(0, v.find_first_of(",/")));
    }
    std::vector<std::string> out;
    for (auto n : names) {
        auto shown = n;
        if (n.starts_with("*.")) n = n.substr(2);
        if (ctx.classifier.in_domain(n) && std::find(out.begin(), out.end(), shown) == out.end()) out.push_back(shown);
    }
    return out;
}

// The origin's default certificate: no SNI (IP literal URL) or a bogus SNI.
asio::awaitable<void> default_cert(AuditContext& ctx, net::HttpClient& http, address origin, bool bogus_sni) {
    auto host = bogus_sni ? "exposcan-" + random_token() + ".invalid" : origin.to_string();
    auto url = scheme_url(true, host, ctx.https_port, "/");
    auto req = base_request(ctx, url);
    if (bogus_sni) req.connect_to = connect_to(host, ctx.https_port, origin);
    req.verify_tls = false;
    req.want_certificate = true;
    auto r = co_await http.fetch(req);
    auto subject = "tls " + authority(origin.to_string(), ctx.https_port) + (bogus_sni ? " bogus SNI" : " no SNI");
    auto names = naming_domain(ctx, r);
    for (const auto& n : names)
        ctx.record("tls.cert-san", subject, n, verdict::origin,
                   "default certificate names the domain" + (bogus_sni ? " (SNI " + host + ")" : std::string()));
    if (names.empty())
        ctx.record("tls.cert-san", subject, r.cert_subject, verdict::clean,
                   r.tls_used || !r.cert_subject.empty() ? "certificate does not name the domain" : describe(r));
}

}  // namespace

asio::awaitable<void> audit_http(AuditContext& ctx, net::HttpClient& http, const LeakRequest& request) {
    SiteReference site;
    std::optional<PageSummary> http_home;
    Tasks tasks;
    if (ctx.cdn_addresses.empty()) {
        ctx.record("http.cdn", ctx.classifier.domain(), "", verdict::skipped,
                   "no address of the domain is in the CDN ranges");
    } else {
        std::stable_partition(ctx.cdn_addresses.begin(), ctx.cdn_addresses.end(), [](const auto& a) { return a.is_v4(); });
        auto missing = "/exposcan-" + random_token() + "-404";
        tasks.push_back([&]() -> asio::awaitable<void> { co_await via_cdn(ctx, http, false, "/", &http_home); });
        for (bool tls : {false, true})
            tasks.push_back([&ctx, &http, tls, missing]() -> asio::awaitable<void> {
                co_await via_cdn(ctx, http, tls, missing, nullptr);
            });
        tasks.push_back([&]() -> asio::awaitable<void> { co_await crawl_cdn(ctx, http, request, site); });
    }
    for (const auto& o : ctx.classifier.origins())
        for (bool bogus : {false, true})
            tasks.push_back(
                [&ctx, &http, o, bogus]() -> asio::awaitable<void> { co_await default_cert(ctx, http, o, bogus); });
    co_await run_all(std::move(tasks));
    if (!site.home) site.home = std::move(http_home);  // a site only on http
    co_await audit_origins(ctx, http, request, site);
}

}  // namespace exposcan::leak
