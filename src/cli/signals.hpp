// SIGINT/SIGTERM handling for long runs (docs/reliability.md "Signals").
// The first signal sets a stop flag that the engine polls (RunHooks::stop):
// the scan ends early, every unfinished target is marked incomplete, the
// partial results are still written, and the run exits 2 (inconclusive; 1 if
// the partial results already hold findings). It is never 0. A second signal
// exits at once with 130 (SIGINT) or 143 (SIGTERM), writing nothing.
#pragma once
#include <atomic>

#include "exposcan/model.hpp"

namespace exposcan::cli {

// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& install_stop_signals();

// The signal number that asked us to stop, 0 if none arrived.
int stop_signal();

// A run cut short by a signal is inconclusive even if every target happened
// to finish: adds "interrupted by SIGINT" to report.inconclusive and
// recomputes report.exit_code. No-op when no signal arrived.
void mark_if_interrupted(RunReport& report);

}  // namespace exposcan::cli
