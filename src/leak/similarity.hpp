// Does the origin's direct answer look like the site the CDN serves? Equal
// bodies are the easy case; dynamic pages (CSRF tokens, timestamps, nonces)
// differ byte for byte, so pages are compared by title and by the overlap of
// their normalized word 3-grams.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::leak {

inline constexpr double k_similar = 0.6;             // score from which "serves the site" holds
inline constexpr std::size_t k_max_shingles = 4096;  // word 3-grams kept per page

struct PageSummary {
    long status = 0;
    std::string title;
    std::uint64_t body_hash = 0;          // of the raw body
    std::vector<std::uint64_t> shingles;  // sorted, unique hashes of normalized word 3-grams
};

PageSummary summarize(long status, std::string_view body);

struct Similarity {
    double score = 0;   // 0..1
    bool same_body = false;
    bool same_title = false;
    double body = 0;    // Jaccard of the shingle sets
    [[nodiscard]] std::string describe() const;  // "similarity 0.83 (title equal, body 0.72)"
};

Similarity compare(const PageSummary& site, const PageSummary& other);

}  // namespace exposcan::leak
