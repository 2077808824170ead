#include "scan/shards.hpp"

#include <algorithm>
#include <thread>

namespace exposcan::scan {

namespace {

// Shards split a target's ports: counts add up; the RTT percentiles come
// from separate windows, so p50 is averaged by answers and the tails take
// the larger (the timeout that actually applied to some ports).
void absorb_stats(ScanStats& into, const ScanStats& part, std::chrono::milliseconds elapsed) {
    auto weighted = [&](std::uint32_t a, std::uint32_t b) {
        auto n = into.answers + part.answers;
        if (n == 0) return std::max(a, b);
        return static_cast<std::uint32_t>((static_cast<double>(a) * static_cast<double>(into.answers) +
                                           static_cast<double>(b) * static_cast<double>(part.answers)) /
                                          static_cast<double>(n));
    };
    into.rtt_p50_us = weighted(into.rtt_p50_us, part.rtt_p50_us);
    into.rtt_p90_us = std::max(into.rtt_p90_us, part.rtt_p90_us);
    into.rtt_max_us = std::max(into.rtt_max_us, part.rtt_max_us);
    into.timeout_us = std::max(into.timeout_us, part.timeout_us);
    into.max_tries = std::max(into.max_tries, part.max_tries);
    into.connects += part.connects;
    into.answers += part.answers;
    into.retransmissions += part.retransmissions;
    into.loss_probes += part.loss_probes;
    into.tries_open += part.tries_open;
    into.tries_closed += part.tries_closed;
    into.tries_filtered += part.tries_filtered;
    into.loss_samples += part.loss_samples;
    into.loss_lost += part.loss_lost;
    into.loss_estimate = into.loss_samples > 0
                             ? static_cast<double>(into.loss_lost) / static_cast<double>(into.loss_samples) : 0;
    auto secs = std::chrono::duration<double>(elapsed).count();
    into.rate = secs > 0 ? static_cast<double>(into.connects) / secs : 0;
}

void absorb(TargetScan& into, TargetScan& part) {
    into.scanned.add_all(part.scanned);
    into.ports.insert(into.ports.end(), part.ports.begin(), part.ports.end());
    if (!part.complete && into.complete) {
        into.complete = false;
        into.incomplete_reason = part.incomplete_reason;
    }
    into.elapsed = std::max(into.elapsed, part.elapsed);
    absorb_stats(into.stats, part.stats, into.elapsed);
    if (into.srtt_us == 0) into.srtt_us = part.srtt_us;
    else if (part.srtt_us != 0) into.srtt_us = (into.srtt_us + part.srtt_us) / 2;
}

}  // namespace

unsigned shard_count(const ScanOptions& options, std::uint64_t jobs, std::size_t budget) {
    // One per core by default. Two per core was faster on an idle lab link
    // (filtered -p- 3.0 -> 2.65 s on 2 cores) but its SYN bursts overran the
    // lab's 2 ms delay line and lost an ICMP answer on both tries
    // (lab.test_nmap_parity); correctness first.
    unsigned n = options.threads > 0 ? std::min(options.threads, k_max_shards)
                                     : std::clamp(std::thread::hardware_concurrency(), 1u, k_max_auto_shards);
    auto by_jobs = static_cast<unsigned>(std::min<std::uint64_t>(jobs / k_min_jobs_per_shard, n));
    auto by_budget = static_cast<unsigned>(std::min<std::size_t>(budget / k_min_budget_per_shard, n));
    return std::max(1u, std::min({n, by_jobs, by_budget}));
}

std::vector<PortSet> split_ports(const PortSet& ports, unsigned n) {
    std::vector<PortSet> out(n);
    std::size_t i = 0;
    for (auto p : ports.to_vector()) out[i++ % n].add(p);
    return out;
}

std::vector<TargetScan> merge_shards(std::vector<std::vector<TargetScan>>& parts, const PortSet& all) {
    auto out = std::move(parts.front());
    for (std::size_t s = 1; s < parts.size(); ++s)
        for (std::size_t t = 0; t < out.size(); ++t) absorb(out[t], parts[s][t]);
    for (auto& scan : out) {
        std::sort(scan.ports.begin(), scan.ports.end(),
                  [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
        if (scan.complete && !all.empty()) scan.scanned = all;
    }
    return out;
}

ProgressMerger::ProgressMerger(std::vector<std::uint64_t> totals, ProgressFn out)
    : parts_(totals.size()), out_(std::move(out)) {
    for (std::size_t i = 0; i < totals.size(); ++i) parts_[i].total = totals[i];
}

ProgressFn ProgressMerger::for_shard(std::size_t shard) {
    if (!out_) return {};
    return [this, shard](const Progress& p) { update(shard, p); };
}

void ProgressMerger::update(std::size_t shard, const Progress& p) {
    std::lock_guard lock(mutex_);
    parts_[shard] = p;
    Progress sum;
    for (const auto& part : parts_) {
        sum.done += part.done;
        sum.total += part.total;
        sum.rate += part.rate;
        sum.eta_seconds = std::max(sum.eta_seconds, part.eta_seconds);
    }
    out_(sum);
}

}  // namespace exposcan::scan
