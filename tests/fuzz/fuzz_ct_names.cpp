// Certificate-transparency answers (crt.sh JSON) are whatever the endpoint
// sends: deep nesting, invalid UTF-8, huge arrays, names with escapes. Every
// name returned must be a valid host name strictly below the domain, unique,
// and there are never more than max_names.
#include <cstdint>

#include "leak/ct_names.hpp"
#include "leak/wordlist.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace l = exposcan::leak;
    std::string_view json(reinterpret_cast<const char*>(data), size);
    auto names = l::parse_ct_names(json, "deep.test", 50);
    if (!names) return 0;
    if (names->names.size() > 50) __builtin_trap();
    for (std::size_t i = 0; i < names->names.size(); ++i) {
        const auto& n = names->names[i];
        if (!l::valid_subdomain(n) || !n.ends_with(".deep.test") || n.starts_with("*")) __builtin_trap();
        if (i > 0 && !(names->names[i - 1] < n)) __builtin_trap();
    }
    return 0;
}
