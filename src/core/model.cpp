#include "exposcan/model.hpp"

#include <algorithm>

namespace exposcan {

std::string_view to_string(PortState s) {
    switch (s) {
        case PortState::open: return "open";
        case PortState::closed: return "closed";
        case PortState::filtered: return "filtered";
    }
    return "filtered";
}

std::string_view to_string(Reason r) {
    switch (r) {
        case Reason::syn_ack: return "syn-ack";
        case Reason::conn_refused: return "conn-refused";
        case Reason::no_response: return "no-response";
        case Reason::host_unreach: return "host-unreach";
        case Reason::net_unreach: return "net-unreach";
        case Reason::admin_prohibited: return "admin-prohibited";
    }
    return "no-response";
}

std::string_view to_string(Reachability r) {
    switch (r) {
        case Reachability::answered: return "answered";
        case Reachability::canary: return "canary";
        case Reachability::not_proven: return "not-proven";
        case Reachability::canary_failed: return "canary-failed";
    }
    return "not-proven";
}

bool CanaryCheck::ok() const {
    auto answered = [](const std::optional<PortResult>& r) { return r && r->state != PortState::filtered; };
    return answered(before) && answered(after);
}

std::optional<PortState> parse_port_state(std::string_view s) {
    for (auto st : {PortState::open, PortState::closed, PortState::filtered})
        if (to_string(st) == s) return st;
    return std::nullopt;
}

std::string_view to_string(Exposure e) {
    switch (e) {
        case Exposure::unauthenticated: return "unauthenticated";
        case Exposure::anonymous_limited: return "anonymous-limited";
        case Exposure::auth_required: return "auth-required";
        case Exposure::reachable_denied: return "reachable-denied";
        case Exposure::unknown_service: return "unknown-service";
        case Exposure::tls: return "tls";
    }
    return "unknown-service";
}

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::low: return "low";
        case Severity::medium: return "medium";
        case Severity::high: return "high";
        case Severity::critical: return "critical";
    }
    return "medium";
}

std::optional<Severity> parse_severity(std::string_view s) {
    for (auto sv : {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical})
        if (to_string(sv) == s) return sv;
    return std::nullopt;
}

PortResult TargetScan::lookup(std::uint16_t port) const {
    auto it = std::lower_bound(ports.begin(), ports.end(), port,
                               [](const PortResult& r, std::uint16_t p) { return r.port < p; });
    if (it != ports.end() && it->port == port) return *it;
    // Not listed but scanned: silent. Not scanned: reported the same way, the
    // caller checks `scanned` when the difference matters.
    return PortResult{port, PortState::filtered, Reason::no_response, 0, 0};
}

std::size_t TargetScan::count(PortState state) const {
    auto listed = static_cast<std::size_t>(std::count_if(
        ports.begin(), ports.end(), [state](const PortResult& r) { return r.state == state; }));
    if (state != PortState::filtered) return listed;
    auto silent = scanned.size() - ports.size();
    return listed + silent;
}

}  // namespace exposcan
