// MongoDB OP_MSG (opcode 2013) framing around BSON, pure and bounded.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "probe/bson.hpp"
#include "probe/verdict.hpp"

namespace exposcan::probe {

inline constexpr std::int32_t k_op_msg = 2013;

// Header + flagBits 0 + one kind-0 section holding `bson_document`.
std::string op_msg_request(std::int32_t request_id, std::string_view bson_document);

struct OpMsgReply {
    bool complete = false;
    bool valid = true;
    std::int32_t response_to = 0;
    std::optional<BsonValue> body;  // the kind-0 section
    std::size_t consumed = 0;
};

// The first message in `bytes`. A declared length over max_message, a wrong
// opcode or a malformed section makes it invalid.
OpMsgReply parse_op_msg(std::string_view bytes, std::size_t max_message);

// A listDatabases reply -> unauthenticated (ok:1 + databases), auth-required
// (code 13 Unauthorized) or anonymous-limited. Pure.
Verdict classify_list_databases(const BsonValue& reply, const std::string& version);

}  // namespace exposcan::probe
