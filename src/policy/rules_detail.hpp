// The three parts of evaluate(): port expectations, IPv4/IPv6 parity, services.
#pragma once
#include <vector>

#include "exposcan/policy.hpp"

namespace exposcan::policy::detail {

// Port findings stay bounded per address and rule: see policy/port_group.hpp.
void port_findings(const TargetPolicy& policy, const TargetScan& scan, std::vector<Finding>& out);
void parity_findings(const std::vector<TargetScan>& scans, std::vector<Finding>& out);
void service_findings(const TargetPolicy& policy, const std::vector<ProbeResult>& probes,
                      std::vector<Finding>& out);

}  // namespace exposcan::policy::detail
