// scan_targets: the public entry of the connect engine (engine.hpp), one
// Engine per shard (shards.hpp).
#include "exposcan/scan.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <thread>

#include "scan/budget.hpp"
#include "scan/engine.hpp"
#include "scan/route_check.hpp"
#include "scan/shards.hpp"

namespace exposcan::scan {

namespace asio = boost::asio;

namespace {

// Everything the shards' threads touch; alive until every thread is joined.
// Each thread posts its end to the caller's executor, whose loop stays free.
class ShardRun {
public:
    ShardRun(asio::any_io_executor caller, const std::vector<Target>& targets, const PortSet& ports,
             const ScanOptions& options, std::size_t budget, unsigned n, ProgressFn progress)
        : caller_(caller), targets_(targets), ports_(split_ports(ports, n)), options_(options),
          budget_(budget / n), results_(n), errors_(n), merger_(totals(targets.size()), std::move(progress)),
          hints_(targets.size()), all_done_(caller, asio::steady_timer::time_point::max()), remaining_(n) {
        options_.rate = options.rate / n;
    }
    ~ShardRun() { threads_.clear(); }  // joins

    void start(const std::atomic<bool>& stop) {
        for (std::size_t i = 0; i < ports_.size(); ++i)
            threads_.emplace_back([this, i, &stop] {
                run_one(i, stop);
                asio::post(caller_, [this] {
                    if (--remaining_ == 0) all_done_.cancel();
                });
            });
    }
    [[nodiscard]] bool running() const { return remaining_ > 0; }
    asio::steady_timer& all_done() { return all_done_; }

    std::vector<TargetScan> merged(const PortSet& all) {
        threads_.clear();
        for (auto& e : errors_)
            if (e) std::rethrow_exception(e);
        return merge_shards(results_, all);
    }

private:
    std::vector<std::uint64_t> totals(std::size_t targets) const {
        std::vector<std::uint64_t> out;
        for (const auto& p : ports_) out.push_back(static_cast<std::uint64_t>(targets) * p.size());
        return out;
    }

    void run_one(std::size_t i, const std::atomic<bool>& stop) {
        try {
            asio::io_context io;
            Engine engine(io.get_executor(), targets_, ports_[i], options_, budget_, hints_, merger_.for_shard(i),
                          stop);
            asio::co_spawn(io, engine.run(), [this, i](std::exception_ptr e, std::vector<TargetScan> r) {
                if (e) errors_[i] = e;
                else results_[i] = std::move(r);
            });
            io.run();
        } catch (...) {
            errors_[i] = std::current_exception();
        }
    }

    asio::any_io_executor caller_;
    const std::vector<Target>& targets_;
    std::vector<PortSet> ports_;
    ScanOptions options_;
    std::size_t budget_;
    std::vector<std::vector<TargetScan>> results_;
    std::vector<std::exception_ptr> errors_;
    ProgressMerger merger_;
    ScanHints hints_;
    asio::steady_timer all_done_;
    unsigned remaining_;  // touched only on the caller's executor
    std::vector<std::jthread> threads_;
};

asio::awaitable<std::vector<TargetScan>> scan_sendable(const std::vector<Target>& targets, const PortSet& ports,
                                                       const ScanOptions& options, ProgressFn progress,
                                                       const std::atomic<bool>& stop) {
    if (targets.empty()) co_return std::vector<TargetScan>{};
    auto ex = co_await asio::this_coro::executor;
    raise_fd_limit();
    auto jobs = static_cast<std::uint64_t>(targets.size()) * ports.size();
    auto budget = compute_budget(options.max_inflight, jobs).inflight;
    unsigned n = shard_count(options, jobs, budget);
    if (n == 1) {
        ScanHints hints(targets.size());
        Engine engine(ex, targets, ports, options, budget, hints, std::move(progress), stop);
        co_return co_await engine.run();
    }
    auto run = std::make_unique<ShardRun>(ex, targets, ports, options, budget, n, std::move(progress));
    run->start(stop);
    while (run->running()) co_await run->all_done().async_wait(asio::as_tuple(asio::use_awaitable));
    co_return run->merged(ports);
}

TargetScan unsendable_scan(const Target& target, std::string why) {
    TargetScan out;
    out.target = target;
    out.complete = false;
    out.incomplete_reason = std::move(why);
    return out;
}

// A route that vanished during the scan (the runner's network went down)
// turns every later SYN into an instant local failure that reads like an
// ICMP net-unreach; asked once more at the end, the route lookup tells.
void recheck_route(TargetScan& scan) {
    if (!scan.complete) return;
    if (auto why = unsendable_reason(scan.target.address)) {
        scan.complete = false;
        scan.incomplete_reason = "the route to the target was lost during the scan: " + *why;
    }
}

}  // namespace

asio::awaitable<std::vector<TargetScan>> scan_targets(const std::vector<Target>& targets, const PortSet& ports,
                                                      const ScanOptions& options, ProgressFn progress,
                                                      const std::atomic<bool>& stop) {
    // Targets this runner cannot send to are not scanned at all: their result
    // is "incomplete" with the local cause, never a port state (route_check.hpp).
    std::vector<std::optional<std::string>> unsendable;
    std::vector<Target> sendable;
    for (const auto& t : targets) {
        unsendable.push_back(unsendable_reason(t.address));
        if (!unsendable.back()) sendable.push_back(t);
    }
    auto scanned = co_await scan_sendable(sendable, ports, options, std::move(progress), stop);
    std::vector<TargetScan> out;
    out.reserve(targets.size());
    auto next = scanned.begin();
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (unsendable[i]) {
            out.push_back(unsendable_scan(targets[i], std::move(*unsendable[i])));
            continue;
        }
        out.push_back(std::move(*next++));
        recheck_route(out.back());
    }
    co_return out;
}

}  // namespace exposcan::scan
