// The silent ports of one target (no answer after their tries), kept until
// the engine hands them out again for more tries. A list while short, a
// 65,536-bit set once that is smaller (8 KiB = 4,096 ports): a target with 16
// silent ports of a 4,096-target scan costs 32 bytes, not 8 KiB, and a
// filtered host scanned over all ports costs 8 KiB, not 128.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "exposcan/port_set.hpp"

namespace exposcan::scan {

class SilentPorts {
public:
    void add(std::uint16_t port) {
        ++count_;
        if (!list_mode_) return set_.add(port);
        list_.push_back(port);
        if (list_.size() > k_list_max) to_set();
    }
    [[nodiscard]] std::size_t size() const { return count_; }
    [[nodiscard]] bool empty() const { return count_ == 0; }
    // Adds every port to `out`.
    void add_to(PortSet& out) const {
        if (!list_mode_) return out.add_all(set_);
        for (auto p : list_) out.add(p);
    }
    // Every port, sorted, and the container emptied.
    std::vector<std::uint16_t> take() {
        auto out = list_mode_ ? std::move(list_) : set_.to_vector();
        std::sort(out.begin(), out.end());
        *this = SilentPorts{};
        return out;
    }

private:
    static constexpr std::size_t k_list_max = 4096;  // 2 bytes each: the size of the set
    void to_set() {
        for (auto p : list_) set_.add(p);
        list_ = {};
        list_mode_ = false;
    }

    std::vector<std::uint16_t> list_;
    PortSet set_;
    std::size_t count_ = 0;
    bool list_mode_ = true;
};

}  // namespace exposcan::scan
