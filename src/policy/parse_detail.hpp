// Pieces of the policy parser shared between its files.
#pragma once
#include <map>

#include "exposcan/policy.hpp"
#include "policy/yaml_reader.hpp"

namespace exposcan::policy::detail {

// `expect:` of one target; `scanned` = the target's ports (expectations
// outside them could never be checked, so they are an error).
Expectation parse_expect(const YamlReader& in, const YAML::Node& node, const std::string& key,
                         const PortSet& scanned);

// `expect_by_vantage:` of one target: a map from vantage name (vantage.hpp)
// to an `expect:` body; each entry is `base` with that body's lines applied
// on top (a port it lists leaves base's lists; its `default` replaces base's).
std::map<std::string, Expectation> parse_expect_by_vantage(const YamlReader& in, const YAML::Node& node,
                                                           const std::string& key, const Expectation& base,
                                                           const PortSet& scanned);

}  // namespace exposcan::policy::detail
