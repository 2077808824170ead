#include "leak/cidr_set.hpp"

#include <algorithm>

#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"
#include "exposcan/text_lines.hpp"

namespace exposcan::leak {

namespace ip = boost::asio::ip;


template <class T>
void CidrSet::normalize(std::vector<Range<T>>& ranges) {
    std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Range<T>> merged;
    for (const auto& r : ranges) {
        // Merge overlapping and adjacent ranges (last + 1 == first, without overflow).
        if (!merged.empty() && (r.first <= merged.back().last ||
                                (merged.back().last != static_cast<T>(~T{0}) && r.first == merged.back().last + 1)))
            merged.back().last = std::max(merged.back().last, r.last);
        else
            merged.push_back(r);
    }
    ranges = std::move(merged);
}

void CidrSet::ensure_normalized() const {
    if (!dirty_) return;
    normalize(v4_);
    normalize(v6_);
    dirty_ = false;
}

template <class T>
const CidrSet::Range<T>* CidrSet::find(const std::vector<Range<T>>& ranges, T value) {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), value,
                               [](T v, const Range<T>& r) { return v < r.first; });
    if (it == ranges.begin()) return nullptr;
    --it;
    return value <= it->last ? &*it : nullptr;
}

void CidrSet::add(const Cidr& cidr) {
    dirty_ = true;
    if (cidr.is_v4()) {
        auto first = cidr.network.to_v4().to_uint();
        v4_.push_back({first, first | ~mask_v4(cidr.prefix)});
    } else {
        auto first = to_u128(cidr.network.to_v6());
        v6_.push_back({first, first | ~mask_v6(cidr.prefix)});
    }
}

bool CidrSet::contains(const ip::address& raw) const {
    ensure_normalized();
    auto a = unmap_v4(raw);
    if (a.is_v4()) return find(v4_, a.to_v4().to_uint()) != nullptr;
    return find(v6_, to_u128(a.to_v6())) != nullptr;
}

bool CidrSet::contains(const Cidr& cidr) const {
    ensure_normalized();
    if (cidr.is_v4()) {
        auto first = cidr.network.to_v4().to_uint();
        const auto* r = find(v4_, first);
        return r && r->last >= (first | ~mask_v4(cidr.prefix));
    }
    auto first = to_u128(cidr.network.to_v6());
    const auto* r = find(v6_, first);
    return r && r->last >= (first | ~mask_v6(cidr.prefix));
}

bool CidrSet::overlaps(const Cidr& cidr) const {
    if (contains(cidr.network)) return true;  // also normalizes
    // Otherwise some range must start inside the network.
    if (cidr.is_v4()) {
        auto first = cidr.network.to_v4().to_uint();
        auto last = first | ~mask_v4(cidr.prefix);
        return std::any_of(v4_.begin(), v4_.end(), [&](const auto& r) { return r.first >= first && r.first <= last; });
    }
    auto first = to_u128(cidr.network.to_v6());
    auto last = first | ~mask_v6(cidr.prefix);
    return std::any_of(v6_.begin(), v6_.end(), [&](const auto& r) { return r.first >= first && r.first <= last; });
}

CidrSet parse_cidr_list(std::string_view text, std::string_view source) {
    CidrSet set;
    for (const auto& line : content_lines(text)) {
        std::string why;
        auto cidr = parse_cidr(line.text, &why);
        if (!cidr)
            throw UsageError(std::string(source) + ":" + std::to_string(line.number) + ": bad CIDR '" +
                             echo_input(line.text) + "': " + why);
        set.add(*cidr);
    }
    return set;
}

}  // namespace exposcan::leak
