// Every timeout, rate and limit in one place, with its default. docs/options.md
// explains each; the CLI only overrides these.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan {

using namespace std::chrono_literals;

struct ScanOptions {
    std::chrono::milliseconds initial_timeout = 1000ms;  // before any RTT is measured
    std::chrono::milliseconds min_timeout = 50ms;        // clamp for the RTT-based timeout (scan-engine.md)
    std::chrono::milliseconds max_timeout = 3000ms;
    int retries = 1;                   // extra tries for a silent port while no loss is measured
    int max_retries = 10;              // cap on extra tries when loss is measured (nmap's default)
    unsigned threads = 0;              // scan threads (one io_context each); 0 = one per core, at most 4
    double rate = 0;                   // connects/s cap; 0 = none
    std::size_t max_inflight = 0;      // 0 = derive from RLIMIT_NOFILE and ephemeral range, at most 16384
    std::chrono::seconds deadline = 0s;  // whole run; 0 = none
    std::chrono::seconds local_error_giveup = 30s;  // EMFILE/EADDRNOTAVAIL persisting this long -> inconclusive
    bool stop_at_first_answer = false;  // internal: the liveness re-check needs one open/closed answer, not all
};

struct ProbeOptions {
    bool enabled = true;
    std::chrono::milliseconds timeout = 5000ms;  // per port, all its detection steps
    std::size_t max_bytes = 64 * 1024;           // read cap per detection step (HTTP: per response body)
    std::size_t max_header_bytes = 32 * 1024;    // HTTP response headers, per response (at most max_bytes)
    std::size_t max_header_lines = 100;          // HTTP response header lines, per response
    std::size_t max_concurrent = 64;
};

struct LeakOptions {
    std::string dns_server;            // "IP[:port]"; empty = system resolver
    std::chrono::milliseconds dns_timeout = 3000ms;
    int dns_tries = 2;
    std::string wordlist_file;         // empty = built-in list
    std::string cdn_ranges_file;       // empty = built-in Cloudflare ranges
    std::string cdn_ca_file;           // --cdn-ca: PEM CA bundle that verifies the CDN (empty = system store)
    std::chrono::milliseconds http_connect_timeout = 5000ms;
    std::chrono::milliseconds http_total_timeout = 15000ms;
    std::size_t http_max_body = 1024 * 1024;
    std::size_t http_max_header_bytes = 64 * 1024;
    std::size_t http_max_header_lines = 200;
    int spf_max_lookups = 10;          // RFC 7208 section 4.6.4
    // The crawl through the CDN (docs/leak.md "Pages"): pages judged per run,
    // link depth from the seeds (home, well-known paths, --path), the bytes of
    // all crawled bodies together, and fetches in flight.
    std::size_t crawl_max_pages = 50;
    int crawl_max_depth = 1;
    std::size_t crawl_max_bytes = 16 * 1024 * 1024;
    std::size_t crawl_concurrency = 8;
    // Ports besides http/https where the origin is asked for the site: the
    // other ports Cloudflare proxies (http: 8080 8880 2052 2082 2086 2095;
    // https: 8443 2053 2083 2087 2096). --origin-port adds to them.
    std::vector<std::uint16_t> origin_alt_ports = {8080, 8880, 2052, 2082, 2086, 2095, 8443, 2053, 2083, 2087, 2096};
    // --near sweeps (docs/leak.md "Nearby addresses"): requests in flight, and
    // a shorter connect timeout, since most addresses of a block are silent.
    std::size_t near_concurrency = 64;
    std::chrono::milliseconds near_connect_timeout = 2000ms;
    bool axfr = true;                  // try a zone transfer from each NS (--no-axfr: off)
    std::uint16_t axfr_port = 53;      // --axfr-port: labs whose name server is on another port
    std::chrono::milliseconds axfr_timeout = 10000ms;
    std::string ct_url;                // --ct / --ct-url: crt.sh-compatible JSON search; empty = no CT
    std::size_t ct_max_bytes = 8 * 1024 * 1024;  // one CT answer
    std::size_t ct_max_names = 500;    // distinct names resolved from CT
};
inline constexpr std::string_view k_default_ct_url = "https://crt.sh/";

struct Limits {
    std::size_t max_evidence = 512;    // bytes of evidence kept per finding/probe
    std::size_t max_targets_v4_prefix = 24;   // wider CIDRs need allow_wide
    std::size_t max_targets_v6_prefix = 120;
    bool allow_wide = false;
    // Files exposcan reads, each capped while reading (read_file.hpp): a
    // /dev/zero or a FIFO must end in a usage error, not fill the memory.
    std::size_t max_policy_bytes = 4 * 1024 * 1024;      // a policy is config, not data
    std::size_t max_baseline_bytes = 64 * 1024 * 1024;   // a --format json report (docs/resource-bounds.md)
    std::size_t max_cdn_ranges_bytes = 4 * 1024 * 1024;  // --cdn-ranges, `cdn: FILE`, the update-ranges cache
    std::size_t max_wordlist_bytes = 4 * 1024 * 1024;    // --wordlist: one DNS query per name
    std::size_t max_targets_file_bytes = 16 * 1024 * 1024;  // --targets-file, --exclude-file (a fleet's list)
};

struct Options {
    ScanOptions scan;
    ProbeOptions probe;
    LeakOptions leak;
    Limits limits;
};

}  // namespace exposcan
