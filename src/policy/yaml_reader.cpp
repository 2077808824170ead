#include "policy/yaml_reader.hpp"

#include <algorithm>
#include <set>

#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"
#include "exposcan/port_spec.hpp"

namespace exposcan::policy::detail {

namespace {

std::string join(std::initializer_list<std::string_view> names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

}  // namespace

void YamlReader::fail_line(int line, std::string_view key, std::string_view message) const {
    throw UsageError(source_ + ":" + std::to_string(line) + ": " + std::string(key) + ": " + std::string(message));
}

void YamlReader::fail(const YAML::Node& at, std::string_view key, std::string_view message) const {
    fail_line(line_of(at), key, message);
}

void YamlReader::expect_map(const YAML::Node& node, std::string_view key) const {
    if (!node.IsMap()) fail(node, key, "expected a mapping");
    std::set<std::string> seen;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) fail(kv.first, key, "keys must be plain names");
        if (!seen.insert(kv.first.Scalar()).second)
            fail(kv.first, std::string(key) + "." + kv.first.Scalar(), "duplicate key");
    }
}

void YamlReader::expect_map(const YAML::Node& node, std::string_view key,
                            std::initializer_list<std::string_view> allowed) const {
    expect_map(node, key);
    for (const auto& kv : node) {
        const auto& name = kv.first.Scalar();
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
            fail(kv.first, std::string(key) + "." + name, "unknown key (expected one of: " + join(allowed) + ")");
    }
}

std::string YamlReader::scalar(const YAML::Node& node, std::string_view key) const {
    if (!node.IsScalar()) fail(node, key, "expected a single value, not a list or mapping");
    return node.Scalar();
}

void YamlReader::port_item(const YAML::Node& at, std::string_view item, std::string_view key,
                           PortSet& out) const {
    std::string why;
    if (!add_port_item(out, item, why)) fail(at, key, "bad port '" + echo_input(item) + "': " + why);
}

PortSet YamlReader::ports(const YAML::Node& node, std::string_view key) const {
    PortSet out;
    if (node.IsNull()) return out;  // "open:" with nothing after it = no ports
    if (node.IsScalar()) {
        std::string why;
        auto list = parse_port_list(node.Scalar(), why);
        if (!list) fail(node, key, "bad port list '" + echo_input(node.Scalar()) + "': " + why);
        return *list;
    }
    if (!node.IsSequence()) fail(node, key, "expected ports: a list, a port, a range or \"all\"");
    for (const auto& item : node) {
        if (!item.IsScalar()) fail(item, key, "expected a port or a range, not a list or mapping");
        port_item(item, item.Scalar(), key, out);
    }
    return out;
}

}  // namespace exposcan::policy::detail
