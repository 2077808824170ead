// Pending connects wait in the engine's own epoll set, which sits in the
// io_context as one descriptor. Why not asio's socket::async_wait per
// attempt: each try then costs epoll_ctl ADD + MOD + DEL and an ioctl
// (FIONBIO) on top of the connect itself, 4 of the 9 syscalls of a silent try
// (docs/performance.md "Where the time goes"). Here a socket is registered
// once, edge-triggered, and stays registered while it is recycled
// (raw_connect.hpp), so a silent try costs no epoll_ctl at all; readiness
// is read in batches by one pump per engine.
#pragma once
#include <sys/epoll.h>

#include <array>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <span>

namespace exposcan::scan {

class ConnectPoller {
public:
    // Throws boost::system::system_error when no epoll instance can be made.
    explicit ConnectPoller(const boost::asio::any_io_executor& ex);

    // Reports `fd` (writable, error, hangup) with `tag` from now until it is
    // closed: closing a socket removes it from the set, so there is no unwatch.
    [[nodiscard]] boost::system::error_code watch(int fd, std::uint64_t tag);

    // Waits until some watched socket may be ready. False: cancelled.
    boost::asio::awaitable<bool> wait();
    // The tags ready now, without blocking (up to batch size; call again
    // while full()). A tag may come back although its socket has moved on:
    // callers check the socket's real state (raw_connect.hpp).
    std::span<const std::uint64_t> harvest();
    [[nodiscard]] bool full(std::span<const std::uint64_t> batch) const { return batch.size() == k_batch; }
    void cancel();

private:
    static constexpr std::size_t k_batch = 256;
    boost::asio::posix::stream_descriptor epoll_;
    std::array<epoll_event, k_batch> events_{};
    std::array<std::uint64_t, k_batch> tags_{};
};

}  // namespace exposcan::scan
