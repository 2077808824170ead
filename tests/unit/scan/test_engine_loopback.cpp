// The engine against real sockets on 127.0.0.1 and ::1. Results must equal
// an independent oracle (blocking connects) port for port. No timing asserts.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "unit/scan/loopback.hpp"

using namespace exposcan;
using scan_test::Listener;

namespace {

// Blocks of ports are scanned on this process's own loopback address.
const std::string& v4 = scan_test::own_loopback_v4();

PortSet range(std::uint16_t first, std::uint16_t last) {
    PortSet s;
    s.add_range(first, last);
    return s;
}

PortSet listed(const TargetScan& ts, PortState state) {
    PortSet out;
    for (const auto& r : ts.ports)
        if (r.state == state) out.add(r.port);
    return out;
}

// The scan of one block against the oracle's open ports, port for port.
::testing::AssertionResult equals_oracle(const TargetScan& ts, const PortSet& oracle, const PortSet& block) {
    if (!ts.complete) return ::testing::AssertionFailure() << "incomplete: " << ts.incomplete_reason;
    if (ts.scanned != block) return ::testing::AssertionFailure() << "scanned " << ts.scanned.to_string();
    auto open = listed(ts, PortState::open);
    if (open != oracle)
        return ::testing::AssertionFailure() << "open " << open.to_string() << " oracle " << oracle.to_string();
    auto closed = listed(ts, PortState::closed);
    if (closed.size() + open.size() != ts.scanned.size())
        return ::testing::AssertionFailure() << "closed " << closed.size() << " open " << open.size();
    for (const auto& r : ts.ports) {
        auto want = r.state == PortState::open ? Reason::syn_ack : Reason::conn_refused;
        if (r.reason != want || r.tries != 1) return ::testing::AssertionFailure() << "port " << r.port;
    }
    return ::testing::AssertionSuccess();
}

constexpr int k_oracle_tries = 3;

using Oracle = std::function<PortSet(const std::string&, std::uint16_t, std::uint16_t)>;

// Scans [first,last] on `address` and checks every port against the oracle,
// taken before and after. A concurrent test's listener may come and go inside
// the block: then the scan is repeated, at most k_oracle_tries times. An
// oracle that never holds still is a failure, never a pass: nothing was compared.
::testing::AssertionResult matches_oracle(const std::string& address, std::uint16_t first, std::uint16_t last,
                                          const ScanOptions& options, const Oracle& oracle = scan_test::oracle_open) {
    for (int i = 0; i < k_oracle_tries; ++i) {
        auto before = oracle(address, first, last);
        auto scans = scan_test::scan_sync({address}, range(first, last), options);
        if (oracle(address, first, last) == before) return equals_oracle(scans.at(0), before, range(first, last));
    }
    return ::testing::AssertionFailure() << "the oracle changed during each of " << k_oracle_tries
                                         << " scans of " << address << " " << first << "-" << last;
}

}  // namespace

// The helper itself: a moving oracle is retried, then failed, never passed.
TEST(EngineLoopback, OracleThatNeverHoldsStillIsAFailure) {
    auto first = scan_test::random_block_start(20);
    int calls = 0;
    Oracle moving = [&calls](const std::string&, std::uint16_t a, std::uint16_t) {
        PortSet s;
        s.add(static_cast<std::uint16_t>(a + (calls++ % 2)));  // differs between before and after
        return s;
    };
    EXPECT_FALSE(matches_oracle(v4, first, first + 19, ScanOptions{}, moving));
    EXPECT_EQ(calls, 2 * k_oracle_tries);
}

TEST(EngineLoopback, OracleThatMovedOnceIsRetried) {
    auto first = scan_test::random_block_start(20);
    int calls = 0;
    Oracle settles = [&calls](const std::string& address, std::uint16_t a, std::uint16_t b) {
        auto real = scan_test::oracle_open(address, a, b);
        if (calls++ == 0) real.add(a);  // a listener that was gone by the end of the first scan
        return real;
    };
    EXPECT_TRUE(matches_oracle(v4, first, first + 19, ScanOptions{}, settles));
    EXPECT_EQ(calls, 4);
}

