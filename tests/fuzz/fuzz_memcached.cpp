// memcached text `stats` and binary-protocol replies from a hostile server.
#include <cstdint>
#include <cstdlib>

#include "fuzz_input.hpp"
#include "probe/memcached_proto.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    std::size_t cap = in.byte() * 64u;
    auto bytes = in.rest();
    (void)exposcan::probe::parse_memcached_text(bytes);
    auto b = exposcan::probe::parse_memcached_binary(bytes, cap);
    if (b.consumed > bytes.size() || b.value.size() > cap) std::abort();
    return 0;
}
