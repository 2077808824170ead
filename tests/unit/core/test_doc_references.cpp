// Every docs/<page> that a source file, test or doc points a reader to must
// exist in this repository: a comment citing a page that is not there sends
// the reader nowhere (issue 11, case 17).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path k_root = EXPOSCAN_SOURCE_DIR;

bool worth_reading(const fs::path& p) {
    static const std::set<std::string> k_exts = {".cpp", ".hpp", ".h", ".sh", ".py", ".md", ".txt", ".cmake"};
    const auto rel = fs::relative(p, k_root).generic_string();
    if (rel.starts_with("tests/fixtures/") || rel.starts_with("tests/fuzz/corpus/")) return false;  // recorded data
    return k_exts.count(p.extension().string()) > 0 || p.filename() == "CMakeLists.txt";
}

std::vector<fs::path> files_to_read() {
    std::vector<fs::path> out;
    for (const char* top : {"src", "include", "tests", "docs", "scripts", "bench", "cmake"}) {
        if (!fs::exists(k_root / top)) continue;
        for (const auto& e : fs::recursive_directory_iterator(k_root / top))
            if (e.is_regular_file() && worth_reading(e.path())) out.push_back(e.path());
    }
    for (const char* top : {"README.md", "CMakeLists.txt"}) out.push_back(k_root / top);
    return out;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST(DocReferences, EveryCitedDocExistsInTheRepository) {
    // docs/<page>.md, optionally with a leading path (one through ../ or shared/ leaves the
    // repository), or the bare name of the design notes page (cited that way from outside).
    const std::regex cited(R"(([A-Za-z0-9_./-]*)docs/([A-Za-z0-9_-]+\.md)|(^|[^/A-Za-z0-9_-])(design\.md))");
    std::vector<std::string> broken;
    for (const auto& file : files_to_read()) {
        const auto text = slurp(file);
        const auto rel = fs::relative(file, k_root).generic_string();
        for (auto it = std::sregex_iterator(text.begin(), text.end(), cited); it != std::sregex_iterator(); ++it) {
            const auto& m = *it;
            const bool bare = m[4].matched;
            const std::string prefix = bare ? "" : m[1].str();
            const std::string name = bare ? m[4].str() : m[2].str();
            // A leading path other than this source tree's own (e.g. EXPOSCAN_SOURCE_DIR + "/docs/...")
            // points outside the repository.
            const bool outside = prefix.find("..") != std::string::npos || prefix.find("shared") != std::string::npos;
            if (outside || !fs::exists(k_root / "docs" / name))
                broken.push_back(rel + ": " + m[0].str());
        }
    }
    EXPECT_TRUE(broken.empty()) << [&] {
        std::string all;
        for (const auto& b : broken) all += "\n  " + b;
        return "references to docs that are not in the repository:" + all;
    }();
}
