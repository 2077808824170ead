#include <gtest/gtest.h>

#include "leak/links.hpp"
#include "leak/similarity.hpp"

namespace exposcan::leak {
namespace {

using V = std::vector<std::string>;

TEST(Links, AttributesResolvedAndFiltered) {
    auto html = R"x(<a href="/about">x</a> <A HREF='contact?x=1&amp;y=2#top'>
        <img src=//example.com/logo.png> <a href="https://EXAMPLE.com:8443/a/../b">
        <a href="https://other.com/x"> <a href="mailto:a@example.com"> <a href="javascript:go()">
        <form action="/login"></form> <a data-href="/not"> <a href="#frag"> <a href="/about">)x";
    EXPECT_EQ(same_site_paths(html, "example.com", "/dir/page", 50),
              (V{"/about", "/dir/contact?x=1&y=2", "/b", "/logo.png", "/login"}));
}

TEST(Links, AbsoluteUrlsInAnyText) {
    auto json = R"x({"links":[{"rel":"x","href":"https://example.com/nodeinfo/2.0"}]}
        Sitemap: https://example.com/sitemap-1.xml
        <loc>https://example.com/users/a</loc> see https://example.com/page. and http://example.org/)x";
    EXPECT_EQ(same_site_paths(json, "example.com", "/", 50),
              (V{"/nodeinfo/2.0", "/sitemap-1.xml", "/users/a", "/page"}));
}

TEST(Links, HostileInputsAreSkippedOrBounded) {
    EXPECT_EQ(same_site_paths(R"x(<a href="https://user@example.com/x"> <a href="/a b"> <a href="/\x">)x", "example.com",
                              "/", 50),
              V{});
    EXPECT_EQ(same_site_paths(R"x(<a href="/../../etc">)x", "example.com", "/", 50), V{"/etc"});
    std::string many;
    for (int i = 0; i < 100; ++i) many += "<a href=\"/p" + std::to_string(i) + "\">";
    EXPECT_EQ(same_site_paths(many, "example.com", "/", 50).size(), 50u);
    EXPECT_EQ(same_site_paths("<a href=\"/" + std::string(5000, 'a') + "\">", "example.com", "/", 50), V{});
    EXPECT_EQ(same_site_paths("href=\"/unterminated", "example.com", "/", 50), V{});
    EXPECT_EQ(same_site_path("/login", "example.com", "/"), "/login");
    EXPECT_EQ(same_site_path("https://example.com", "example.com", "/"), "/");
    EXPECT_FALSE(same_site_path("", "example.com", "/"));
}

TEST(Links, Title) {
    EXPECT_EQ(html_title("<html><head><TITLE lang=en>\n  My   site\n</title>"), "My site");
    EXPECT_EQ(html_title("no title"), "");
    EXPECT_EQ(html_title("<title>" + std::string(1000, 'x')).size(), 256u);
}

TEST(Similarity, SameSiteDynamicPartsVsOtherSite) {
    std::string site = "<title>Mastodon</title><p>Welcome to the example instance, a place for friends. Posted at 12:01 "
                       "by alice; token 8842.</p>";
    std::string same = "<title>Mastodon</title><p>Welcome to the example instance, a place for friends. Posted at 13:45 "
                       "by alice; token 1234.</p>";
    std::string other = "<title>Welcome to nginx!</title><p>If you see this page, the nginx web server is installed.</p>";
    auto a = summarize(200, site);
    EXPECT_TRUE(compare(a, summarize(200, site)).same_body);
    auto s = compare(a, summarize(200, same));
    EXPECT_FALSE(s.same_body);
    EXPECT_TRUE(s.same_title);
    EXPECT_GE(s.score, k_similar) << s.describe();
    EXPECT_LT(compare(a, summarize(200, other)).score, k_similar);
    EXPECT_LT(compare(a, summarize(404, "")).score, k_similar);
}

}  // namespace
}  // namespace exposcan::leak
