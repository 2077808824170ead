// Port findings of one rule on one address, bounded: while few ports are
// involved each keeps its own finding (baselines and SARIF locations point at
// tcp://host:port); beyond k_port_findings_per_group the group becomes ONE
// finding at tcp://host whose evidence lists the ports as ranges. A host
// without a firewall therefore costs a handful of findings, not 65,535.
#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "exposcan/model.hpp"

namespace exposcan::policy::detail {

// More ports than this in one group -> one aggregated finding (docs/findings.md).
inline constexpr std::size_t k_port_findings_per_group = 32;

// Bytes of port ranges an aggregated finding's evidence keeps (the default of
// Limits::max_evidence; the count of ports follows the ranges).
inline constexpr std::size_t k_port_evidence_bytes = 512;

class PortGroup {
public:
    // Adds `port`; `make` builds its per-port finding, called only while the
    // group is small, so memory stays O(threshold) per group.
    template <typename Make>
    void add(std::uint16_t port, Severity severity, Make&& make) {
        ports_.add(port);
        ++count_;
        severity_ = std::max(severity_, severity);
        if (kept_.size() <= k_port_findings_per_group) kept_.push_back(make());
    }
    [[nodiscard]] bool empty() const { return count_ == 0; }
    [[nodiscard]] bool aggregated() const { return count_ > k_port_findings_per_group; }
    [[nodiscard]] std::size_t count() const { return count_; }
    [[nodiscard]] const PortSet& ports() const { return ports_; }
    [[nodiscard]] Severity severity() const { return severity_; }
    // The per-port findings (all of them unless aggregated()).
    [[nodiscard]] std::vector<Finding>& kept() { return kept_; }

private:
    PortSet ports_;
    std::size_t count_ = 0;
    Severity severity_ = Severity::info;
    std::vector<Finding> kept_;
};

// "1-24,26-79,81-442 (65532 ports)"; ranges past `max_bytes` are cut:
// "1-24,26-79,... (65532 ports in 812 ranges)".
std::string port_ranges_evidence(const PortSet& ports, std::size_t max_bytes = k_port_evidence_bytes);

}  // namespace exposcan::policy::detail
