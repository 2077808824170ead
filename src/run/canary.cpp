// Canaries: proof that this runner's path works. A policy that expects every
// port filtered is satisfied by a dead path too (the runner's own egress
// firewall, a lost route, a captive network): silence looks the same. A
// canary is an address:port the user knows answers (open or closed) from this
// vantage; it is checked before and after the run, and if it stays silent the
// run is inconclusive instead of clean (docs/policy.md "Canaries").
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "exposcan/error.hpp"
#include "exposcan/host_port.hpp"
#include "run/stages.hpp"

namespace exposcan::detail {

namespace {

const std::atomic<bool> k_never_stop{false};

PortResult connect_once(const CanaryCheck& canary, const ScanOptions& options, const RunHooks& hooks) {
    boost::asio::io_context io;
    std::vector<Target> one{canary.target};
    PortSet port;
    port.add(canary.port);
    const auto& stop = hooks.stop ? *hooks.stop : k_never_stop;
    auto fut = boost::asio::co_spawn(io, scan::scan_targets(one, port, options, scan::ProgressFn{}, stop),
                                     boost::asio::use_future);
    io.run();
    auto scans = fut.get();
    return scans.front().lookup(canary.port);
}

}  // namespace

std::vector<CanaryCheck> resolve_canaries(const std::vector<std::string>& specs, const Limits& limits) {
    std::vector<CanaryCheck> out;
    for (const auto& spec : specs) {
        std::string why;
        auto hp = split_host_port(spec, why);
        if (!hp) throw UsageError("--canary: " + why);
        for (auto& target : scan::resolve_targets({hp->host}, limits)) {
            CanaryCheck c;
            c.spec = spec;
            c.target = std::move(target);
            c.target.name = "canary";
            c.port = hp->port;
            out.push_back(std::move(c));
        }
    }
    return out;
}

void check_canaries(std::vector<CanaryCheck>& canaries, CanaryPhase phase, const ScanOptions& options,
                    const RunHooks& hooks) {
    for (auto& c : canaries) {
        if (stop_requested(hooks)) return;
        auto result = connect_once(c, options, hooks);
        (phase == CanaryPhase::before ? c.before : c.after) = result;
    }
}

}  // namespace exposcan::detail
