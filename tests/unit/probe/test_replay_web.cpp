// The web service table against replays of recorded real answers, each
// service both ways (tests/fixtures/<service>/PROVENANCE.md says where every
// byte came from and which heads the test writes itself). Services Debian
// packages run for real in tests/servers/test_probe_*.sh instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "probe/web_services.hpp"
#include "unit/probe/fixtures.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;

namespace {

std::string json_answer(const std::string& status_line, const std::string& body,
                        const std::string& extra = "") {
    return http_with_body(status_line, "Content-Type: application/json\r\n" + extra, body);
}
std::string ok_json(const std::string& body, const std::string& extra = "") {
    return json_answer("HTTP/1.1 200 OK", body, extra);
}
std::string redirect(const std::string& location) {
    return http_with_body("HTTP/1.1 302 Found", "Location: " + location + "\r\n", "");
}
std::string status_only(const std::string& status_line, const std::string& extra = "") {
    return http_with_body(status_line, extra, "");
}

ProbeResult replay(std::map<std::string, std::string> routes) {
    asio::io_context io;
    LocalServer srv(io, http_replay(std::move(routes)));
    return probe_one(io, srv.port());
}

void expect(const ProbeResult& r, const std::string& service, Exposure e) {
    EXPECT_EQ(r.service, service) << r.evidence;
    EXPECT_EQ(r.exposure, e) << r.evidence;
}

const std::string k_couch_server = "Server: CouchDB (Erlang/OTP)\r\n";

}  // namespace

TEST(ReplayWeb, CouchDbAdminPartyAndAdminOnly) {
    auto root = ok_json(fixture("couchdb/couchdb-1.3.1-get-root.body.json"), k_couch_server);
    auto open =
        replay({{"/", root}, {"/_all_dbs", ok_json(fixture("couchdb/couchdb-get-all-dbs.body.json"))}});
    expect(open, "couchdb", Exposure::unauthenticated);
    EXPECT_EQ(open.version, "1.3.1");
    EXPECT_NE(open.evidence.find("5 databases"), std::string::npos) << open.evidence;
    auto denied =
        json_answer("HTTP/1.1 401 Unauthorized", fixture("couchdb/couchdb-not-server-admin-401.body.json"));
    expect(replay({{"/", root}, {"/_all_dbs", denied}}), "couchdb", Exposure::auth_required);
}

TEST(ReplayWeb, RabbitMqManagementRecordedFromDebian) {
    auto root = fixture("rabbitmq/rabbitmq-3.10.8-get-root.http");
    auto locked =
        replay({{"/", root}, {"/api/overview", fixture("rabbitmq/rabbitmq-3.10.8-api-overview-401.http")}});
    expect(locked, "rabbitmq", Exposure::auth_required);
    EXPECT_NE(locked.evidence.find("RabbitMQ Management"), std::string::npos) << locked.evidence;
    auto open = replay(
        {{"/", root}, {"/api/overview", fixture("rabbitmq/rabbitmq-3.10.8-api-overview-200-as-guest.http")}});
    expect(open, "rabbitmq", Exposure::unauthenticated);
    EXPECT_EQ(open.version, "3.10.8");
}

TEST(ReplayWeb, ConsulAclsOffAndDefaultDeny) {
    auto root = http_with_body("HTTP/1.1 301 Moved Permanently", "Location: /ui/\r\n", "");
    auto open =
        replay({{"/", root}, {"/v1/agent/self", ok_json(fixture("consul/consul-agent-self.body.json"))}});
    expect(open, "consul", Exposure::unauthenticated);
    EXPECT_EQ(open.version, "1.0.0");
    auto deny = http_with_body("HTTP/1.1 403 Forbidden", "Content-Type: text/plain\r\n", "Permission denied");
    expect(replay({{"/", root}, {"/v1/agent/self", deny}}), "consul", Exposure::auth_required);
}

TEST(ReplayWeb, KubernetesApiAnonymousOpenLimitedOff) {
    auto head = fixture("kubernetes/kubernetes-get-root-403-anonymous.head.txt");
    auto body = fixture("kubernetes/kubernetes-get-root-403-anonymous.body.json");
    auto root = head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    auto version = ok_json(fixture("kubernetes/kubernetes-1.24.2-get-version.body.json"));
    // Default RBAC: /version is public-info, /api is forbidden to system:anonymous.
    auto limited = replay({{"/", root}, {"/version", version}, {"/api", root}});
    expect(limited, "kubernetes", Exposure::anonymous_limited);
    EXPECT_EQ(limited.version, "v1.24.2");
    // system:anonymous bound to more than public-info: discovery answers.
    auto open = replay({{"/", root},
                        {"/version", version},
                        {"/api", ok_json(fixture("kubernetes/kubernetes-get-api.body.json"))}});
    expect(open, "kubernetes", Exposure::unauthenticated);
    // --anonymous-auth=false: everything is a 401 Status.
    auto off = json_answer("HTTP/1.1 401 Unauthorized",
                           fixture("kubernetes/kubernetes-anonymous-auth-false-401.body.json"));
    expect(replay({{"/", off}, {"/version", off}, {"/api", off}}), "kubernetes", Exposure::auth_required);
}

