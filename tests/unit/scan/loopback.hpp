// Helpers for engine tests on loopback: listeners, an independent oracle
// (plain blocking connects), and a synchronous wrapper around scan_targets.
#pragma once
#include <atomic>
#include <string>
#include <vector>

#include "exposcan/scan.hpp"

namespace scan_test {

// A listening TCP socket on `address` (127.0.0.1 or ::1); port 0 = any free.
class Listener {
public:
    Listener(const std::string& address, std::uint16_t port, int backlog = 64);
    Listener(Listener&& o) noexcept : fd_(o.fd_), port_(o.port_) { o.fd_ = -1; }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;
    ~Listener();
    [[nodiscard]] bool ok() const { return fd_ >= 0; }
    [[nodiscard]] std::uint16_t port() const { return port_; }

private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

// Open ports of [first, last] on `address`, by blocking connect.
exposcan::PortSet oracle_open(const std::string& address, std::uint16_t first, std::uint16_t last);

// A random block of `count` ports in 10000-19999: below the ephemeral range
// (no self-connects), and apart from the 20000-27999 block where the script
// tests (tests/servers/*.sh) open their listeners. ctest runs both at once; a
// listener of another test appearing mid-scan moved the oracle on every try.
std::uint16_t random_block_start(std::uint16_t count);

std::vector<exposcan::TargetScan> scan_sync(const std::vector<std::string>& addresses, const exposcan::PortSet& ports,
                                            const exposcan::ScanOptions& options,
                                            const std::atomic<bool>* stop = nullptr);

}  // namespace scan_test
