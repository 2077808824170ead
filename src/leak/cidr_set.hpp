// A set of IPv4 and IPv6 networks with fast containment: the networks are
// merged into sorted, disjoint [first, last] ranges per family and looked up by
// binary search. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are treated as
// the IPv4 address they carry, both when parsing and when testing, so a v4
// range also covers the mapped form (docs/leak.md "CDN ranges").
#pragma once
#include <boost/asio/ip/address.hpp>

#include "exposcan/cidr.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::leak {

// The CIDR syntax is core's (exposcan/cidr.hpp), the same for every input.
using exposcan::Cidr;
using exposcan::parse_cidr;
using exposcan::unmap_v4;

class CidrSet {
public:
    void add(const Cidr& cidr);
    [[nodiscard]] bool contains(const boost::asio::ip::address& a) const;
    // True when every address of `cidr` is in the set.
    [[nodiscard]] bool contains(const Cidr& cidr) const;
    // True when any address of `cidr` is in the set.
    [[nodiscard]] bool overlaps(const Cidr& cidr) const;
    [[nodiscard]] bool empty() const { return v4_.empty() && v6_.empty(); }
    [[nodiscard]] std::size_t range_count() const {
        ensure_normalized();
        return v4_.size() + v6_.size();
    }

private:
    template <class T>
    struct Range {
        T first;
        T last;
    };
    template <class T>
    static void normalize(std::vector<Range<T>>& ranges);
    void ensure_normalized() const;
    template <class T>
    static const Range<T>* find(const std::vector<Range<T>>& ranges, T value);

    // Appended by add(), sorted and merged on the first lookup after it.
    mutable std::vector<Range<std::uint32_t>> v4_;
    mutable std::vector<Range<u128>> v6_;
    mutable bool dirty_ = false;
};

// Parses a CIDR list (text_lines rules: '#' comments, blank lines, CRLF).
// Throws UsageError "SOURCE:LINE: bad CIDR 'x': why".
CidrSet parse_cidr_list(std::string_view text, std::string_view source);

}  // namespace exposcan::leak
