#include "scan/engine.hpp"

#include <sys/resource.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "scan/budget.hpp"
#include "scan/raw_connect.hpp"

namespace exposcan::scan {

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto k_tick = std::chrono::milliseconds(10);            // deadline sweep resolution
constexpr auto k_progress_interval = std::chrono::milliseconds(200);  // at most 5 reports/s
constexpr auto k_window_cut_interval = std::chrono::milliseconds(100);
constexpr std::size_t k_min_window_on_loss = 8;
constexpr std::size_t k_initial_window = 256;
constexpr std::size_t k_yield_every = 64;  // synchronous attempts between yields
// Workers start at half the in-flight budget and grow by a quarter per
// interval while the rate is bound by waiting, not by this thread's CPU.
constexpr auto k_grow_interval = std::chrono::milliseconds(100);
constexpr double k_busy_share = 0.8;

std::chrono::microseconds thread_cpu_time() {
    rusage u{};
    if (::getrusage(RUSAGE_THREAD, &u) != 0) return {};
    return std::chrono::seconds(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           std::chrono::microseconds(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// An answer this much slower than the target's fastest says packets queue
// somewhere (our stack, a router, the target): the sign to send less.
constexpr double k_queueing_factor = 2.0;
constexpr std::uint32_t k_queueing_slack_us = 20000;
bool queueing(std::uint32_t min_rtt_us, std::uint32_t rtt_us) {
    return min_rtt_us > 0 && rtt_us > k_queueing_factor * min_rtt_us + k_queueing_slack_us;
}

std::vector<std::uint16_t> port_list(const PortSet& ports) { return ports.to_vector(); }

// With a --rate cap, more workers than rate * max_timeout only queue up in the
// throttle (and would sleep long after a stop).
std::size_t rate_bound(const ScanOptions& o, std::size_t budget) {
    if (o.rate <= 0) return budget;
    auto secs = std::chrono::duration<double>(o.max_timeout).count();
    auto bound = static_cast<std::size_t>(std::ceil(o.rate * secs)) + 1;
    return std::min(budget, bound);
}

}  // namespace

Engine::Engine(asio::any_io_executor ex, const std::vector<Target>& targets, const PortSet& ports,
               const ScanOptions& options, std::size_t budget, ScanHints& hints, ProgressFn progress,
               const std::atomic<bool>& stop)
    : ex_(ex), targets_(targets), ports_(ports), options_(options), progress_(std::move(progress)), stop_(stop),
      queue_(targets.size(), port_list(ports)), poller_(ex), throttle_(options.rate), wake_(ex), tick_(ex) {
    states_.reserve(targets.size());
    auto port_count = ports.size();  // a popcount of 8 KiB: once, not per target
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& t = targets[i];
        states_.emplace_back(options, port_count, hints[i]);
        endpoints_.emplace_back(t.address, 0);
    }
    budget_ = std::max<std::size_t>(1, rate_bound(options, std::min<std::size_t>(budget, queue_.total())));
    initial_workers_ = std::max<std::size_t>(1, budget_ / 2);
    // Slow start: a first wave of thousands of connects keeps the loop busy
    // long enough to inflate the first RTT samples (and so every timeout).
    window_ = std::min(budget_, k_initial_window);
    slots_.resize(budget_);
    spares_.resize(budget_);
    wake_all();
}

asio::awaitable<std::vector<TargetScan>> Engine::run() {
    start_ = last_progress_ = clock::now();
    last_grow_ = start_;
    cpu_at_last_grow_ = thread_cpu_time();
    timers_.reserve(budget_);
    for (std::size_t i = 0; i < budget_; ++i) timers_.emplace_back(ex_);
    spawn_workers(initial_workers_);
    asio::co_spawn(ex_, pump(), [this](std::exception_ptr e) {
        if (e && !failure_) failure_ = e;
        pump_done_ = true;
    });
    co_await supervisor();
    // The pump refers to this engine: it must be gone before we return.
    while (!pump_done_) co_await asio::post(ex_, asio::use_awaitable);
    if (failure_) std::rethrow_exception(failure_);
    if (std::getenv("EXPOSCAN_DEBUG_SCAN"))
        std::fprintf(stderr, "scan: budget %zu window %zu attempts %llu local errors %llu (%s)\n", budget_, window_,
                     static_cast<unsigned long long>(attempts_),
                     static_cast<unsigned long long>(local_errors_.count()), local_errors_.last_message().c_str());
    report_progress(clock::now(), true);
    co_return results();
}

void Engine::spawn_workers(std::size_t n) {
    for (; n > 0 && spawned_ < budget_; --n) {
        ++workers_alive_;
        asio::co_spawn(ex_, worker(spawned_++), [this](std::exception_ptr e) {
            if (e && !failure_) failure_ = e;
            if (--workers_alive_ == 0) {
                finished_ = true;
                tick_.cancel();
                poller_.cancel();
            }
        });
    }
}

void Engine::maybe_grow(clock::time_point now) {
    if (spawned_ >= budget_ || aborted_ || now - last_grow_ < k_grow_interval) return;
    auto cpu = thread_cpu_time();
    double busy = std::chrono::duration<double>(cpu - cpu_at_last_grow_).count() /
                  std::chrono::duration<double>(now - last_grow_).count();
    last_grow_ = now;
    cpu_at_last_grow_ = cpu;
    // More connects in flight raise the rate only when waiting for answers
    // (or deadlines) is what limits it: every worker busy, the window open,
    // and this thread with time to spare. A loop that is already busy (a
    // fast path) would only hold more memory (~1.7 KiB per worker).
    bool all_busy = inflight_ + spawned_ / 16 >= spawned_ && window_ >= spawned_;
    if (all_busy && busy < k_busy_share && !queue_.empty()) spawn_workers(spawned_ / 4);
}

asio::awaitable<void> Engine::worker(std::size_t id) {
    auto& timer = timers_[id];
    std::size_t synchronous_run = 0;
    while (!aborted_) {
        if (stop_.load(std::memory_order_relaxed)) abort("interrupted");
        std::optional<Job> job;
        if (id < window_) job = next_job();
        if (!job) {
            if (inflight_ == 0 && queue_.empty()) break;
            co_await wait_for_work();
            continue;
        }
        co_await throttle_.acquire(timer);
        if (aborted_) break;
        ++inflight_;
        ++attempts_;
        Attempt a;
        if (start_attempt(id, *job, a)) {
            // Pending: the pump (an answer) or the sweep (the deadline) wakes us.
            do {
                timer.expires_at(clock::time_point::max());
                co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
            } while (!settled(id, a));
        }
        --inflight_;
        auto backoff = handle(*job, a);
        if (backoff.count() > 0) co_await sleep(timer, backoff);
        if (a.synchronous && ++synchronous_run >= k_yield_every) {
            // Loopback answers complete inside connect(): without a yield one
            // worker would run the whole scan and starve the supervisor.
            synchronous_run = 0;
            co_await asio::post(ex_, asio::use_awaitable);
        }
    }
    wake_all();  // let idle workers see the end too
}

std::optional<Job> Engine::next_job() {
    if (auto job = queue_.next()) {
        if (job->tries == 0 && !job->loss_probe) {
            auto& st = states_[job->target];
            if (st.probe_due()) queue_.retry(Job{job->target, st.probe_port(st.probes_sent() - 1), 0, true});
        }
        return job;
    }
    if (inflight_ > 0 || !add_settled_work()) return std::nullopt;
    wake_all();
    return queue_.next();
}

bool Engine::add_settled_work() {
    // Every idle worker asks; if no attempt finished since the last fruitless
    // look, the answer is the same. Without this, T targets cost T workers x
    // T states per settle: quadratic (a /20 x 1 port took 12 s).
    if (attempts_ == settled_at_attempts_) return false;
    bool probing = false;
    for (std::uint32_t t = 0; t < states_.size(); ++t) {
        auto n = states_[t].take_loss_probes();
        for (std::size_t i = 0; i < n; ++i) queue_.retry(Job{t, states_[t].probe_port(i), 0, true});
        probing = probing || n > 0;
    }
    if (probing) return true;  // decide retries once the probes have measured
    for (std::uint32_t t = 0; t < states_.size(); ++t) requeue_underretried(t);
    if (queue_.empty()) settled_at_attempts_ = attempts_;
    return !queue_.empty();
}

void Engine::requeue_underretried(std::uint32_t target) {
    int from = 0;
    auto ports = states_[target].take_underretried(from);
    for (auto p : ports) queue_.retry(Job{target, p, static_cast<std::uint8_t>(from)});
    done_ -= ports.size();
}

// Answers faster than this can arrive inside connect() (loopback, a LAN);
// beyond it, checking at once only costs two syscalls per try.
constexpr std::uint32_t k_synchronous_rtt_us = 1000;

tcp::endpoint Engine::endpoint_of(std::uint32_t target, std::uint16_t port) const {
    auto ep = endpoints_[target];
    ep.port(port);
    return ep;
}

void Engine::keep_spare(std::size_t id, const tcp::endpoint& ep, RawSocket& socket, bool watched) {
    spares_[id].of(ep) = Spare{std::move(socket), watched};
}

bool Engine::start_attempt(std::size_t id, const Job& job, Attempt& a) {
    auto ep = endpoint_of(job.target, job.port);
    auto t0 = clock::now();
    auto& spare = spares_[id].of(ep);
    bool check_now = states_[job.target].min_rtt_us() < k_synchronous_rtt_us;
    auto start = start_connect(ep, spare.socket, check_now);
    bool watched = start.recycled && spare.watched;
    spare.watched = false;
    if (start.pending) {
        if (!watched) start.result = poller_.watch(start.socket.get(), id);
        if (!start.result) {
            slots_[id] = Slot{std::move(start.socket), t0, {}, job.target, job.port, true, false, false};
            return true;
        }
        start.socket.close();  // not watchable (the epoll set is full): a local error, like EMFILE
    }
    a.error = start.result;
    a.synchronous = true;
    if (start.socket.get() >= 0) conclude(a, start.socket.get(), ep, clock::now() - t0);
    else a.outcome = classify(a.error);
    if (a.error == boost::system::errc::connection_refused && recycle(start.socket))
        keep_spare(id, ep, start.socket, watched);
    return false;
}

bool Engine::settled(std::size_t id, Attempt& a) {
    auto& slot = slots_[id];
    int fd = slot.socket.get();
    if (aborted_) {
        slot.socket.close();
        return true;  // handle() ignores it
    }
    if (slot.ready) {
        // A late answer (after the deadline, before we ran) still counts.
        a.error = connect_result(fd);
        if (a.error || is_connected(fd)) {
            auto ep = endpoint_of(slot.target, slot.port);
            conclude(a, fd, ep, slot.ready_at - slot.t0);
            if (a.error == boost::system::errc::connection_refused && recycle(slot.socket))
                keep_spare(id, ep, slot.socket, true);
            slot.socket.close();  // open (RST, linger 0) or unreachable: now, not at the next attempt
            return true;
        }
        // Reported, but neither failed nor connected: a wakeup of the
        // socket's previous connect. This one is still in SYN_SENT.
        slot.ready = false;
    }
    if (!slot.timed_out) {
        slot.waiting = true;
        return false;
    }
    a.error = asio::error::operation_aborted;
    a.outcome = classify(a.error);
    // Silent: reset the socket and keep it, still watched (the filtered case).
    if (recycle_timed_out(slot.socket)) keep_spare(id, endpoint_of(slot.target, slot.port), slot.socket, true);
    return true;
}

void Engine::conclude(Attempt& a, int fd, const tcp::endpoint& ep, clock::duration elapsed) {
    a.elapsed_us = static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count());
    a.outcome = classify(a.error);
    if (a.error) return;
    // Scanning our own ephemeral ports on loopback, the kernel may pick the
    // destination port as the source: TCP simultaneous open "connects" to itself.
    a.self_connect = is_self_connect(fd, ep);
    set_linger_zero(fd);
}

Engine::clock::duration Engine::handle(const Job& job, const Attempt& a) {
    if (aborted_) return {};  // a cancelled attempt means nothing; the port stays unfinished
    auto now = clock::now();
    auto& st = states_[job.target];
    if (a.self_connect) {
        queue_.put_back(job);  // not a try: nothing reached a target
        return {};
    }
    if (a.outcome.kind == OutcomeKind::local_error) {
        queue_.put_back(job);
        cut_window(1, now);
        return local_errors_.on_error(a.error, now);
    }
    if (a.outcome.kind == OutcomeKind::unsent) {
        if (!job.loss_probe) {
            st.record_unsent(job.port, "the runner's own firewall refused the SYN: " + a.error.message());
            ++done_;
        }
        return {};
    }
    local_errors_.on_success();
    st.count_try(job.loss_probe, job.tries > 0, a.outcome.kind == OutcomeKind::answer);
    if (job.loss_probe) {
        handle_loss_probe(job, a);
        if (st.raise_pending()) requeue_underretried(job.target);
        return {};
    }
    if (st.adopt_pooled_estimate()) requeue_underretried(job.target);
    // Every attempt that got a SYN out without loss grows the window by one:
    // it doubles per round trip (or per timeout) up to the budget.
    if (window_ < budget_ && !(a.outcome.kind == OutcomeKind::answer && job.tries > 0)) ++window_;
    if (a.outcome.kind == OutcomeKind::silent && job.tries < st.allowed_retries()) {
        queue_.retry(Job{job.target, job.port, static_cast<std::uint8_t>(job.tries + 1)});
        return {};
    }
    if (a.outcome.kind == OutcomeKind::answer) {
        bool queued = queueing(st.min_rtt_us(), a.elapsed_us);
        st.rtt_sample(std::chrono::microseconds(a.elapsed_us));
        st.on_answer(job.tries);
        if (st.raise_pending()) requeue_underretried(job.target);
        // Random loss is not congestion: an answer on a retry does not slow
        // the scan (the loss estimate gives tries instead); an RTT far above
        // the path's minimum (queues filling) does.
        if (queued) cut_window(k_min_window_on_loss, now);
    }
    finish_port(job, a, now);
    // The liveness re-check asks "does anything still answer?": the first
    // open or closed port says yes; waiting out the lost tries of the others
    // cost it 0.2-0.5 s per target on a 100 ms path.
    if (options_.stop_at_first_answer && a.outcome.kind == OutcomeKind::answer &&
        a.outcome.state != PortState::filtered)
        abort("answered");
    return {};
}

void Engine::handle_loss_probe(const Job& job, const Attempt& a) {
    auto& st = states_[job.target];
    bool answered = a.outcome.kind == OutcomeKind::answer;
    if (answered) st.rtt_sample(std::chrono::microseconds(a.elapsed_us));
    st.on_probe(answered);
}

void Engine::finish_port(const Job& job, const Attempt& a, clock::time_point now) {
    auto& st = states_[job.target];
    ++done_;
    if (a.outcome.kind == OutcomeKind::silent) {
        st.record_silent(job.port, now);
        return;
    }
    st.record(PortResult{job.port, a.outcome.state, a.outcome.reason, static_cast<std::uint8_t>(job.tries + 1),
                         a.elapsed_us},
              now);
}

void Engine::cut_window(std::size_t floor, clock::time_point now) {
    // One cut per interval: a burst of losses from one event is one signal.
    if (now - last_window_cut_ < k_window_cut_interval) return;
    last_window_cut_ = now;
    window_ = std::max(std::min(floor, budget_), window_ / 2);
}

asio::awaitable<void> Engine::supervisor() {
    while (!finished_) {
        auto now = clock::now();
        sweep_deadlines(now);
        check_abort(now);
        maybe_grow(now);
        report_progress(now, false);
        if (!queue_.empty() || aborted_) wake_all();
        tick_.expires_after(k_tick);
        co_await tick_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

void Engine::sweep_deadlines(clock::time_point now) {
    // Answers already in before a deadline is read: after a stall of this
    // process (a busy runner) the sweep's tick can run before the pump, and
    // would call a port silent whose answer is waiting.
    drain_ready(now);
    // Per slot in flight, not per target: 4,096 targets x 100 sweeps/s would
    // cost more than the connects of a short port list.
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        auto& slot = slots_[i];
        if (!slot.waiting || slot.t0 + states_[slot.target].timeout() > now) continue;
        slot.waiting = false;
        slot.timed_out = true;
        timers_[i].cancel();
    }
}

asio::awaitable<void> Engine::pump() {
    // Not `while (!finished_ && co_await ...)`: GCC 12 miscompiles a co_await
    // in a short-circuit condition (SIGILL on the first resume).
    while (!finished_) {
        bool ready = co_await poller_.wait();
        if (!ready) break;
        drain_ready(clock::now());
    }
}

void Engine::drain_ready(clock::time_point now) {
    for (;;) {
        auto batch = poller_.harvest();
        for (auto slot : batch) on_ready(slot, now);
        if (!poller_.full(batch)) return;
    }
}

void Engine::on_ready(std::uint64_t id, clock::time_point now) {
    if (id >= slots_.size()) return;
    auto& slot = slots_[id];
    // Not waiting and not timed out: the worker has moved on (a report for
    // a socket between attempts); its next wait starts with a fresh slot.
    if (slot.ready || !(slot.waiting || slot.timed_out)) return;
    slot.ready = true;
    slot.ready_at = now;
    if (!slot.waiting) return;  // timed out; the worker, already woken, finds `ready`
    slot.waiting = false;
    timers_[id].cancel();
}

void Engine::check_abort(clock::time_point now) {
    if (aborted_) return;
    if (stop_.load(std::memory_order_relaxed)) return abort("interrupted");
    if (options_.deadline.count() > 0 && now - start_ >= options_.deadline)
        return abort("deadline of " + std::to_string(options_.deadline.count()) + " s reached");
    if (local_errors_.given_up(now, options_.local_error_giveup))
        abort("local resource error for " + std::to_string(options_.local_error_giveup.count()) +
              " s: " + local_errors_.last_message());
}

void Engine::abort(std::string reason) {
    aborted_ = true;
    abort_reason_ = std::move(reason);
    for (auto& slot : slots_) slot.waiting = false;
    for (auto& timer : timers_) timer.cancel();
    wake_all();
}

void Engine::report_progress(clock::time_point now, bool force) {
    if (!progress_ || (!force && now - last_progress_ < k_progress_interval)) return;
    double dt = std::chrono::duration<double>(now - last_progress_).count();
    double total_dt = std::chrono::duration<double>(now - start_).count();
    Progress p;
    p.done = done_;
    p.total = queue_.total();
    p.rate = dt > 0 ? static_cast<double>(attempts_ - attempts_at_last_progress_) / dt : 0;
    double per_s = total_dt > 0 ? static_cast<double>(done_) / total_dt : 0;
    p.eta_seconds = per_s > 0 ? static_cast<double>(p.total - std::min(p.total, p.done)) / per_s : 0;
    last_progress_ = now;
    attempts_at_last_progress_ = attempts_;
    progress_(p);
}

asio::awaitable<void> Engine::sleep(asio::steady_timer& timer, clock::duration d) {
    timer.expires_after(d);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<void> Engine::wait_for_work() {
    co_await wake_.async_wait(asio::as_tuple(asio::use_awaitable));
}

std::vector<TargetScan> Engine::results() {
    std::vector<TargetScan> out;
    out.reserve(targets_.size());
    for (std::size_t i = 0; i < targets_.size(); ++i)
        out.push_back(states_[i].result(targets_[i], ports_, start_, abort_reason_));
    return out;
}

}  // namespace exposcan::scan
