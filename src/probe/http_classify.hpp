// Pure classifiers over one HTTP answer (status, lower-cased headers, body).
// Each returns nullopt when the answer is not its service's. Bodies are
// parsed with parse_json_safely (depth-checked, never throws).
#pragma once
#include "net/http.hpp"
#include "probe/verdict.hpp"

namespace exposcan::probe {

// GET /: Elasticsearch or OpenSearch, open (200 JSON) or guarded (401/403).
Outcome classify_search(const net::HttpResponse& root);
// Does GET / look like Kibana / OpenSearch Dashboards (kbn-name / osd-name)?
const char* dashboards_flavour(const net::HttpResponse& root);
// GET /api/status (plus GET / for the 302-to-login case).
Verdict classify_dashboards(const char* service, const net::HttpResponse& root, const net::HttpResponse& status);
// GET /version: Docker Engine API (ApiVersion) or etcd (etcdserver).
Outcome classify_docker_version(const net::HttpResponse& version);
Outcome classify_etcd_version(const net::HttpResponse& version);
// POST /v3/kv/range {"key":"AA=="} after an etcd /version; `base` is that verdict.
Verdict classify_etcd_range(Verdict base, const net::HttpResponse& range);
// GET / hints Prometheus (302 to /graph or /query); buildinfo decides.
bool looks_like_prometheus(const net::HttpResponse& root);
Outcome classify_prometheus_buildinfo(const net::HttpResponse& buildinfo);
// GET /metrics: node_exporter or another Prometheus exporter.
Outcome classify_metrics(const net::HttpResponse& metrics);
// GET /: Mastodon's puma; GET /api/v1/streaming/health: its streaming server.
Outcome classify_mastodon(const net::HttpResponse& root);
Outcome classify_mastodon_streaming(const net::HttpResponse& health);
// GET / answered by MongoDB's "you are trying to access MongoDB over HTTP".
bool looks_like_mongodb_http(const net::HttpResponse& root);
// A plain-HTTP answer saying "this port wants TLS" (nginx, Go's net/http).
bool says_use_tls(const net::HttpResponse& root);
// An HTTP answer nothing recognised: the status line and Server header.
Verdict unknown_http(const net::HttpResponse& root);

}  // namespace exposcan::probe
