// Smoothed RTT and the retransmission-style timeout derived from it
// (RFC 6298: srtt + 4*rttvar), clamped to the options' bounds.
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
    // `initial` until the first sample; afterwards srtt + 4*rttvar times
    // `scale` (raised by loss), clamped to [lo, hi].
    [[nodiscard]] us timeout(us initial, us lo, us hi, double scale) const {
        if (samples_ == 0) return initial;
        auto t = static_cast<std::int64_t>((srtt_ + 4 * rttvar_) * scale);
        return std::clamp(us(t), lo, hi);
    }
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
    [[nodiscard]] std::uint32_t max() const { return max_; }  // over the whole scan
    [[nodiscard]] std::uint64_t count() const { return count_; }

private:
    std::unique_ptr<std::array<std::uint32_t, k_rtt_window>> ring_;
    std::uint64_t count_ = 0;
    std::uint32_t max_ = 0;
};

}  // namespace exposcan::scan
