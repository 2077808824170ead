#include "exposcan/port_set.hpp"

namespace exposcan {

std::vector<std::uint16_t> PortSet::to_vector() const {
    std::vector<std::uint16_t> out;
    out.reserve(size());
    for (std::uint32_t p = 1; p <= 65535; ++p)
        if (bits_.test(p)) out.push_back(static_cast<std::uint16_t>(p));
    return out;
}

std::string PortSet::to_string() const {
    std::string out;
    std::uint32_t p = 1;
    while (p <= 65535) {
        if (!bits_.test(p)) { ++p; continue; }
        std::uint32_t last = p;
        while (last + 1 <= 65535 && bits_.test(last + 1)) ++last;
        if (!out.empty()) out += ',';
        out += std::to_string(p);
        if (last != p) out += '-' + std::to_string(last);
        p = last + 1;
    }
    return out;
}

}  // namespace exposcan
