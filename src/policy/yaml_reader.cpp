#include "policy/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "exposcan/error.hpp"

namespace exposcan::policy::detail {

namespace {

std::string join(std::initializer_list<std::string_view> names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

// Strict decimal 1..65535; no sign, no spaces, no trailing junk.
bool parse_port_number(std::string_view text, std::uint16_t& out) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 1 || value > 65535) return false;
    out = static_cast<std::uint16_t>(value);
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
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
    item = trim(item);
    auto dash = item.find('-');
    std::uint16_t first = 0;
    std::uint16_t last = 0;
    bool ok = dash == std::string_view::npos
                  ? parse_port_number(item, first) && ((last = first), true)
                  : parse_port_number(trim(item.substr(0, dash)), first) &&
                        parse_port_number(trim(item.substr(dash + 1)), last) && first <= last;
    if (!ok) fail(at, key, "bad port '" + std::string(item) + "' (expected 1-65535 or a range like 8000-8100)");
    out.add_range(first, last);
}

PortSet YamlReader::ports(const YAML::Node& node, std::string_view key) const {
    PortSet out;
    if (node.IsNull()) return out;  // "open:" with nothing after it = no ports
    if (node.IsScalar()) {
        std::string_view text = node.Scalar();
        if (text == "all" || text == "-") return PortSet::all();
        while (!text.empty()) {
            auto comma = text.find(',');
            port_item(node, text.substr(0, comma), key, out);
            text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        }
        if (out.empty()) fail(node, key, "empty port list");
        return out;
    }
    if (!node.IsSequence()) fail(node, key, "expected ports: a list, a port, a range or \"all\"");
    for (const auto& item : node) {
        if (!item.IsScalar()) fail(item, key, "expected a port or a range, not a list or mapping");
        port_item(item, item.Scalar(), key, out);
    }
    return out;
}

}  // namespace exposcan::policy::detail
