#include "scan/target_state.hpp"

#include <algorithm>

namespace exposcan::scan {

std::chrono::microseconds TargetState::timeout() const {
    using std::chrono::microseconds;
    return rtt_.timeout(microseconds(options_->initial_timeout), microseconds(options_->min_timeout),
                        microseconds(options_->max_timeout), loss_scale_);
}

void TargetState::on_late_answer(int retries_used) {
    // nmap's rule: allow one more retry than the latest try that was answered.
    int cap = std::max(options_->max_retries, k_max_retries_on_loss);
    allowed_retries_ = std::min(cap, std::max(allowed_retries_, retries_used + 1));
    loss_scale_ = std::min(k_max_loss_scale, loss_scale_ * k_loss_scale_step);
}

void TargetState::record(const PortResult& result, std::chrono::steady_clock::time_point now) {
    results_.push_back(result);
    finished_.add(result.port);
    if (pending_ > 0) --pending_;
    last_result_ = now;
}

void TargetState::record_silent(std::uint16_t port, std::chrono::steady_clock::time_point now) {
    silent_.add(port);
    finished_.add(port);
    if (pending_ > 0) --pending_;
    last_result_ = now;
}

std::vector<std::uint16_t> TargetState::take_underretried(int& from_tries) {
    int base = swept_at_retries_ < 0 ? std::max(0, options_->max_retries) : swept_at_retries_;
    if (allowed_retries_ <= base || silent_.empty()) return {};
    swept_at_retries_ = allowed_retries_;
    from_tries = base + 1;
    auto ports = silent_.to_vector();
    for (auto p : ports) finished_.remove(p);
    silent_ = PortSet{};
    pending_ += ports.size();
    return ports;
}

TargetScan TargetState::result(const Target& target, const PortSet& all,
                               std::chrono::steady_clock::time_point start, const std::string& incomplete_reason) {
    TargetScan out;
    out.target = target;
    out.complete = finished();
    out.scanned = out.complete ? all : finished_;
    if (!out.complete) out.incomplete_reason = incomplete_reason;
    std::sort(results_.begin(), results_.end(),
              [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
    out.ports = std::move(results_);
    auto end = last_result_ > start ? last_result_ : start;
    out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(end - start);
    out.srtt_us = rtt_.srtt_us();
    return out;
}

}  // namespace exposcan::scan
