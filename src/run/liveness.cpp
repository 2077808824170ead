// Liveness re-check: after a scan, a sample of the ports that answered is
// connected again. If none of them answers any more, the path between the
// scanner and the target died during the scan (the scanner's own network went
// down, a route vanished, the target rebooted) and every "filtered" after
// that moment is unproven. Such a scan is marked incomplete, so the run ends
// inconclusive instead of clean (docs/reliability.md, "blackhole").
//
// Targets are re-checked side by side (`lanes`), not one after the other: a
// /20 took 4,096 round trips in a row (7 min at 100 ms), past any --deadline.
// The run's deadline covers the re-check too.
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "run/stages.hpp"

namespace exposcan::detail {

namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

constexpr std::size_t k_liveness_sample = 8;
constexpr std::size_t k_max_lanes = 256;
constexpr std::size_t k_fd_reserve = 64;  // output files, DNS, epoll, the caller's own
constexpr auto k_watch_tick = std::chrono::milliseconds(10);

// Up to k_liveness_sample answered ports spread over the answered list,
// plus the highest answered port.
PortSet answered_sample(const TargetScan& scan) {
    std::vector<std::uint16_t> answered;
    for (const auto& r : scan.ports)
        if (r.state != PortState::filtered) answered.push_back(r.port);
    PortSet sample;
    if (answered.empty()) return sample;
    auto step = std::max<std::size_t>(1, answered.size() / k_liveness_sample);
    for (std::size_t i = 0, n = 0; i < answered.size() && n < k_liveness_sample; i += step, ++n)
        sample.add(answered[i]);
    sample.add(answered.back());  // the latest-scanned port in port order
    return sample;
}

// `ports` holds every port that got an answer (ICMP included); the rest of
// `scanned` is silent. A target with no silent port has nothing a dead path
// could have faked, and needs no re-check (4,096 targets x 16 closed ports
// paid 36,864 extra connects for it).
bool has_silent_ports(const TargetScan& scan) { return scan.scanned.size() > scan.ports.size(); }

bool any_answered(const std::vector<TargetScan>& rechecked) {
    for (const auto& s : rechecked)
        for (const auto& r : s.ports)
            if (r.state != PortState::filtered) return true;
    return false;
}

// Each lane is a one-target scan of <= 9 ports: 9 sockets in flight, and as
// many kept for reuse. Within the fd limit (raised by the scan already), so
// the re-check never meets EMFILE.
std::size_t lane_count(std::size_t targets) {
    rlimit rl{};
    std::size_t fds = 1024;
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) fds = rl.rlim_cur;
    auto by_fds = (fds > k_fd_reserve ? fds - k_fd_reserve : 0) / (2 * (k_liveness_sample + 1));
    return std::clamp<std::size_t>(std::min(by_fds, k_max_lanes), 1, std::max<std::size_t>(targets, 1));
}

struct Recheck {
    std::vector<TargetScan>& scans;
    std::vector<std::size_t> todo;  // indexes into scans
    std::vector<bool> done;         // per todo entry: re-checked to the end
    std::size_t next = 0;
    ScanOptions options;            // per lane: no deadline of its own, a share of --rate
    std::atomic<bool> halt{false};  // the user's stop or the run's deadline
    std::exception_ptr failure;     // a lane's, rethrown once all have ended
};

asio::awaitable<void> check_one(Recheck& r, std::size_t k) {
    auto& scan = r.scans[r.todo[k]];
    auto sample = answered_sample(scan);
    // Named locals, not braced temporaries: GCC 12 miscompiles
    // initializer lists inside coroutine bodies.
    std::vector<Target> one;
    one.push_back(scan.target);
    scan::ProgressFn no_progress;
    auto again = co_await scan::scan_targets(one, sample, r.options, no_progress, r.halt);
    if (r.halt.load()) co_return;  // interrupted: says nothing either way
    r.done[k] = true;
    if (any_answered(again)) co_return;
    scan.complete = false;
    scan.incomplete_reason = "target stopped answering: none of " + std::to_string(sample.size()) +
                             " ports that answered earlier (" + sample.to_string() +
                             ") answers now; the scanner's network may have gone down";
}

asio::awaitable<void> lane(Recheck& r) {
    while (!r.halt.load() && r.next < r.todo.size()) co_await check_one(r, r.next++);
}

// Copies "stop or past the deadline" into the lanes' flag each tick (the
// engine polls its flag the same way) until every lane has ended.
asio::awaitable<void> watch(Recheck& r, const std::atomic<bool>& stop, clock::time_point until,
                            const std::size_t& lanes_alive) {
    asio::steady_timer tick(co_await asio::this_coro::executor);
    while (lanes_alive > 0) {
        if (stop.load() || clock::now() >= until) r.halt = true;
        tick.expires_after(k_watch_tick);
        co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

}  // namespace

asio::awaitable<void> recheck_liveness(std::vector<TargetScan>& scans, const ScanOptions& options,
                                       const std::atomic<bool>& stop, clock::time_point until) {
    Recheck r{scans, {}, {}, 0, options, {}, {}};
    for (std::size_t i = 0; i < scans.size(); ++i)
        if (scans[i].complete && !scans[i].ports.empty() && has_silent_ports(scans[i])) r.todo.push_back(i);
    r.todo.erase(std::remove_if(r.todo.begin(), r.todo.end(),
                                [&](std::size_t i) { return answered_sample(scans[i]).empty(); }),
                 r.todo.end());
    if (r.todo.empty() || stop.load()) co_return;
    r.done.assign(r.todo.size(), false);
    auto lanes = lane_count(r.todo.size());
    r.options.deadline = std::chrono::seconds(0);
    r.options.stop_at_first_answer = true;
    r.options.rate = options.rate / static_cast<double>(lanes);  // --rate caps the sum
    auto ex = co_await asio::this_coro::executor;
    std::size_t alive = lanes;
    asio::steady_timer all_done(ex, clock::time_point::max());
    for (std::size_t i = 0; i < lanes; ++i)
        asio::co_spawn(ex, lane(r), [&](std::exception_ptr e) {
            if (e && !r.failure) r.failure = e;
            if (e) r.halt = true;
            if (--alive == 0) all_done.cancel();
        });
    co_await watch(r, stop, until, alive);
    while (alive > 0) co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));
    if (r.failure) std::rethrow_exception(r.failure);
    if (stop.load()) co_return;
    // Past the deadline: a scan whose re-check did not finish is not proven.
    for (std::size_t k = 0; k < r.todo.size(); ++k) {
        auto& scan = scans[r.todo[k]];
        if (r.done[k] || !scan.complete) continue;
        scan.complete = false;
        scan.incomplete_reason = "deadline of " + std::to_string(options.deadline.count()) +
                                 " s reached before the liveness re-check of this target finished";
    }
}

}  // namespace exposcan::detail