TEST(ReplayWeb, KubeletOpenAnonymousOffAndWebhook) {
    auto root = http_with_body("HTTP/1.1 404 Not Found", "Content-Type: text/plain; charset=utf-8\r\n",
                               "404 page not found\n");
    auto text = [](const std::string& line, const std::string& body) {
        return http_with_body(line, "Content-Type: text/plain; charset=utf-8\r\n", body);
    };
    auto open = replay({{"/", root}, {"/pods", ok_json(fixture("kubelet/kubelet-pods-empty.body.json"))}});
    expect(open, "kubelet", Exposure::unauthenticated);
    EXPECT_NE(open.evidence.find("PodList (0 pods"), std::string::npos) << open.evidence;
    expect(
        replay({{"/", root},
                {"/pods", text("HTTP/1.1 401 Unauthorized", fixture("kubelet/kubelet-pods-401.body.txt"))}}),
        "kubelet", Exposure::auth_required);
    expect(replay({{"/", root},
                   {"/pods",
                    text("HTTP/1.1 403 Forbidden", fixture("kubelet/kubelet-pods-403-webhook.body.txt"))}}),
           "kubelet", Exposure::anonymous_limited);
}

TEST(ReplayWeb, GrafanaAnonymousRoleAndLogin) {
    auto health = ok_json(fixture("grafana/grafana-5.1.3-api-health.body.json"));
    auto open = replay({{"/", redirect("/login")},
                        {"/api/health", health},
                        {"/api/org", ok_json(fixture("grafana/grafana-api-org.body.json"))}});
    expect(open, "grafana", Exposure::unauthenticated);
    EXPECT_EQ(open.version, "5.1.3");
    auto locked = replay({{"/", redirect("/login")},
                          {"/api/health", health},
                          {"/api/org", status_only("HTTP/1.1 401 Unauthorized")}});
    expect(locked, "grafana", Exposure::auth_required);
}

TEST(ReplayWeb, SolrCoreAdminOpenAndBasicAuth) {
    const std::string cores = "/solr/admin/cores?action=STATUS&wt=json";
    auto open = replay(
        {{"/", redirect("/solr/")}, {cores, ok_json(fixture("solr/solr-admin-cores-status.body.json"))}});
    expect(open, "solr", Exposure::unauthenticated);
    auto locked = replay(
        {{"/", redirect("/solr/")},
         {cores, status_only("HTTP/1.1 401 Unauthorized", "WWW-Authenticate: Basic realm=\"solr\"\r\n")}});
    expect(locked, "solr", Exposure::auth_required);
}

TEST(ReplayWeb, YarnResourceManagerSimpleAuthAndKerberos) {
    const std::string info = "/ws/v1/cluster/info";
    auto open =
        replay({{"/", redirect("/cluster")}, {info, ok_json(fixture("yarn/yarn-cluster-info.body.json"))}});
    expect(open, "yarn", Exposure::unauthenticated);
    EXPECT_EQ(open.version, "0.23.1-SNAPSHOT");
    auto locked =
        replay({{"/", redirect("/cluster")},
                {info, status_only("HTTP/1.1 401 Unauthorized", "WWW-Authenticate: Negotiate\r\n")}});
    expect(locked, "yarn", Exposure::auth_required);
}

// A web server that matches a hint but is not the service falls through to
// unknown-service (no false positives from loose hints).
TEST(ReplayWeb, HintWithoutServiceIsUnknown) {
    auto r = replay({{"/", redirect("/login")}});
    EXPECT_EQ(r.exposure, Exposure::unknown_service) << r.evidence;
    auto go404 = replay({{"/", http_with_body("HTTP/1.1 404 Not Found", "", "404 page not found\n")}});
    EXPECT_EQ(go404.exposure, Exposure::unknown_service) << go404.evidence;
}

// Cheap when unknown: an ordinary web page matches no hint, so the table adds
// no request to the ones GET / and the /version, /metrics, streaming-health
// guesses already cost.
TEST(ReplayWeb, UnknownPageCostsNoTableRequest) {
    auto paths = std::make_shared<std::vector<std::string>>();
    asio::io_context io;
    LocalServer srv(io, [paths](tcp::socket s) -> asio::awaitable<void> {
        auto req = co_await read_request(s);
        auto sp1 = req.find(' ');
        if (sp1 == std::string::npos) co_return;
        paths->push_back(req.substr(sp1 + 1, req.find(' ', sp1 + 1) - sp1 - 1));
        std::string answer = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\nnot found";
        if (paths->back() == "/")
            answer = http_with_body("HTTP/1.1 200 OK", "Server: nginx\r\nContent-Type: text/html\r\n",
                                    "<html><body>hello</body></html>");
        co_await send_all(s, answer);
    });
    auto r = probe_one(io, srv.port());
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    ASSERT_NE(std::count(paths->begin(), paths->end(), "/"), 0) << "the server saw no GET /";
    for (const auto& s : probe::web_services()) {
        for (auto p : {s.path, s.follow}) {
            if (p.empty() || p == "/version") continue;  // /version is also the Docker/etcd guess
            EXPECT_EQ(std::count(paths->begin(), paths->end(), std::string(p)), 0) << p << " requested";
        }
    }
}
