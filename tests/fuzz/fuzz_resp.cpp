// Redis replies (RESP) from a hostile server: any bytes, any bulk length.
// consumed never exceeds the input; a bulk never exceeds the cap.
#include <cstdint>
#include <cstdlib>

#include "fuzz_input.hpp"
#include "probe/resp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    std::size_t cap = in.byte() * 16u;
    auto bytes = in.rest();
    auto r = exposcan::probe::parse_resp(bytes, cap);
    if (r.consumed > bytes.size()) std::abort();
    if (r.kind == exposcan::probe::RespKind::bulk && r.text.size() > cap) std::abort();
    (void)exposcan::probe::info_field(bytes, "redis_version");
    (void)exposcan::probe::info_field(bytes, "");
    return 0;
}
