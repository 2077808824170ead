// A set of TCP ports (1-65535) with cheap membership and ordered iteration.
#pragma once
#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace exposcan {

// A 65,536-bit set, shared on copy and cloned on the first write: every
// TargetScan holds one (`scanned`), and a /20 x 16 ports scan copied 8 KiB
// per target per shard and per pipeline stage (276 MiB for 4,096 targets,
// against 18 MiB for one target x 65,535 ports). An empty set allocates
// nothing. Copies may be read from several threads; writes need the one
// owner, as for any value type.
class PortSet {
public:
    void add(std::uint16_t port) {
        if (!contains(port)) {
            bits().set(port);
            ++size_;
        }
    }
    void add_range(std::uint16_t first, std::uint16_t last) {
        for (std::uint32_t p = first; p <= last; ++p) add(static_cast<std::uint16_t>(p));
    }
    void remove(std::uint16_t port) {
        if (contains(port)) {
            bits().reset(port);
            --size_;
        }
    }
    void add_all(const PortSet& other);
    [[nodiscard]] bool contains(std::uint16_t port) const { return bits_ && bits_->test(port); }
    // Kept, not counted: a popcount of 8 KiB per call added up over thousands of targets.
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] std::vector<std::uint16_t> to_vector() const;
    // Compact form: "22,25,80-443". Round-trips through parse_port_spec.
    [[nodiscard]] std::string to_string() const;
    // fn(first, last) for each run of consecutive ports, in order.
    // Set bits are found a word at a time (libstdc++'s _Find_first/_Find_next,
    // which gcc and clang use here): a sparse set of 65,536 bits costs ~1,000
    // word tests, not 65,536 bit tests (many targets x every writer add up).
    template <typename Fn>
    void for_each_range(Fn&& fn) const {
        if (!bits_) return;
        const auto& b = *bits_;
        std::size_t p = b._Find_first();
        while (p < b.size()) {
            std::size_t last = p;
            while (last + 1 < b.size() && b.test(last + 1)) ++last;
            fn(static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(last));
            p = b._Find_next(last);
        }
    }
    static PortSet all() { PortSet s; s.add_range(1, 65535); return s; }
    friend bool operator==(const PortSet& a, const PortSet& b);

private:
    using Bits = std::bitset<65536>;  // bit 0 is never set: port 0 is not scannable
    // The bits to write to: allocated if empty, cloned if shared.
    Bits& bits();

    std::shared_ptr<Bits> bits_;
    std::size_t size_ = 0;  // bits set
};

}  // namespace exposcan
