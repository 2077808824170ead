// What the shards (shards.hpp) of one scan tell each other about a target,
// lock-free: shards split a target's ports, so without this a shard that
// happens to own none of the answering ports would have no RTT (and keep the
// 1 s initial timeout for all of its ports) and no closed port to measure
// loss against (and give its silent ports too few tries under loss).
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace exposcan::scan {

// Closed ports remembered per target as loss-probe destinations (RST answers:
// no application ever sees the probe; open ports are never used for this).
inline constexpr std::size_t k_probe_ports = 8;

class TargetHints {
public:
    void publish_timeout(std::chrono::microseconds t) {
        timeout_us_.store(static_cast<std::uint32_t>(t.count()), std::memory_order_relaxed);
    }
    // Zero: no shard has an RTT sample yet.
    [[nodiscard]] std::chrono::microseconds timeout() const {
        return std::chrono::microseconds(timeout_us_.load(std::memory_order_relaxed));
    }
    void publish_closed(std::uint16_t port) {
        auto i = count_.fetch_add(1, std::memory_order_relaxed);
        if (i < closed_.size()) closed_[i].store(port, std::memory_order_release);
    }
    [[nodiscard]] std::vector<std::uint16_t> closed_ports() const {
        std::vector<std::uint16_t> out;
        for (const auto& p : closed_)
            if (auto port = p.load(std::memory_order_acquire); port != 0) out.push_back(port);
        return out;
    }

    // Loss samples of every shard: each shard sees only its share of the
    // answering ports; alone, a shard whose ports all answered at once saw
    // "no loss" and gave its silent ports 2 tries while the other shard had
    // measured loss (issue 12: port 25 missed in a complete scan).
    void add_loss(std::uint64_t samples, std::uint64_t lost) {
        loss_samples_.fetch_add(samples, std::memory_order_relaxed);
        loss_lost_.fetch_add(lost, std::memory_order_relaxed);
    }
    [[nodiscard]] std::uint64_t loss_samples() const { return loss_samples_.load(std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t loss_lost() const { return loss_lost_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> loss_samples_{0};
    std::atomic<std::uint64_t> loss_lost_{0};
    std::atomic<std::uint32_t> timeout_us_{0};
    std::atomic<std::uint32_t> count_{0};
    std::array<std::atomic<std::uint16_t>, k_probe_ports> closed_{};
};

// One TargetHints per target, shared by every shard of a scan.
class ScanHints {
public:
    explicit ScanHints(std::size_t targets) : hints_(std::make_unique<TargetHints[]>(targets)) {}
    TargetHints& operator[](std::size_t target) { return hints_[target]; }

private:
    std::unique_ptr<TargetHints[]> hints_;
};

}  // namespace exposcan::scan
