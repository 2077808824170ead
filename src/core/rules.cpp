// The one rule table (include/exposcan/rules.hpp). docs/findings.md is
// generated from it (`exposcan rules --format markdown`; a test compares).
#include "exposcan/rules.hpp"

#include <algorithm>
#include <array>

namespace exposcan::rules {

namespace {

using enum Rule;
using enum RuleFamily;
using S = Severity;

constexpr std::string_view k_origin_when = "the address is a known origin (else: a non-CDN host of the domain)";

// clang-format off
constexpr std::array k_rules = {
    RuleInfo{port_unexpected_open, "port.unexpected-open", "UnexpectedOpenPort", ports, S::high, S::critical,
             "the port is a database or control-plane port (list below)",
             "A port accepts connections", "a port accepts connections; the policy wants it closed or filtered",
             "Close it in the firewall or bind the service to 127.0.0.1. Docker-published ports bypass ufw: publish "
             "as 127.0.0.1:PORT:PORT, filter in the DOCKER-USER chain, or set \"iptables\": false."},
    RuleInfo{port_unexpected_closed, "port.unexpected-closed", "UnexpectedClosedPort", ports, S::low, S::high,
             "the policy wants the port open (nothing listens)",
             "A port answers with a reset", "a port answers with a reset; the policy wants it open or filtered",
             "If it should be open, start the service or fix its bind address; if it should be filtered, add a drop "
             "rule (ufw deny, nftables drop)."},
    RuleInfo{port_unexpected_filtered, "port.unexpected-filtered", "UnexpectedFilteredPort", ports, S::low, S::high,
             "the policy wants the port open (e.g. 443 down from the CDN)",
             "A port is silent", "a port does not answer; the policy wants it open or closed",
             "Check the service, the allow rule for this vantage point (e.g. the CDN ranges) and the provider "
             "firewall; if the port is now dropped on purpose, list it under expect.filtered."},
    RuleInfo{scan_incomplete, "scan.incomplete", "ScanIncomplete", ports, S::info, S::info, "",
             "The scan of an address did not finish",
             "a scan did not finish, or no port of an address answered although the policy expects answers; the run "
             "exits 2 (inconclusive), never 0",
             "Re-run; check the scanner's own network, ulimit -n and --rate; partial results never pass the gate."},
    RuleInfo{scan_suspect_middlebox, "scan.suspect-middlebox", "SuspectMiddlebox", ports, S::high, S::high, "",
             "A middlebox or tarpit answers for the target",
             "nearly every scanned port accepts connections (see below); replaces the address's port findings",
             "Scan from another vantage point and check for a SYN proxy or tarpit; probe single ports to find real "
             "services."},
    RuleInfo{ipv6_parity, "ipv6.parity", "Ipv6Parity", parity, S::medium, S::high, "one family has the port open",
             "A port differs between IPv4 and IPv6",
             "a port's state differs between a target's IPv4 and IPv6 addresses (per family the most exposed state "
             "of its addresses is compared)",
             "Firewall rules differ by family: add the same rule for IPv6 (ip6tables, ufw with IPV6=yes, or one "
             "nftables inet table for both)."},
    RuleInfo{vantage_divergent, "vantage.divergent", "VantageDivergentPort", vantages, S::medium, S::high,
             "some vantage sees the port open",
             "A port differs between vantage points",
             "merge of reports from several vantages (--vantage): a port's state differs between them (open from one, "
             "filtered from another...), and the policy does not expect exactly that per vantage (expect_by_vantage); "
             "a port a vantage did not finish is listed in the evidence but never counts as a difference",
             "The firewall allows by source (a region, a cloud's ranges, an office): align the rules so every "
             "vantage sees what the policy expects, or state the intended difference in expect_by_vantage."},
    RuleInfo{service_no_auth, "service.no-auth", "ServiceWithoutAuthentication", services, S::high, S::critical,
             "the service holds data or controls the host (services below)",
             "A service answers without authentication",
             "a probe classified the service `unauthenticated` and the target has `services: deny-unauthenticated`",
             "Enable authentication and bind the service to 127.0.0.1 or a private address (per service below)."},
    RuleInfo{service_info_leak, "service.info-leak", "ServiceInformationLeak", services, S::medium, S::high,
             "the service is Prometheus (services below)",
             "A metrics or status endpoint is readable without authentication",
             "a probe found metrics or status readable without credentials",
             "Bind it to 127.0.0.1 or a private address, or put it behind authentication (per service below)."},
    RuleInfo{leak_dns_a, "leak.dns.a", "OriginInDnsA", dns_leak, S::medium, S::high, k_origin_when,
             "the domain's A record points outside the CDN", "an A record of the domain is not in the CDN's ranges",
             "Point the record at the CDN (proxied), and change the origin's address if it was ever published."},
    RuleInfo{leak_dns_aaaa, "leak.dns.aaaa", "OriginInDnsAaaa", dns_leak, S::medium, S::high, k_origin_when,
             "the domain's AAAA record points outside the CDN",
             "an AAAA record of the domain is not in the CDN's ranges (often a forgotten one)",
             "Remove the forgotten AAAA record or proxy it through the CDN; then change the origin's IPv6 address."},
    RuleInfo{leak_dns_cname, "leak.dns.cname", "OriginViaCname", dns_leak, S::medium, S::high, k_origin_when,
             "a CNAME chain ends outside the CDN", "a name of the domain reaches a non-CDN address through CNAMEs",
             "Point the CNAME at the CDN hostname, or remove it."},
    RuleInfo{leak_dns_mx, "leak.dns.mx", "OriginInDnsMx", dns_leak, S::medium, S::high, k_origin_when,
             "an MX host resolves to the web server / outside the CDN",
             "an MX host of the domain resolves to the origin or another non-CDN host",
             "Move mail to a separate host or a mail provider; never receive mail on the origin."},
    RuleInfo{leak_dns_spf, "leak.dns.spf", "OriginInSpf", dns_leak, S::medium, S::high, k_origin_when,
             "the SPF record names the origin / a non-CDN address",
             "the SPF record (followed through include:/redirect=/a:/mx:) authorizes the origin",
             "Send mail through a provider and authorize it with the provider's include:, not the origin's address."},
    RuleInfo{leak_dns_txt, "leak.dns.txt", "OriginInDnsTxt", dns_leak, S::medium, S::high, k_origin_when,
             "a TXT record contains an address outside the CDN", "a non-SPF TXT record of the domain holds an address",
             "Remove the address from the TXT record."},
    RuleInfo{leak_dns_ns, "leak.dns.ns", "OriginInDnsNs", dns_leak, S::medium, S::high, k_origin_when,
             "a name server of the domain runs on the origin / outside the CDN",
             "a name server of the domain, named inside it, resolves to a non-CDN address",
             "Use the DNS provider's name servers, not one on the origin."},
    RuleInfo{leak_dns_ptr, "leak.dns.ptr", "OriginReverseDns", dns_leak, S::medium, S::high, k_origin_when,
             "the origin's reverse DNS names the site", "the PTR record of an origin address names the domain",
             "Ask the hosting provider to set a neutral PTR name for the origin address."},
    RuleInfo{leak_dns_subdomain, "leak.dns.subdomain", "OriginInSubdomain", dns_leak, S::medium, S::high,
             k_origin_when, "a subdomain resolves outside the CDN",
             "a name of the wordlist (built-in or --wordlist) resolves outside the CDN and no other check found it",
             "Remove or rename the direct subdomain, or point it at the CDN (proxied)."},
    RuleInfo{leak_dns_soa, "leak.dns.soa", "OriginInSoaMname", dns_leak, S::medium, S::high, k_origin_when,
             "the SOA's primary name server runs on the origin / outside the CDN",
             "the MNAME of the domain's SOA record, named inside the domain, resolves to a non-CDN address",
             "Use the DNS provider's primary name server in the SOA; never run the primary on the origin."},
    RuleInfo{leak_dns_srv, "leak.dns.srv", "OriginInSrvTarget", dns_leak, S::medium, S::high, k_origin_when,
             "an SRV target (XMPP, SIP, autodiscover, submission, IMAPS...) resolves outside the CDN",
             "the target of a common SRV record of the domain resolves to a non-CDN address",
             "Run the service on a separate host or at a provider, or remove the stale SRV record."},
    RuleInfo{leak_dns_https, "leak.dns.https", "OriginInSvcbHint", dns_leak, S::medium, S::high, k_origin_when,
             "an HTTPS/SVCB record hints or targets an address outside the CDN",
             "the ipv4hint/ipv6hint (or the target's address) of an HTTPS/SVCB record is not in the CDN's ranges",
             "Let the CDN publish the HTTPS record (proxied), or remove the hints naming the origin."},
    RuleInfo{leak_dns_axfr, "leak.dns.axfr", "OpenZoneTransfer", dns_leak, S::medium, S::high,
             "the transferred zone names a known origin",
             "a name server of the domain gives the whole zone to anyone (AXFR)",
             "a zone transfer (AXFR over TCP) from an NS of the domain returned records",
             "Refuse transfers: allow-transfer { none; } (BIND) / provide-xfr only to your secondaries' "
             "addresses with TSIG (nsd, Knot); then review every name the zone revealed."},
    RuleInfo{leak_ct_name, "leak.ct.name", "OriginInCertificateTransparency", dns_leak, S::medium, S::high,
             k_origin_when, "a name from certificate transparency logs resolves outside the CDN",
             "a name of the domain found in CT logs (crt.sh-compatible search) resolves to a non-CDN address",
             "Proxy the name through the CDN or remove its record; CT logs are public forever, so change the "
             "origin's address if it was exposed."},
    RuleInfo{leak_http_header, "leak.http.header", "OriginInHttpHeader", web_leak, S::medium, S::high, k_origin_when,
             "a response header through the CDN reveals the origin",
             "a response served through the CDN has a header naming a non-CDN address of the domain",
             "Strip or override the header at the origin (e.g. nginx proxy_hide_header / more_clear_headers)."},
    RuleInfo{leak_http_redirect, "leak.http.redirect", "OriginInRedirect", web_leak, S::medium, S::high,
             k_origin_when, "a redirect through the CDN points at the origin address",
             "a redirect served through the CDN has a Location naming a non-CDN address",
             "Build redirects from the Host name (return 301 https://$host$request_uri), never from the address."},
    RuleInfo{leak_http_body, "leak.http.body", "OriginInPageBody", web_leak, S::medium, S::high, k_origin_when,
             "a page served through the CDN contains the origin address",
             "the body of a page (or error page) served through the CDN names a non-CDN address",
             "Use custom error pages that do not print server addresses."},
    RuleInfo{leak_tls_cert_san, "leak.tls.cert-san", "OriginCertificateNamesSite", web_leak, S::medium, S::high,
             k_origin_when, "the origin's default certificate names the domain",
             "the certificate the origin sends without SNI or with a bogus SNI names the domain",
             "Serve a separate default certificate and reject unknown SNI (nginx: ssl_reject_handshake on)."},
    RuleInfo{origin_serves_directly, "origin.serves-directly", "OriginServesDirectly", web_leak, S::medium, S::high,
             k_origin_when, "the origin serves the site without the CDN",
             "a request to the origin with the site's Host and SNI gets the site (2xx/3xx), bypassing the CDN",
             "Allow only the CDN's ranges to 80/443 (firewall) and use Cloudflare Authenticated Origin Pulls."},
    RuleInfo{origin_favicon, "origin.favicon", "OriginServesSiteFavicon", web_leak, S::medium, S::high, k_origin_when,
             "the origin's bare IP serves the site's favicon (search engines index its hash)",
             "the favicon fetched from the origin's address without the site's Host has the same mmh3 hash as the "
             "site's; the evidence has the query an attacker runs (Shodan http.favicon.hash:N)",
             "Serve nothing on the bare IP (nginx: a default_server that returns 444, ssl_reject_handshake on) and "
             "allow only the CDN's ranges to the web ports."},
    RuleInfo{origin_no_client_cert, "origin.no-client-cert", "OriginTlsWithoutClientCertificate", web_leak, S::medium,
             S::medium, "",
             "the origin accepts TLS without a client certificate (no Authenticated Origin Pulls)",
             "a TLS connection to the origin with the site's SNI and no client certificate gets an HTTP answer, so "
             "anyone who finds the address reaches the site's server, not only the CDN",
             "Require the CDN's client certificate (Cloudflare Authenticated Origin Pulls; nginx: "
             "ssl_client_certificate origin-pull-ca.pem + ssl_verify_client on), or firewall the port to the CDN's "
             "ranges."},
    RuleInfo{origin_old_address, "origin.old-address", "OldOriginStillServes", web_leak, S::high, S::high, "",
             "an old origin address still serves the site",
             "an address given with --old-origin answers the site's Host and SNI (2xx/3xx); DNS-history services "
             "remember old addresses",
             "Stop serving the site there (remove the vhost or the machine) or, if it still is the origin, rotate to "
             "a new address that was never published."},
    RuleInfo{origin_near_address, "origin.near-address", "NearbyAddressServesSite", web_leak, S::high, S::high, "",
             "an address near the origin serves a copy of the site",
             "an address in a block given with --near answers the site's Host and SNI with a page like the CDN's "
             "(similarity >= 0.6, or a redirect into the site); attackers sweep the origin's provider ranges "
             "exactly like this (hakoriginfinder)",
             "Stop serving the site there (a staging copy, an old machine, a second origin), or give it a "
             "default_server that answers nothing and allow only the CDN's ranges to its web ports."},
    RuleInfo{leak_egress, "leak.egress", "OriginFetchesDirectly", web_leak, S::high, S::high, "",
             "the site fetches URLs from the origin's own address",
             "the unique URL printed by --egress-listen was fetched from a known origin address (link previews, "
             "remote follows, webhooks)",
             "Route the application's outgoing HTTP through a proxy or NAT address that is not the origin (Mastodon: "
             "http_proxy in .env.production, or a separate egress host)."},
    RuleInfo{tls_certificate, "tls.certificate", "TlsCertificate", services, S::info, S::info, "",
             "A port speaks TLS", "a probe completed a TLS handshake on an open port: subject, SANs, issuer, expiry "
             "and the negotiated protocol are the evidence (information, never fails the run at the default --fail-on)",
             "Check that the names in the certificate are ones this address may reveal (see leak.tls.cert-san)."},
    RuleInfo{tls_self_signed, "tls.self-signed", "TlsSelfSignedCertificate", services, S::info, S::info, "",
             "A port's TLS certificate is self-signed",
             "the leaf certificate is issued by itself (issuer = subject, signed with its own key: clients cannot "
             "verify it; usual for internal services, a finding when the port should not be reachable at all)",
             "Use a certificate from a CA the clients trust (ACME), or keep the port off the public network."},
    RuleInfo{tls_expired, "tls.expired", "TlsExpiredCertificate", services, S::medium, S::medium, "",
             "A port's TLS certificate has expired", "the leaf certificate's notAfter is in the past at probe time",
             "Renew the certificate (certbot renew / ACME client), reload the service, and monitor expiry."},
};

constexpr std::array<std::uint16_t, 16> k_sensitive_ports = {
    2375, 2376, 2379, 3306, 5432, 5601, 5984, 6379, 9042, 9090, 9200, 9201, 9300, 11211, 27017, 27018};

constexpr std::array k_services = {
    ServiceHint{"elasticsearch", service_no_auth, true, "Enable security (xpack.security.enabled: true, the 8.x default) and bind network.host to 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    ServiceHint{"opensearch", service_no_auth, true, "Keep the security plugin enabled (plugins.security.disabled: false) and bind network.host to 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    ServiceHint{"redis", service_no_auth, true, "Bind to 127.0.0.1 (bind 127.0.0.1 -::1), keep protected-mode yes and set requirepass or ACL users. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    ServiceHint{"mongodb", service_no_auth, true, "Enable access control (security.authorization: enabled) and bind net.bindIp to 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    ServiceHint{"docker", service_no_auth, true, "The Docker API is root on the host: remove -H tcp://0.0.0.0:2375 and use the unix socket, SSH, or 2376 with --tlsverify client certificates."},
    ServiceHint{"etcd", service_no_auth, true, "Enable client auth (--client-cert-auth, RBAC with a root user) and listen on 127.0.0.1 or a private address. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    ServiceHint{"memcached", service_no_auth, true, "Listen on 127.0.0.1 only (-l 127.0.0.1), disable UDP (-U 0); enable SASL (-S) if remote clients need it. In Docker: publish as 127.0.0.1:PORT:PORT or filter in DOCKER-USER (Docker bypasses ufw)."},
    ServiceHint{"postgresql", service_no_auth, true, "Replace trust with scram-sha-256 in pg_hba.conf and set listen_addresses to localhost or a private address."},
    ServiceHint{"mastodon", service_no_auth, false, "Bind puma to 127.0.0.1 (BIND=127.0.0.1) so only nginx reaches it, and firewall port 3000."},
    ServiceHint{"mastodon-streaming", service_no_auth, false, "Bind the streaming server to 127.0.0.1 (BIND=127.0.0.1) so only nginx reaches it, and firewall port 4000."},
    ServiceHint{"prometheus", service_info_leak, true, "Bind --web.listen-address to 127.0.0.1 or put it behind authentication (web.config.file basic_auth_users, reverse proxy)."},
    ServiceHint{"node_exporter", service_info_leak, false, "Bind --web.listen-address to 127.0.0.1 or a private address, or protect it with --web.config.file."},
    ServiceHint{"prometheus-exporter", service_info_leak, false, "Bind the exporter to 127.0.0.1 or a private address and let only the Prometheus server scrape it."},
    ServiceHint{"kibana", service_info_leak, false, "Enable Elasticsearch security so /api/status needs a login, and set server.host to 127.0.0.1 behind a reverse proxy."},
    ServiceHint{"opensearch-dashboards", service_info_leak, false, "Enable the security plugin so /api/status needs a login, and set server.host to 127.0.0.1 behind a reverse proxy."},
    ServiceHint{"rsync", service_info_leak, false, "Set list = false on every module, restrict the daemon with hosts allow = <client addresses> and auth users + secrets file (read only = yes), or bind it to 127.0.0.1 (address = 127.0.0.1) and use rsync over SSH instead of the daemon."},
    ServiceHint{"couchdb", service_no_auth, true, "Create a server admin (CouchDB 3.x refuses to start without one; 2.x ran as an admin party), keep [chttpd] admin_only_all_dbs = true and require_valid_user = true, and bind chttpd.bind_address to 127.0.0.1 or a private address."},
    ServiceHint{"rabbitmq", service_no_auth, true, "Remove or lock the guest user, give every management user a strong password, and bind management.tcp.ip to 127.0.0.1 or a private address (firewall 15672)."},
    ServiceHint{"consul", service_no_auth, true, "Enable ACLs with default_policy = \"deny\" (acl.enabled = true), give the anonymous token no agent/operator rights, set disable_remote_exec = true and bind the HTTP API (addresses.http) to 127.0.0.1."},
    ServiceHint{"kubernetes", service_no_auth, true, "Run kube-apiserver with --anonymous-auth=false (or keep anonymous bound only to system:public-info-viewer), remove RoleBindings to system:anonymous / system:unauthenticated, and firewall 6443 to admin networks."},
    ServiceHint{"kubelet", service_no_auth, true, "Set the kubelet's authentication.anonymous.enabled: false and authorization.mode: Webhook (--anonymous-auth=false --authorization-mode=Webhook) and firewall 10250 to the control plane."},
    ServiceHint{"docker-registry", service_no_auth, false, "Enable registry auth (auth: htpasswd or token) so pulls and the catalog need a login, serve it over TLS, or bind it to 127.0.0.1."},
    ServiceHint{"influxdb", service_no_auth, true, "Set [http] auth-enabled = true after creating an admin user (InfluxDB 2.x always needs a token), and bind bind-address to 127.0.0.1:8086 or a private address."},
    ServiceHint{"clickhouse", service_no_auth, true, "Give the default user a password (users.xml password_sha256_hex) or restrict it with <networks><ip>::1</ip></networks>, and set listen_host to 127.0.0.1."},
    ServiceHint{"jupyter", service_no_auth, true, "Anyone can run code: keep token or password authentication on (never --NotebookApp.token=''), bind --ip=127.0.0.1 and reach it through an SSH tunnel."},
    ServiceHint{"grafana", service_no_auth, false, "Set [auth.anonymous] enabled = false (or a dedicated org with no data sources), and bind http_addr to 127.0.0.1 behind a reverse proxy."},
    ServiceHint{"solr", service_no_auth, true, "Enable the BasicAuthPlugin (security.json with blockUnknown: true) and RuleBasedAuthorizationPlugin, and set SOLR_JETTY_HOST=127.0.0.1."},
    ServiceHint{"yarn", service_no_auth, true, "Anyone can submit applications (run code): enable Kerberos (hadoop.security.authentication = kerberos) and HTTP SPNEGO auth for the ResourceManager, and firewall 8088 to the cluster."},
    ServiceHint{"vnc", service_no_auth, true, "Never offer security type None: give the VNC server a password (Xvnc -SecurityTypes VncAuth,TLSVnc -PasswordFile FILE; x11vnc -rfbauth FILE, never -nopw), listen on localhost only (-localhost) and reach it through an SSH tunnel; firewall 5900-5999."},
    ServiceHint{"ftp", service_no_auth, false, "Turn anonymous FTP off unless the files are public on purpose (vsftpd anonymous_enable=NO, ProFTPD: remove the <Anonymous> block, Pure-FTPd -E); prefer SFTP and firewall 21."},
    ServiceHint{"zookeeper", service_info_leak, false, "Firewall 2181 (and 2888/3888) or bind clientPortAddress to a private address: every 3.5+ release answers srvr to anyone (it cannot be taken out of 4lw.commands.whitelist). Keep that whitelist at its default (no envi, cons, dump: they name hosts and clients), serve remote clients on secureClientPort with client certificates, and protect znodes with SASL authentication and ACLs."},
    ServiceHint{"", service_no_auth, false, "Require authentication, or bind the service to 127.0.0.1 or a private address and firewall the port."},
};
// clang-format on

// info() indexes the table by the enum: the order must match.
constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < k_rules.size(); ++i)
        if (static_cast<std::size_t>(k_rules[i].rule) != i) return false;
    return true;
}
static_assert(in_enum_order(), "k_rules must list the rules in the order of enum Rule");
static_assert(k_services.back().service.empty(), "the last service hint is the fallback");

}  // namespace

std::span<const RuleInfo> all() { return k_rules; }

const RuleInfo& info(Rule rule) { return k_rules[static_cast<std::size_t>(rule)]; }

const RuleInfo* find(std::string_view id) {
    auto it = std::find_if(k_rules.begin(), k_rules.end(), [&](const RuleInfo& r) { return r.id == id; });
    return it == k_rules.end() ? nullptr : &*it;
}

std::span<const std::uint16_t> sensitive_ports() { return k_sensitive_ports; }

bool is_sensitive_port(std::uint16_t port) {
    return std::find(k_sensitive_ports.begin(), k_sensitive_ports.end(), port) != k_sensitive_ports.end();
}

std::span<const ServiceHint> service_hints() { return k_services; }

const ServiceHint& service_hint(std::string_view service) {
    for (const auto& s : k_services)
        if (s.service == service) return s;
    return k_services.back();
}

}  // namespace exposcan::rules
