// delayfwd TUN_NAME DELAY_MS: lab-only delay line (this kernel has no netem).
//
// Creates TUN device TUN_NAME, reads every IP packet the kernel routes into it,
// holds it DELAY_MS milliseconds and writes it back unchanged. The lab's router
// namespace policy-routes packets from its veths into the TUN and routes what
// comes back out of the TUN normally, so each direction gets DELAY_MS of delay.
// The delay is constant, so a FIFO keeps order. The queue is bounded like a
// router's: past k_max_queued packets new ones are dropped (tail drop).
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t k_max_queued = 200000;
constexpr std::size_t k_max_packet = 65536;

struct Held {
    Clock::time_point due;
    std::vector<unsigned char> bytes;
};

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

int open_tun(const std::string& name) {
    int fd = ::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    ifreq ifr{};
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    if (::ioctl(fd, TUNSETIFF, &ifr) < 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Reads every packet available now into the queue.
void read_all(int fd, std::deque<Held>& queue, std::chrono::milliseconds delay) {
    unsigned char buf[k_max_packet];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) return;
        if (queue.size() >= k_max_queued) continue;
        queue.push_back({Clock::now() + delay, std::vector<unsigned char>(buf, buf + n)});
    }
}

// Writes every packet whose time has come; returns ms until the next one (-1: none).
int write_due(int fd, std::deque<Held>& queue) {
    auto now = Clock::now();
    while (!queue.empty() && queue.front().due <= now) {
        const auto& p = queue.front().bytes;
        if (::write(fd, p.data(), p.size()) < 0 && errno == EAGAIN) break;
        queue.pop_front();
    }
    if (queue.empty()) return -1;
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(queue.front().due - now).count();
    return wait < 0 ? 0 : static_cast<int>(wait);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: delayfwd TUN_NAME DELAY_MS\n");
        return 2;
    }
    int fd = open_tun(argv[1]);
    if (fd < 0) {
        std::perror("delayfwd: tun");
        return 1;
    }
    std::chrono::milliseconds delay{std::atoi(argv[2])};
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    std::deque<Held> queue;
    std::printf("ready\n");
    std::fflush(stdout);
    while (!g_stop) {
        pollfd pfd{fd, POLLIN, 0};
        int timeout = write_due(fd, queue);
        if (::poll(&pfd, 1, timeout) > 0) read_all(fd, queue, delay);
    }
    ::close(fd);
    return 0;
}
