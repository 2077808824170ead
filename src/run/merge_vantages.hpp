// merge of several vantages (docs/scaling.md "Vantage points"): the pieces
// merge.cpp needs once each vantage's shards are one report.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "exposcan/model.hpp"

namespace exposcan::detail {

// Per target, the most exposed state of each port over the vantages (open >
// closed > filtered): what can be reached from at least one of them. Complete
// only if every vantage finished the target. All vantages scan one job, so
// their scans are in the same target order.
std::vector<TargetScan> most_exposed(const std::vector<VantageScans>& vantages);

// The probes of every vantage, one per address and port (the first vantage's);
// not sorted.
std::vector<ProbeResult> union_probes(std::vector<std::vector<ProbeResult>> per_vantage);

// Each vantage's findings (judged by its own expectations) as one list: a
// finding several vantages raise (same rule, target, location) appears once;
// every one's title names the vantages that raised it.
std::vector<Finding> join_findings(const std::vector<std::pair<std::string, std::vector<Finding>>>& per_vantage);

}  // namespace exposcan::detail
