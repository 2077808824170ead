// One scan split across threads. A connect costs ~20-30 us of kernel time
// (socket, SYN out through the stack and netfilter, close), so one core caps
// a scan at ~35k attempts/s; each shard is a whole Engine on its own
// io_context and thread, owning every k-th port of every target, so shards
// share nothing while they run. Results are merged per target afterwards.
#pragma once
#include <cstdint>
#include <mutex>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "exposcan/scan.hpp"

namespace exposcan::scan {

// Shards only pay off with enough work and enough in-flight budget to split.
inline constexpr std::uint64_t k_min_jobs_per_shard = 4096;
inline constexpr std::size_t k_min_budget_per_shard = 64;
inline constexpr unsigned k_max_auto_shards = 4;
inline constexpr unsigned k_max_shards = 16;

unsigned shard_count(const ScanOptions& options, std::uint64_t jobs, std::size_t budget);

// Port i (in order) goes to shard i % n: every shard gets low and high ports.
std::vector<PortSet> split_ports(const PortSet& ports, unsigned n);

// parts[shard][target] -> one TargetScan per target: ports merged and sorted,
// complete only if every shard finished it; a complete one scanned `all`
// (empty `all`: the union of what the shards scanned).
std::vector<TargetScan> merge_shards(std::vector<std::vector<TargetScan>>& parts, const PortSet& all);

// Sums the shards' progress reports into one; reports arrive from several
// threads, the user's callback is called under a lock.
class ProgressMerger {
public:
    ProgressMerger(std::vector<std::uint64_t> totals, ProgressFn out);
    ProgressFn for_shard(std::size_t shard);

private:
    void update(std::size_t shard, const Progress& p);

    std::mutex mutex_;
    std::vector<Progress> parts_;
    ProgressFn out_;
};

}  // namespace exposcan::scan
