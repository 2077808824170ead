// docs/findings.md lists exactly the rules of the catalog: the text between
// its markers must be what `exposcan rules` prints (report::rules_markdown()).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "exposcan/report.hpp"

namespace exposcan::report {
namespace {

constexpr std::string_view k_begin = "<!-- BEGIN exposcan rules";
constexpr std::string_view k_end = "<!-- END exposcan rules -->";

std::string generated_part(const std::string& doc) {
    auto begin = doc.find(k_begin);
    auto end = doc.find(k_end);
    if (begin == std::string::npos || end == std::string::npos || end < begin) return {};
    begin = doc.find('\n', begin) + 1;
    return doc.substr(begin, end - begin);
}

TEST(RulesDoc, FindingsMdIsTheCatalog) {
    auto path = std::filesystem::path(EXPOSCAN_SOURCE_DIR) / "docs/findings.md";
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    std::ostringstream doc;
    doc << in.rdbuf();
    auto part = generated_part(doc.str());
    ASSERT_FALSE(part.empty()) << path << " lacks the BEGIN/END exposcan rules markers";
    EXPECT_EQ(part, rules_markdown()) << path << " differs from the catalog (src/core/rules.cpp): replace the text "
                                      << "between the markers with the output of `exposcan rules`";
}

TEST(RulesDoc, EveryRuleIsARowOnce) {
    auto md = rules_markdown();
    for (const auto& r : rules::all()) {
        auto row = "\n| `" + std::string(r.id) + "` |";  // first column of the rules table
        auto at = md.find(row);
        ASSERT_NE(at, std::string::npos) << r.id;
        EXPECT_EQ(md.find(row, at + 1), std::string::npos) << r.id;
    }
}

}  // namespace
}  // namespace exposcan::report
