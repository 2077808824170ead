// The policy file is user input: any text must either parse or throw
// UsageError ("FILE:LINE: KEY: message"); never crash, hang, or let a
// yaml-cpp or std exception escape.
#include <cstdint>
#include <string_view>

#include "exposcan/error.hpp"
#include "exposcan/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto policy = exposcan::policy::parse_policy(text, "fuzz.yaml");
        for (const auto& t : policy.targets) (void)t.expect.expected(80);
    } catch (const exposcan::UsageError&) {
    }
    return 0;
}
