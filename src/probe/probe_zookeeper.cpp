// ZooKeeper (2181): four-letter words on the client port, one per connection
// (the server answers and closes). `srvr` first (the one 3.5+ allows by
// default), then `envi`, then `ruok`, each only if the one before was refused
// by the 4lw whitelist. Read-only status commands; no session is opened and
// no znode is read.
#include "probe/probes.hpp"
#include "probe/zk_proto.hpp"

namespace exposcan::probe {

namespace {

struct Asked {
    ZkReply reply;
    bool capped = false;  // a ZooKeeper-like answer cut by the byte cap or the deadline
};

awaitable<Asked> ask(Session& s, std::string_view cmd) {
    Asked a;
    if (!co_await s.send(cmd)) {
        a.reply.kind = ZkKind::other;
        co_return a;
    }
    const auto end = co_await s.read_until([&](std::string_view d) {
        a.reply = parse_zk_reply(cmd, d, false);
        return a.reply.kind != ZkKind::incomplete;
    });
    if (a.reply.kind != ZkKind::incomplete) co_return a;
    a.reply = parse_zk_reply(cmd, s.data(), end == ReadEnd::closed);
    a.capped = a.reply.kind == ZkKind::incomplete && !s.data().empty();
    co_return a;
}

Verdict readable(const ZkReply& r, std::string_view cmd) {
    return make_verdict("zookeeper", Exposure::unauthenticated, r.version,
                        std::string(cmd) + " readable without credentials: " + r.detail);
}

constexpr std::string_view k_words[] = {"srvr", "envi", "ruok"};

}  // namespace

awaitable<Outcome> probe_zookeeper(Session& s) {
    std::string refused;
    for (const auto cmd : k_words) {
        if (!refused.empty()) {  // the server closed after refusing: a fresh connection
            const bool dialed = co_await s.redial();
            if (!dialed) break;
        }
        const auto a = co_await ask(s, cmd);
        if (a.capped)
            co_return make_verdict("zookeeper", Exposure::unknown_service, "",
                                   std::string(cmd) + ": ZooKeeper-like answer never ended");
        switch (a.reply.kind) {
        case ZkKind::stats:
        case ZkKind::environment:
            co_return readable(a.reply, cmd);
        case ZkKind::imok:  // alive, status commands refused
            co_return make_verdict("zookeeper", Exposure::anonymous_limited, "",
                                   "ruok: imok; refused: " + refused);
        case ZkKind::not_whitelisted:
            refused += (refused.empty() ? "" : ", ") + std::string(cmd) + " (not in the 4lw whitelist)";
            break;
        case ZkKind::not_serving:  // starting, or a quorum member without quorum: envi may still answer
            refused += (refused.empty() ? "" : ", ") + std::string(cmd) + " (not serving requests)";
            break;
        case ZkKind::other:
        case ZkKind::incomplete:
            if (refused.empty()) co_return std::nullopt;  // srvr got no ZooKeeper answer: not ours
            co_return make_verdict("zookeeper", Exposure::anonymous_limited, "", "refused: " + refused);
        }
    }
    if (refused.empty()) co_return std::nullopt;
    co_return make_verdict("zookeeper", Exposure::anonymous_limited, "", "refused: " + refused);
}

}  // namespace exposcan::probe
