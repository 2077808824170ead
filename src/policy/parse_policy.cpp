#include <filesystem>
#include <map>

#include "exposcan/error.hpp"
#include "exposcan/host_port.hpp"
#include "exposcan/read_file.hpp"
#include "exposcan/scan.hpp"
#include "exposcan/shard.hpp"
#include "policy/address_spec.hpp"
#include "policy/parse_detail.hpp"

namespace exposcan::policy {

namespace {

using detail::YamlReader;

ServiceRule parse_services(const YamlReader& in, const YAML::Node& node, const std::string& key) {
    auto text = in.scalar(node, key);
    if (text == "deny-unauthenticated") return ServiceRule::deny_unauthenticated;
    if (text == "ignore") return ServiceRule::ignore;
    in.fail(node, key, "unknown value '" + text + "' (expected deny-unauthenticated or ignore)");
}

// `addresses: {file: origins.txt}`: one address, CIDR or hostname per line,
// read by the one --targets-file loader (scan::load_targets_file: '#'
// comments, FILE:LINE errors); a relative path is from the policy file's
// directory. Syntax only here: the /24 (/120) scope is checked with the
// run's --allow-wide when the targets resolve, as for listed addresses.
std::vector<std::string> addresses_from_file(const YamlReader& in, const YAML::Node& node, const std::string& key) {
    in.expect_map(node, key, {"file"});
    if (!node["file"]) in.fail(node, key, "expected a list, or {file: FILE} with one address per line");
    auto name = in.scalar(node["file"], key + ".file");
    if (name.empty() || name == "-") in.fail(node["file"], key + ".file", "expected a file name");
    auto path = std::filesystem::path(in.source()).parent_path() / name;
    Limits syntax_only;
    syntax_only.allow_wide = true;
    std::vector<std::string> out;
    try {
        for (const auto& line : scan::load_targets_file(path.string(), syntax_only)) {
            std::string why;
            auto spec = detail::canonical_address_spec(line, why);
            if (!spec) throw UsageError(path.string() + ": " + why);
            out.push_back(*spec);
        }
    } catch (const UsageError& e) {
        in.fail(node["file"], key + ".file", e.what());
    }
    return out;
}

std::vector<std::string> parse_addresses(const YamlReader& in, const YAML::Node& node, const std::string& key) {
    if (node.IsMap()) return addresses_from_file(in, node, key);
    if (node.IsScalar()) in.fail(node, key, "expected a list, e.g. [203.0.113.10, \"2001:db8::10\"]");
    if (!node.IsSequence()) in.fail(node, key, "expected a list of addresses");
    if (node.size() == 0) in.fail(node, key, "at least one address is required");
    std::vector<std::string> out;
    for (const auto& item : node) {
        std::string why;
        auto spec = detail::canonical_address_spec(in.scalar(item, key), why);
        if (!spec) in.fail(item, key, why);
        out.push_back(*spec);
    }
    return out;
}

std::string parse_domain(const YamlReader& in, const YAML::Node& node, const std::string& key) {
    auto text = in.scalar(node, key);
    if (!detail::is_hostname(text)) in.fail(node, key, "'" + text + "' is not a domain name");
    return text;
}

TargetPolicy parse_target(const YamlReader& in, const YAML::Node& node, const std::string& key) {
    in.expect_map(node, key, {"name", "addresses", "domain", "cdn", "ports", "expect", "expect_by_vantage", "services"});
    TargetPolicy t;
    t.line = YamlReader::line_of(node);
    if (!node["name"]) in.fail(node, key + ".name", "every target needs a name");
    t.name = in.scalar(node["name"], key + ".name");
    if (auto problem = target_name_problem(t.name)) in.fail(node["name"], key + ".name", *problem);
    if (!node["addresses"]) in.fail(node, key + ".addresses", "every target needs addresses");
    t.addresses = parse_addresses(in, node["addresses"], key + ".addresses");
    if (node["domain"]) t.domain = parse_domain(in, node["domain"], key + ".domain");
    if (node["cdn"]) t.cdn = in.scalar(node["cdn"], key + ".cdn");
    if (node["ports"]) t.ports = in.ports(node["ports"], key + ".ports");
    if (t.ports.empty()) in.fail(node["ports"], key + ".ports", "no ports to scan");
    if (node["services"]) t.services = parse_services(in, node["services"], key + ".services");
    t.expect = detail::parse_expect(in, node["expect"], key + ".expect", t.ports);
    t.expect_by_vantage =
        detail::parse_expect_by_vantage(in, node["expect_by_vantage"], key + ".expect_by_vantage", t.expect, t.ports);
    return t;
}

// `canary: HOST:PORT` or a list of them. One address or hostname per entry.
std::vector<std::string> parse_canaries(const YamlReader& in, const YAML::Node& node) {
    const std::string key = "canary";
    std::vector<YAML::Node> items;
    if (node.IsSequence())
        for (const auto& item : node) items.push_back(item);
    else
        items.push_back(node);
    if (items.empty()) in.fail(node, key, "expected HOST:PORT or a list of them");
    std::vector<std::string> out;
    for (const auto& item : items) {
        auto text = in.scalar(item, key);
        std::string why;
        auto hp = split_host_port(text, why);
        if (!hp) in.fail(item, key, why + " (e.g. 198.51.100.1:443 or \"[2001:db8::1]:443\")");
        auto host = detail::canonical_address_spec(hp->host, why);
        if (!host || host->find('/') != std::string::npos)
            in.fail(item, key, "'" + hp->host + "' is not an IP address or hostname");
        out.push_back(text);
    }
    return out;
}

// Two targets with one name, or one address in two places, would make the
// verdict depend on which expectation wins: refuse instead.
void check_unique(const YamlReader& in, const YAML::Node& targets, const Policy& policy) {
    std::map<std::string, int> names;
    std::map<std::string, std::string> addresses;
    for (std::size_t i = 0; i < policy.targets.size(); ++i) {
        const auto& t = policy.targets[i];
        auto key = "targets[" + std::to_string(i) + "]";
        if (auto [it, fresh] = names.emplace(t.name, t.line); !fresh)
            in.fail(targets[i]["name"], key + ".name",
                    "duplicate target name '" + t.name + "' (first at line " + std::to_string(it->second) + ")");
        for (std::size_t j = 0; j < t.addresses.size(); ++j) {
            auto listed = targets[i]["addresses"];  // a list, or {file: FILE}: point at the file then
            if (auto [it, fresh] = addresses.emplace(t.addresses[j], t.name); !fresh)
                in.fail(listed.IsSequence() ? listed[j] : listed, key + ".addresses",
                        "duplicate address " + t.addresses[j] + " (already in target '" + it->second + "')");
        }
    }
}

YAML::Node load_yaml(const YamlReader& in, std::string_view text) {
    try {
        return YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        in.fail_line(e.mark.line + 1, "yaml", "invalid YAML: " + e.msg);
    }
}

}  // namespace

std::optional<std::string> target_name_problem(std::string_view name) {
    constexpr std::size_t k_max_name_bytes = 100;
    if (name.empty()) return "must not be empty";
    if (name.size() > k_max_name_bytes) return "longer than " + std::to_string(k_max_name_bytes) + " bytes";
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) return "must not contain control characters (newline, tab, ESC...)";
    return std::nullopt;
}

