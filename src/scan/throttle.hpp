// The optional --rate cap, in one place: connects are spaced 1/rate apart
// (virtual scheduling: each caller reserves the next free slot, then sleeps
// until it). No bursts, no background task.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

namespace exposcan::scan {

class Throttle {
public:
    explicit Throttle(double rate_per_s);
    // Returns when this caller may connect. `timer` is the caller's own.
    boost::asio::awaitable<void> acquire(boost::asio::steady_timer& timer);
    [[nodiscard]] bool enabled() const { return interval_.count() > 0; }

private:
    std::chrono::nanoseconds interval_{0};
    std::chrono::steady_clock::time_point next_{};
};

}  // namespace exposcan::scan
