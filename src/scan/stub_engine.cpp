// PLACEHOLDER until the engine lands: replace this file.
#include <boost/asio/io_context.hpp>

#include "exposcan/error.hpp"
#include "exposcan/scan.hpp"

namespace exposcan::scan {

PortSet parse_port_spec(std::string_view spec) {
    PortSet s;
    if (spec == "-" || spec == "all") return PortSet::all();
    throw UsageError("port spec not supported yet: " + std::string(spec));
}

std::vector<Target> resolve_targets(const std::vector<std::string>& specs, const Limits&) {
    std::vector<Target> out;
    for (const auto& spec : specs) {
        boost::system::error_code ec;
        auto addr = boost::asio::ip::make_address(spec, ec);
        if (ec) throw UsageError("bad target: " + spec);
        out.push_back(Target{spec, spec, addr});
    }
    return out;
}

boost::asio::awaitable<std::vector<TargetScan>> scan_targets(
    const std::vector<Target>& targets, const PortSet& ports, const ScanOptions&, ProgressFn,
    const std::atomic<bool>&) {
    std::vector<TargetScan> out;
    for (const auto& t : targets) {
        TargetScan ts;
        ts.target = t;
        ts.scanned = ports;
        ts.complete = false;
        ts.incomplete_reason = "scan engine not implemented";
        out.push_back(std::move(ts));
    }
    co_return out;
}

}  // namespace exposcan::scan
