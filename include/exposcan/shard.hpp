// --shard I/N: split one scan's (target, port) work across machines so a
// scheduler (a Kubernetes Indexed Job, a CI matrix) runs the pieces and
// `exposcan merge` puts them back together (docs/scaling.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "exposcan/model.hpp"
#include "exposcan/port_set.hpp"

namespace exposcan {

// More shards than this is a typo, not a plan: a /16 x top-1000 is 65M pairs,
// 1,024 shards of 64k pairs each.
inline constexpr unsigned k_max_shard_count = 1024;

// "I/N", 1 <= I <= N <= k_max_shard_count, strict decimal. Throws UsageError
// "--shard 'TEXT': why" (one line).
Shard parse_shard(std::string_view text);
std::string to_string(const Shard& shard);

// The ports of target number `target_index` (in resolved order, excludes
// applied) that `shard` owns. Pairs are numbered target-rotated: pair
// (t, i), i the port's rank in `ports`, belongs to shard ((t + i) mod N) + 1.
// So every pair is in exactly one shard; one target with every port splits
// by rank (each shard gets low and high ports); many targets with one port
// split by target; shard sizes differ by at most one pair per target and the
// extra pairs rotate across shards.
PortSet shard_ports(const PortSet& ports, std::size_t target_index, const Shard& shard);

// Identity of a policy file's bytes for the report: "file fnv1a64:HEX". Its
// path is left out (shards and merge may mount it in different places). Not
// a security hash: it tells shards of different policy files apart.
std::string policy_identity(std::string_view content);

}  // namespace exposcan
