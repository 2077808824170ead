// Probes against byte-exact replays of recorded real answers
// (tests/fixtures/<service>/PROVENANCE.md says where each came from).
#include <gtest/gtest.h>

#include "unit/probe/fixtures.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;

namespace {

std::string json_200(const std::string& body, const std::string& extra = "") {
    return http_with_body("HTTP/1.1 200 OK", "content-type: application/json; charset=UTF-8\r\n" + extra, body);
}

ProbeResult replay(std::map<std::string, std::string> routes) {
    asio::io_context io;
    LocalServer srv(io, http_replay(std::move(routes)));
    return probe_one(io, srv.port());
}

}  // namespace

TEST(Replay, Elasticsearch716WithoutSecurityIsUnauthenticated) {
    auto r = replay({{"/", fixture("elasticsearch/elasticsearch-7.16-get-root.http")}});
    EXPECT_EQ(r.service, "elasticsearch");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated);
    EXPECT_EQ(r.version, "7.16.3");
    EXPECT_NE(r.evidence.find("cluster_name="), std::string::npos);
}

TEST(Replay, Elasticsearch711BeforeProductHeaderIsFoundByTagline) {
    auto r = replay({{"/", fixture("elasticsearch/elasticsearch-7.11-get-root.http")}});
    EXPECT_EQ(r.service, "elasticsearch");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated);
    EXPECT_EQ(r.version, "7.11.0");
}

TEST(Replay, Elasticsearch8BodiesBehindMinimalHead) {
    auto r = replay({{"/", json_200(fixture("elasticsearch/elasticsearch-8.17-get-root-authenticated.body.json"),
                                    "X-elastic-product: Elasticsearch\r\n")}});
    EXPECT_EQ(r.service, "elasticsearch");
    EXPECT_EQ(r.version, "8.17.0");
}

TEST(Replay, Elasticsearch8SecurityIsAuthRequired) {
    auto recorded = fixture("elasticsearch/elasticsearch-8-cluster-settings-401.http");
    auto r = replay({{"/", recorded}});
    EXPECT_EQ(r.service, "elasticsearch");
    EXPECT_EQ(r.exposure, Exposure::auth_required);
    // The GET / 401 body behind the same recorded challenge headers.
    auto head = recorded.substr(0, recorded.find("\r\n\r\n"));
    head = head.substr(0, head.find("content-length"));
    auto body = fixture("elasticsearch/elasticsearch-8-get-root-401.body.json");
    auto r2 = replay({{"/", head + "content-length: " + std::to_string(body.size()) + "\r\n\r\n" + body}});
    EXPECT_EQ(r2.exposure, Exposure::auth_required);
}

TEST(Replay, OpenSearchOpenAndGuarded) {
    auto r = replay({{"/", json_200(fixture("opensearch/opensearch-2.13-get-root.body.json"))}});
    EXPECT_EQ(r.service, "opensearch");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated);
    auto r3 = replay({{"/", json_200(fixture("opensearch/opensearch-3.1-get-root.body.json"))}});
    EXPECT_EQ(r3.service, "opensearch");
    auto guarded = http_with_body("HTTP/1.1 401 Unauthorized",
                                  "WWW-Authenticate: Basic realm=\"OpenSearch Security\"\r\n",
                                  fixture("opensearch/opensearch-401.body.txt"));
    auto r2 = replay({{"/", guarded}});
    EXPECT_EQ(r2.service, "opensearch");
    EXPECT_EQ(r2.exposure, Exposure::auth_required);
}

TEST(Replay, KibanaRedirectToLoginIsAuthRequired) {
    auto login = fixture("kibana/kibana-get-root-302-login.http");
    auto r = replay({{"/", login}, {"/api/status", login}});
    EXPECT_EQ(r.service, "kibana");
    EXPECT_EQ(r.exposure, Exposure::auth_required);
}

