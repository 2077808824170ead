// PostgreSQL backend messages answering our StartupMessage, from a hostile server.
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/pg_proto.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    std::size_t cap = in.byte() & 1 ? 16384 : 64;
    (void)exposcan::probe::parse_pg_startup_reply(in.rest(), cap);
    return 0;
}
