#include "leak/cidr_set.hpp"

#include <algorithm>
#include <charconv>

#include "exposcan/error.hpp"
#include "leak/text_lines.hpp"

namespace exposcan::leak {

namespace ip = boost::asio::ip;

namespace {

u128 to_u128(const ip::address_v6& a) {
    u128 v = 0;
    for (auto b : a.to_bytes()) v = (v << 8) | b;
    return v;
}

std::uint32_t mask_v4(int prefix) { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }
u128 mask_v6(int prefix) { return prefix == 0 ? 0 : ~u128{0} << (128 - prefix); }

std::optional<int> parse_prefix(std::string_view s, int max) {
    int value = -1;
    if (s.empty() || s.size() > 3) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || value < 0 || value > max) return std::nullopt;
    return value;
}

// A v4-mapped v6 network of prefix >= 96 is the v4 network it maps.
Cidr normalize_mapped(const ip::address_v6& a, int prefix) {
    if (a.is_v4_mapped() && prefix >= 96)
        return {ip::make_address_v4(ip::v4_mapped, a), prefix - 96};
    return {a, prefix};
}

}  // namespace

ip::address unmap_v4(const ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
    return a;
}

std::string Cidr::to_string() const { return network.to_string() + "/" + std::to_string(prefix); }

std::optional<Cidr> parse_cidr(std::string_view text) {
    auto slash = text.find('/');
    boost::system::error_code ec;
    auto addr = ip::make_address(std::string(text.substr(0, slash)), ec);
    if (ec) return std::nullopt;
    const int max = addr.is_v4() ? 32 : 128;
    int prefix = max;
    if (slash != std::string_view::npos) {
        auto p = parse_prefix(text.substr(slash + 1), max);
        if (!p) return std::nullopt;
        prefix = *p;
    }
    if (addr.is_v4()) {
        auto v = addr.to_v4().to_uint();
        if ((v & ~mask_v4(prefix)) != 0) return std::nullopt;
        return Cidr{addr, prefix};
    }
    if (addr.to_v6().scope_id() != 0) return std::nullopt;
    if ((to_u128(addr.to_v6()) & ~mask_v6(prefix)) != 0) return std::nullopt;
    return normalize_mapped(addr.to_v6(), prefix);
}

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
        auto cidr = parse_cidr(line.text);
        if (!cidr)
            throw UsageError(std::string(source) + ":" + std::to_string(line.number) + ": bad CIDR '" +
                             line.text.substr(0, 80) + "'");
        set.add(*cidr);
    }
    return set;
}

}  // namespace exposcan::leak
