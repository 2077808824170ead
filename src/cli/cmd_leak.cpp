// `exposcan leak`: parses flags into a LeakRequest, runs the audit, emits.
#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/version.hpp"
#include "exposcan/error.hpp"
#include "exposcan/leak.hpp"
#include "exposcan/run.hpp"

namespace exposcan::cli {

namespace {

struct LeakFlags {
    leak::LeakRequest request;
    std::vector<std::string> origins;
    std::vector<std::string> old_origins;
    LeakOptions options;
    Limits limits;
    int dns_timeout_ms = 3000;
    int deadline_s = 120;
    bool insecure = false;
    bool no_http = false;
    bool ct = false;
    bool no_axfr = false;
    OutputFlags output;
};

std::vector<Target> origin_targets(const LeakFlags& flags, std::vector<boost::asio::ip::address>& out) {
    std::vector<Target> targets;
    for (const auto& spec : flags.origins) {
        boost::system::error_code ec;
        auto a = boost::asio::ip::make_address(spec, ec);
        if (ec) throw UsageError("--origin '" + spec + "' is not an IPv4/IPv6 address");
        out.push_back(a);
        targets.push_back({flags.request.domain, spec, a});
    }
    return targets;
}

int run(LeakFlags& flags) {
    RunReport report;
    report.command = "leak";
    report.tool_version = build_version();
    report.started_at = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    report.targets = origin_targets(flags, flags.request.origins);
    for (const auto& spec : flags.old_origins) {
        boost::system::error_code ec;
        auto a = boost::asio::ip::make_address(spec, ec);
        if (ec) throw UsageError("--old-origin '" + spec + "' is not an IPv4/IPv6 address");
        flags.request.old_origins.push_back(a);
    }
    flags.options.dns_timeout = std::chrono::milliseconds(flags.dns_timeout_ms);
    flags.request.deadline = std::chrono::seconds(flags.deadline_s);
    flags.request.verify_cdn_tls = !flags.insecure;
    flags.request.http = !flags.no_http;
    if (!flags.options.cdn_ranges_file.empty()) flags.request.cdn = "file";
    if (flags.ct && flags.options.ct_url.empty()) flags.options.ct_url = k_default_ct_url;
    flags.options.axfr = !flags.no_axfr;

    flags.request.on_egress_url = [](const std::string& url) {
        std::fprintf(stderr, "egress: make the site fetch %s (e.g. post it as a link on the instance)\n", url.c_str());
        std::fflush(stderr);
    };
    auto result = leak::audit(flags.request, flags.options, flags.limits);
    report.findings = leak::findings_from(result, flags.request.domain);
    report.evaluated[flags.request.domain] = leak::evaluated_families(flags.request);
    report.inconclusive = result.inconclusive;
    report.leak = std::move(result);
    report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    report.exit_code = decide_exit_code(report);
    emit(report, flags.output);
    return static_cast<int>(report.exit_code);
}

}  // namespace

Action add_leak_command(CLI::App& app) {
    auto flags = std::make_shared<LeakFlags>();
    auto* cmd = app.add_subcommand("leak", "Audit DNS/HTTP/TLS for leaks of the origin behind the CDN");
    cmd->footer("Exit: 0 no leak, 1 leak found, 2 some record could not be decided (SERVFAIL, timeout), 3 usage.\n"
                "Example: exposcan leak --domain example.com --origin 203.0.113.10 --origin 2001:db8::10");
    auto* target = cmd->add_option_group("Target");
    target->add_option("--domain", flags->request.domain, "The site's domain")->required();
    target->add_option("--origin", flags->origins, "The origin's address (repeatable)")->required();
    auto* dns = cmd->add_option_group("DNS");
    dns->add_option("--dns-server", flags->options.dns_server, "IP[:port] or [IPv6]:port (default: system resolver)");
    dns->add_option("--dns-timeout", flags->dns_timeout_ms, "Per-try DNS timeout, ms (default 3000)")
        ->check(CLI::Range(50, 60000));
    dns->add_option("--dns-tries", flags->options.dns_tries, "DNS tries per query (default 2)")->check(CLI::Range(1, 10));
    dns->add_option("--wordlist", flags->options.wordlist_file, "Subdomain names, one per line (default: built-in)");
    dns->add_flag("--no-axfr", flags->no_axfr, "Do not try a zone transfer (AXFR) from the domain's name servers");
    dns->add_option("--axfr-port", flags->options.axfr_port, "TCP port of the name servers for AXFR (default 53)")
        ->check(CLI::Range(1, 65535));
    dns->add_flag("--ct", flags->ct, "Also judge names from certificate transparency (crt.sh JSON, no key)");
    dns->add_option("--ct-url", flags->options.ct_url, "crt.sh-compatible search URL (implies --ct)");
    auto* cdn = cmd->add_option_group("CDN");
    auto* builtin = cdn->add_option("--cdn", flags->request.cdn, "Built-in ranges: cloudflare (default)");
    cdn->add_option("--cdn-ranges", flags->options.cdn_ranges_file, "File of the CDN's CIDRs, one per line")
        ->excludes(builtin);
    auto* http = cmd->add_option_group("HTTP");
    http->add_option("--http-port", flags->request.http_port, "Port of the site over http (default 80)")
        ->check(CLI::Range(1, 65535));
    http->add_option("--https-port", flags->request.https_port, "Port of the site over https (default 443)")
        ->check(CLI::Range(1, 65535));
    http->add_flag("--insecure", flags->insecure, "Do not verify the CDN's certificate (labs with private CAs)");
    add_cdn_ca_flag(*http, flags->options);
    http->add_flag("--no-http", flags->no_http, "DNS checks only");
    http->add_option("--path", flags->request.paths,
                     "Another page to judge through the CDN, e.g. /about (repeatable; besides /, the well-known "
                     "paths and the links they contain)");
    http->add_option("--max-pages", flags->options.crawl_max_pages, "Pages judged through the CDN (default 50)")
        ->check(CLI::Range(1, 1000));
    http->add_option("--origin-port", flags->request.origin_ports,
                     "Another port where the origin may serve the site (repeatable; Cloudflare's proxied ports are "
                     "always tried)")
        ->check(CLI::Range(1, 65535));
    auto* egress = cmd->add_option_group("Egress");
    egress->add_option("--egress-listen", flags->request.egress_listen,
                       "Listen on ADDR:PORT and print a unique URL; make the site fetch it (e.g. a Mastodon link "
                       "preview): a fetch from the origin's address is a finding");
    egress->add_option_function<int>("--egress-timeout", [flags](int s) { flags->request.egress_timeout = std::chrono::seconds(s); },
                                     "Seconds the listener waits for the fetch (default 120)")
        ->check(CLI::Range(1, 3600));
    http->add_option("--old-origin", flags->old_origins,
                     "An earlier origin address that must no longer serve the site (repeatable)");
    http->add_option("--near", flags->request.near,
                     "A CIDR of your own around the origin: each address is asked for the site with its Host and SNI "
                     "(repeatable; wider than /24 or /120 needs --allow-wide)");
    http->add_flag("--allow-wide", flags->limits.allow_wide, "Allow --near blocks wider than /24 (IPv4) or /120 (IPv6)");
    cmd->add_option("--deadline", flags->deadline_s, "Seconds for the DNS part (default 120)")->check(CLI::Range(1, 3600));
    add_output_flags(*cmd, flags->output);
    return [flags] { return run_with_outputs("leak", flags->output, [&] { return run(*flags); }); };
}

}  // namespace exposcan::cli
