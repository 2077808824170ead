#include "leak/cdn_ranges.hpp"

#include <cstdlib>
#include <filesystem>

#include "exposcan/error.hpp"
#include "exposcan/read_file.hpp"

namespace exposcan::leak {

namespace {

CdnRanges builtin() {
    const auto& b = builtin_cloudflare_ranges();
    CdnRanges r;
    for (auto text : b.cidrs) r.set.add(*parse_cidr(text));  // generated from checked input
    r.source = "built-in " + std::string(b.name) + " ranges of " + std::string(b.date);
    return r;
}

}  // namespace

std::string default_ranges_cache_path() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::string(xdg) + "/exposcan/cloudflare-ranges.txt";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.cache/exposcan/cloudflare-ranges.txt";
    return {};
}

CdnRanges load_cdn_ranges(const std::string& cdn, const std::string& file, std::size_t max_bytes) {
    if (!file.empty()) {
        CdnRanges r{parse_cidr_list(read_file_capped(file, max_bytes, "CDN ranges file"), file), "file " + file};
        if (r.set.empty()) throw UsageError(file + ": no CIDR ranges in file");
        return r;
    }
    if (cdn != "cloudflare") throw UsageError("unknown CDN '" + cdn + "' (built in: cloudflare; or --cdn-ranges FILE)");
    auto cache = default_ranges_cache_path();
    std::error_code ec;
    if (!cache.empty() && std::filesystem::is_regular_file(cache, ec)) {
        try {
            CdnRanges r{parse_cidr_list(read_file_capped(cache, max_bytes, "CDN ranges cache"), cache), "update-ranges cache " + cache};
            if (!r.set.empty()) return r;
        } catch (const UsageError&) {
            // A damaged cache must not break the audit: fall back to the built-in list.
        }
    }
    return builtin();
}

}  // namespace exposcan::leak