Policy parse_policy(std::string_view text, std::string_view source_name) {
    YamlReader in{std::string(source_name)};
    auto root = load_yaml(in, text);
    if (!root || root.IsNull()) in.fail_line(1, "targets", "the policy is empty (expected a 'targets:' list)");
    in.expect_map(root, "policy", {"version", "canary", "targets"});
    if (root["version"] && in.scalar(root["version"], "version") != "1")
        in.fail(root["version"], "version", "unsupported policy version (this exposcan reads version 1)");
    auto targets = root["targets"];
    if (!targets) in.fail(root, "targets", "missing (expected a list of targets)");
    if (!targets.IsSequence()) in.fail(targets, "targets", "expected a list of targets");
    if (targets.size() == 0) in.fail(targets, "targets", "at least one target is required");
    Policy policy;
    policy.source = std::string(source_name);
    policy.identity = policy_identity(text);
    for (std::size_t i = 0; i < targets.size(); ++i)
        policy.targets.push_back(parse_target(in, targets[i], "targets[" + std::to_string(i) + "]"));
    check_unique(in, targets, policy);
    if (root["canary"]) policy.canaries = parse_canaries(in, root["canary"]);
    return policy;
}

Policy load_policy_file(const std::string& path, std::size_t max_bytes) {
    return parse_policy(read_file_capped(path, max_bytes, "policy file"), path);
}

}  // namespace exposcan::policy
