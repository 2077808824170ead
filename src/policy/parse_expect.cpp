#include "policy/parse_detail.hpp"

#include "exposcan/vantage.hpp"

namespace exposcan::policy::detail {

namespace {

PortState parse_state(const YamlReader& in, const YAML::Node& node, const std::string& key) {
    auto text = in.scalar(node, key);
    auto state = parse_port_state(text);
    if (!state) in.fail(node, key, "unknown state '" + text + "' (expected open, closed or filtered)");
    return *state;
}

// Adds `ports` to the `state` list, failing on a port already expected in
// another state or outside the target's ports.
void add_checked(const YamlReader& in, const YAML::Node& at, const std::string& key, Expectation& e,
                 PortState state, const PortSet& ports, const PortSet& scanned) {
    if (auto problem = expectation_problem(e, state, ports, scanned)) in.fail(at, key, *problem);
    e.ports_in(state).add_all(ports);
}

// `base` with `overlay`'s lists on top; `has_default`: overlay set `default`.
Expectation overlay(const Expectation& base, const Expectation& over, bool has_default) {
    auto out = base;
    if (has_default) out.default_state = over.default_state;
    for (auto st : {PortState::open, PortState::closed, PortState::filtered}) {
        for (auto p : over.ports_in(st).to_vector()) {
            for (auto other : {PortState::open, PortState::closed, PortState::filtered}) out.ports_in(other).remove(p);
            out.ports_in(st).add(p);
        }
    }
    return out;
}

}  // namespace

std::map<std::string, Expectation> parse_expect_by_vantage(const YamlReader& in, const YAML::Node& node,
                                                           const std::string& key, const Expectation& base,
                                                           const PortSet& scanned) {
    std::map<std::string, Expectation> out;
    if (!node || node.IsNull()) return out;
    in.expect_map(node, key);
    if (node.size() == 0) in.fail(node, key, "expected vantage names, e.g. { cdn: { open: [443] } }");
    for (const auto& kv : node) {
        const auto& name = kv.first.Scalar();
        auto sub = key + "." + name;
        if (auto problem = vantage_name_problem(name)) in.fail(kv.first, sub, "not a vantage name: " + *problem);
        if (!kv.second.IsMap() || kv.second.size() == 0)
            in.fail(kv.second, sub, "expected an expect body, e.g. { open: [443] } or { default: closed }");
        auto over = parse_expect(in, kv.second, sub, scanned);
        out.emplace(name, overlay(base, over, static_cast<bool>(kv.second["default"])));
    }
    return out;
}

Expectation parse_expect(const YamlReader& in, const YAML::Node& node, const std::string& key,
                         const PortSet& scanned) {
    Expectation e;
    if (!node || node.IsNull()) return e;
    in.expect_map(node, key);
    for (const auto& kv : node) {
        const auto& name = kv.first.Scalar();
        auto sub = key + "." + name;
        if (name == "default") {
            e.default_state = parse_state(in, kv.second, sub);
        } else if (auto state = parse_port_state(name)) {
            add_checked(in, kv.second, sub, e, *state, in.ports(kv.second, sub), scanned);
        } else if (!name.empty() && std::isdigit(static_cast<unsigned char>(name.front()))) {
            // Per-port expectation, e.g. `9200: filtered` or `8000-8100: closed`.
            auto ports = in.ports(kv.first, sub);
            add_checked(in, kv.first, sub, e, parse_state(in, kv.second, sub), ports, scanned);
        } else {
            in.fail(kv.first, sub, "unknown key (expected default, open, closed, filtered or a port like 9200)");
        }
    }
    return e;
}

}  // namespace exposcan::policy::detail
