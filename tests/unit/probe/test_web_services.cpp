// The web service table: docs/probes.md has one row per entry naming the
// requests the code sends, and the table's shape is sound.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "probe/web_services.hpp"

using namespace exposcan::probe;

namespace {

std::string doc_row(const std::string& doc, std::string_view name) {
    auto at = doc.find("\n| `" + std::string(name) + "` (");
    if (at == std::string::npos) return {};
    auto end = doc.find('\n', at + 1);
    return doc.substr(at + 1, end - at - 1);
}

}  // namespace

TEST(WebServices, EveryEntryHasADocRow) {
    std::ifstream in(std::filesystem::path(EXPOSCAN_SOURCE_DIR) / "docs/probes.md");
    ASSERT_TRUE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const auto doc = ss.str();
    for (const auto& s : web_services()) {
        auto row = doc_row(doc, s.name);
        ASSERT_FALSE(row.empty()) << "docs/probes.md has no row for " << s.name;
        if (!s.path.empty()) {
            EXPECT_NE(row.find("`GET " + std::string(s.path)), std::string::npos) << row;
        }
        if (!s.follow.empty()) {
            EXPECT_NE(row.find("`GET " + std::string(s.follow)), std::string::npos) << row;
        }
    }
}

TEST(WebServices, NamesUniqueAndStepsComplete) {
    std::set<std::string_view> names;
    for (const auto& s : web_services()) {
        EXPECT_TRUE(names.insert(s.name).second) << s.name;
        EXPECT_NE(s.hint, nullptr) << s.name;
        EXPECT_NE(s.identify, nullptr) << s.name;
        EXPECT_EQ(s.follow.empty(), s.decide == nullptr)
            << s.name << ": a follow-up path needs a decide step";
        EXPECT_EQ(find_web_service(s.name), &s);
    }
}

// Read-only: every path is a GET of a status/list endpoint; none names a
// write verb or an exec/run endpoint.
TEST(WebServices, PathsAreReadOnly) {
    for (const auto& s : web_services())
        for (auto p : {s.path, s.follow})
            for (auto bad : {"exec", "run", "PUT", "DELETE", "create", "submit", "new-application"})
                EXPECT_EQ(p.find(bad), std::string_view::npos) << s.name << " " << p;
}
