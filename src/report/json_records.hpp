// One JSON object per record, shared by the JSON document, JSON Lines and
// baseline loading (docs/output.md; schema in docs/schema/).
#pragma once
#include <nlohmann/json.hpp>

#include "exposcan/model.hpp"

namespace exposcan::report {

nlohmann::json target_json(const Target& t);
nlohmann::json port_json(const PortResult& r);
nlohmann::json scan_json(const TargetScan& s, bool with_ports);
nlohmann::json probe_json(const ProbeResult& p);
nlohmann::json leak_json(const LeakReport& l);
nlohmann::json finding_json(const Finding& f);
nlohmann::json summary_json(const RunReport& r);
nlohmann::json canary_json(const CanaryCheck& c);
std::string verdict_name(ExitCode code);
// One line per scanned address whose "filtered" verdicts are not backed by
// proof that the path works (model.hpp Reachability): every writer shows them.
std::vector<std::string> reachability_notes(const RunReport& r);
std::string rfc3339(std::chrono::system_clock::time_point t);

// Inverse of finding_json; throws nlohmann::json::exception on a bad shape.
Finding finding_from_json(const nlohmann::json& j);

// --shard and the job description (model.hpp), and their inverses.
nlohmann::json work_json(const WorkDescription& w);
nlohmann::json shard_json(const Shard& s);

// Inverses for `merge` (json_read.cpp): a scan report's records back into a
// RunReport: tool version, targets, scans with ports, probes, canaries, work,
// shard, started_at/elapsed. Findings are not read (merge re-evaluates).
// Throws nlohmann::json::exception on a bad shape or an unknown enum name.
RunReport scan_report_from_json(const nlohmann::json& doc);

// Dump that never throws on odd bytes (records are sanitized, but be safe).
std::string dump(const nlohmann::json& j, int indent);

}  // namespace exposcan::report
