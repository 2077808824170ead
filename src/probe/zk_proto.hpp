// ZooKeeper's four-letter words (`srvr`, `envi`, `ruok`) on the client port,
// pure and bounded: the server answers one command with plain text and
// closes. 3.5+ answers a command left out of 4lw.commands.whitelist with
// "<cmd> is not executed because it is not in the whitelist."
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace exposcan::probe {

enum class ZkKind {
    incomplete,       // could still become a ZooKeeper answer
    stats,            // srvr: "Zookeeper version: ..., built on ..." + Mode, Node count, ...
    environment,      // envi: "Environment:\nzookeeper.version=..."
    imok,             // ruok
    not_whitelisted,  // "<cmd> is not executed because it is not in the whitelist."
    not_serving,      // "This ZooKeeper instance is not currently serving requests" (starting, no quorum)
    other,            // not ZooKeeper's answer to `cmd`
};

struct ZkReply {
    ZkKind kind = ZkKind::incomplete;
    std::string version;  // "3.8.0-5a02a05eddb59aee6ac762f7ea82e92a68eb9c0f"
    std::string detail;   // a few fields for evidence: "Mode: standalone, Node count: 5"
};

// `bytes` is everything the server sent for `cmd` (it closes when done;
// `complete` says whether it has). A prefix that can no longer become an
// answer is `other` at once, so a server that is not ZooKeeper costs no wait.
ZkReply parse_zk_reply(std::string_view cmd, std::string_view bytes, bool complete);

}  // namespace exposcan::probe
