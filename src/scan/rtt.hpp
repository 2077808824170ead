// Smoothed RTT and the retransmission-style timeout derived from it
// (RFC 6298: srtt + 4*rttvar), clamped to the options' bounds.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>

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

}  // namespace exposcan::scan
