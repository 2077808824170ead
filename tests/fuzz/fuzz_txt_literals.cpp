// TXT records (any, not only SPF) are searched for IPv4/IPv6 literals: hostile
// text must yield only real addresses, each once, never crash.
#include <algorithm>
#include <cstdint>

#include "leak/classify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view txt(reinterpret_cast<const char*>(data), size);
    auto found = exposcan::leak::ip_literals(txt);
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (std::count(found.begin(), found.end(), found[i]) != 1) __builtin_trap();
        (void)found[i].to_string();
    }
    return 0;
}
