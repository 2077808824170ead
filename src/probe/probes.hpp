// The service probes, one small coroutine (or two) per protocol. Each gets a
// Session (connected socket) or a WebSession (HTTP to the endpoint) from the
// framework in runner.cpp and returns nullopt when the answer is not its
// protocol. registry.cpp lists them, one line each, in detection order.
#pragma once
#include <boost/asio/awaitable.hpp>

#include "probe/session.hpp"
#include "probe/verdict.hpp"

namespace exposcan::probe {

using boost::asio::awaitable;

awaitable<Outcome> probe_banner(Session& s);             // SSH, SMTP, anything that speaks first
awaitable<Outcome> probe_redis(Session& s);              // PING, INFO server
awaitable<Outcome> probe_memcached_text(Session& s);     // stats
awaitable<Outcome> probe_memcached_binary(Session& s);   // binary version + stat (SASL builds)
awaitable<Outcome> probe_postgres(Session& s);           // SSLRequest, StartupMessage
awaitable<Outcome> probe_mongodb(Session& s);            // OP_MSG hello, buildInfo, listDatabases
awaitable<Outcome> probe_rsync(Session& s);              // greeting, #list (after the banner named it)
awaitable<Outcome> probe_zookeeper(Session& s);          // 4lw srvr, envi, ruok (one per connection)
awaitable<Outcome> probe_vnc(Session& s);                // RFB version, security types (after the banner named it)
awaitable<Outcome> probe_ftp(Session& s);                // USER anonymous, QUIT (after the banner named it)
awaitable<Outcome> probe_http(WebSession& w);            // ES/OpenSearch/Kibana/Docker/etcd/Prometheus/Mastodon + web_services.cpp

// True once a server-speaks-first greeting is complete enough to classify
// (a line, or 512 bytes). Pure.
bool banner_complete(std::string_view data);
// A first packet the server sent unasked, if it looks like MySQL's: greeting
// -> auth-required (version, auth plugin), error packet -> reachable-denied,
// malformed -> unknown-service naming the problem. nullopt: not MySQL. Pure.
Outcome classify_mysql(std::string_view bytes, std::size_t max_packet);
// Banner text -> ssh/smtp/ftp verdict, or an unknown-service verdict. Pure.
Verdict classify_banner(std::string_view banner);

}  // namespace exposcan::probe
