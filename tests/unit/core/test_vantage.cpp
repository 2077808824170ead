#include <gtest/gtest.h>

#include "exposcan/error.hpp"
#include "exposcan/vantage.hpp"

namespace exposcan {
namespace {

TEST(Vantage, AcceptsLabels) {
    for (const char* ok : {"eu", "cloud-us-east-1", "cdn.cloudflare", "a_b", "X", "0"}) EXPECT_EQ(parse_vantage(ok), ok);
    EXPECT_EQ(parse_vantage(std::string(64, 'v')).size(), 64u);
}

TEST(Vantage, RefusesWithOneLine) {
    for (const char* bad : {"", "e u", "eu/1", "eu\nx", "\xc3\xa9u", "a:b"}) {
        try {
            parse_vantage(bad);
            FAIL() << bad;
        } catch (const UsageError& e) {
            std::string what = e.what();
            EXPECT_EQ(what.rfind("--vantage '", 0), 0u) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        }
    }
    EXPECT_THROW(parse_vantage(std::string(65, 'v')), UsageError);
    EXPECT_TRUE(vantage_name_problem(std::string(65, 'v')));
}

}  // namespace
}  // namespace exposcan
