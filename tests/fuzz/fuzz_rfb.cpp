// VNC RFB version line and security-type answer, from a hostile server.
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/rfb_proto.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    const auto flags = in.byte();
    const auto bytes = in.rest();
    using namespace exposcan::probe;
    const auto v = parse_rfb_version(bytes);
    if (v.kind == RfbKind::ok && rfb_client_version(v).size() != RfbVersion::k_size) __builtin_trap();
    const auto rest = v.kind == RfbKind::ok ? bytes.substr(RfbVersion::k_size) : bytes;
    const std::size_t cap = (flags & 2) ? 8 : 1024;
    const auto s = parse_rfb_security(rest, flags & 1, cap);
    if (s.reason.size() > cap || s.types.size() > 255) __builtin_trap();
    if (s.kind == RfbKind::ok && s.types.empty()) __builtin_trap();
    for (auto t : s.types) (void)rfb_type_name(t);
    return 0;
}
