// The CDN's address ranges: the compiled-in Cloudflare lists (with their
// date), the `update-ranges` cache, or a user file (--cdn-ranges).
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "leak/cidr_set.hpp"

namespace exposcan::leak {

struct BuiltinRanges {
    std::string_view name;        // "cloudflare"
    std::string_view date;        // when the published content last changed
    std::string_view provenance;  // where the compiled-in copy came from
    std::span<const std::string_view> cidrs;
};
const BuiltinRanges& builtin_cloudflare_ranges();  // cdn_ranges_cloudflare.cpp (generated)

struct CdnRanges {
    CidrSet set;
    std::string source;  // one line: which list was used, for the report
};

// `file` non-empty: that file (UsageError if unreadable or malformed).
// Otherwise `cdn` must be "cloudflare": the update-ranges cache when it exists
// and parses, else the built-in list. Files are read up to max_bytes.
CdnRanges load_cdn_ranges(const std::string& cdn, const std::string& file, std::size_t max_bytes);

// $XDG_CACHE_HOME/exposcan/cloudflare-ranges.txt, else ~/.cache/exposcan/...;
// empty when neither variable is set.
std::string default_ranges_cache_path();

}  // namespace exposcan::leak
