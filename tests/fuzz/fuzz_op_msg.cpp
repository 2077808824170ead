// MongoDB OP_MSG replies and the BSON inside them, from a hostile server:
// lengths, nesting and element types are all attacker-chosen.
#include <cstdint>
#include <cstdlib>

#include "fuzz_input.hpp"
#include "probe/op_msg.hpp"

namespace {

// Walks the decoded tree the way the probe does (get, as_number).
void touch(const exposcan::probe::BsonValue& v, int depth) {
    if (depth > 64) std::abort();  // decoder promised a depth limit
    (void)v.as_number();
    (void)v.get("ok");
    for (const auto& c : v.children) touch(c.value, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    bool framed = in.byte() & 1;
    auto bytes = in.rest();
    if (framed) {
        auto r = exposcan::probe::parse_op_msg(bytes, 1 << 20);
        if (r.consumed > bytes.size()) std::abort();
        if (r.body) touch(*r.body, 0);
    } else {
        std::size_t used = 0;
        auto doc = exposcan::probe::bson_decode(bytes, exposcan::probe::k_max_bson_depth, &used);
        if (doc) {
            if (used > bytes.size()) std::abort();
            touch(*doc, 0);
        }
    }
    return 0;
}
