#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "exposcan/probe.hpp"
#include "exposcan/run.hpp"

namespace exposcan {

namespace {

const std::atomic<bool> k_never_stop{false};

struct Stages {
    std::vector<TargetScan> scans;
    std::vector<ProbeResult> probes;
};

boost::asio::awaitable<Stages> scan_then_probe(const std::vector<Target>& targets, const ScanJob& job,
                                               const RunHooks& hooks) {
    Stages st;
    const auto& stop = hooks.stop ? *hooks.stop : k_never_stop;
    st.scans = co_await scan::scan_targets(targets, job.ports, job.options.scan, hooks.progress, stop);
    if (job.options.probe.enabled && !stop.load())
        st.probes = co_await probe::probe_services(probe::open_endpoints(st.scans), job.options.probe,
                                                   job.options.limits);
    co_return st;
}

}  // namespace

RunReport run_scan(const ScanJob& job, const RunHooks& hooks) {
    RunReport report;
    report.command = "scan";
    report.started_at = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    report.targets = scan::resolve_targets(job.target_specs, job.options.limits);

    boost::asio::io_context io;
    auto fut = boost::asio::co_spawn(io, scan_then_probe(report.targets, job, hooks), boost::asio::use_future);
    io.run();
    auto stages = fut.get();
    report.scans = std::move(stages.scans);
    report.probes = std::move(stages.probes);

    report.findings = policy::evaluate(job.policy, report.scans, report.probes);
    for (const auto& s : report.scans)
        if (!s.complete) report.inconclusive.push_back(s.target.name + ": " + s.incomplete_reason);
    report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    report.exit_code = decide_exit_code(report);
    return report;
}

ExitCode decide_exit_code(const RunReport& report) {
    if (!report.findings.empty()) return ExitCode::findings;
    if (!report.inconclusive.empty()) return ExitCode::inconclusive;
    for (const auto& s : report.scans)
        if (!s.complete) return ExitCode::inconclusive;
    if (report.leak && !report.leak->inconclusive.empty()) return ExitCode::inconclusive;
    return ExitCode::clean;
}

}  // namespace exposcan
