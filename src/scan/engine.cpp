#include "scan/engine.hpp"

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
      queue_(targets.size(), port_list(ports)), throttle_(options.rate), wake_(ex), tick_(ex) {
    states_.reserve(targets.size());
    auto port_count = ports.size();  // a popcount of 8 KiB: once, not per target
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& t = targets[i];
        states_.emplace_back(options, port_count, hints[i]);
        endpoints_.emplace_back(t.address, 0);
    }
    budget_ = std::max<std::size_t>(1, rate_bound(options, std::min<std::size_t>(budget, queue_.total())));
    // Slow start: a first wave of thousands of connects keeps the loop busy
    // long enough to inflate the first RTT samples (and so every timeout).
    window_ = std::min(budget_, k_initial_window);
    slots_.resize(budget_);
    spares_.resize(budget_);
    wake_all();
}

asio::awaitable<std::vector<TargetScan>> Engine::run() {
    start_ = last_progress_ = clock::now();
    workers_alive_ = budget_;
    timers_.reserve(budget_);
    for (std::size_t i = 0; i < budget_; ++i) timers_.emplace_back(ex_);
    for (std::size_t i = 0; i < budget_; ++i) {
        asio::co_spawn(ex_, worker(i), [this](std::exception_ptr e) {
            if (e && !failure_) failure_ = e;
            if (--workers_alive_ == 0) {
                finished_ = true;
                tick_.cancel();
            }
        });
    }
    co_await supervisor();
    if (failure_) std::rethrow_exception(failure_);
    if (std::getenv("EXPOSCAN_DEBUG_SCAN"))
        std::fprintf(stderr, "scan: budget %zu window %zu attempts %llu local errors %llu (%s)\n", budget_, window_,
                     static_cast<unsigned long long>(attempts_),
                     static_cast<unsigned long long>(local_errors_.count()), local_errors_.last_message().c_str());
    report_progress(clock::now(), true);
    co_return results();
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
        auto a = co_await attempt(id, *job);
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
    for (std::uint32_t t = 0; t < states_.size(); ++t) {
        int from = 0;
        auto ports = states_[t].take_underretried(from);
        for (auto p : ports) queue_.retry(Job{t, p, static_cast<std::uint8_t>(from)});
        done_ -= ports.size();
    }
    if (queue_.empty()) settled_at_attempts_ = attempts_;
    return !queue_.empty();
}

asio::awaitable<Engine::Attempt> Engine::attempt(std::size_t id, const Job& job) {
    auto ep = endpoints_[job.target];
    ep.port(job.port);
    Attempt a;
    auto t0 = clock::now();
    auto& spare = spares_[id].of(ep);
    auto start = start_connect(ep, spare);
    int fd = start.socket.get();
    if (start.pending) {
        // Still in flight: wait for writability under the supervisor's deadline sweep.
        tcp::socket socket(ex_, ep.protocol(), start.socket.release());
        slots_[id] = Slot{&socket, t0, job.target, false};
        auto [ec] = co_await socket.async_wait(tcp::socket::wait_write, asio::as_tuple(asio::use_awaitable));
        slots_[id].socket = nullptr;
        a.error = ec ? ec : connect_result(socket.native_handle());
        conclude(a, socket.native_handle(), ep, t0);
        boost::system::error_code ignored;
        if (ec == asio::error::operation_aborted && slots_[id].timed_out && !aborted_) {
            // Silent: hand the fd back from the reactor and reuse it (a
            // refused one was already reused below; this is the filtered case).
            RawSocket raw(socket.release(ignored));
            if (!ignored && raw.get() >= 0 && recycle_timed_out(raw)) spare = std::move(raw);
            co_return a;
        }
        socket.close(ignored);
        co_return a;
    }
    a.error = start.result;
    a.synchronous = true;
    if (fd >= 0) conclude(a, fd, ep, t0);
    else a.outcome = classify(a.error);
    if (a.error == boost::system::errc::connection_refused && recycle(start.socket)) spare = std::move(start.socket);
    co_return a;
}

void Engine::conclude(Attempt& a, int fd, const tcp::endpoint& ep, clock::time_point t0) {
    a.elapsed_us = static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - t0).count());
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
        return {};
    }
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
        // Random loss is not congestion: an answer on a retry does not slow
        // the scan (the loss estimate gives tries instead); an RTT far above
        // the path's minimum (queues filling) does.
        if (queued) cut_window(k_min_window_on_loss, now);
    }
    finish_port(job, a, now);
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
        report_progress(now, false);
        if (!queue_.empty() || aborted_) wake_all();
        tick_.expires_after(k_tick);
        co_await tick_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

void Engine::sweep_deadlines(clock::time_point now) {
    // Per slot in flight, not per target: 4,096 targets x 100 sweeps/s would
    // cost more than the connects of a short port list.
    boost::system::error_code ignored;
    for (auto& slot : slots_) {
        if (slot.socket == nullptr || slot.timed_out || slot.t0 + states_[slot.target].timeout() > now) continue;
        slot.timed_out = true;
        slot.socket->cancel(ignored);
    }
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
    boost::system::error_code ignored;
    for (auto& slot : slots_)
        if (slot.socket != nullptr) slot.socket->cancel(ignored);
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
