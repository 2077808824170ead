#include "scan/throttle.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace exposcan::scan {

Throttle::Throttle(double rate_per_s) {
    if (rate_per_s > 0) interval_ = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / rate_per_s));
}

boost::asio::awaitable<void> Throttle::acquire(boost::asio::steady_timer& timer) {
    if (!enabled()) co_return;
    auto now = std::chrono::steady_clock::now();
    auto slot = std::max(now, next_);
    next_ = slot + interval_;
    if (slot <= now) co_return;
    timer.expires_at(slot);
    co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
}

}  // namespace exposcan::scan
