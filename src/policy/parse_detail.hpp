// Pieces of the policy parser shared between its files.
#pragma once
#include "exposcan/policy.hpp"
#include "policy/yaml_reader.hpp"

namespace exposcan::policy::detail {

// `expect:` of one target; `scanned` = the target's ports (expectations
// outside them could never be checked, so they are an error).
Expectation parse_expect(const YamlReader& in, const YAML::Node& node, const std::string& key,
                         const PortSet& scanned);

}  // namespace exposcan::policy::detail
