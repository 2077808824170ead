#include "exposcan/port_set.hpp"

namespace exposcan {

PortSet::Bits& PortSet::bits() {
    // use_count() == 1: nobody else can copy from us while we write (that
    // would be a data race on this object anyway), so no clone is needed.
    if (!bits_) bits_ = std::make_shared<Bits>();
    else if (bits_.use_count() > 1) bits_ = std::make_shared<Bits>(*bits_);
    return *bits_;
}

void PortSet::add_all(const PortSet& other) {
    if (other.empty() || bits_ == other.bits_) return;
    if (empty()) {
        *this = other;  // share: the union is the other set
        return;
    }
    auto& b = bits();
    b |= *other.bits_;
    size_ = b.count();
}

bool operator==(const PortSet& a, const PortSet& b) {
    if (a.size_ != b.size_) return false;
    if (a.bits_ == b.bits_ || a.size_ == 0) return true;
    return *a.bits_ == *b.bits_;
}

std::vector<std::uint16_t> PortSet::to_vector() const {
    std::vector<std::uint16_t> out;
    if (!bits_) return out;
    out.reserve(size());
    const auto& b = *bits_;
    for (auto p = b._Find_first(); p < b.size(); p = b._Find_next(p)) out.push_back(static_cast<std::uint16_t>(p));
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
