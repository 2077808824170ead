// The example policy installed to share/exposcan/examples (dist/examples) must
// load as `exposcan check` loads it; a test, because a user's first copy of it
// should not exit 3.
#include <gtest/gtest.h>

#include "exposcan/policy.hpp"

namespace exposcan::policy {
namespace {

TEST(ExamplePolicy, OriginLoadsAndSaysWhatItsCommentsSay) {
    auto policy = load_policy_file(EXPOSCAN_SOURCE_DIR "/dist/examples/origin.yaml");
    ASSERT_EQ(policy.targets.size(), 1u);
    const auto& t = policy.targets[0];
    EXPECT_EQ(t.name, "origin");
    EXPECT_EQ(t.addresses.size(), 2u);
    EXPECT_EQ(t.domain, "example.com");
    EXPECT_EQ(t.expect.default_state, PortState::filtered);
    EXPECT_EQ(t.expect.expected(25), PortState::closed);
    EXPECT_EQ(t.expect.expected(9200), PortState::filtered);
    EXPECT_EQ(t.services, ServiceRule::deny_unauthenticated);
}

}  // namespace
}  // namespace exposcan::policy
