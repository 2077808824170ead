// FTP reply lines (greeting, the answer to USER anonymous), from a hostile server.
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/ftp_proto.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    const bool small_caps = in.byte() & 1;
    const auto bytes = in.rest();
    using namespace exposcan::probe;
    const auto r = parse_ftp_reply(bytes, small_caps ? 8 : 512, small_caps ? 2 : 64);
    if (r.consumed > bytes.size()) __builtin_trap();
    if (r.kind == FtpKind::ok && (r.code < 0 || r.code > 999 || r.consumed == 0)) __builtin_trap();
    (void)classify_ftp_user_reply(r);
    // The next reply, as the probe reads it after the greeting.
    if (r.kind == FtpKind::ok) (void)parse_ftp_reply(bytes.substr(r.consumed));
    return 0;
}
