// Control planes and consoles behind the web service table: Consul,
// Kubernetes API, kubelet, Jupyter, Grafana, Hadoop YARN. Most of them run
// code for whoever reaches them, so "unauthenticated" here is host access.
#include "probe/http_text.hpp"
#include "probe/web_classify.hpp"
#include "probe/web_json.hpp"

namespace exposcan::probe {

namespace {

// Kubernetes' error body: {"kind":"Status","apiVersion":"v1",...}.
bool k8s_status(const net::HttpResponse& r) {
    auto j = parse_json_safely(r.body);
    return j && json_string_at(*j, {"kind"}) == "Status" && json_string_at(*j, {"apiVersion"}) == "v1";
}

}  // namespace

// --- Consul: GET / redirects to /ui/ (or says "Consul Agent" with the UI off).
bool hint_consul(const Root& root) {
    return root.redirect_location == "/ui/" || std::string_view(root.body).starts_with("Consul Agent");
}

Outcome identify_consul(const Root&, const Answer& self) {
    const auto line = answer_line("GET /v1/agent/self", self);
    auto j = json_if(self);
    if (has_key(j, "Config") && has_key(j, "Member")) {
        auto v = json_string_at(*j, {"Config", "Version"});
        return make_verdict("consul", Exposure::unauthenticated, v,
                            line + " Datacenter=" + json_string_at(*j, {"Config", "Datacenter"}) +
                                " (ACLs off or the anonymous token reads the agent)");
    }
    if (self.status == 403 &&
        (contains(self.body, "Permission denied") || contains(self.body, "ACL not found")))
        return make_verdict("consul", Exposure::auth_required, "", line + " " + self.body.substr(0, 120));
    return std::nullopt;
}

// --- Kubernetes API server: anonymous GET / is a Status (401/403) or the path list.
bool hint_kubernetes(const Root& root) {
    auto j = parse_json_safely(root.body);
    return k8s_status(root) || (j && j->is_object() && j->contains("paths"));
}

Outcome identify_kubernetes(const Root&, const Answer& version) {
    auto j = json_if(version);
    if (has_key(j, "gitVersion") && has_key(j, "major")) {
        auto v = json_string_at(*j, {"gitVersion"});
        return make_verdict("kubernetes", Exposure::unknown_service, v, "GET /version 200 gitVersion=" + v);
    }
    if (k8s_status(version))
        return make_verdict("kubernetes", auth_if_401(version.status), "",
                            answer_line("GET /version", version));
    return std::nullopt;
}

Verdict decide_kubernetes(Verdict v, const Answer& api) {
    auto j = json_if(api);
    const bool open = j && json_string_at(*j, {"kind"}) == "APIVersions";
    // /version is public-info; /api refused = anonymous is limited (403) or off (401).
    return settle(
        std::move(v), open, auth_if_401(api.status),
        open ? "GET /api 200 APIVersions (anonymous requests reach the API)" : answer_line("GET /api", api));
}

// --- kubelet (10250): Go's default 404 on GET /; /pods decides.
bool hint_kubelet(const Root& root) {
    return root.status == 404 && root.body.starts_with("404 page not found");
}

Outcome identify_kubelet(const Root&, const Answer& pods) {
    const auto line = answer_line("GET /pods", pods);
    auto j = json_if(pods);
    if (j && json_string_at(*j, {"kind"}) == "PodList") {
        const auto items = j->contains("items") ? count_of((*j)["items"]) : std::string("0");
        return make_verdict("kubelet", Exposure::unauthenticated, "",
                            line + " PodList (" + items + " pods; exec open)");
    }
    if (pods.status == 401 && pods.body.starts_with("Unauthorized"))
        return make_verdict("kubelet", Exposure::auth_required, "", line + " Unauthorized");
    if (pods.status == 403 && pods.body.starts_with("Forbidden (user=system:anonymous"))
        return make_verdict("kubelet", Exposure::anonymous_limited, "",
                            line + " " + pods.body.substr(0, 100));
    return std::nullopt;
}

// --- Jupyter Notebook / Server: Tornado, GET / redirects to /tree or /lab (or /login).
bool hint_jupyter(const Root& root) {
    const auto& loc = root.redirect_location;
    return header_or_empty(root, "server").starts_with("TornadoServer") || contains(loc, "/tree") ||
           contains(loc, "/lab") || contains(loc, "/login?next=");
}

Outcome identify_jupyter(const Root&, const Answer& api) {
    auto j = json_if(api);
    if (!j || !j->is_object() || j->size() != 1 || !j->contains("version")) return std::nullopt;
    auto v = json_string_at(*j, {"version"});
    return make_verdict("jupyter", Exposure::unknown_service, v, "GET /api 200 version=" + v);
}

Verdict decide_jupyter(Verdict v, const Answer& kernels) {
    auto j = json_if(kernels);
    const bool open = j && j->is_array();
    return settle(std::move(v), open, auth_if_refused(kernels.status),
                  open ? "GET /api/kernels 200 (" + count_of(*j) + " kernels; code runs without a token)"
                       : answer_line("GET /api/kernels", kernels));
}

// --- Grafana: GET / redirects to /login unless anonymous access is on.
bool hint_grafana(const Root& root) {
    return root.redirect_location == "/login" || contains(root.body, "grafana");
}

Outcome identify_grafana(const Root&, const Answer& health) {
    auto j = json_if(health);
    if (!has_key(j, "database") || !has_key(j, "version")) return std::nullopt;
    auto v = json_string_at(*j, {"version"});
    return make_verdict("grafana", Exposure::unknown_service, v, "GET /api/health 200 version=" + v);
}

Verdict decide_grafana(Verdict v, const Answer& org) {
    auto j = json_if(org);
    const bool open = has_key(j, "id") && has_key(j, "name");
    return settle(
        std::move(v), open, auth_if_401(org.status),
        open ? "GET /api/org 200 (anonymous users get an org role)" : answer_line("GET /api/org", org));
}

// --- Hadoop YARN ResourceManager: GET / redirects to /cluster.
bool hint_yarn(const Root& root) {
    return contains(root.redirect_location, "/cluster");
}

Outcome identify_yarn(const Root&, const Answer& info) {
    const auto line = answer_line("GET /ws/v1/cluster/info", info);
    auto j = json_if(info);
    if (has_key(j, "clusterInfo")) {
        auto v = json_string_at(*j, {"clusterInfo", "resourceManagerVersion"});
        return make_verdict("yarn", Exposure::unauthenticated, v,
                            line + " state=" + json_string_at(*j, {"clusterInfo", "state"}) +
                                " (anyone can submit applications)");
    }
    if (info.status == 401 && contains(all_headers(info, "www-authenticate"), "Negotiate"))
        return make_verdict("yarn", Exposure::auth_required, "", line + " WWW-Authenticate: Negotiate");
    return std::nullopt;
}

}  // namespace exposcan::probe
