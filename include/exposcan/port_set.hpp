// A set of TCP ports (1-65535) with cheap membership and ordered iteration.
#pragma once
#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

namespace exposcan {

class PortSet {
public:
    void add(std::uint16_t port) { bits_.set(port); }
    void add_range(std::uint16_t first, std::uint16_t last) {
        for (std::uint32_t p = first; p <= last; ++p) bits_.set(p);
    }
    void remove(std::uint16_t port) { bits_.reset(port); }
    void add_all(const PortSet& other) { bits_ |= other.bits_; }
    [[nodiscard]] bool contains(std::uint16_t port) const { return bits_.test(port); }
    [[nodiscard]] std::size_t size() const { return bits_.count(); }
    [[nodiscard]] bool empty() const { return bits_.none(); }
    [[nodiscard]] std::vector<std::uint16_t> to_vector() const;
    // Compact form: "22,25,80-443". Round-trips through parse_port_spec.
    [[nodiscard]] std::string to_string() const;
    // fn(first, last) for each run of consecutive ports, in order.
    // Set bits are found a word at a time (libstdc++'s _Find_first/_Find_next,
    // which gcc and clang use here): a sparse set of 65,536 bits costs ~1,000
    // word tests, not 65,536 bit tests (many targets x every writer add up).
    template <typename Fn>
    void for_each_range(Fn&& fn) const {
        std::size_t p = bits_._Find_first();
        while (p < bits_.size()) {
            std::size_t last = p;
            while (last + 1 < bits_.size() && bits_.test(last + 1)) ++last;
            fn(static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(last));
            p = bits_._Find_next(last);
        }
    }
    static PortSet all() { PortSet s; s.add_range(1, 65535); return s; }
    friend bool operator==(const PortSet&, const PortSet&) = default;

private:
    std::bitset<65536> bits_;  // bit 0 is never set: port 0 is not scannable
};

}  // namespace exposcan
