// Helpers that read yaml-cpp nodes and turn every mistake into a UsageError
// "FILE:LINE: KEY: message" (docs/policy.md "Errors": name the line and the key).
#pragma once
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "exposcan/port_set.hpp"

namespace exposcan::policy::detail {

class YamlReader {
public:
    explicit YamlReader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const YAML::Node& at, std::string_view key, std::string_view message) const;
    [[noreturn]] void fail_line(int line, std::string_view key, std::string_view message) const;

    // Mapping whose keys are all in `allowed`; duplicate keys are an error too
    // (yaml-cpp silently keeps the first, which would hide a typo'd override).
    void expect_map(const YAML::Node& node, std::string_view key,
                    std::initializer_list<std::string_view> allowed) const;
    void expect_map(const YAML::Node& node, std::string_view key) const;
    std::string scalar(const YAML::Node& node, std::string_view key) const;
    // Ports: "all", 22, "80-443", "22,25,80-443" or a list of those.
    PortSet ports(const YAML::Node& node, std::string_view key) const;

    static int line_of(const YAML::Node& node) { return node.Mark().line + 1; }
    const std::string& source() const { return source_; }

private:
    void port_item(const YAML::Node& at, std::string_view item, std::string_view key, PortSet& out) const;
    std::string source_;
};

}  // namespace exposcan::policy::detail
