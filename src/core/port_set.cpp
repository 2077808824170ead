#include "exposcan/port_set.hpp"

namespace exposcan {

std::vector<std::uint16_t> PortSet::to_vector() const {
    std::vector<std::uint16_t> out;
    out.reserve(size());
    for (auto p = bits_._Find_first(); p < bits_.size(); p = bits_._Find_next(p))
        out.push_back(static_cast<std::uint16_t>(p));
    return out;
}

std::string PortSet::to_string() const {
    std::string out;
    for_each_range([&out](std::uint32_t first, std::uint32_t last) {
        if (!out.empty()) out += ',';
        out += std::to_string(first);
        if (last != first) out += '-' + std::to_string(last);
    });
    return out;
}

}  // namespace exposcan
