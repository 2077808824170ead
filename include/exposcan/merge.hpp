// `exposcan merge`: shard reports (--shard I/N, shard.hpp) back into the one
// report of the whole job, re-evaluated as if it had run on one machine
// (src/run/merge.cpp, docs/scaling.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "exposcan/policy.hpp"

namespace exposcan {

struct MergeJob {
    std::vector<std::string> paths;        // JSON reports, one per shard, any order
    std::optional<policy::Policy> policy;  // --policy: required iff the shards were scanned with one
    std::string tool_version;              // this exposcan's: shards of another version are refused
    Options options;                       // limits (report size, policy target resolution)
};

// One report file, read and checked (JSON, schema_version, a scan report with
// a work description). Throws UsageError "PATH: why" (unreadable, truncated,
// not a report), IncompleteError "PATH: ..." (a report of a failed run).
RunReport load_shard_report(const std::string& path, std::size_t max_bytes);

// Checks the shards belong together and cover the job once, then merges
// scans and probes and evaluates the policy on the whole. Throws UsageError
// (exit 3) naming the file for mixed versions, jobs, policies, shard counts,
// resolved targets, or a duplicate shard; IncompleteError (exit 2) for a
// missing shard. An incomplete shard is not an error: its targets' scans are
// incomplete in the result, which is then inconclusive like the single run.
RunReport merge_reports(const MergeJob& job);

}  // namespace exposcan
