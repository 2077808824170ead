// The crawl through the CDN: the home page, the well-known paths a site
// serves, --path, and the same-site links they contain, level by level up to
// crawl_max_depth; every header, redirect and body judged (inspect_response)
// under its URL. Bounded by pages, total body bytes and fetches in flight
// (LeakOptions::crawl_*, docs/resource-bounds.md).
#include <algorithm>
#include <memory>
#include <set>

#include "leak/favicon.hpp"
#include "leak/http_audit.hpp"
#include "leak/links.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;
using Tasks = std::vector<std::function<asio::awaitable<void>()>>;

namespace {

// Paths a site serves without linking to them; fediverse software (Mastodon)
// answers most, and attackers fetch them all.
constexpr std::string_view k_well_known[] = {
    "/robots.txt",        "/sitemap.xml",           "/favicon.ico",      "/.well-known/security.txt",
    "/.well-known/nodeinfo", "/.well-known/host-meta", "/nodeinfo/2.0",  "/api/v1/instance",
    "/api/v2/instance",
};

struct Crawl {
    std::set<std::string> seen;
    std::size_t pages = 0;
    std::size_t bytes = 0;
};

bool looks_like_icon(const net::HttpResponse& r) {
    if (r.status != 200 || r.body.empty() || r.body_truncated) return false;
    const auto* type = r.header("content-type");
    return !type || !type->starts_with("text/");  // an HTML "not found" page served with 200 is no icon
}

void note_favicon(AuditContext& ctx, const std::string& shown, const net::HttpResponse& r, SiteReference& site) {
    if (!looks_like_icon(r)) return;
    auto hash = favicon_hash(r.body);
    site.favicon = hash;
    ctx.record("http.favicon", shown, std::to_string(hash), verdict::clean,
               "mmh3 favicon hash; search engines index it: " + favicon_query(hash));
}

// One page: fetched, judged, summarized (home), its links returned when mined.
asio::awaitable<std::vector<std::string>> crawl_page(AuditContext& ctx, net::HttpClient& http, Crawl& crawl,
                                                     const std::string& path, bool mine, SiteReference& site) {
    const auto& domain = ctx.classifier.domain();
    auto shown = scheme_url(true, domain, ctx.https_port, path);
    if (crawl.bytes >= ctx.options.crawl_max_bytes) {
        ctx.record("http.cdn", shown, "", verdict::skipped, "crawl byte budget reached");
        co_return std::vector<std::string>{};
    }
    auto r = co_await fetch_cdn(ctx, http, true, path, shown);
    crawl.bytes += r.body.size();
    if (path == "/" && r.status > 0) site.home = summarize(r.status, r.body);
    if (path == "/favicon.ico") note_favicon(ctx, shown, r, site);
    std::vector<std::string> links;
    if (!mine || r.status == 0) co_return links;
    links = same_site_paths(r.body, domain, path, ctx.options.crawl_max_pages);
    if (auto to = same_site_path(r.redirect_location, domain, path)) links.push_back(*to);
    co_return links;
}

}  // namespace

asio::awaitable<void> crawl_cdn(AuditContext& ctx, net::HttpClient& http, const LeakRequest& request,
                                SiteReference& site) {
    Crawl crawl;
    std::vector<std::string> level{"/"};
    for (auto p : k_well_known) level.emplace_back(p);
    level.insert(level.end(), request.paths.begin(), request.paths.end());
    for (int depth = 0; depth <= ctx.options.crawl_max_depth && !level.empty(); ++depth) {
        std::vector<std::string> todo;
        for (auto& p : level)
            if (crawl.pages + todo.size() < ctx.options.crawl_max_pages && crawl.seen.insert(p).second)
                todo.push_back(std::move(p));
        crawl.pages += todo.size();
        std::vector<std::vector<std::string>> found(todo.size());
        bool mine = depth < ctx.options.crawl_max_depth;
        Tasks tasks;
        for (std::size_t i = 0; i < todo.size(); ++i)
            tasks.push_back([&, i]() -> asio::awaitable<void> {
                found[i] = co_await crawl_page(ctx, http, crawl, todo[i], mine, site);
            });
        co_await run_bounded(std::move(tasks), ctx.options.crawl_concurrency);
        level.clear();
        for (auto& links : found) level.insert(level.end(), links.begin(), links.end());
    }
    ctx.record("http.crawl", scheme_url(true, ctx.classifier.domain(), ctx.https_port, "/"), std::to_string(crawl.pages),
               verdict::clean,
               std::to_string(crawl.pages) + " pages, " + std::to_string(crawl.bytes) + " body bytes judged" +
                   (crawl.pages >= ctx.options.crawl_max_pages ? " (page cap reached)" : ""));
}

}  // namespace exposcan::leak
