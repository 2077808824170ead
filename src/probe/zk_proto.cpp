#include "probe/zk_proto.hpp"

#include <array>

namespace exposcan::probe {

namespace {

constexpr std::string_view k_stats = "Zookeeper version: ";
constexpr std::string_view k_env = "Environment:";
constexpr std::string_view k_not_serving = "This ZooKeeper instance is not currently serving requests";
constexpr std::string_view k_not_listed = " is not executed because it is not in the whitelist.";

// `bytes` is a prefix of `want`, or `want` is a prefix of `bytes`.
bool prefix_fits(std::string_view bytes, std::string_view want) {
    const auto n = std::min(bytes.size(), want.size());
    return bytes.substr(0, n) == want.substr(0, n);
}

// The value of `key` on its own line ("Mode: standalone", "host.name=x").
std::string_view field(std::string_view text, std::string_view key) {
    for (std::size_t at = 0; at < text.size();) {
        const auto nl = text.find('\n', at);
        auto line = text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.starts_with(key)) return line.substr(key.size());
        if (nl == std::string_view::npos) break;
        at = nl + 1;
    }
    return {};
}

void add(std::string& out, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    if (!out.empty()) out += ", ";
    out += std::string(name) + std::string(value.substr(0, 80));
}

ZkReply stats(std::string_view bytes) {
    ZkReply r{ZkKind::stats, {}, {}};
    auto first = bytes.substr(k_stats.size(), bytes.find('\n') - k_stats.size());
    r.version = std::string(first.substr(0, first.find(',')));
    for (auto key : std::array<std::string_view, 3>{"Mode: ", "Node count: ", "Connections: "}) add(r.detail, key, field(bytes, key));
    return r;
}

ZkReply environment(std::string_view bytes) {
    ZkReply r{ZkKind::environment, std::string(field(bytes, "zookeeper.version=")), {}};
    r.version = r.version.substr(0, r.version.find(','));
    for (auto key : std::array<std::string_view, 4>{"host.name=", "user.name=", "java.version=", "os.name="})
        add(r.detail, key, field(bytes, key));
    return r;
}

}  // namespace

ZkReply parse_zk_reply(std::string_view cmd, std::string_view bytes, bool complete) {
    ZkReply r;
    const std::string refusal = std::string(cmd) + std::string(k_not_listed);
    const bool can_stats = cmd == "srvr" && prefix_fits(bytes, k_stats);
    const bool can_env = cmd == "envi" && prefix_fits(bytes, k_env);
    const bool can_imok = cmd == "ruok" && prefix_fits(bytes, "imok");
    if (!can_stats && !can_env && !can_imok && !prefix_fits(bytes, refusal) && !prefix_fits(bytes, k_not_serving)) {
        r.kind = ZkKind::other;
        return r;
    }
    if (bytes.starts_with(refusal)) r.kind = ZkKind::not_whitelisted;
    else if (bytes.starts_with(k_not_serving)) r.kind = ZkKind::not_serving;
    else if (can_imok && bytes.size() >= 4) r.kind = ZkKind::imok;
    else if (!complete) return r;  // srvr/envi: the server closes when it has said everything
    else if (can_stats && bytes.size() > k_stats.size() && bytes.find('\n') != std::string_view::npos) return stats(bytes);
    else if (can_env && bytes.size() > k_env.size()) return environment(bytes);
    else r.kind = ZkKind::other;
    return r;
}

}  // namespace exposcan::probe
