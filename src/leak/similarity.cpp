#include "leak/similarity.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "leak/links.hpp"

namespace exposcan::leak {

namespace {

constexpr double k_title_weight = 0.4;  // the rest is the body's overlap

// FNV-1a: stable across runs and platforms (std::hash is not).
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// Lower-case words; digit runs become "0" so counters and timestamps do not count as differences.
std::vector<std::string> words(std::string_view body) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(std::move(cur));
        cur.clear();
    };
    for (std::size_t i = 0; i < body.size(); ++i) {
        auto c = static_cast<unsigned char>(body[i]);
        if (std::isdigit(c)) {
            if (cur.empty() || cur.back() != '0') cur += '0';
        } else if (std::isalpha(c) || c >= 0x80) {
            cur += static_cast<char>(std::tolower(c));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::vector<std::uint64_t> shingles(const std::vector<std::string>& w) {
    std::vector<std::uint64_t> out;
    if (w.size() < 3) {  // a tiny page: the whole text is one shingle
        std::uint64_t h = fnv1a("");
        for (const auto& x : w) h = fnv1a(x + " ", h);
        if (!w.empty()) out.push_back(h);
        return out;
    }
    for (std::size_t i = 0; i + 2 < w.size() && out.size() < k_max_shingles; ++i)
        out.push_back(fnv1a(w[i + 2] + " ", fnv1a(w[i + 1] + " ", fnv1a(w[i] + " "))));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() && b.empty()) return 1.0;
    std::size_t common = 0, i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j]) ++common, ++i, ++j;
        else if (a[i] < b[j]) ++i;
        else ++j;
    }
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

PageSummary summarize(long status, std::string_view body) {
    PageSummary p;
    p.status = status;
    p.title = html_title(body);
    p.body_hash = fnv1a(body);
    p.shingles = shingles(words(body));
    return p;
}

Similarity compare(const PageSummary& site, const PageSummary& other) {
    Similarity s;
    s.same_body = site.body_hash == other.body_hash;
    s.same_title = !site.title.empty() && site.title == other.title;
    s.body = jaccard(site.shingles, other.shingles);
    if (s.same_body) s.score = 1.0;
    else if (!site.title.empty()) s.score = k_title_weight * (s.same_title ? 1.0 : 0.0) + (1 - k_title_weight) * s.body;
    else s.score = s.body;
    return s;
}

std::string Similarity::describe() const {
    char buf[96];
    if (same_body) return "similarity 1.00 (same body)";
    std::snprintf(buf, sizeof buf, "similarity %.2f (title %s, body %.2f)", score, same_title ? "equal" : "differs", body);
    return buf;
}

}  // namespace exposcan::leak
