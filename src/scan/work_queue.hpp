// What to try next: retries first (so ports finish and memory stays flat),
// then fresh (target, port) pairs, port-major so several targets progress
// together. Nothing is materialised: fresh work is an iterator.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace exposcan::scan {

struct Job {
    std::uint32_t target = 0;
    std::uint16_t port = 0;
    std::uint8_t tries = 0;  // attempts already made for this port
    bool loss_probe = false; // a loss measurement to a known closed port, not a port's try
};

class WorkQueue {
public:
    WorkQueue(std::size_t targets, std::vector<std::uint16_t> ports)
        : targets_(targets), ports_(std::move(ports)) {}

    std::optional<Job> next();
    void retry(const Job& job) { retries_.push_back(job); }
    // A job that failed for a local reason goes first again, not counted as a try.
    void put_back(const Job& job) { retries_.push_front(job); }
    [[nodiscard]] bool empty() const { return retries_.empty() && port_index_ >= ports_.size(); }
    [[nodiscard]] std::uint64_t total() const {
        return static_cast<std::uint64_t>(targets_) * ports_.size();
    }

private:
    std::size_t targets_;
    std::vector<std::uint16_t> ports_;
    std::deque<Job> retries_;
    std::size_t port_index_ = 0;
    std::size_t target_index_ = 0;
};

}  // namespace exposcan::scan
