#include "probe/web_services.hpp"

#include <algorithm>

#include "probe/web_classify.hpp"

namespace exposcan::probe {

namespace {

// Specific hints (a product header or page title) before loose ones (Go's
// default 404, an empty 200), so a known product costs no stray request.
// clang-format off
constexpr WebService k_web[] = {
    {"couchdb",    &hint_couchdb,    "",                                        &identify_couchdb,    "/_all_dbs",   &decide_couchdb},
    {"rabbitmq",   &hint_rabbitmq,   "/api/overview",                           &identify_rabbitmq},
    {"consul",     &hint_consul,     "/v1/agent/self",                          &identify_consul},
    {"influxdb",   &hint_influxdb,   "/query?q=SHOW%20DATABASES",               &identify_influxdb},
    {"clickhouse", &hint_clickhouse, "/?query=SELECT%201",                      &identify_clickhouse},
    {"jupyter",    &hint_jupyter,    "/api",                                    &identify_jupyter,    "/api/kernels", &decide_jupyter},
    {"grafana",    &hint_grafana,    "/api/health",                             &identify_grafana,    "/api/org",    &decide_grafana},
    {"solr",       &hint_solr,       "/solr/admin/cores?action=STATUS&wt=json", &identify_solr},
    {"yarn",       &hint_yarn,       "/ws/v1/cluster/info",                     &identify_yarn},
    {"kubernetes", &hint_kubernetes, "/version",                                &identify_kubernetes, "/api",        &decide_kubernetes},
    {"kubelet",    &hint_kubelet,    "/pods",                                   &identify_kubelet},
    {"docker-registry", &hint_registry, "/v2/",                                 &identify_registry,   "/v2/_catalog", &decide_registry},
};
// clang-format on

// A body our cap cut short decides nothing (a truncated catalog is not a
// catalog): the step stays undecided and the runner names the cap.
bool answered(const net::HttpResponse& r) {
    return r.status > 0 && r.error == net::HttpError::none && !r.body_truncated;
}

}  // namespace

std::span<const WebService> web_services() {
    return k_web;
}

const WebService* find_web_service(std::string_view name) {
    auto it =
        std::find_if(std::begin(k_web), std::end(k_web), [&](const WebService& s) { return s.name == name; });
    return it == std::end(k_web) ? nullptr : &*it;
}

Outcome classify_web_service(const WebService& s, const net::HttpResponse& root,
                             const net::HttpResponse& answer, const net::HttpResponse* follow_answer) {
    auto v = s.identify(root, answer);
    if (!v || v->exposure != Exposure::unknown_service || !s.decide || !follow_answer) return v;
    return s.decide(std::move(*v), *follow_answer);
}

boost::asio::awaitable<Outcome> probe_web_services(WebSession& w, const net::HttpResponse& root) {
    for (const auto& s : k_web) {
        if (!s.hint(root)) continue;
        net::HttpResponse fetched;
        if (!s.path.empty()) fetched = co_await w.get(s.path);
        const auto& answer = s.path.empty() ? root : fetched;
        if (!answered(answer)) continue;
        auto v = s.identify(root, answer);
        if (!v) continue;
        if (v->exposure == Exposure::unknown_service && s.decide) {
            auto more = co_await w.get(s.follow);
            if (answered(more)) co_return s.decide(std::move(*v), more);
        }
        co_return v;
    }
    co_return std::nullopt;
}

}  // namespace exposcan::probe
