// The ONE mapping from a connect() outcome (an error_code) to what it means.
// Kept identical to nmap's connect scan (scan_engine_connect.cc,
// handleConnectResult) so results compare port for port; see the table in
// docs/scan-engine.md.
#pragma once
#include <boost/system/error_code.hpp>

#include "exposcan/model.hpp"

namespace exposcan::scan {

enum class OutcomeKind : std::uint8_t {
    answer,       // a final port state with its reason
    silent,       // nothing came back (or something nmap also treats as silence): retry
    local_error,  // our own resources (fds, ephemeral ports, buffers): back off, retry, never a state
    unsent,       // our own side refused to send it (e.g. the runner's OUTPUT firewall: EPERM):
                  // says nothing about the target; the port stays unscanned, the scan incomplete
};

struct Outcome {
    OutcomeKind kind = OutcomeKind::silent;
    PortState state = PortState::filtered;
    Reason reason = Reason::no_response;
    friend bool operator==(const Outcome&, const Outcome&) = default;
};

// `ec` is the result of one non-blocking connect (immediate or via SO_ERROR).
// operation_aborted (our own deadline) is silence.
Outcome classify(const boost::system::error_code& ec);

}  // namespace exposcan::scan
