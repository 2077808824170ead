// Per-target bookkeeping during a scan: RTT, loss, how many tries a silent
// port gets, results so far.
#pragma once
#include <chrono>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "scan/loss.hpp"
#include "scan/rtt.hpp"
#include "scan/silent_ports.hpp"
#include "scan/target_hints.hpp"

namespace exposcan::scan {

class TargetState {
public:
    // `hints`: shared with the other shards scanning this target (outlives us).
    TargetState(const ScanOptions& options, std::size_t ports, TargetHints& hints);

    [[nodiscard]] std::chrono::microseconds timeout() const;
    // Retries in force. Raised only by take_underretried, which at the same
    // moment hands out every port that went silent with fewer tries: a raise
    // without that hand-out (issue 12's first cut) later re-queued ports that
    // already had the new count (+25 % connects).
    [[nodiscard]] int allowed_retries() const { return allowed_retries_; }
    // What nmap's rule and the loss estimate ask for so far.
    [[nodiscard]] int wanted_retries() const { return wanted_retries_; }
    // The fastest answer so far (0: none), the baseline for "the RTT grew".
    [[nodiscard]] std::uint32_t min_rtt_us() const { return min_rtt_us_; }
    void rtt_sample(std::chrono::microseconds rtt);
    // Every try that put a SYN on the wire, for the stats (model.hpp ScanStats).
    void count_try(bool loss_probe, bool retransmission, bool answered);
    // A port answered after `tries_before` unanswered tries (0: first try).
    void on_answer(int tries_before);
    // A loss probe's outcome.
    void on_probe(bool answered);

    void record(const PortResult& result, std::chrono::steady_clock::time_point now);
    void record_silent(std::uint16_t port, std::chrono::steady_clock::time_point now);
    // Our own side refused to send a SYN to `port` (error_map.hpp `unsent`):
    // the port is settled for the engine but unscanned in the result.
    void record_unsent(std::uint16_t port, const std::string& why);
    // Once per target: how many loss probes to send now (0 = none needed) and
    // where; called when all other work is settled.
    std::size_t take_loss_probes();
    [[nodiscard]] std::uint16_t probe_port(std::size_t i) const { return probe_ports_[i % probe_ports_.size()]; }
    // Called for each first try of one of our ports the engine hands out:
    // true when a loss probe should go out now too (probe_port(probes_sent()-1)).
    // Probes spread over the scan see what its tries see; sent in one burst
    // at the end they queued behind each other and came back late.
    bool probe_due();
    [[nodiscard]] std::size_t probes_sent() const { return probes_sent_; }
    // Silent ports that got fewer tries than loss now allows; hands them out
    // once per raise (they are pending again).
    std::vector<std::uint16_t> take_underretried(int& from_tries);
    // More tries are wanted than are in force: take_underretried() now, not
    // at the end of the pass (the ports still in their chain of tries get
    // the new count there; those already silent are handed out again).
    [[nodiscard]] bool raise_pending() const { return wanted_retries_ > allowed_retries_; }
    // The other shards' samples may complete the estimate while this shard
    // has none coming (its probes all back): checked at every try of ours,
    // cheaply until then. True when that raised the tries (raise_pending).
    bool adopt_pooled_estimate();

    [[nodiscard]] bool finished() const { return pending_ == 0; }
    [[nodiscard]] const LossEstimate& loss() const { return loss_; }
    // Every shard's samples of this target (target_hints.hpp); loss() is ours.
    [[nodiscard]] LossEstimate pooled_loss() const { return {hints_->loss_samples(), hints_->loss_lost()}; }
    // The finished record: `ports` sorted; `scanned` = `all` when complete,
    // else only the ports that reached a result. Incomplete too when the
    // measured loss needs more tries than max_retries allows for the miss
    // budget (loss.hpp): silent ports then do not prove "filtered".
    TargetScan result(const Target& target, const PortSet& all, std::chrono::steady_clock::time_point start,
                      const std::string& incomplete_reason);

private:
    void update_allowed_retries();
    [[nodiscard]] std::string loss_verdict() const;
    // The ports that reached a result (answered, ICMP or silent).
    [[nodiscard]] PortSet finished_ports() const;
    [[nodiscard]] ScanStats stats(std::chrono::steady_clock::duration elapsed) const;

    const ScanOptions* options_;
    TargetHints* hints_;
    RttEstimator rtt_;
    RttWindow rtt_window_;
    std::uint32_t min_rtt_us_ = 0;
    std::chrono::microseconds timeout_{0};  // try_timeout() after the last sample (the sweep asks often)
    ScanStats counts_;  // connects, answers, retransmissions, loss_probes; the rest filled by stats()
    LossEstimate loss_;
    std::size_t pending_;
    int allowed_retries_;
    int wanted_retries_;
    int swept_at_retries_ = -1;  // allowed_retries_ at the last take_underretried
    bool loss_probed_ = false;
    bool estimate_ready_ = false;
    bool extra_pass_ = false;  // one more try for all silent ports, looking for a closed port to probe
    std::size_t probes_sent_ = 0;        // loss probes handed out (interleaved and at settle)
    std::size_t probes_back_ = 0;        // of which answered or timed out (on_probe)
    std::uint32_t fresh_since_probe_ = 0;  // the loss estimate may raise tries (update_allowed_retries)
    std::vector<PortResult> results_;
    std::vector<std::uint16_t> probe_ports_;
    // No set of finished ports: results_ + silent_ are those, and the set is
    // needed only for an incomplete result (8 KiB per target otherwise).
    SilentPorts silent_;
    std::vector<std::uint16_t> unsent_;  // rare: a vector, not another 8 KiB bitset per target
    std::string unsent_why_;              // the first cause, for the incomplete reason
    std::chrono::steady_clock::time_point last_result_{};
};

}  // namespace exposcan::scan
