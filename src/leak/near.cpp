// --near CIDR: the owner's own blocks around the origin (docs/leak.md "Nearby
// addresses"). Attackers sweep a hosting provider's ranges with the site's
// Host header (hakoriginfinder); a staging copy or a second origin there is
// found the same way.
#include <algorithm>

#include "exposcan/cidr.hpp"
#include "exposcan/error.hpp"
#include "leak/http_audit.hpp"

namespace exposcan::leak {

std::vector<boost::asio::ip::address> near_addresses(const LeakRequest& request, const Limits& limits) {
    std::vector<boost::asio::ip::address> out;
    for (const auto& spec : request.near) {
        std::vector<boost::asio::ip::address> block;
        try {
            block = expand_cidr(spec, limits);  // the scan's syntax and scope rules
        } catch (const UsageError& e) {
            throw UsageError(std::string("--near: ") + e.what());
        }
        for (const auto& a : block)
            if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    }
    return out;
}

}  // namespace exposcan::leak
