#include "scan/raw_connect.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace exposcan::scan {

namespace {

boost::system::error_code sys_error(int err) { return {err, boost::system::system_category()}; }

// Errors that can only come from the socket's own state, never from the
// network: a recycled socket the kernel did not fully reset.
bool socket_state_error(int err) { return err == EALREADY || err == EISCONN || err == ECONNABORTED; }

}  // namespace

void RawSocket::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

void set_linger_zero(int fd) {
    linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

boost::system::error_code connect_result(int fd) {
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    return sys_error(err);
}

bool recycle(RawSocket& socket) {
    sockaddr unspec{};
    unspec.sa_family = AF_UNSPEC;
    if (::connect(socket.get(), &unspec, sizeof unspec) == 0) return true;
    socket.close();
    return false;
}

bool recycle_timed_out(RawSocket& socket) {
    // connect(AF_UNSPEC) on a SYN_SENT socket moves it to CLOSE without a RST
    // (tcp_disconnect) and leaves ECONNRESET pending in SO_ERROR. It is not
    // read off here: the next connect() clears it (tcp_connect_init sets
    // sk_err = 0, in every kernel since 2.6), and a socket that is closed
    // instead never reports it. One syscall less per silent try.
    return recycle(socket);
}

ConnectStart start_connect(const boost::asio::ip::tcp::endpoint& ep, RawSocket& spare, bool check_now) {
    ConnectStart out;
    bool recycled = spare.get() >= 0;
    int fd = recycled ? spare.release()
                      : ::socket(ep.protocol().family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    if (fd < 0) {
        out.result = sys_error(errno);
        return out;
    }
    out.socket = RawSocket(fd);
    out.recycled = recycled;
    if (::connect(fd, ep.data(), static_cast<socklen_t>(ep.size())) == 0) return out;
    if (recycled && socket_state_error(errno)) {
        RawSocket none;
        return start_connect(ep, none, check_now);  // fresh socket; the odd one closes here
    }
    if (errno != EINPROGRESS) {
        out.result = sys_error(errno);
        return out;
    }
    if (!check_now) {
        out.pending = true;
        return out;
    }
    // A refused connect has its error already (one syscall, the common case
    // on a closed host); no error may mean connected or still in flight.
    out.result = connect_result(fd);
    if (out.result) return out;
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, 0) == 1) {
        out.result = connect_result(fd);
        return out;
    }
    out.pending = true;
    return out;
}

bool is_connected(int fd) {
    sockaddr_storage peer{};
    socklen_t len = sizeof peer;
    return ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &len) == 0;
}

bool is_self_connect(int fd, const boost::asio::ip::tcp::endpoint& ep) {
    boost::asio::ip::tcp::endpoint local;
    socklen_t len = static_cast<socklen_t>(local.capacity());
    if (::getsockname(fd, local.data(), &len) != 0) return false;
    local.resize(len);
    return local == ep;
}

}  // namespace exposcan::scan
