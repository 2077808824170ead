// The syscall side of one connect attempt. Why not asio's async_connect:
// on loopback and fast LANs the answer (RST or SYN-ACK) is already there when
// connect() returns, so checking at once saves the epoll registration, the
// wakeup and 4 syscalls per port (a -p- scan of a closed host is ~65k of them).
// Only attempts still pending go to the io_context.
#pragma once
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

namespace exposcan::scan {

// Owns a socket fd until released; closes it with RST (SO_LINGER 0) so an open
// port costs the target no FIN handshake and us no TIME_WAIT.
class RawSocket {
public:
    RawSocket() = default;
    explicit RawSocket(int fd) : fd_(fd) {}
    RawSocket(RawSocket&& o) noexcept : fd_(o.release()) {}
    RawSocket& operator=(RawSocket&& o) noexcept {
        if (this != &o) {
            close();
            fd_ = o.release();
        }
        return *this;
    }
    RawSocket(const RawSocket&) = delete;
    ~RawSocket() { close(); }
    [[nodiscard]] int get() const { return fd_; }
    int release() { int fd = fd_; fd_ = -1; return fd; }
    void close();

private:
    int fd_ = -1;
};

struct ConnectStart {
    RawSocket socket;
    bool pending = false;               // neither connected nor failed yet: wait for writability
    bool recycled = false;              // `socket` is the spare passed in (still in the poller's set)
    boost::system::error_code result;   // when !pending: success or the failure
};

// socket(SOCK_NONBLOCK) + connect() + (when `check_now`) a zero-timeout
// check. A failing socket() (EMFILE, ENOBUFS...) comes back as `result` with
// no fd. `spare`, when it holds a socket of ep's family (see recycle()), is
// used instead of a new one. The check pays where answers can beat the
// syscall's return (loopback, a LAN: the RST is handled inside connect());
// on a long path it is two wasted syscalls per try.
ConnectStart start_connect(const boost::asio::ip::tcp::endpoint& ep, RawSocket& spare, bool check_now = true);

// A socket whose connect was refused is in TCP CLOSE with its port already
// released; connect(AF_UNSPEC) resets it so it can connect again. That saves
// socket() + close() (a quarter of the kernel time of a refused port on a
// closed host). False (and the socket closed) if the kernel refuses.
bool recycle(RawSocket& socket);

// The same for a socket whose connect timed out (still SYN_SENT): saves
// socket() + close() per silent try, the bulk of a filtered scan's connects.
bool recycle_timed_out(RawSocket& socket);

// After writability: SO_ERROR as an error_code (success = connected).
boost::system::error_code connect_result(int fd);

// Whether the socket has a peer: after a readiness report with no SO_ERROR,
// this tells a real connect from a report that was not for this connect.
bool is_connected(int fd);

// Loopback scans of our own ephemeral range can "connect" to themselves
// (TCP simultaneous open, local == remote).
bool is_self_connect(int fd, const boost::asio::ip::tcp::endpoint& ep);

// RST on close for an fd that is about to be closed by its owner.
void set_linger_zero(int fd);

}  // namespace exposcan::scan