TEST(EngineLoopback, HandfulOfPortsV4AndV6) {
    std::vector<Listener> listeners;
    listeners.emplace_back("127.0.0.1", 0);
    listeners.emplace_back("::1", 0);
    ASSERT_TRUE(listeners[0].ok() && listeners[1].ok());
    auto p4 = listeners[0].port(), p6 = listeners[1].port();
    PortSet ports;
    ports.add(p4);
    ports.add(p6);
    auto scans = scan_test::scan_sync({"127.0.0.1", "::1"}, ports, ScanOptions{});
    ASSERT_EQ(scans.size(), 2u);
    EXPECT_EQ(scans[0].target.address_string(), "127.0.0.1");
    EXPECT_EQ(scans[0].lookup(p4).state, PortState::open);
    EXPECT_EQ(scans[0].lookup(p4).reason, Reason::syn_ack);
    EXPECT_EQ(scans[1].lookup(p6).state, PortState::open);
    // The v4 listener is not on ::1 and vice versa (ports may coincide only by chance).
    if (p4 != p6) {
        EXPECT_EQ(scans[0].lookup(p6).state, PortState::closed);
        EXPECT_EQ(scans[0].lookup(p6).reason, Reason::conn_refused);
        EXPECT_EQ(scans[1].lookup(p4).state, PortState::closed);
    }
    for (const auto& s : scans) {
        EXPECT_TRUE(s.complete);
        EXPECT_EQ(s.ports.size(), 2u);
    }
}

TEST(EngineLoopback, RangeOf2000PortsEqualsOracle) {
    auto first = scan_test::random_block_start(2000);
    std::vector<Listener> listeners;
    for (int i : {0, 1, 7, 500, 1999}) listeners.emplace_back(v4, first + i);
    scan_test::V6LoopbackLock v6_lock;
    for (int i : {3, 1999}) listeners.emplace_back("::1", first + i);
    EXPECT_TRUE(matches_oracle(v4, first, first + 1999, ScanOptions{}));
    EXPECT_TRUE(matches_oracle("::1", first, first + 1999, ScanOptions{}));
}

// Three shards (threads), each an Engine with every third port: merged
// results equal the oracle port for port.
TEST(EngineLoopback, ShardedScanEqualsOracle) {
    auto first = scan_test::random_block_start(9000);
    std::vector<Listener> listeners;
    for (int i : {0, 1, 2, 4500, 8999}) listeners.emplace_back(v4, first + i);
    ScanOptions o;
    o.threads = 3;
    EXPECT_TRUE(matches_oracle(v4, first, first + 8999, o));
}

TEST(EngineLoopback, SmallInflightGivesTheSameResults) {
    auto first = scan_test::random_block_start(300);
    Listener l(v4, first + 10);
    ScanOptions o;
    o.max_inflight = 3;
    EXPECT_TRUE(matches_oracle(v4, first, first + 299, o));
    o.max_inflight = 0;
    o.rate = 2000;  // throttled: same answers
    EXPECT_TRUE(matches_oracle(v4, first, first + 299, o));
}

// ulimit -n 256 in a forked child: the budget must adapt, never EMFILE.
TEST(EngineLoopback, Rlimit256GivesIdenticalResults) {
    auto first = scan_test::random_block_start(2000);
    Listener l1(v4, first + 42);
    Listener l2(v4, first + 1500);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        rlimit lim{256, 256};
        if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) ::_exit(3);
        ::_exit(matches_oracle(v4, first, first + 1999, ScanOptions{}) ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

// A listener whose accept queue is full drops SYNs: a filtered port on
// loopback, without root. The port is silent after every try.
TEST(EngineLoopback, FullAcceptQueueIsFilteredNoResponse) {
    Listener l("127.0.0.1", 0, 0);
    ASSERT_TRUE(l.ok());
    std::vector<int> clients;
    for (int i = 0; i < 3; ++i) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        sockaddr_in sin{};
        sin.sin_family = AF_INET;
        sin.sin_port = htons(l.port());
        sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(fd, reinterpret_cast<sockaddr*>(&sin), sizeof sin);
        clients.push_back(fd);
    }
    ::usleep(50000);
    ScanOptions o;
    o.initial_timeout = std::chrono::milliseconds(50);
    o.min_timeout = std::chrono::milliseconds(20);
    o.max_retries = 1;
    PortSet ports;
    ports.add(l.port());
    auto scans = scan_test::scan_sync({"127.0.0.1"}, ports, o);
    for (int fd : clients) ::close(fd);
    ASSERT_TRUE(scans[0].complete);
    EXPECT_EQ(scans[0].lookup(l.port()).state, PortState::filtered);
    EXPECT_EQ(scans[0].lookup(l.port()).reason, Reason::no_response);
    EXPECT_EQ(scans[0].count(PortState::filtered), 1u);
}

TEST(EngineLoopback, StopFlagMarksIncompleteInterrupted) {
    std::atomic<bool> stop{true};
    auto scans = scan_test::scan_sync({"127.0.0.1", "::1"}, PortSet::all(), ScanOptions{}, &stop);
    ASSERT_EQ(scans.size(), 2u);
    for (const auto& s : scans) {
        EXPECT_FALSE(s.complete);
        EXPECT_EQ(s.incomplete_reason, "interrupted");
        EXPECT_LT(s.scanned.size(), 65535u);
        // Every listed result is of a port counted as scanned.
        for (const auto& r : s.ports) EXPECT_TRUE(s.scanned.contains(r.port)) << r.port;
    }
}
