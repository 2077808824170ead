#include "cli/signals.hpp"

#include <csignal>
#include <cstring>
#include <string>
#include <unistd.h>

#include "exposcan/run.hpp"

namespace exposcan::cli {

namespace {

std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_signal = 0;

static_assert(std::atomic<bool>::is_always_lock_free, "the handler may only touch lock-free atomics");

// Only async-signal-safe calls here: write(2), _exit(2), lock-free atomics.
void on_stop_signal(int sig) {
    if (g_stop.exchange(true)) {
        static constexpr char k_abort[] = "\nexposcan: second signal, exiting now\n";
        (void)!::write(STDERR_FILENO, k_abort, sizeof k_abort - 1);
        ::_exit(128 + sig);
    }
    g_signal = sig;
    static constexpr char k_msg[] =
        "\nexposcan: stopping, writing partial results (signal again to exit at once)\n";
    (void)!::write(STDERR_FILENO, k_msg, sizeof k_msg - 1);
}

void install(int sig) {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    // SA_RESTART: file writes elsewhere must not fail with EINTR; the event
    // loop's epoll_wait returns EINTR anyway and Asio retries it.
    sa.sa_flags = SA_RESTART;
    ::sigaction(sig, &sa, nullptr);
}

}  // namespace

const std::atomic<bool>& install_stop_signals() {
    install(SIGINT);
    install(SIGTERM);
    return g_stop;
}

int stop_signal() { return g_signal; }

void mark_if_interrupted(RunReport& report) {
    int sig = stop_signal();
    if (sig == 0) return;
    report.inconclusive.push_back(std::string("interrupted by ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
    report.exit_code = decide_exit_code(report);
}

}  // namespace exposcan::cli
