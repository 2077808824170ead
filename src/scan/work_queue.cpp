#include "scan/work_queue.hpp"

namespace exposcan::scan {

std::optional<Job> WorkQueue::next() {
    if (!retries_.empty()) {
        auto job = retries_.front();
        retries_.pop_front();
        return job;
    }
    if (port_index_ >= ports_.size() || targets_ == 0) return std::nullopt;
    Job job{static_cast<std::uint32_t>(target_index_), ports_[port_index_], 0};
    if (++target_index_ == targets_) {
        target_index_ = 0;
        ++port_index_;
    }
    return job;
}

}  // namespace exposcan::scan
