// Port specs come from the command line and the policy file: any string must
// either parse or throw UsageError, and what parses must round-trip through
// PortSet::to_string (port_set.hpp promises it).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "exposcan/error.hpp"
#include "exposcan/scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view spec(reinterpret_cast<const char*>(data), size);
    exposcan::PortSet ports;
    try {
        ports = exposcan::scan::parse_port_spec(spec);
    } catch (const exposcan::UsageError&) {
        return 0;
    }
    if (ports.contains(0)) std::abort();  // port 0 is never scannable
    auto again = exposcan::scan::parse_port_spec(ports.to_string());
    if (!(again == ports)) std::abort();
    return 0;
}
