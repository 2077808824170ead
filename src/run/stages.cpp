#include "run/stages.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "exposcan/probe.hpp"

namespace exposcan::detail {

namespace {

const std::atomic<bool> k_never_stop{false};

boost::asio::awaitable<Stages> run_stages(const std::vector<Target>& targets, const PortSet& ports,
                                          const Options& options, const RunHooks& hooks) {
    Stages st;
    const auto& stop = hooks.stop ? *hooks.stop : k_never_stop;
    // One deadline for the scan and its liveness re-check (--deadline caps both).
    auto until = options.scan.deadline.count() > 0 ? std::chrono::steady_clock::now() + options.scan.deadline
                                                   : std::chrono::steady_clock::time_point::max();
    st.scans = co_await scan::scan_targets(targets, ports, options.scan, hooks.progress, stop);
    co_await recheck_liveness(st.scans, options.scan, stop, until);
    st.probed = options.probe.enabled && !stop.load();
    if (st.probed)
        st.probes = co_await probe::probe_services(probe::open_endpoints(st.scans), options.probe, options.limits);
    co_return st;
}

}  // namespace

bool stop_requested(const RunHooks& hooks) { return hooks.stop && hooks.stop->load(); }

Stages scan_and_probe(const std::vector<Target>& targets, const PortSet& ports, const Options& options,
                      const RunHooks& hooks) {
    boost::asio::io_context io;
    auto fut = boost::asio::co_spawn(io, run_stages(targets, ports, options, hooks), boost::asio::use_future);
    io.run();
    return fut.get();
}

void finish(RunReport& report, std::chrono::steady_clock::time_point t0) {
    judge_reachability(report);
    // evaluate() emits scan.incomplete for unfinished scans and for addresses
    // where nothing answered; each is an inconclusive part of the run.
    for (const auto& f : report.findings)
        if (f.rule == rules::id(Rule::scan_incomplete)) report.inconclusive.push_back(f.target + " " + f.address + ": " + f.title +
                                                                       " (" + f.evidence + ")");
    if (report.leak)
        for (const auto& why : report.leak->inconclusive) report.inconclusive.push_back("leak: " + why);
    report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    report.exit_code = decide_exit_code(report);
}

}  // namespace exposcan::detail
