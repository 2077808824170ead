#include "probe/bson.hpp"
#include "probe/op_msg.hpp"
#include "probe/probes.hpp"

namespace exposcan::probe {

namespace {

constexpr std::size_t k_max_message = 64 * 1024;

awaitable<std::optional<BsonValue>> command(Session& s, std::int32_t id, const std::string& doc) {
    if (!co_await s.send(op_msg_request(id, doc))) co_return std::nullopt;
    OpMsgReply reply;
    co_await s.read_until([&](std::string_view d) {
        reply = parse_op_msg(d, k_max_message);
        return reply.complete || !reply.valid;
    });
    if (!reply.complete) co_return std::nullopt;
    s.consume(reply.consumed);
    co_return std::move(reply.body);
}

std::string text_of(const BsonValue& doc, std::string_view key) {
    const auto* v = doc.get(key);
    return v && v->type == BsonValue::Type::string ? v->text : "";
}

}  // namespace

// Pure: listDatabases reply -> exposure.
Verdict classify_list_databases(const BsonValue& reply, const std::string& version) {
    const auto* ok = reply.get("ok");
    const auto* dbs = reply.get("databases");
    if (ok && ok->as_number() == 1.0 && dbs && dbs->type == BsonValue::Type::array)
        return make_verdict("mongodb", Exposure::unauthenticated, version,
                            "listDatabases ok:1, " + std::to_string(dbs->children.size()) + " databases");
    const auto* code = reply.get("code");
    const auto line = "listDatabases ok:0 code " + (code && code->as_number() ? std::to_string(int(*code->as_number())) : "?") +
                      " " + text_of(reply, "codeName") + ": " + text_of(reply, "errmsg");
    if ((code && code->as_number() == 13.0) || text_of(reply, "codeName") == "Unauthorized")
        return make_verdict("mongodb", Exposure::auth_required, version, line);
    return make_verdict("mongodb", Exposure::anonymous_limited, version, line);
}

awaitable<Outcome> probe_mongodb(Session& s) {
    // isMaster rather than hello: every OP_MSG server (3.6+) knows it.
    auto hello = co_await command(s, 1, BsonBuilder().add_int32("isMaster", 1).add_string("$db", "admin").finish());
    if (!hello || !hello->get("maxWireVersion")) co_return std::nullopt;
    auto build = co_await command(s, 2, BsonBuilder().add_int32("buildInfo", 1).add_string("$db", "admin").finish());
    std::string version;
    if (build) version = text_of(*build, "version");
    auto list = co_await command(
        s, 3, BsonBuilder().add_int32("listDatabases", 1).add_bool("nameOnly", true).add_string("$db", "admin").finish());
    if (!list) co_return make_verdict("mongodb", Exposure::unknown_service, version, "isMaster answered");
    co_return classify_list_databases(*list, version);
}

}  // namespace exposcan::probe
