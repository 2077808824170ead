// The first bytes a server sends unasked: the MySQL greeting / error packet
// parser and the banner classifier that calls it.
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/mysql_proto.hpp"
#include "probe/probes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    const std::size_t cap = in.byte() & 1 ? 508 : 16384;
    const auto bytes = in.rest();
    (void)exposcan::probe::parse_mysql_greeting(bytes, cap);
    (void)exposcan::probe::mysql_packet_complete(bytes, cap);
    (void)exposcan::probe::banner_complete(bytes);
    (void)exposcan::probe::classify_banner(bytes);
    return 0;
}
