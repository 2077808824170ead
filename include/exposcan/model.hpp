// The records that flow through exposcan, in order:
//   Target -> TargetScan (PortResult...) -> ProbeResult -> Finding -> RunReport
// Every stage only reads the records of the stages before it.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <map>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exposcan/port_set.hpp"
#include "exposcan/rules.hpp"

namespace exposcan {

inline constexpr int k_schema_version = 1;  // JSON/JSON Lines output schema

// ---- port states (nmap's vocabulary, see docs/scan-engine.md) -------------
enum class PortState : std::uint8_t { open, closed, filtered };
enum class Reason : std::uint8_t {
    syn_ack,           // connect() completed
    conn_refused,      // RST or ICMP port-unreachable
    no_response,       // silent after every try
    host_unreach,      // ICMP host unreachable
    net_unreach,       // ICMP net unreachable
    admin_prohibited,  // ICMP administratively prohibited (EACCES/EPERM)
};
std::string_view to_string(PortState);
std::string_view to_string(Reason);
std::optional<PortState> parse_port_state(std::string_view);

struct PortResult {
    std::uint16_t port = 0;
    PortState state = PortState::filtered;
    Reason reason = Reason::no_response;
    std::uint8_t tries = 0;
    std::uint32_t elapsed_us = 0;  // time of the deciding try
};

// ---- targets --------------------------------------------------------------
struct Target {
    std::string name;                // policy name, or the spec as given
    std::string spec;                // what the user wrote: literal, hostname, CIDR
    boost::asio::ip::address address;
    [[nodiscard]] std::string address_string() const { return address.to_string(); }
};

// Why a "filtered" verdict can be trusted: silence means "dropped by the
// target's firewall" only if packets could reach the target and come back.
enum class Reachability : std::uint8_t {
    answered,       // a port of the address answered (open, closed, or an ICMP error from the network)
    canary,         // nothing answered, but a canary of the same family answered before and after the run
    not_proven,     // nothing answered and no canary of this family: "all filtered" is not proven
    canary_failed,  // nothing answered and a canary of this family did not answer (run inconclusive)
};
std::string_view to_string(Reachability);

// What the engine did for one address, so a slow scan shows why
// (docs/scan-engine.md "Stats"). Counts are connects that put a SYN on the
// wire; local errors and self-connects are not tries.
struct ScanStats {
    std::uint64_t connects = 0;         // every try: first tries, retransmissions, loss probes
    std::uint64_t answers = 0;          // tries answered (SYN-ACK, RST, ICMP error)
    std::uint64_t retransmissions = 0;  // tries after a port's first
    std::uint64_t loss_probes = 0;      // extra connects to known-closed ports to measure loss
    std::uint64_t tries_open = 0;       // tries spent on ports that ended open
    std::uint64_t tries_closed = 0;     // ... closed
    std::uint64_t tries_filtered = 0;   // ... filtered (silent or ICMP)
    std::uint64_t loss_samples = 0;     // tries of answering ports seen (the estimate's n)
    std::uint64_t loss_lost = 0;        // of those, unanswered
    double loss_estimate = 0;           // loss_lost / loss_samples
    int max_tries = 0;                  // tries a silent port got (the estimate's verdict)
    std::uint32_t rtt_p50_us = 0;       // answer RTT percentiles the timeout is derived from
    std::uint32_t rtt_p90_us = 0;
    std::uint32_t rtt_max_us = 0;
    std::uint32_t timeout_us = 0;       // per-try timeout at the end of the scan
    double rate = 0;                    // connects per second over the scan's elapsed time
};

// One address's scan. To keep a /24 x 65535 scan small, `ports` holds every
// scanned port EXCEPT the silent ones (filtered/no-response); those are implied
// by `scanned`. Use lookup() rather than searching `ports` by hand.
struct TargetScan {
    Target target;
    PortSet scanned;
    std::vector<PortResult> ports;   // sorted by port; non-silent results
    bool complete = true;            // false: ended early (deadline, local errors, signal)
    std::string incomplete_reason;   // why, one line
    std::chrono::milliseconds elapsed{0};
    std::uint32_t srtt_us = 0;       // smoothed RTT the engine measured
    ScanStats stats;
    Reachability reachability = Reachability::not_proven;  // set by the run (run/reachability.cpp)
    [[nodiscard]] PortResult lookup(std::uint16_t port) const;
    [[nodiscard]] std::size_t count(PortState) const;
};

// ---- service probes (docs/probes.md) ---------------------------------------
enum class Exposure : std::uint8_t {
    unauthenticated,    // data/admin reachable without credentials (finding)
    anonymous_limited,  // answers anonymously, refuses real operations
    auth_required,      // asks for credentials
    reachable_denied,   // answers, refuses us (e.g. redis protected mode)
    unknown_service,    // answers something we do not recognise / hostile / timeout
    tls,                // speaks TLS and nothing we recognise inside it
};
std::string_view to_string(Exposure);

// The leaf certificate and protocol of a port that spoke TLS to the probe
// (strings sanitized). Info for the report; expired / self-signed are rules.
struct TlsCertificate {
    std::string subject;
    std::string issuer;
    std::vector<std::string> sans;  // "DNS:a.example", "IP:192.0.2.1"
    std::string not_after;          // ISO 8601 UTC, "2027-12-03T10:00:00Z"
    bool expired = false;           // not_after is in the past at probe time
    bool self_signed = false;       // issued by itself, its signature verifies with its own key
    std::string version;            // negotiated protocol, "TLSv1.3"
};

struct ProbeResult {
    Target target;
    std::uint16_t port = 0;
    std::string service;     // "elasticsearch", "redis", ... or "" when unknown
    Exposure exposure = Exposure::unknown_service;
    std::string version;     // sanitized
    std::string evidence;    // sanitized, bounded
    bool over_tls = false;
    std::chrono::milliseconds elapsed{0};
    std::optional<TlsCertificate> tls;  // whenever a TLS handshake showed a certificate on this port
};

// ---- origin-leak audit -------------------------------------------------------
struct LeakCheck {
    std::string check;    // "dns.a", "dns.mx", "dns.spf", "http.header", "tls.cert", ...
    std::string subject;  // the record name / URL / host:port checked
    std::string value;    // address, header line, SAN (sanitized)
    std::string verdict;  // "cdn", "origin", "other", "clean", "nxdomain", "inconclusive"
    std::string detail;   // one line (sanitized)
};
struct LeakReport {
    std::string domain;
    std::vector<std::string> origins;     // origin addresses it compared against
    std::vector<LeakCheck> checks;
    std::vector<std::string> inconclusive;  // one line per part that could not be decided
};

// ---- findings ----------------------------------------------------------------
struct Finding {
    std::string rule;       // stable id from the catalog (rules.hpp); a string so baselines of other versions load
    Severity severity = Severity::medium;
    std::string target;     // target name
    std::string address;    // address or hostname the finding is about
    std::optional<std::uint16_t> port;
    std::string location;   // URI: "tcp://203.0.113.10:9200", "dns://example.com/MX"
    std::string title;      // one line
    std::string evidence;   // sanitized (escape.hpp), bounded
    std::string fix;        // one-line hint
    // Identity for baselines: same rule+target+location = same finding.
    [[nodiscard]] std::string key() const { return rule + "|" + target + "|" + location; }
};

// ---- canaries: proof that this runner's path works ------------------------------
// An address:port that must answer (open or closed) from this vantage, checked
// before and after the run (--canary, policy `canary:`). If it does not, every
// silent port of the run is unproven and the run is inconclusive.
struct CanaryCheck {
    std::string spec;                       // as given: "198.51.100.1:443", "[2001:db8::1]:22", "host:25"
    Target target;                          // one resolved address
    std::uint16_t port = 0;
    std::optional<PortResult> before;       // nullopt: not checked (interrupted)
    std::optional<PortResult> after;
    [[nodiscard]] bool ok() const;          // both checks answered open or closed
};

// ---- shards: one run split across machines (docs/scaling.md) ---------------------
// --shard I/N: this run owns pair k of the (target, port) work when
// k mod N == I-1 (shard.hpp says how pairs are numbered). 1 <= index <= count.
struct Shard {
    unsigned index = 1;
    unsigned count = 1;
    friend bool operator==(const Shard&, const Shard&) = default;
};

// What a run was asked to do, recorded in the JSON report so `merge` can
// check that shards belong together and re-evaluate the whole. Two shards of
// one run have equal WorkDescriptions (the vantage aside).
struct WorkDescription {
    std::vector<std::string> targets;  // specs as given (command line + --targets-file)
    std::vector<std::string> exclude;  // --exclude / --exclude-file specs
    std::string ports;                 // PortSet::to_string() of -p
    std::string policy;                // "flags" or "file fnv1a64:HEX" (shard.hpp policy_identity)
    std::string expect_open;           // "flags" policies: the expectations, PortSet::to_string()
    std::string expect_closed;
    bool probe = true;                 // services were probed (--no-probe off)
    friend bool operator==(const WorkDescription&, const WorkDescription&) = default;
};

// One vantage's view in a merge of several (model.hpp RunReport::vantages).
struct VantageScans {
    std::string name;
    unsigned shards = 1;               // how many shard reports it was merged from
    std::vector<TargetScan> scans;     // one per target, in target order
};

// ---- the whole run -------------------------------------------------------------
enum class ExitCode : int { clean = 0, findings = 1, inconclusive = 2, usage = 3 };

struct RunReport {
    std::string tool_version;
    std::string command;                       // "scan", "check", "leak"
    std::chrono::system_clock::time_point started_at{};
    std::chrono::milliseconds elapsed{0};
    std::vector<Target> targets;               // resolved target list (always reported)
    std::vector<TargetScan> scans;
    std::vector<ProbeResult> probes;
    std::optional<LeakReport> leak;
    std::vector<Finding> findings;             // after baseline filtering, if any
    std::vector<Finding> resolved;             // baseline: findings that went away
    std::vector<Finding> unchanged;            // baseline: present before and still present
    std::string baseline;                      // baseline file used; empty = none
    std::vector<CanaryCheck> canaries;         // --canary / policy `canary:`
    std::vector<std::string> inconclusive;     // one line per part that did not finish
    // Target name -> the rule families evaluated for it (a rule not evaluated
    // is neither passed nor failed: JUnit and SARIF list only these).
    std::map<std::string, RuleFamilies> evaluated;
    std::optional<WorkDescription> work;       // scan: what was asked (merge checks shards against it)
    std::optional<Shard> shard;                // --shard I/N; nullopt = the whole work
    std::string vantage;                       // --vantage NAME (vantage.hpp); "" = not labelled
    // merge of several vantages: each one's own scans; `scans` is then the
    // most exposed state per port over them (docs/scaling.md). Empty otherwise.
    std::vector<VantageScans> vantages;
    ExitCode exit_code = ExitCode::inconclusive;  // never clean until computed
};

}  // namespace exposcan
