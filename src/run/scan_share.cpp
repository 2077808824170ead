// --shard: scan only this shard's (target, port) pairs (shard.hpp).
#include <map>

#include "exposcan/shard.hpp"
#include "run/stages.hpp"

namespace exposcan::detail {

namespace {

TargetScan empty_scan(const Target& target) {
    TargetScan s;
    s.target = target;
    s.complete = true;
    return s;
}

}  // namespace

Stages scan_share(const std::vector<Target>& targets, const PortSet& ports, const Shard& shard,
                  const Options& options, const RunHooks& hooks) {
    if (shard.count <= 1) return scan_and_probe(targets, ports, options, hooks);
    // A target's share depends only on its index mod N (shard_ports).
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t t = 0; t < targets.size(); ++t) groups[t % shard.count].push_back(t);
    Stages out;
    out.probed = options.probe.enabled;
    out.scans.resize(targets.size());
    for (const auto& [key, members] : groups) {
        auto share = shard_ports(ports, key, shard);
        if (share.empty()) {
            for (auto t : members) out.scans[t] = empty_scan(targets[t]);
            continue;
        }
        std::vector<Target> group;
        for (auto t : members) group.push_back(targets[t]);
        auto part = scan_and_probe(group, share, options, hooks);
        for (std::size_t i = 0; i < members.size(); ++i) out.scans[members[i]] = std::move(part.scans[i]);
        out.probes.insert(out.probes.end(), part.probes.begin(), part.probes.end());
        out.probed = out.probed && part.probed;
    }
    return out;
}

}  // namespace exposcan::detail
