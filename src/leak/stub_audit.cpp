// PLACEHOLDER until the leak audit lands.
#include "exposcan/leak.hpp"

namespace exposcan::leak {

LeakReport audit(const LeakRequest& request, const LeakOptions&, const Limits&) {
    LeakReport r;
    r.domain = request.domain;
    r.inconclusive.push_back("leak audit not implemented");
    return r;
}

std::vector<Finding> findings_from(const LeakReport&, const std::string&) { return {}; }

}  // namespace exposcan::leak
