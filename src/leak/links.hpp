// Same-site links in a crawled page: a bounded hand parser (no HTML library),
// because the page is hostile bytes and all we need is where it points.
// Fuzzed by tests/fuzz/fuzz_links.cpp.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::leak {

inline constexpr std::size_t k_max_link_length = 2048;  // longer attribute values/URLs are skipped

// Paths ("/a/b?q") on `domain` that `text` refers to, each once, at most
// `max_links`; href= values first, then src=, action=, then bare URLs:
//  - href=, src=, action= attribute values (quoted or not; relative ones
//    resolved against `base_path`, "//host/x" and "http(s)://host/x" kept
//    when host is `domain`), with &amp; decoded;
//  - absolute http(s)://domain/... URLs anywhere (sitemaps, robots.txt
//    Sitemap: lines, JSON such as nodeinfo or Mastodon's API).
// Fragments are dropped, "." and ".." segments resolved; a path with bytes
// outside printable ASCII, a backslash or userinfo is skipped.
std::vector<std::string> same_site_paths(std::string_view text, std::string_view domain, std::string_view base_path,
                                         std::size_t max_links);

// One URL or reference (a Location, an attribute value) -> its same-site
// path, resolved against `base_path` like the links above; nullopt otherwise.
std::optional<std::string> same_site_path(std::string_view url, std::string_view domain, std::string_view base_path);

// The value of the page's <title> (whitespace collapsed, at most 256 bytes).
std::string html_title(std::string_view html);

}  // namespace exposcan::leak
