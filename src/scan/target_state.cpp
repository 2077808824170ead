#include "scan/target_state.hpp"

#include <algorithm>

namespace exposcan::scan {

namespace {

int base_retries(const ScanOptions& o) { return std::clamp(o.retries, 0, std::max(0, o.max_retries)); }

}  // namespace

TargetState::TargetState(const ScanOptions& options, std::size_t ports, TargetHints& hints)
    : options_(&options), hints_(&hints), pending_(ports), allowed_retries_(base_retries(options)) {}

std::chrono::microseconds TargetState::timeout() const {
    using std::chrono::microseconds;
    // No answer of our own yet: another shard's measurement beats the 1 s guess.
    auto initial = microseconds(options_->initial_timeout);
    if (auto shared = hints_->timeout(); rtt_.samples() == 0 && shared.count() > 0) initial = shared;
    return rtt_.timeout(initial, microseconds(options_->min_timeout), microseconds(options_->max_timeout),
                        loss_scale_);
}

void TargetState::rtt_sample(std::chrono::microseconds rtt) {
    rtt_.sample(rtt);
    rtt_window_.sample(static_cast<std::uint32_t>(rtt.count()));
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
    if (tries_before > 0) {
        // nmap's rule first: one more retry than the latest try that was answered.
        allowed_retries_ = std::min(std::max(0, options_->max_retries), std::max(allowed_retries_, tries_before + 1));
        loss_scale_ = std::min(k_max_loss_scale, loss_scale_ * k_loss_scale_step);
    }
    update_allowed_retries();
}

void TargetState::on_probe(bool answered) {
    loss_.on_probe(answered);
    update_allowed_retries();
}

void TargetState::update_allowed_retries() {
    // Never lowered: ports already given more tries keep their meaning.
    int needed = loss_.tries_needed(results_.size() + 1) - 1;
    allowed_retries_ = std::max(allowed_retries_, std::min(needed, std::max(0, options_->max_retries)));
}

void TargetState::record(const PortResult& result, std::chrono::steady_clock::time_point now) {
    results_.push_back(result);
    if (result.state == PortState::closed && probe_ports_.size() < k_probe_ports) {
        probe_ports_.push_back(result.port);
        hints_->publish_closed(result.port);
    }
    finished_.add(result.port);
    if (pending_ > 0) --pending_;
    last_result_ = now;
}

void TargetState::record_silent(std::uint16_t port, std::chrono::steady_clock::time_point now) {
    silent_.add(port);
    ++silent_count_;
    finished_.add(port);
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
    // out of work (silent_.empty() would scan 8 KiB per target each time).
    if (loss_probed_ || silent_count_ == 0 || loss_.samples() >= k_min_loss_samples) return 0;
    if (probe_ports_.empty()) probe_ports_ = hints_->closed_ports();  // found by another shard
    if (probe_ports_.empty()) return 0;
    loss_probed_ = true;
    return static_cast<std::size_t>(k_min_loss_samples - loss_.samples());
}

std::vector<std::uint16_t> TargetState::take_underretried(int& from_tries) {
    int base = swept_at_retries_ < 0 ? base_retries(*options_) : swept_at_retries_;
    if (allowed_retries_ <= base || silent_count_ == 0) return {};
    swept_at_retries_ = allowed_retries_;
    from_tries = base + 1;
    auto ports = silent_.to_vector();
    for (auto p : ports) finished_.remove(p);
    silent_ = PortSet{};
    silent_count_ = 0;
    pending_ += ports.size();
    return ports;
}

TargetScan TargetState::result(const Target& target, const PortSet& all,
                               std::chrono::steady_clock::time_point start, const std::string& incomplete_reason) {
    TargetScan out;
    out.target = target;
    out.complete = finished() && unsent_.empty();
    out.scanned = finished() ? all : finished_;
    if (!finished()) out.incomplete_reason = incomplete_reason;
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
