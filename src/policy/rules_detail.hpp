// The three parts of evaluate(): port expectations, IPv4/IPv6 parity, services.
#pragma once
#include <vector>

#include "exposcan/policy.hpp"

namespace exposcan::policy::detail {

// More than this many closed/filtered/open surprises on one address collapse
// into one finding per rule (a host without a firewall would otherwise give
// 65,535 findings); the evidence lists the ports.
inline constexpr std::size_t k_max_port_findings = 64;

void port_findings(const TargetPolicy& policy, const TargetScan& scan, std::vector<Finding>& out);
void parity_findings(const std::vector<TargetScan>& scans, std::vector<Finding>& out);
void service_findings(const TargetPolicy& policy, const std::vector<ProbeResult>& probes,
                      std::vector<Finding>& out);

}  // namespace exposcan::policy::detail
