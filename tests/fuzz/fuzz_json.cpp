// JSON bodies from hostile HTTP services: deep nesting, invalid UTF-8, huge
// numbers. parse_json_safely must never throw or recurse unboundedly.
#include <cstdint>
#include <cstdlib>

#include "probe/json_safe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)exposcan::probe::json_depth(text);
    auto j = exposcan::probe::parse_json_safely(text);
    if (j) {
        (void)exposcan::probe::json_string_at(*j, {"version", "number"});
        (void)exposcan::probe::json_string_at(*j, {"cluster_name"});
        (void)exposcan::probe::json_string_at(*j, {"0"});
    }
    return 0;
}
