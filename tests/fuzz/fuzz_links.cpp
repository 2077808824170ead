// Link extraction and page comparison over one hostile crawled page. Input:
// the base path up to the first newline, then the page. Every path returned
// must be a bounded, printable, absolute path (it goes into a URL as is).
#include <cstdint>
#include <cstdlib>

#include "fuzz_input.hpp"
#include "leak/links.hpp"
#include "leak/similarity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace l = exposcan::leak;
    exposcan::fuzz::Input in(data, size);
    auto base = in.field('\n');
    auto page = in.rest();
    auto links = l::same_site_paths(page, "example.com", base, 50);
    if (links.size() > 50) std::abort();
    for (const auto& p : links) {
        if (p.empty() || p.front() != '/' || p.size() > l::k_max_link_length) std::abort();
        for (char c : p)
            if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f || c == '\\') std::abort();
    }
    (void)l::same_site_path(page, "example.com", base);
    if (l::html_title(page).size() > 256) std::abort();
    auto a = l::summarize(200, page);
    auto s = l::compare(a, l::summarize(200, base));
    if (s.score < 0 || s.score > 1) std::abort();
    return 0;
}
