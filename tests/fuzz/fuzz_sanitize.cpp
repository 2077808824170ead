// sanitize() is the one gate between network bytes and every writer: its output
// must be printable ASCII only (no ESC, NUL, newline or byte >= 0x80) and
// bounded. The first input byte picks max_len so short limits get fuzzed too.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "exposcan/escape.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::size_t max_len = data[0] == 0xff ? 512 : data[0];
    std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    auto out = exposcan::sanitize(bytes, max_len);
    if (out.size() > max_len + 3) std::abort();  // "..." may follow the cut
    for (unsigned char c : out)
        if (c < 0x20 || c >= 0x7f) std::abort();
    return 0;
}
