// ZooKeeper four-letter-word answers (srvr, envi, ruok), from a hostile server.
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/zk_proto.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    const auto flags = in.byte();
    static constexpr std::string_view k_words[] = {"srvr", "envi", "ruok", "srvr"};
    const auto bytes = in.rest();
    const auto r = exposcan::probe::parse_zk_reply(k_words[flags & 3], bytes, flags & 4);
    if (r.version.size() > bytes.size() || r.detail.size() > 4 * (80 + 32)) __builtin_trap();
    // Every prefix decides the same way or stays incomplete: the probe's early decision is sound.
    const auto early = exposcan::probe::parse_zk_reply(k_words[flags & 3], bytes.substr(0, bytes.size() / 2), false);
    if (early.kind != exposcan::probe::ZkKind::incomplete && early.kind != exposcan::probe::ZkKind::other &&
        early.kind != r.kind)
        __builtin_trap();
    return 0;
}
