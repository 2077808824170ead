// Which scans can back a "filtered" verdict (model.hpp Reachability): an
// address where something answered proves its own path; one where nothing
// did needs a canary of its family that answered before and after the run.
#include "run/stages.hpp"

namespace exposcan::detail {

namespace {

bool same_family(const Target& a, const Target& b) { return a.address.is_v6() == b.address.is_v6(); }

Reachability judge(const TargetScan& scan, const std::vector<CanaryCheck>& canaries) {
    if (!scan.ports.empty()) return Reachability::answered;  // `ports` holds only what answered
    bool any = false;
    for (const auto& c : canaries) {
        if (!same_family(c.target, scan.target)) continue;
        if (!c.ok()) return Reachability::canary_failed;
        any = true;
    }
    return any ? Reachability::canary : Reachability::not_proven;
}

std::string describe(const std::optional<PortResult>& r) {
    if (!r) return "not checked";
    return std::string(to_string(r->state)) + "/" + std::string(to_string(r->reason));
}

}  // namespace

void judge_reachability(RunReport& report) {
    for (auto& scan : report.scans) scan.reachability = judge(scan, report.canaries);
    for (const auto& c : report.canaries) {
        if (c.ok()) continue;
        report.inconclusive.push_back("canary " + c.spec + " (" + c.target.address_string() + ":" +
                                      std::to_string(c.port) + ") did not answer (before the run: " +
                                      describe(c.before) + ", after: " + describe(c.after) +
                                      "): this runner's path is not proven, so silent ports prove nothing");
    }
}

}  // namespace exposcan::detail
