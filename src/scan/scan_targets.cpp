// scan_targets: the public entry of the connect engine (engine.hpp).
#include "exposcan/scan.hpp"
#include "scan/engine.hpp"

#include <boost/asio/this_coro.hpp>

namespace exposcan::scan {

boost::asio::awaitable<std::vector<TargetScan>> scan_targets(const std::vector<Target>& targets,
                                                             const PortSet& ports, const ScanOptions& options,
                                                             ProgressFn progress, const std::atomic<bool>& stop) {
    auto ex = co_await boost::asio::this_coro::executor;
    Engine engine(ex, targets, ports, options, std::move(progress), stop);
    co_return co_await engine.run();
}

}  // namespace exposcan::scan
