// Target specs (command line, policy addresses): literals, [v6], CIDRs. Each
// input line is one spec; the first byte toggles --allow-wide. Hostnames must
// never reach the network from a fuzzer, so getaddrinfo is replaced here by a
// stub that answers "no such name" (a strong symbol beats libc's and ASan's
// weak interceptor): the name-validation path is still exercised.
#include <netdb.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "exposcan/error.hpp"
#include "exposcan/scan.hpp"
#include "fuzz_input.hpp"

extern "C" int getaddrinfo(const char*, const char*, const struct addrinfo*, struct addrinfo** res) {
    *res = nullptr;
    return EAI_NONAME;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    exposcan::fuzz::Input in(data, size);
    exposcan::Limits limits;
    limits.allow_wide = (in.byte() & 1) != 0;
    std::vector<std::string> specs;
    while (!in.empty() && specs.size() < 8) specs.emplace_back(in.field('\n'));
    try {
        auto targets = exposcan::scan::resolve_targets(specs, limits);
        if (targets.empty()) std::abort();  // "no targets" must be a UsageError
    } catch (const exposcan::UsageError&) {
    }
    return 0;
}
