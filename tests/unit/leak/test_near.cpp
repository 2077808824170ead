// --near blocks: the scan's one CIDR rule and scope limits, checked before the
// first packet, with the flag named in the one-line error.
#include <gtest/gtest.h>

#include "exposcan/error.hpp"
#include "exposcan/leak.hpp"
#include "leak/http_audit.hpp"

namespace exposcan::leak {
namespace {

std::string near_error(std::vector<std::string> blocks, Limits limits = {}) {
    LeakRequest request;
    request.near = std::move(blocks);
    try {
        near_addresses(request, limits);
    } catch (const UsageError& e) {
        return e.what();
    }
    return {};
}

TEST(Near, ExpandsBlocksOnceEach) {
    LeakRequest request;
    request.near = {"203.0.113.8/30", "203.0.113.10", "2001:db8::/126"};
    auto got = near_addresses(request, {});
    ASSERT_EQ(got.size(), 8u);  // .10 is in the /30 already
    EXPECT_EQ(got.front().to_string(), "203.0.113.8");
    EXPECT_EQ(got.back().to_string(), "2001:db8::3");
}

TEST(Near, SameScopeRulesAsTargets) {
    EXPECT_NE(near_error({"203.0.112.0/23"}).find("--near: "), std::string::npos);
    EXPECT_NE(near_error({"203.0.112.0/23"}).find("--allow-wide"), std::string::npos);
    Limits wide;
    wide.allow_wide = true;
    EXPECT_EQ(near_error({"203.0.112.0/23"}, wide), "");
    EXPECT_NE(near_error({"10.0.0.0/8"}, wide).find("65536"), std::string::npos);  // hard cap even when wide
    EXPECT_NE(near_error({"203.0.113.5/24"}).find("203.0.113.0/24"), std::string::npos);  // host bits: the hint
    EXPECT_NE(near_error({"not-a-block"}), "");
}

}  // namespace
}  // namespace exposcan::leak
