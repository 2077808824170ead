// CT answers in crt.sh's layout -> the domain's names (tests/fixtures/ct).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "leak/ct_names.hpp"

namespace exposcan::leak {
namespace {

TEST(CtNames, FixtureNamesDedupedWildcardsStripped) {
    std::ifstream in(std::string(EXPOSCAN_SOURCE_DIR) + "/tests/fixtures/ct/crtsh-deep.test.json");
    std::ostringstream s;
    s << in.rdbuf();
    auto names = parse_ct_names(s.str(), "deep.test", 100);
    ASSERT_TRUE(names);
    EXPECT_EQ(names->entries, 5u);
    EXPECT_EQ(names->names, (std::vector<std::string>{"certonly.deep.test", "old.deep.test", "staging.deep.test",
                                                      "www.deep.test"}));
    EXPECT_FALSE(names->capped);
}

TEST(CtNames, NotCrtShJsonIsNullopt) {
    EXPECT_FALSE(parse_ct_names("<html>rate limited</html>", "deep.test", 10));
    EXPECT_FALSE(parse_ct_names("{\"a\":1}", "deep.test", 10));
    EXPECT_FALSE(parse_ct_names(std::string(100, '[') + std::string(100, ']'), "deep.test", 10));
    auto empty = parse_ct_names("[]", "deep.test", 10);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->names.empty());
}

TEST(CtNames, CapIsReported) {
    auto names = parse_ct_names(R"([{"name_value":"a.deep.test\nb.deep.test\nc.deep.test"}])", "deep.test", 2);
    ASSERT_TRUE(names);
    EXPECT_EQ(names->names.size(), 2u);
    EXPECT_TRUE(names->capped);
}

TEST(CtNames, QueryUrl) {
    EXPECT_EQ(ct_query_url("https://crt.sh/", "example.com"), "https://crt.sh/?q=%25.example.com&output=json");
    EXPECT_EQ(ct_query_url("http://127.0.0.1:8/x?k=1", "a.b"), "http://127.0.0.1:8/x?k=1&q=%25.a.b&output=json");
}

}  // namespace
}  // namespace exposcan::leak
