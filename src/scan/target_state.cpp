#include "scan/target_state.hpp"

#include <algorithm>

namespace exposcan::scan {

namespace {

// Interleaved loss probes: one per this many first tries, once a target has
// this many silent ports.
constexpr std::uint32_t k_probe_interval = 4;
constexpr std::size_t k_probe_min_silent = 64;

int base_retries(const ScanOptions& o) { return std::clamp(o.retries, 0, std::max(0, o.max_retries)); }

}  // namespace

TargetState::TargetState(const ScanOptions& options, std::size_t ports, TargetHints& hints)
    : options_(&options), hints_(&hints), pending_(ports), allowed_retries_(base_retries(options)),
      wanted_retries_(allowed_retries_) {}

std::chrono::microseconds TargetState::timeout() const {
    using std::chrono::microseconds;
    // No answer of our own yet: another shard's measurement beats the 1 s guess.
    if (rtt_.samples() > 0) return timeout_;
    auto shared = hints_->timeout();
    return shared.count() > 0 ? shared : microseconds(options_->initial_timeout);
}

void TargetState::rtt_sample(std::chrono::microseconds rtt) {
    rtt_.sample(rtt);
    auto us = static_cast<std::uint32_t>(rtt.count());
    rtt_window_.sample(us);
    if (min_rtt_us_ == 0 || us < min_rtt_us_) min_rtt_us_ = std::max<std::uint32_t>(us, 1);
    using std::chrono::microseconds;
    timeout_ = try_timeout(rtt_, rtt_window_, microseconds(options_->initial_timeout),
                           microseconds(options_->min_timeout), microseconds(options_->max_timeout));
    hints_->publish_timeout(timeout());
}

void TargetState::count_try(bool loss_probe, bool retransmission, bool answered) {
    ++counts_.connects;
    if (loss_probe) ++counts_.loss_probes;
    else if (retransmission) ++counts_.retransmissions;
    if (answered) ++counts_.answers;
}

void TargetState::on_answer(int tries_before) {
    loss_.on_answer(tries_before);
    hints_->add_loss(static_cast<std::uint64_t>(tries_before) + 1, static_cast<std::uint64_t>(tries_before));
    // nmap's rule first: one more retry than the latest try that was answered.
    // The timeout is not stretched: random loss is not delay (a late answer
    // shows up in the RTT window and stretches it by itself).
    if (tries_before > 0)
        wanted_retries_ = std::min(std::max(0, options_->max_retries), std::max(wanted_retries_, tries_before + 1));
    update_allowed_retries();
}

void TargetState::on_probe(bool answered) {
    ++probes_back_;
    loss_.on_probe(answered);
    hints_->add_loss(1, answered ? 0 : 1);
    update_allowed_retries();
}

void TargetState::update_allowed_retries() {
    // Not from a handful of samples: one answer on a second try is "1 of 2
    // lost", whose upper bound asks for max_retries, and the raise is never
    // taken back (issue 12: a third of the lossy scans sent 11 tries per
    // silent port). The estimate counts once it has k_min_loss_samples, or
    // when no more can be had (settle time, no closed port to probe).
    auto all = pooled_loss();
    if (!estimate_ready_ && all.samples() < k_min_loss_samples) return;
    estimate_ready_ = true;
    // Never lowered: ports already given more tries keep their meaning.
    int needed = all.tries_needed(results_.size() + 1) - 1;
    wanted_retries_ = std::max(wanted_retries_, std::min(needed, std::max(0, options_->max_retries)));
}

void TargetState::record(const PortResult& result, std::chrono::steady_clock::time_point now) {
    results_.push_back(result);
    if (result.state == PortState::closed && probe_ports_.size() < k_probe_ports) {
        probe_ports_.push_back(result.port);
        hints_->publish_closed(result.port);
    }
    if (pending_ > 0) --pending_;
    last_result_ = now;
}

void TargetState::record_silent(std::uint16_t port, std::chrono::steady_clock::time_point now) {
    silent_.add(port);
    if (pending_ > 0) --pending_;
    last_result_ = now;
}

void TargetState::record_unsent(std::uint16_t port, const std::string& why) {
    unsent_.push_back(port);
    if (unsent_why_.empty()) unsent_why_ = why;
    if (pending_ > 0) --pending_;
}

std::size_t TargetState::take_loss_probes() {
    // Only worth it when a silent port's verdict depends on the estimate and
    // there is a closed port to measure against.
    // Cheap tests first: this runs for every target whenever the engine runs
    // out of work.
    if (silent_.empty() || estimate_ready_) return 0;
    // Probes only where they are cheaper than retrying blind: 9 silent ports
    // (the liveness re-check, a short port list) take every allowed try for
    // less than 1,000 probes (which at 9 in flight took 40 s under loss).
    // Interleaved probes have all come back by now (nothing is in flight).
    auto wanted = k_min_loss_samples - std::min(k_min_loss_samples, loss_.samples());
    auto blind = static_cast<std::uint64_t>(silent_.size()) *
                 static_cast<std::uint64_t>(std::max(0, options_->max_retries - wanted_retries_));
    if (!loss_probed_ && wanted > 0 && blind > wanted) {
        if (probe_ports_.empty()) probe_ports_ = hints_->closed_ports();  // found by another shard
        if (!probe_ports_.empty()) {
            loss_probed_ = true;
            probes_sent_ += wanted;
            return static_cast<std::size_t>(wanted);
        }
    }
    // No closed port known and a thin estimate: the closed ports may be among
    // the silent ones (25 lost on both tries while 22, 80, 443 answered at
    // once: "no loss seen", 2 tries, 25 missed in a complete scan -- 1 of 39
    // bench scans). One more try for every silent port first, once; a closed
    // port found then is probed and the estimate decides.
    // (Not for a target where nothing answered: no answering port to miss is
    // known, and a dead host would pay a third try for every port.)
    auto pooled = pooled_loss().samples();
    if (!extra_pass_ && !loss_probed_ && probe_ports_.empty() && pooled > 0 && pooled < k_min_loss_samples) {
        extra_pass_ = true;
        wanted_retries_ = std::min(std::max(0, options_->max_retries), std::max(wanted_retries_, allowed_retries_ + 1));
        return 0;
    }
    // Probed already, or nothing to probe: what we have is all there will be.
    estimate_ready_ = true;
    update_allowed_retries();
    return 0;
}

bool TargetState::adopt_pooled_estimate() {
    if (estimate_ready_ || hints_->loss_samples() < k_min_loss_samples) return false;
    update_allowed_retries();
    return raise_pending();
}

bool TargetState::probe_due() {
    // Cheap tests first (every fresh job asks). Only once this target shows
    // many silent ports (a closed or open host never needs probes) and a
    // closed port to probe; one probe per k_probe_interval first tries.
    if (estimate_ready_ || silent_.size() < k_probe_min_silent) return false;
    if (++fresh_since_probe_ < k_probe_interval) return false;
    // Enough once every shard's samples and our probes still out reach the
    // goal. (Counting all probes sent on top of the samples counted each
    // returned one twice: a shard stopped at ~620 probes; if the other shard
    // had not filled the pool, its silent ports got 2 tries and a second
    // pass after the settle: 5.2-5.7 s instead of 4.4 s on the lossy path.)
    if (pooled_loss().samples() + (probes_sent_ - probes_back_) >= k_min_loss_samples) return false;
    if (probe_ports_.empty()) probe_ports_ = hints_->closed_ports();
    if (probe_ports_.empty()) return false;
    fresh_since_probe_ = 0;
    ++probes_sent_;
    return true;
}

std::vector<std::uint16_t> TargetState::take_underretried(int& from_tries) {
    update_allowed_retries();  // another shard's samples may have arrived since ours
    int base = swept_at_retries_ < 0 ? base_retries(*options_) : swept_at_retries_;
    // The raise takes effect here: every port in silent_ went silent since
    // the last raise, so each had exactly base + 1 tries; ports still in
    // their chain of tries go on to the new count (engine.cpp handle()).
    allowed_retries_ = wanted_retries_;
    if (allowed_retries_ <= base) return {};
    // Recorded even with nothing silent yet: ports that go silent from now
    // on have the new count, and a later raise must not take them for base.
    swept_at_retries_ = allowed_retries_;
    if (silent_.empty()) return {};
    from_tries = base + 1;
    auto ports = silent_.take();
    pending_ += ports.size();
    return ports;
}

TargetScan TargetState::result(const Target& target, const PortSet& all,
                               std::chrono::steady_clock::time_point start, const std::string& incomplete_reason) {
    TargetScan out;
    out.target = target;
    out.complete = finished() && unsent_.empty();
    out.scanned = finished() ? all : finished_ports();
    if (!finished()) out.incomplete_reason = incomplete_reason;
    if (auto why = loss_verdict(); finished() && !why.empty()) {
        out.complete = false;
        out.incomplete_reason = why;
    }
    if (!unsent_.empty()) {
        PortSet unsent;
        for (auto p : unsent_) {
            out.scanned.remove(p);
            unsent.add(p);
        }
        auto why = std::to_string(unsent_.size()) + " port(s) could not be sent from this runner (" + unsent_why_ +
                   "): " + unsent.to_string();
        out.incomplete_reason = out.incomplete_reason.empty() ? why : out.incomplete_reason + "; " + why;
    }
    std::sort(results_.begin(), results_.end(),
              [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
    auto end = last_result_ > start ? last_result_ : start;
    out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(end - start);
    out.srtt_us = rtt_.srtt_us();
    out.stats = stats(end - start);  // reads results_: before the move
    out.ports = std::move(results_);
    return out;
}

PortSet TargetState::finished_ports() const {
    PortSet out;
    for (const auto& r : results_) out.add(r.port);
    silent_.add_to(out);
    return out;
}

std::string TargetState::loss_verdict() const {
    if (silent_.empty()) return {};
    // A measured loss at its upper bound, as the tries were chosen; a few
    // samples (a target with 3 open ports, one answered on a retry) at the
    // point estimate: their upper bound is ~1 and would fail every such scan.
    auto answering = results_.size() + 1;
    auto all = pooled_loss();
    int needed = all.samples() >= k_min_loss_samples ? all.tries_needed(answering)
                                                     : all.tries_needed_point(answering);
    int allowed = std::max(0, options_->max_retries) + 1;
    if (needed <= allowed) return {};
    auto pct = std::to_string(static_cast<int>(100.0 * static_cast<double>(all.lost()) /
                                               static_cast<double>(all.samples()) + 0.5));
    return "measured loss " + pct + " % (" + std::to_string(all.lost()) + " of " + std::to_string(all.samples()) +
           " tries unanswered) needs " + std::to_string(needed) + " tries per silent port to keep the chance of "
           "missing an answering port under 1/1000; --max-retries allows " + std::to_string(allowed) +
           ": silent ports are not proven filtered";
}

ScanStats TargetState::stats(std::chrono::steady_clock::duration elapsed) const {
    ScanStats s = counts_;
    for (const auto& r : results_) {
        if (r.state == PortState::open) s.tries_open += r.tries;
        else if (r.state == PortState::closed) s.tries_closed += r.tries;
    }
    // Every other port try went to a port that ended filtered (silent or
    // ICMP), or is unfinished in an interrupted scan.
    auto port_tries = s.connects - s.loss_probes;
    s.tries_filtered = port_tries - std::min(port_tries, s.tries_open + s.tries_closed);
    s.loss_samples = loss_.samples();
    s.loss_lost = loss_.lost();
    s.loss_estimate = s.loss_samples > 0 ? static_cast<double>(s.loss_lost) / static_cast<double>(s.loss_samples) : 0;
    s.max_tries = allowed_retries_ + 1;
    s.rtt_p50_us = rtt_window_.percentile(0.5);
    s.rtt_p90_us = rtt_window_.percentile(0.9);
    s.rtt_max_us = rtt_window_.max();
    s.timeout_us = static_cast<std::uint32_t>(timeout().count());
    auto secs = std::chrono::duration<double>(elapsed).count();
    s.rate = secs > 0 ? static_cast<double>(s.connects) / secs : 0;
    return s;
}

}  // namespace exposcan::scan
