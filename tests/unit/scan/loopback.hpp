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

// This process's own IPv4 loopback address, 127.64.0.0/10 plus the pid (a pid
// is below 2^22, so two live processes never share one). ctest runs the tests
// as parallel processes; on a shared 127.0.0.1 a listener of another test that
// opened and closed inside this scan's block was seen by the scan and by
// neither oracle pass. Taken once per process: a forked child keeps its
// parent's address, where the parent's listeners are.
const std::string& own_loopback_v4();

// ::1 is the only IPv6 loopback address, so tests that scan a block of ports
// on it take this lock (flock on a file in /tmp) for the block's lifetime.
class V6LoopbackLock {
public:
    V6LoopbackLock();
    V6LoopbackLock(const V6LoopbackLock&) = delete;
    V6LoopbackLock& operator=(const V6LoopbackLock&) = delete;
    ~V6LoopbackLock();

private:
    int fd_ = -1;
};

std::vector<exposcan::TargetScan> scan_sync(const std::vector<std::string>& addresses, const exposcan::PortSet& ports,
                                            const exposcan::ScanOptions& options,
                                            const std::atomic<bool>* stop = nullptr);

}  // namespace scan_test
