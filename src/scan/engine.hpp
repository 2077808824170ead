// The connect engine: a pool of worker coroutines on one io_context (half
// the in-flight budget at first, more while waiting for answers limits the
// rate), each pulling the next (target, port) from the WorkQueue; pending
// connects wait in the engine's own epoll set (connect_poller.hpp), read by
// one pump coroutine; one supervisor coroutine enforces per-attempt
// deadlines (a sweep, not a timer per connect), the run deadline, the stop
// flag, local-error give-up and progress. Single-threaded: no locks.
// docs/scan-engine.md explains why.
#pragma once
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <string>
#include <vector>

#include "exposcan/scan.hpp"
#include "scan/connect_poller.hpp"
#include "scan/error_map.hpp"
#include "scan/local_errors.hpp"
#include "scan/raw_connect.hpp"
#include "scan/target_state.hpp"
#include "scan/throttle.hpp"
#include "scan/work_queue.hpp"

namespace exposcan::scan {

class Engine {
public:
    using clock = std::chrono::steady_clock;

    // `budget`: connects in flight at once (budget.hpp), at least 1.
    // `hints`: one per target, shared with the other shards (outlives the engine).
    Engine(boost::asio::any_io_executor ex, const std::vector<Target>& targets, const PortSet& ports,
           const ScanOptions& options, std::size_t budget, ScanHints& hints, ProgressFn progress,
           const std::atomic<bool>& stop);
    boost::asio::awaitable<std::vector<TargetScan>> run();

private:
    // One in-flight connect, visible to the supervisor's deadline sweep and
    // to the poller's pump. Its deadline is t0 + the target's timeout *now*:
    // the first answers of a scan shorten the waits already under way
    // instead of every port of the first wave sitting out initial_timeout.
    struct Slot {
        RawSocket socket;
        clock::time_point t0{};
        clock::time_point ready_at{};  // when the pump saw readiness: the answer's arrival, for the RTT
        std::uint32_t target = 0;
        std::uint16_t port = 0;
        bool waiting = false;    // the worker sleeps on its timer until the pump or the sweep wakes it
        bool ready = false;      // the pump reported the socket (maybe after the deadline: a late answer)
        bool timed_out = false;
    };
    struct Attempt {
        Outcome outcome;
        std::uint32_t elapsed_us = 0;
        bool self_connect = false;  // loopback connected to itself: not an answer, try again
        bool synchronous = false;   // answered inside connect(): the worker never yielded
        boost::system::error_code error;
    };

    boost::asio::awaitable<void> worker(std::size_t id);
    void spawn_workers(std::size_t n);
    // Adds workers (up to budget_) while the rate is bound by waiting.
    void maybe_grow(clock::time_point now);
    // Starts the job's connect. True: pending in slots_[id] (the worker
    // sleeps until settled()); false: `a` has the outcome already. Plain
    // functions, not coroutines: a coroutine frame per attempt was ~1 KiB
    // per connect in flight.
    bool start_attempt(std::size_t id, const Job& job, Attempt& a);
    // After a wakeup: true when the pending connect has its outcome in `a`
    // (answer, deadline or abort); false: sleep on.
    bool settled(std::size_t id, Attempt& a);
    [[nodiscard]] boost::asio::ip::tcp::endpoint endpoint_of(std::uint32_t target, std::uint16_t port) const;
    // Keeps a reset socket for worker `id`'s next attempt of ep's family;
    // `watched`: it is still in poller_'s set.
    void keep_spare(std::size_t id, const boost::asio::ip::tcp::endpoint& ep, RawSocket& socket, bool watched);
    void conclude(Attempt& a, int fd, const boost::asio::ip::tcp::endpoint& ep, clock::duration elapsed);
    boost::asio::awaitable<void> pump();
    void drain_ready(clock::time_point now);
    void on_ready(std::uint64_t slot, clock::time_point now);
    boost::asio::awaitable<void> supervisor();
    boost::asio::awaitable<void> sleep(boost::asio::steady_timer& timer, clock::duration d);
    boost::asio::awaitable<void> wait_for_work();
    std::optional<Job> next_job();
    // When everything is settled: loss probes first, then extra tries for
    // silent ports that loss now says deserve them. False: nothing to add.
    bool add_settled_work();
    // Hands out again the silent ports of `target` that a raise of its tries
    // now covers (target_state.hpp take_underretried).
    void requeue_underretried(std::uint32_t target);
    void handle_loss_probe(const Job& job, const Attempt& a);
    // Returns how long this worker must back off (zero: go on).
    clock::duration handle(const Job& job, const Attempt& a);
    void cut_window(std::size_t floor, clock::time_point now);
    void finish_port(const Job& job, const Attempt& a, clock::time_point now);
    void sweep_deadlines(clock::time_point now);
    void check_abort(clock::time_point now);
    void report_progress(clock::time_point now, bool force);
    void abort(std::string reason);
    void wake_all() { wake_.expires_at(clock::time_point::max()); }
    std::vector<TargetScan> results();

    boost::asio::any_io_executor ex_;
    const std::vector<Target>& targets_;
    const PortSet& ports_;
    const ScanOptions& options_;
    ProgressFn progress_;
    const std::atomic<bool>& stop_;

    std::vector<TargetState> states_;
    std::vector<boost::asio::ip::tcp::endpoint> endpoints_;  // per target, port filled per attempt
    WorkQueue queue_;
    std::vector<Slot> slots_;
    // Per worker, per family (v4, v6): a socket ready to connect again
    // (refused or timed out, then reset); `watched`: already in poller_'s set.
    struct Spare {
        RawSocket socket;
        bool watched = false;
    };
    struct Spares {
        Spare v4, v6;
        Spare& of(const boost::asio::ip::tcp::endpoint& ep) { return ep.address().is_v6() ? v6 : v4; }
    };
    std::vector<Spares> spares_;
    ConnectPoller poller_;
    bool pump_done_ = false;
    Throttle throttle_;
    LocalErrors local_errors_;
    // Per worker: its throttle and back-off waits, and its wait for a pending
    // connect (expires never; the pump or the sweep cancels it). abort()
    // cancels them, so a stop or the deadline never waits out a slow --rate
    // (1/rate can be hours).
    std::vector<boost::asio::steady_timer> timers_;
    boost::asio::steady_timer wake_;       // idle workers wait here; expires_at() wakes them all
    boost::asio::steady_timer tick_;       // the supervisor's
    std::size_t budget_ = 1;               // workers at most (connects in flight)
    std::size_t initial_workers_ = 1;
    std::size_t spawned_ = 0;
    clock::time_point last_grow_{};
    std::chrono::microseconds cpu_at_last_grow_{};
    std::size_t window_ = 1;               // workers allowed to connect now (<= budget_)
    std::size_t inflight_ = 0;
    std::size_t workers_alive_ = 0;
    std::uint64_t done_ = 0;
    std::uint64_t attempts_ = 0;
    std::uint64_t settled_at_attempts_ = ~std::uint64_t{0};  // attempts_ when add_settled_work last found nothing
    std::uint64_t attempts_at_last_progress_ = 0;
    std::exception_ptr failure_;
    bool aborted_ = false;
    bool finished_ = false;
    std::string abort_reason_;
    clock::time_point start_{};
    clock::time_point last_progress_{};
    clock::time_point last_window_cut_{};
};

}  // namespace exposcan::scan