TEST(Replay, DockerVersionIsUnauthenticated) {
    auto body = fixture("docker/docker-19.03-get-version.body.json");
    char len[16];
    std::snprintf(len, sizeof len, "%zx", body.size());
    auto chunked = fixture("docker/docker-19.03-get-version.headers.txt") + len + "\r\n" + body + "\r\n0\r\n\r\n";
    auto r = replay({{"/", "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n"
                           "{\"message\":\"page not found\"}\n"},
                     {"/version", chunked}});
    EXPECT_EQ(r.service, "docker");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated);
    EXPECT_EQ(r.version, "19.03.13");
}

TEST(Replay, EtcdWithReadableKeysIsUnauthenticated) {
    auto r = replay({{"/version", json_200(fixture("etcd/etcd-3.5.0-get-version.body.json"))},
                     {"/v3/kv/range", json_200(fixture("etcd/etcd-v3-kv-range.body.json"))}});
    EXPECT_EQ(r.service, "etcd");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated);
    EXPECT_EQ(r.version, "3.5.0");
}

TEST(Replay, PrometheusBuildinfoAndNodeExporterMetrics) {
    auto r = replay({{"/", "HTTP/1.1 302 Found\r\nLocation: /graph\r\nContent-Length: 0\r\n\r\n"},
                     {"/api/v1/status/buildinfo", json_200(fixture("prometheus/prometheus-api-v1-status-buildinfo.body.json"))}});
    EXPECT_EQ(r.service, "prometheus");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated);
    EXPECT_FALSE(r.version.empty());
    auto metrics = http_with_body("HTTP/1.1 200 OK", "Content-Type: text/plain; version=0.0.4\r\n",
                                  fixture("prometheus/node_exporter-metrics-head.prometheus-docs.txt"));
    auto n = replay({{"/metrics", metrics}});
    // The recorded head holds only go_* samples: a generic exporter, which is all it proves.
    EXPECT_EQ(n.service, "prometheus-exporter");
    EXPECT_EQ(n.exposure, Exposure::unauthenticated);
}

TEST(Replay, MastodonStreamingHealth) {
    auto r = replay({{"/api/v1/streaming/health",
                      http_with_body("HTTP/1.1 200 OK", "Content-Type: text/plain\r\n",
                                     fixture("mastodon/mastodon-streaming-health.body.txt"))}});
    EXPECT_EQ(r.service, "mastodon-streaming");
}

TEST(Replay, RedisAnswersAreFoundOnAnyPort) {
    asio::io_context io;
    LocalServer noauth(io, raw_replay(fixture("redis/redis-noauth.resp")));
    LocalServer denied(io, raw_replay(fixture("redis/redis-7.x-denied-protected-mode.resp")));
    LocalServer old(io, raw_replay(fixture("redis/redis-3.2-to-6.2-denied-protected-mode.resp")));
    auto rs = probe_ports(io, {noauth.port(), denied.port(), old.port()});
    EXPECT_EQ(rs[0].service, "redis");
    EXPECT_EQ(rs[0].exposure, Exposure::auth_required);
    EXPECT_EQ(rs[1].exposure, Exposure::reachable_denied);
    EXPECT_EQ(rs[2].exposure, Exposure::reachable_denied);
}

TEST(Replay, PostgresNoPgHbaEntryIsReachableDenied) {
    asio::io_context io;
    LocalServer srv(io, [](tcp::socket s) -> asio::awaitable<void> {
        char buf[512];
        auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec || std::string(buf, n) != std::string("\0\0\0\x08\x04\xd2\x16\x2f", 8)) co_return;  // not SSLRequest
        co_await send_all(s, "N");
        co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        co_await send_all(s, fixture("postgresql/postgres-16-errorresponse-no-pg_hba.bin"));
    });
    auto r = probe_one(io, srv.port());
    EXPECT_EQ(r.service, "postgresql");
    EXPECT_EQ(r.exposure, Exposure::reachable_denied);
}
