// `exposcan update-ranges`: fetch Cloudflare's current ips-v4 / ips-v6 lists
// and store them as the cache load_cdn_ranges() prefers over the built-in copy.
#pragma once
#include <cstddef>
#include <string>

#include "exposcan/options.hpp"

namespace exposcan::leak {

inline constexpr const char* k_cloudflare_url_base = "https://www.cloudflare.com";

struct RangesUpdate {
    bool ok = false;
    std::string error;       // one line when !ok (network outcome or bad content)
    std::size_t v4 = 0, v6 = 0;
    std::string path;        // file written
};

// Fetches URL_BASE/ips-v4 and URL_BASE/ips-v6 (http or https only), checks that
// every line is a CIDR of the right family, then writes `output` atomically
// (temp file + rename; parent directories created). Empty output = the
// default cache path. Throws UsageError for a bad URL base or no cache path.
RangesUpdate update_ranges(const std::string& url_base, const std::string& output, const LeakOptions& options);

}  // namespace exposcan::leak
