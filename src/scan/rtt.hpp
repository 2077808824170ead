// Smoothed RTT, the recent answer RTTs, and the per-try timeout derived from
// them (docs/scan-engine.md "Timeouts"): 1.25 x the slowest of the last 32
// answers + 10 ms, clamped to the options' bounds; while fewer than
// k_rtt_warmup answers are in, at least RFC 6298's srtt + 4*rttvar.
#pragma once
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>

namespace exposcan::scan {

class RttEstimator {
public:
    using us = std::chrono::microseconds;

    void sample(us rtt) {
        auto r = static_cast<double>(rtt.count());
        if (samples_++ == 0) {
            srtt_ = r;
            rttvar_ = r / 2;
            return;
        }
        rttvar_ = 0.75 * rttvar_ + 0.25 * std::abs(srtt_ - r);
        srtt_ = 0.875 * srtt_ + 0.125 * r;
    }
    // RFC 6298's srtt + 4*rttvar; 0 before the first sample.
    [[nodiscard]] double rto_us() const { return samples_ == 0 ? 0 : srtt_ + 4 * rttvar_; }
    [[nodiscard]] std::uint32_t srtt_us() const { return static_cast<std::uint32_t>(srtt_); }
    [[nodiscard]] std::uint64_t samples() const { return samples_; }

private:
    double srtt_ = 0;
    double rttvar_ = 0;
    std::uint64_t samples_ = 0;
};

// The last k_rtt_window answer RTTs, for percentiles (the timeout model and
// the stats). Allocated at the first sample: a target that never answers
// (most of a /16) costs one pointer.
inline constexpr std::size_t k_rtt_window = 32;

class RttWindow {
public:
    void sample(std::uint32_t us) {
        if (!ring_) ring_ = std::make_unique<std::array<std::uint32_t, k_rtt_window>>();
        (*ring_)[count_ % k_rtt_window] = us;
        ++count_;
        max_ = std::max(max_, us);
    }
    // q in [0, 1] over the window, nearest rank; 0 without samples.
    [[nodiscard]] std::uint32_t percentile(double q) const {
        auto n = std::min<std::uint64_t>(count_, k_rtt_window);
        if (n == 0) return 0;
        std::array<std::uint32_t, k_rtt_window> sorted = *ring_;
        std::sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n));
        auto rank = static_cast<std::size_t>(q * static_cast<double>(n) + 0.999999);
        return sorted[std::clamp<std::size_t>(rank, 1, n) - 1];
    }
    // The slowest answer in the window: O(k_rtt_window), no sort.
    [[nodiscard]] std::uint32_t recent_max() const {
        auto n = std::min<std::uint64_t>(count_, k_rtt_window);
        return n == 0 ? 0 : *std::max_element(ring_->begin(), ring_->begin() + static_cast<std::ptrdiff_t>(n));
    }
    [[nodiscard]] std::uint32_t max() const { return max_; }  // over the whole scan
    [[nodiscard]] std::uint64_t count() const { return count_; }

private:
    std::unique_ptr<std::array<std::uint32_t, k_rtt_window>> ring_;
    std::uint64_t count_ = 0;
    std::uint32_t max_ = 0;
};

// Headroom of the per-try timeout over the slowest recent answer. Why not
// srtt + 4*rttvar alone: on a path with a steady RTT, rttvar decays to ~0 and
// the timeout sits within a few ms of the RTT; every answer that is a little
// late (a burst queued at the target, a busy CPU) then counts as lost, the
// loss estimate triples and every silent port gets 11 tries instead of 4
// (issue 12: the 10 s / 48 s bimodal lossy scan).
inline constexpr double k_timeout_factor = 1.25;
inline constexpr std::chrono::microseconds k_timeout_margin{10000};
inline constexpr std::uint64_t k_rtt_warmup = 8;

// `initial` until the first answer; then the rule above, clamped to [lo, hi].
inline std::chrono::microseconds try_timeout(const RttEstimator& rtt, const RttWindow& window,
                                             std::chrono::microseconds initial, std::chrono::microseconds lo,
                                             std::chrono::microseconds hi) {
    if (rtt.samples() == 0 || window.count() == 0) return initial;
    double t = k_timeout_factor * window.recent_max() + static_cast<double>(k_timeout_margin.count());
    if (rtt.samples() < k_rtt_warmup) t = std::max(t, rtt.rto_us());
    return std::clamp(std::chrono::microseconds(static_cast<std::int64_t>(t)), lo, hi);
}

}  // namespace exposcan::scan
