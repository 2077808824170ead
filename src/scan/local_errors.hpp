// Our own resource errors (EMFILE, EADDRNOTAVAIL, ENOBUFS...): never a port
// state. Each one backs off (doubling, capped); if no attempt has got a
// socket out for options.local_error_giveup, the scan gives up, incomplete.
#pragma once
#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>

namespace exposcan::scan {

inline constexpr std::chrono::milliseconds k_min_backoff{10};
inline constexpr std::chrono::milliseconds k_max_backoff{500};

class LocalErrors {
public:
    using clock = std::chrono::steady_clock;

    // Records the error; returns how long the failing worker should wait.
    clock::duration on_error(const boost::system::error_code& ec, clock::time_point now) {
        if (first_ == clock::time_point{}) first_ = now;
        last_message_ = ec.message();
        ++count_;
        auto wait = backoff_;
        backoff_ = std::min<clock::duration>(backoff_ * 2, k_max_backoff);
        return wait;
    }
    // A SYN went out: the condition cleared.
    void on_success() {
        first_ = {};
        backoff_ = k_min_backoff;
    }
    [[nodiscard]] bool given_up(clock::time_point now, clock::duration giveup) const {
        return first_ != clock::time_point{} && now - first_ >= giveup;
    }
    [[nodiscard]] const std::string& last_message() const { return last_message_; }
    [[nodiscard]] std::uint64_t count() const { return count_; }

private:
    clock::time_point first_{};
    clock::duration backoff_ = k_min_backoff;
    std::string last_message_;
    std::uint64_t count_ = 0;
};

}  // namespace exposcan::scan
