// audit(): one io_context, the DNS part first (the HTTP part needs the CDN and
// non-CDN addresses it finds), then the HTTP/TLS part. A watchdog cancels every
// DNS query still pending at the deadline, so the audit always ends.
#include <unistd.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <cerrno>
#include <cstring>

#include "exposcan/error.hpp"
#include "exposcan/leak.hpp"
#include "leak/cdn_ranges.hpp"
#include "exposcan/host_port.hpp"
#include "leak/dns_audit.hpp"
#include "leak/egress.hpp"
#include "leak/http_audit.hpp"
#include "leak/wordlist.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;

namespace {

asio::awaitable<void> dns_with_deadline(AuditContext& ctx, std::chrono::seconds deadline) {
    asio::steady_timer watchdog(co_await asio::this_coro::executor, deadline);
    bool done = false;
    watchdog.async_wait([&ctx, &done](boost::system::error_code ec) {
        if (ec || done) return;
        ctx.report.inconclusive.push_back("dns: audit deadline reached; pending queries cancelled");
        ctx.dns.cancel();
    });
    co_await audit_dns(ctx);
    done = true;
    watchdog.cancel();
}

asio::awaitable<void> dns_then_http(AuditContext& ctx, const LeakRequest& request, asio::io_context& io) {
    co_await dns_with_deadline(ctx, request.deadline);
    if (!request.http) co_return;
    net::HttpClient http(io);
    co_await audit_http(ctx, http, request);
}

// "ADDR:PORT" of --egress-listen; throws UsageError.
asio::ip::tcp::endpoint egress_endpoint(const std::string& spec) {
    std::string why;
    auto hp = split_host_port(spec, why);
    boost::system::error_code ec;
    auto a = hp ? asio::ip::make_address(hp->host, ec) : asio::ip::address();
    if (!hp || ec) throw UsageError("--egress-listen '" + spec + "': expected IP:PORT or [IPv6]:PORT");
    return {a, hp->port};
}

// The egress listener (if asked) runs beside the rest, so the user can make the site fetch meanwhile.
asio::awaitable<void> run(AuditContext& ctx, const LeakRequest& request, asio::io_context& io) {
    std::vector<std::function<asio::awaitable<void>()>> tasks{
        [&]() -> asio::awaitable<void> { co_await dns_then_http(ctx, request, io); }};
    if (!request.egress_listen.empty())
        tasks.push_back([&]() -> asio::awaitable<void> {
            co_await listen_egress(ctx, {egress_endpoint(request.egress_listen), request.egress_timeout, request.on_egress_url});
        });
    co_await run_all(std::move(tasks));
}

net::DnsConfig dns_config(const LeakOptions& options) {
    net::DnsConfig cfg;
    if (!options.dns_server.empty()) cfg.servers_csv = *net::dns_server_csv(options.dns_server);
    cfg.timeout = options.dns_timeout;
    cfg.tries = options.dns_tries;
    return cfg;
}

void sort_report(LeakReport& report) {
    std::stable_sort(report.checks.begin(), report.checks.end(), [](const LeakCheck& a, const LeakCheck& b) {
        return std::tie(a.check, a.subject, a.value) < std::tie(b.check, b.subject, b.value);
    });
    std::sort(report.inconclusive.begin(), report.inconclusive.end());
    report.inconclusive.erase(std::unique(report.inconclusive.begin(), report.inconclusive.end()),
                              report.inconclusive.end());
}

// A --path goes into a URL as is.
bool valid_path(const std::string& p) {
    return p.starts_with('/') && p.size() <= 2048 &&
           std::all_of(p.begin(), p.end(), [](char c) { return c > 0x20 && c < 0x7f && c != '#' && c != '\\'; });
}

void check_request(const LeakRequest& request, const LeakOptions& options) {
    auto domain = normalize_name(request.domain);
    if (!valid_subdomain(domain) || domain.find('.') == std::string::npos)
        throw UsageError("--domain '" + request.domain + "' is not a domain name");
    if (request.origins.empty()) throw UsageError("give the origin's address with --origin IP");
    if (!options.dns_server.empty() && !net::dns_server_csv(options.dns_server))
        throw UsageError("--dns-server '" + options.dns_server + "': expected IP, IP:PORT or [IPv6]:PORT");
    if (options.spf_max_lookups < 1) throw UsageError("SPF lookup limit must be at least 1");
    for (const auto& path : request.paths)
        if (!valid_path(path)) throw UsageError("--path '" + path + "': expected /PATH of printable ASCII without spaces");
    if (!request.egress_listen.empty()) egress_endpoint(request.egress_listen);
    // Checked now: libcurl would only say "TLS error" for every CDN fetch, after the scan.
    if (!options.cdn_ca_file.empty() && ::access(options.cdn_ca_file.c_str(), R_OK) != 0)
        throw UsageError("--cdn-ca " + options.cdn_ca_file + ": " + std::strerror(errno));
}

// What the audit reads from files, loaded (and so checked) before any query.
struct Inputs {
    CdnRanges ranges;
    std::vector<std::string> wordlist;
};

Inputs load_inputs(const LeakRequest& request, const LeakOptions& options, const Limits& limits) {
    check_request(request, options);
    near_addresses(request, limits);  // syntax and scope before the first packet
    auto cdn = request.cdn == "file" ? "cloudflare" : request.cdn;
    return {load_cdn_ranges(cdn, options.cdn_ranges_file, limits.max_cdn_ranges_bytes),
            load_wordlist(options.wordlist_file, limits.max_wordlist_bytes)};
}

}  // namespace

void validate(const LeakRequest& request, const LeakOptions& options, const Limits& limits) {
    load_inputs(request, options, limits);
}

LeakReport audit(const LeakRequest& request, const LeakOptions& options, const Limits& limits) {
    auto inputs = load_inputs(request, options, limits);
    LeakReport report;
    report.domain = normalize_name(request.domain);
    for (const auto& o : request.origins) report.origins.push_back(o.to_string());

    asio::io_context io;
    net::DnsResolver dns(io, dns_config(options));
    Classifier classifier(report.domain, request.origins, std::move(inputs.ranges.set));
    AuditContext ctx(std::move(classifier), options, limits, report, dns);
    ctx.wordlist = std::move(inputs.wordlist);
    ctx.http_port = request.http_port;
    ctx.https_port = request.https_port;
    ctx.verify_cdn_tls = request.verify_cdn_tls;
    ctx.io = &io;
    ctx.record("cdn.ranges", inputs.ranges.source, "", verdict::clean, "CDN ranges used for classification");

    auto done = asio::co_spawn(io, run(ctx, request, io), asio::use_future);
    io.run();
    done.get();  // rethrows a bug's exception; network outcomes are in the report
    sort_report(report);
    return report;
}

}  // namespace exposcan::leak
