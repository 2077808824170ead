// probe_services: every endpoint on the caller's io_context, at most
// max_concurrent at once (a fixed pool of workers pulling the next endpoint),
// so N ports cost about ceil(N / max_concurrent) timeouts, not N.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/as_tuple.hpp>

#include "exposcan/probe.hpp"
#include "probe/runner.hpp"

namespace exposcan::probe {

namespace asio = boost::asio;

namespace {

struct Pool {
    const std::vector<ProbeTarget>& endpoints;
    const ProbeOptions& options;
    const Limits& limits;
    net::HttpClient& http;
    std::vector<ProbeResult> results;
    std::size_t next = 0;
    std::size_t running = 0;
    asio::steady_timer all_done;
};

asio::awaitable<void> worker(Pool& pool) {
    while (pool.next < pool.endpoints.size()) {
        const auto i = pool.next++;
        pool.results[i] = co_await probe_endpoint(pool.http, pool.endpoints[i], pool.options, pool.limits);
    }
    if (--pool.running == 0) pool.all_done.cancel();
}

}  // namespace

asio::awaitable<std::vector<ProbeResult>> probe_services(const std::vector<ProbeTarget>& endpoints,
                                                         const ProbeOptions& options, const Limits& limits) {
    if (endpoints.empty()) co_return std::vector<ProbeResult>{};
    auto ex = co_await asio::this_coro::executor;
    auto& io = static_cast<asio::io_context&>(asio::query(ex, asio::execution::context));
    net::HttpClient http(io);
    Pool pool{endpoints, options, limits, http, std::vector<ProbeResult>(endpoints.size()), 0, 0,
              asio::steady_timer(ex, asio::steady_timer::time_point::max())};
    pool.running = std::min(endpoints.size(), std::max<std::size_t>(options.max_concurrent, 1));
    for (std::size_t w = 0, n = pool.running; w < n; ++w) asio::co_spawn(ex, worker(pool), asio::detached);
    co_await pool.all_done.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return std::move(pool.results);
}

std::vector<ProbeTarget> open_endpoints(const std::vector<TargetScan>& scans) {
    std::vector<ProbeTarget> out;
    for (const auto& s : scans)
        for (const auto& r : s.ports)
            if (r.state == PortState::open) out.push_back(ProbeTarget{s.target, r.port});
    return out;
}

}  // namespace exposcan::probe
