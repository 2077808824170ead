// Fix hints per service, for the policy engine's findings (docs/probes.md
// lists the same text). Docker-published ports bypass ufw, hence the
// recurring "publish as 127.0.0.1:PORT:PORT" advice.
#include <array>
#include <utility>

#include "exposcan/probe.hpp"

namespace exposcan::probe {

namespace {

// clang-format off
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_hints{{
    {"elasticsearch", "Enable security (xpack.security.enabled: true, the 8.x default) and bind network.host to 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    {"opensearch", "Keep the security plugin enabled (plugins.security.disabled: false) and bind network.host to 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    {"kibana", "Enable Elasticsearch security so Kibana asks for a login, and set server.host to 127.0.0.1 behind a reverse proxy."},
    {"opensearch-dashboards", "Enable the security plugin and set server.host to 127.0.0.1 behind a reverse proxy."},
    {"redis", "Bind to 127.0.0.1 (bind 127.0.0.1 -::1), keep protected-mode yes and set requirepass or ACL users. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    {"memcached", "Listen on 127.0.0.1 only (-l 127.0.0.1), disable UDP (-U 0); enable SASL (-S) if remote clients need it. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    {"mongodb", "Enable access control (security.authorization: enabled) and bind net.bindIp to 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    {"postgresql", "Replace trust with scram-sha-256 in pg_hba.conf and set listen_addresses to localhost or a private address."},
    {"docker", "Never expose the Docker API on TCP without TLS client certificates (2376, --tlsverify); use the unix socket or SSH."},
    {"etcd", "Enable client auth (--client-cert-auth, RBAC with a root user) and listen on 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    {"prometheus", "Bind --web.listen-address to 127.0.0.1 or put it behind authentication (web.config basic_auth, reverse proxy)."},
    {"node_exporter", "Bind --web.listen-address to 127.0.0.1 or a private address, or protect it with --web.config.file."},
    {"prometheus-exporter", "Bind the exporter to 127.0.0.1 or a private address and let only the Prometheus server scrape it."},
    {"mastodon", "Bind puma to 127.0.0.1 (BIND=127.0.0.1) so only nginx reaches it, and firewall port 3000."},
    {"mastodon-streaming", "Bind the streaming server to 127.0.0.1 (BIND=127.0.0.1) so only nginx reaches it, and firewall port 4000."},
    {"ssh", "Allow SSH only from the addresses that need it (firewall), or move it behind a VPN/bastion."},
}};
// clang-format on

}  // namespace

std::string_view fix_hint(std::string_view service) {
    for (const auto& [name, hint] : k_hints)
        if (name == service) return hint;
    if (service == "smtp") return "Close port 25 if this host sends no mail, or firewall it to the mail relay.";
    return "Firewall this port or bind the service to 127.0.0.1 or a private address.";
}

}  // namespace exposcan::probe
