// Measurement, not a timing assertion (run on demand):
//   test_probe --gtest_also_run_disabled_tests --gtest_filter='*Fifty*'
// 50 open ports that never answer, probed with a 2 s timeout: the total is
// about one timeout because all endpoints run concurrently.
#include <gtest/gtest.h>

#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;
using namespace std::chrono_literals;

TEST(Measure, DISABLED_FiftySilentPortsTakeAboutOneTimeout) {
    asio::io_context io;
    std::vector<std::unique_ptr<LocalServer>> servers;
    std::vector<std::uint16_t> ports;
    for (int i = 0; i < 50; ++i) {
        servers.push_back(std::make_unique<LocalServer>(io, [](tcp::socket s) -> asio::awaitable<void> {
            co_await sleep_for(30s);
            (void)s;
        }));
        ports.push_back(servers.back()->port());
    }
    ProbeOptions o;
    o.timeout = 2000ms;
    const auto t0 = std::chrono::steady_clock::now();
    auto rs = probe_ports(io, ports, o);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    std::cout << "50 silent ports, timeout 2000 ms: total " << ms.count() << " ms\n";
    EXPECT_EQ(rs.size(), 50u);
    for (const auto& r : rs) EXPECT_EQ(r.exposure, Exposure::unknown_service);
}
