#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"
#include "exposcan/policy.hpp"

namespace exposcan::policy {

PortState Expectation::expected(std::uint16_t port) const {
    if (open.contains(port)) return PortState::open;
    if (closed.contains(port)) return PortState::closed;
    if (filtered.contains(port)) return PortState::filtered;
    return default_state;
}

namespace {

std::string port_rule(PortState actual) {
    return "port.unexpected-" + std::string(to_string(actual));
}

Finding port_finding(const TargetPolicy& policy, const TargetScan& scan, const PortResult& r,
                     PortState want) {
    Finding f;
    f.rule = port_rule(r.state);
    f.severity = r.state == PortState::open ? Severity::high : Severity::medium;
    f.target = policy.name;
    f.address = scan.target.address_string();
    f.port = r.port;
    auto host = scan.target.address.is_v6() ? "[" + f.address + "]" : f.address;
    f.location = "tcp://" + host + ":" + std::to_string(r.port);
    f.title = "port " + std::to_string(r.port) + " is " + std::string(to_string(r.state)) +
              ", expected " + std::string(to_string(want));
    f.evidence = std::string(to_string(r.state)) + "/" + std::string(to_string(r.reason));
    return f;
}

}  // namespace

std::vector<Finding> evaluate(const TargetPolicy& policy, const std::vector<TargetScan>& scans,
                              const std::vector<ProbeResult>&) {
    std::vector<Finding> out;
    for (const auto& scan : scans) {
        for (auto port : scan.scanned.to_vector()) {
            auto r = scan.lookup(port);
            auto want = policy.expect.expected(port);
            if (r.state != want) out.push_back(port_finding(policy, scan, r, want));
        }
    }
    return out;
}

Policy load_policy_file(const std::string& path) {
    throw UsageError(path + ": policy files not supported yet");
}

Policy parse_policy(std::string_view, std::string_view source_name) {
    throw UsageError(std::string(source_name) + ": policy files not supported yet");
}

}  // namespace exposcan::policy
