#include "probe/http_classify.hpp"

#include <algorithm>

#include "probe/http_text.hpp"
#include "probe/json_safe.hpp"

namespace exposcan::probe {

namespace {

Outcome open_search_node(const nlohmann::json& j, const net::HttpResponse& r) {
    auto number = json_string_at(j, {"version", "number"});
    if (number.empty()) return std::nullopt;
    const auto cluster = json_string_at(j, {"cluster_name"});
    const auto tagline = json_string_at(j, {"tagline"});
    const auto evidence = "HTTP " + std::to_string(r.status) + " cluster_name=" + cluster + " version=" + number;
    if (json_string_at(j, {"version", "distribution"}) == "opensearch")
        return make_verdict("opensearch", Exposure::unauthenticated, number, evidence);
    if (tagline == "You Know, for Search" || contains(header_or_empty(r, "x-elastic-product"), "Elasticsearch"))
        return make_verdict("elasticsearch", Exposure::unauthenticated, number, evidence);
    return std::nullopt;
}

}  // namespace

Outcome classify_search(const net::HttpResponse& root) {
    const auto challenge = all_headers(root, "www-authenticate");
    const auto line = "HTTP " + std::to_string(root.status) + " " + challenge;
    if (contains(challenge, "OpenSearch Security")) {
        auto e = root.status == 403 ? Exposure::anonymous_limited : Exposure::auth_required;
        return make_verdict("opensearch", e, "", line);
    }
    const bool es_security = contains(challenge, "realm=\"security\"") || contains(root.body, "security_exception");
    if ((root.status == 401 || root.status == 403) && es_security) {
        auto e = root.status == 403 ? Exposure::anonymous_limited : Exposure::auth_required;
        return make_verdict("elasticsearch", e, "", line);
    }
    if (root.status != 200) return std::nullopt;
    auto j = parse_json_safely(root.body);
    if (!j || !j->is_object()) return std::nullopt;
    return open_search_node(*j, root);
}

const char* dashboards_flavour(const net::HttpResponse& root) {
    if (root.header("osd-name")) return "opensearch-dashboards";
    if (root.header("kbn-name")) return "kibana";
    return nullptr;
}

Verdict classify_dashboards(const char* service, const net::HttpResponse& root, const net::HttpResponse& status) {
    const auto name = header_or_empty(status, "kbn-name") + header_or_empty(status, "osd-name");
    if (status.status == 200) {
        auto j = parse_json_safely(status.body);
        std::string version = j ? json_string_at(*j, {"version", "number"}) : "";
        std::string level = j ? json_string_at(*j, {"status", "overall", "level"}) : "";
        if (level.empty() && j) level = json_string_at(*j, {"status", "overall", "state"});
        return make_verdict(service, Exposure::unauthenticated, version,
                            "GET /api/status 200 name=" + name + " overall=" + level);
    }
    const bool login = contains(status.redirect_location, "login") || contains(root.redirect_location, "login");
    if (status.status == 401 || status.status == 403 || login)
        return make_verdict(service, Exposure::auth_required, "",
                            "GET /api/status " + std::to_string(status.status) + " " + status.redirect_location);
    return make_verdict(service, Exposure::anonymous_limited, "",
                        "GET /api/status " + std::to_string(status.status));
}

Outcome classify_docker_version(const net::HttpResponse& version) {
    if (version.status != 200) return std::nullopt;
    auto j = parse_json_safely(version.body);
    if (!j || !j->is_object() || !j->contains("ApiVersion")) return std::nullopt;
    auto v = json_string_at(*j, {"Version"});
    return make_verdict("docker", Exposure::unauthenticated, v,
                        "GET /version 200 Version=" + v + " ApiVersion=" + json_string_at(*j, {"ApiVersion"}) +
                            " KernelVersion=" + json_string_at(*j, {"KernelVersion"}));
}

Outcome classify_etcd_version(const net::HttpResponse& version) {
    if (version.status != 200) return std::nullopt;
    auto j = parse_json_safely(version.body);
    if (!j || !j->is_object() || !j->contains("etcdserver")) return std::nullopt;
    auto v = json_string_at(*j, {"etcdserver"});
    return make_verdict("etcd", Exposure::unknown_service, v, "GET /version etcdserver=" + v);
}

Verdict classify_etcd_range(Verdict base, const net::HttpResponse& range) {
    auto j = range.status == 200 ? parse_json_safely(range.body) : std::nullopt;
    if (j && j->is_object() && j->contains("header")) {
        base.exposure = Exposure::unauthenticated;
        base.evidence += "; POST /v3/kv/range 200 (keys readable, count=" + json_string_at(*j, {"count"}) + ")";
    } else if (range.status == 401 || contains(range.body, "user name is empty") ||
               contains(range.body, "permission denied") || contains(range.body, "invalid auth token")) {
        base.exposure = Exposure::auth_required;
        base.evidence += "; POST /v3/kv/range " + std::to_string(range.status) + " " + range.body.substr(0, 120);
    } else {
        base.exposure = Exposure::anonymous_limited;
        base.evidence += "; POST /v3/kv/range " + std::to_string(range.status);
    }
    return base;
}

bool looks_like_prometheus(const net::HttpResponse& root) {
    const auto& loc = root.redirect_location;
    return (root.status / 100 == 3 && (loc == "/graph" || loc == "/query")) || contains(root.body, "<title>Prometheus");
}

Outcome classify_prometheus_buildinfo(const net::HttpResponse& buildinfo) {
    if (buildinfo.status == 401) return make_verdict("prometheus", Exposure::auth_required, "", "buildinfo 401");
    if (buildinfo.status != 200) return std::nullopt;
    auto j = parse_json_safely(buildinfo.body);
    if (!j || json_string_at(*j, {"status"}) != "success") return std::nullopt;
    auto v = json_string_at(*j, {"data", "version"});
    return make_verdict("prometheus", Exposure::unauthenticated, v,
                        "GET /api/v1/status/buildinfo 200 version=" + v +
                            " revision=" + json_string_at(*j, {"data", "revision"}));
}

Outcome classify_metrics(const net::HttpResponse& metrics) {
    if (metrics.status != 200) return std::nullopt;
    const std::string_view body = metrics.body;
    if (!body.starts_with("# HELP ") && !body.starts_with("# TYPE ")) return std::nullopt;
    const bool node = contains(body, "node_exporter_build_info") || contains(body, "# HELP node_");
    auto first_line = body.substr(0, body.find('\n'));
    return make_verdict(node ? "node_exporter" : "prometheus-exporter", Exposure::unauthenticated, "",
                        "GET /metrics 200 " + std::string(first_line));
}

Outcome classify_mastodon(const net::HttpResponse& root) {
    if (header_or_empty(root, "server") != "Mastodon") return std::nullopt;
    return make_verdict("mastodon", Exposure::unauthenticated, "",
                        "GET / " + std::to_string(root.status) + " Server: Mastodon (puma answers directly)");
}

Outcome classify_mastodon_streaming(const net::HttpResponse& health) {
    if (health.status != 200 || health.body != "OK") return std::nullopt;
    return make_verdict("mastodon-streaming", Exposure::unauthenticated, "",
                        "GET /api/v1/streaming/health 200 OK (streaming answers directly)");
}

bool looks_like_mongodb_http(const net::HttpResponse& root) {
    return contains(root.body, "access MongoDB over HTTP on the native driver port");
}

bool says_use_tls(const net::HttpResponse& root) {
    return contains(root.body, "plain HTTP request was sent to HTTPS port") ||
           contains(root.body, "Client sent an HTTP request to an HTTPS server");
}

Verdict unknown_http(const net::HttpResponse& root) {
    auto server = header_or_empty(root, "server");
    return make_verdict("http", Exposure::unknown_service, "",
                        "HTTP " + std::to_string(root.status) + (server.empty() ? "" : " Server: " + server));
}

}  // namespace exposcan::probe
