#include "policy/port_group.hpp"

namespace exposcan::policy::detail {

namespace {

// Room kept for the ",... (65535 ports in 32768 ranges)" tail, so the whole
// evidence stays within max_bytes.
constexpr std::size_t k_tail_bytes = 40;

std::string range_text(std::uint32_t first, std::uint32_t last) {
    return last == first ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
}

}  // namespace

std::string port_ranges_evidence(const PortSet& ports, std::size_t max_bytes) {
    auto budget = max_bytes > k_tail_bytes ? max_bytes - k_tail_bytes : 0;
    std::string out;
    std::size_t ranges = 0;
    bool cut = false;
    ports.for_each_range([&](std::uint32_t first, std::uint32_t last) {
        ++ranges;
        auto text = range_text(first, last);
        if (!cut && out.size() + text.size() + 1 <= budget) out += (out.empty() ? "" : ",") + text;
        else cut = true;
    });
    auto count = std::to_string(ports.size()) + " ports";
    if (!cut) return out + " (" + count + ")";
    return out + (out.empty() ? "... (" : ",... (") + count + " in " + std::to_string(ranges) + " ranges)";
}

}  // namespace exposcan::policy::detail
