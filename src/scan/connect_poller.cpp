#include "scan/connect_poller.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cerrno>

namespace exposcan::scan {

namespace {

int make_epoll() {
    int fd = ::epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) throw boost::system::system_error(errno, boost::system::system_category(), "epoll_create1");
    return fd;
}

}  // namespace

ConnectPoller::ConnectPoller(const boost::asio::any_io_executor& ex) : epoll_(ex, make_epoll()) {}

boost::system::error_code ConnectPoller::watch(int fd, std::uint64_t tag) {
    // Edge-triggered: the kernel re-polls a socket when it is reported, so a
    // wakeup from an earlier connect on a recycled socket that is in SYN_SENT
    // again is dropped, not reported.
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLET;
    ev.data.u64 = tag;
    if (::epoll_ctl(epoll_.native_handle(), EPOLL_CTL_ADD, fd, &ev) == 0) return {};
    return {errno, boost::system::system_category()};
}

boost::asio::awaitable<bool> ConnectPoller::wait() {
    auto [ec] = co_await epoll_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                                           boost::asio::as_tuple(boost::asio::use_awaitable));
    co_return !ec;
}

std::span<const std::uint64_t> ConnectPoller::harvest() {
    int n = ::epoll_wait(epoll_.native_handle(), events_.data(), static_cast<int>(k_batch), 0);
    // A set that cannot be read hides every answer: each pending port would
    // time out as "filtered". That ends the scan (an error), never a verdict.
    if (n < 0 && errno != EINTR)
        throw boost::system::system_error(errno, boost::system::system_category(), "epoll_wait");
    if (n <= 0) return {};
    for (int i = 0; i < n; ++i) tags_[static_cast<std::size_t>(i)] = events_[static_cast<std::size_t>(i)].data.u64;
    return {tags_.data(), static_cast<std::size_t>(n)};
}

void ConnectPoller::cancel() {
    boost::system::error_code ignored;
    epoll_.cancel(ignored);
}

}  // namespace exposcan::scan
