// Per-target bookkeeping during a scan: RTT, how many tries a silent port
// gets (raised when loss is seen), results so far.
#pragma once
#include <chrono>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "scan/rtt.hpp"

namespace exposcan::scan {

// Loss can raise a target's retries up to this (nmap's default max is 10).
inline constexpr int k_max_retries_on_loss = 6;
// Each loss event stretches the timeout by this factor, up to k_max_loss_scale.
inline constexpr double k_loss_scale_step = 1.25;
inline constexpr double k_max_loss_scale = 4.0;

class TargetState {
public:
    TargetState(const ScanOptions& options, std::size_t ports)
        : options_(&options), pending_(ports), allowed_retries_(std::max(0, options.max_retries)) {}

    [[nodiscard]] std::chrono::microseconds timeout() const;
    [[nodiscard]] int allowed_retries() const { return allowed_retries_; }
    void rtt_sample(std::chrono::microseconds rtt) { rtt_.sample(rtt); }
    // A port answered only on try `tries`+1: packets are being lost.
    void on_late_answer(int retries_used);

    void record(const PortResult& result, std::chrono::steady_clock::time_point now);
    void record_silent(std::uint16_t port, std::chrono::steady_clock::time_point now);
    // Silent ports that got fewer tries than loss now allows; hands them out
    // once per raise (they are pending again).
    std::vector<std::uint16_t> take_underretried(int& from_tries);

    [[nodiscard]] bool finished() const { return pending_ == 0; }
    // The finished record: `ports` sorted; `scanned` = `all` when complete,
    // else only the ports that reached a result.
    TargetScan result(const Target& target, const PortSet& all, std::chrono::steady_clock::time_point start,
                      const std::string& incomplete_reason);

private:
    const ScanOptions* options_;
    RttEstimator rtt_;
    std::size_t pending_;
    int allowed_retries_;
    int swept_at_retries_ = -1;  // allowed_retries_ at the last take_underretried
    double loss_scale_ = 1.0;
    std::vector<PortResult> results_;
    PortSet finished_;
    PortSet silent_;
    std::chrono::steady_clock::time_point last_result_{};
};

}  // namespace exposcan::scan
