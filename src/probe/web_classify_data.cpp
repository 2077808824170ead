// Data stores behind the web service table: CouchDB, InfluxDB, ClickHouse,
// the Docker registry, Solr, RabbitMQ's management API. Evidence names counts
// and versions, never stored data.
#include "probe/http_text.hpp"
#include "probe/web_classify.hpp"
#include "probe/web_json.hpp"

namespace exposcan::probe {

// --- CouchDB: GET / names itself ({"couchdb":"Welcome"}, Server: CouchDB/x);
// /_all_dbs is the admin-party test (3.x keeps it for admins by default).
bool hint_couchdb(const Root& root) {
    return header_or_empty(root, "server").starts_with("CouchDB/") || contains(root.body, "\"couchdb\"");
}

Outcome identify_couchdb(const Root& root, const Answer&) {
    auto j = parse_json_safely(root.body);
    const bool welcome = j && json_string_at(*j, {"couchdb"}) == "Welcome";
    if (!welcome && !header_or_empty(root, "server").starts_with("CouchDB/")) return std::nullopt;
    auto version = j ? json_string_at(*j, {"version"}) : "";
    if (root.status == 401)  // require_valid_user: even GET / wants a login
        return make_verdict("couchdb", Exposure::auth_required, version, answer_line("GET /", root));
    if (!welcome) return std::nullopt;
    return make_verdict("couchdb", Exposure::unknown_service, version, answer_line("GET /", root));
}

Verdict decide_couchdb(Verdict v, const Answer& all_dbs) {
    auto j = json_if(all_dbs);
    const bool open = j && j->is_array();
    return settle(std::move(v), open, auth_if_refused(all_dbs.status),
                  open ? "GET /_all_dbs 200 (" + count_of(*j) + " databases listed without a login)"
                       : answer_line("GET /_all_dbs", all_dbs));
}

// --- InfluxDB 1.x/2.x: every answer carries X-Influxdb-Version.
bool hint_influxdb(const Root& root) {
    return root.header("x-influxdb-version") != nullptr;
}

Outcome identify_influxdb(const Root& root, const Answer& show) {
    auto version = header_or_empty(show, "x-influxdb-version");
    if (version.empty()) version = header_or_empty(root, "x-influxdb-version");
    const auto line = answer_line("GET /query?q=SHOW DATABASES", show);
    auto j = json_if(show);
    if (has_key(j, "results"))
        return make_verdict("influxdb", Exposure::unauthenticated, version,
                            line + " (databases listed without a login)");
    if (show.status == 401 || show.status == 403)
        return make_verdict("influxdb", Exposure::auth_required, version,
                            line + " " + show.body.substr(0, 80));
    return make_verdict("influxdb", Exposure::anonymous_limited, version, line);
}

// --- ClickHouse HTTP interface: GET / answers "Ok.\n".
bool hint_clickhouse(const Root& root) {
    return root.body == "Ok.\n" || root.header("x-clickhouse-server-display-name") != nullptr;
}

Outcome identify_clickhouse(const Root&, const Answer& select) {
    const auto line = answer_line("GET /?query=SELECT 1", select);
    if (select.status == 200 && select.body == "1\n")
        return make_verdict("clickhouse", Exposure::unauthenticated, "", line + " as the default user");
    const std::string_view body = select.body;
    if (body.starts_with("Code: ")) {
        // 192 unknown user, 193 wrong password, 194 password required, 516 authentication failed.
        const bool auth =
            contains(body, "Code: 19") || contains(body, "Code: 516") || contains(body, "password");
        return make_verdict("clickhouse", auth ? Exposure::auth_required : Exposure::anonymous_limited, "",
                            line + " " + std::string(body.substr(0, body.find(','))));
    }
    return std::nullopt;
}

// --- Docker registry (distribution): /v2/ carries Docker-Distribution-Api-Version.
bool hint_registry(const Root& root) {
    return (root.status == 200 && root.body.empty()) ||
           root.header("docker-distribution-api-version") != nullptr;
}

Outcome identify_registry(const Root&, const Answer& v2) {
    const auto api = header_or_empty(v2, "docker-distribution-api-version");
    if (!api.starts_with("registry/")) return std::nullopt;
    if (v2.status == 401)
        return make_verdict("docker-registry", Exposure::auth_required, "",
                            answer_line("GET /v2/", v2) + " " + all_headers(v2, "www-authenticate"));
    return make_verdict("docker-registry", Exposure::unknown_service, "",
                        answer_line("GET /v2/", v2) + " " + api);
}

Verdict decide_registry(Verdict v, const Answer& catalog) {
    auto j = json_if(catalog);
    const bool open = has_key(j, "repositories");
    return settle(std::move(v), open, auth_if_401(catalog.status),
                  open ? "GET /v2/_catalog 200 (" + count_of((*j)["repositories"]) +
                             " repositories, pull without a login)"
                       : answer_line("GET /v2/_catalog", catalog));
}

// --- Solr: GET / redirects to /solr/ (the admin UI).
bool hint_solr(const Root& root) {
    return contains(root.redirect_location, "/solr/") || contains(root.body, "Solr Admin");
}

Outcome identify_solr(const Root&, const Answer& cores) {
    const auto line = answer_line("GET /solr/admin/cores?action=STATUS", cores);
    auto j = json_if(cores);
    if (has_key(j, "responseHeader") && has_key(j, "status")) {
        const auto& st = (*j)["status"];
        auto n = st.is_object() ? std::to_string(st.size()) : std::string("?");
        return make_verdict("solr", Exposure::unauthenticated, "",
                            line + " (" + n + " cores, admin API open)");
    }
    const auto challenge = all_headers(cores, "www-authenticate");
    if (cores.status == 401 &&
        (contains(challenge, "solr") || contains(cores.body, "require authentication")))
        return make_verdict("solr", Exposure::auth_required, "", line + " " + challenge);
    if (cores.status == 403 && contains(cores.body, "Unauthorized request"))
        return make_verdict("solr", Exposure::anonymous_limited, "", line);
    return std::nullopt;
}

// --- RabbitMQ management plugin: GET / is the "RabbitMQ Management" page.
bool hint_rabbitmq(const Root& root) {
    return contains(root.body, "RabbitMQ Management");
}

Outcome identify_rabbitmq(const Root&, const Answer& overview) {
    const auto line = answer_line("GET /api/overview", overview);
    auto j = json_if(overview);
    if (has_key(j, "rabbitmq_version")) {
        auto v = json_string_at(*j, {"rabbitmq_version"});
        return make_verdict("rabbitmq", Exposure::unauthenticated, v,
                            line + " cluster_name=" + json_string_at(*j, {"cluster_name"}));
    }
    if (overview.status == 401)
        return make_verdict("rabbitmq", Exposure::auth_required, "",
                            line + " " + all_headers(overview, "www-authenticate"));
    return make_verdict("rabbitmq", Exposure::anonymous_limited, "", line);
}

}  // namespace exposcan::probe
