// rsync daemon greeting and #list answer, from a hostile server.
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/rsync_proto.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    const bool small_caps = in.byte() & 1;
    const auto bytes = in.rest();
    auto g = exposcan::probe::parse_rsync_greeting(bytes, small_caps ? 16 : 512);
    if (g.consumed > bytes.size()) __builtin_trap();
    auto l = exposcan::probe::parse_rsync_listing(bytes.substr(g.consumed), small_caps ? 8 : 1024, small_caps ? 2 : 32);
    if (l.modules.size() > l.module_count) __builtin_trap();
    return 0;
}
