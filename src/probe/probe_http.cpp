// HTTP detection: GET / decides most services or hints one of the web
// service table (web_services.cpp); a few more read-only GETs (and etcd's
// read-only range POST) decide the rest. Every request is a fresh
// connection through the shared HttpClient, bounded by the port's deadline.
#include "probe/http_classify.hpp"
#include "probe/probes.hpp"
#include "probe/web_services.hpp"

namespace exposcan::probe {

namespace {

bool answered(const net::HttpResponse& r) { return r.status > 0 && r.error == net::HttpError::none; }

Verdict mark_tls(Verdict v, const WebSession& w) {
    v.over_tls = w.tls();
    return v;
}

awaitable<Outcome> probe_root_services(WebSession& w, const net::HttpResponse& root) {
    if (auto v = classify_search(root)) co_return v;
    if (const char* flavour = dashboards_flavour(root))
        co_return classify_dashboards(flavour, root, co_await w.get("/api/status"));
    if (looks_like_prometheus(root))
        if (auto v = classify_prometheus_buildinfo(co_await w.get("/api/v1/status/buildinfo"))) co_return v;
    co_return classify_mastodon(root);
}

awaitable<Outcome> probe_path_services(WebSession& w) {
    auto version = co_await w.get("/version");
    if (auto v = classify_docker_version(version)) co_return v;
    if (auto v = classify_etcd_version(version))
        co_return classify_etcd_range(*v, co_await w.post_json("/v3/kv/range", R"({"key":"AA=="})"));
    if (auto v = classify_metrics(co_await w.get("/metrics"))) co_return v;
    co_return classify_mastodon_streaming(co_await w.get("/api/v1/streaming/health"));
}

}  // namespace

awaitable<Outcome> probe_http(WebSession& w) {
    auto root = co_await w.get("/");
    if (!answered(root)) {
        // Handshake done but no usable HTTP inside: a TLS service we do not know.
        if (w.tls() && root.tls_used && root.error != net::HttpError::tls && root.status > 0)
            co_return make_verdict("", Exposure::tls, "", "TLS; HTTP " + std::to_string(root.status));
        co_return std::nullopt;
    }
    if (looks_like_mongodb_http(root)) co_return std::nullopt;  // the OP_MSG probe decides
    if (!w.tls() && says_use_tls(root))  // in-band hint: the runner goes to HTTPS next
        co_return make_verdict("", Exposure::tls, "", "plain HTTP answered " + std::to_string(root.status) +
                                                          ": this port wants TLS");
    if (auto v = co_await probe_root_services(w, root)) co_return mark_tls(*v, w);
    if (auto v = co_await probe_web_services(w, root)) co_return mark_tls(*v, w);
    if (auto v = co_await probe_path_services(w)) co_return mark_tls(*v, w);
    auto unknown = unknown_http(root);
    if (w.tls()) unknown.exposure = Exposure::tls;
    co_return mark_tls(unknown, w);
}

}  // namespace exposcan::probe
