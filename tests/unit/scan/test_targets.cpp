#include <gtest/gtest.h>

#include "exposcan/cidr.hpp"
#include "exposcan/error.hpp"
#include "exposcan/scan.hpp"

using exposcan::Limits;
using exposcan::Target;
using exposcan::UsageError;
using exposcan::scan::resolve_targets;

namespace {

std::vector<std::string> addresses(const std::vector<Target>& targets) {
    std::vector<std::string> out;
    for (const auto& t : targets) out.push_back(t.address_string());
    return out;
}

void expect_usage_error(const std::vector<std::string>& specs, const Limits& limits = {}) {
    try {
        resolve_targets(specs, limits);
        ADD_FAILURE() << "accepted " << specs.front();
    } catch (const UsageError& e) {
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    }
}

}  // namespace

TEST(Targets, Literals) {
    auto t = resolve_targets({"198.51.100.10", "2001:db8::10", "[2001:db8::11]", " 203.0.113.5 "}, {});
    EXPECT_EQ(addresses(t), (std::vector<std::string>{"198.51.100.10", "2001:db8::10", "2001:db8::11", "203.0.113.5"}));
    EXPECT_EQ(t[0].name, "198.51.100.10");
    EXPECT_EQ(t[0].spec, "198.51.100.10");
    EXPECT_EQ(t[2].name, "[2001:db8::11]");
}

TEST(Targets, ScopedV6) {
    auto t = resolve_targets({"fe80::1%lo"}, {});
    ASSERT_EQ(t.size(), 1u);
    EXPECT_TRUE(t[0].address.is_v6());
    EXPECT_NE(t[0].address.to_v6().scope_id(), 0u);
}

TEST(Targets, DedupeKeepsFirstInOrder) {
    auto t = resolve_targets({"198.51.100.2", "198.51.100.1", "198.51.100.2", "198.51.100.0/30"}, {});
    EXPECT_EQ(addresses(t),
              (std::vector<std::string>{"198.51.100.2", "198.51.100.1", "198.51.100.0", "198.51.100.3"}));
    EXPECT_EQ(t[0].name, "198.51.100.2");
    EXPECT_EQ(t[2].name, "198.51.100.0/30");
}

TEST(Targets, CidrIncludesEveryAddressLikeNmap) {
    EXPECT_EQ(resolve_targets({"198.51.100.0/24"}, {}).size(), 256u);
    EXPECT_EQ(addresses(resolve_targets({"198.51.100.6/31"}, {})),
              (std::vector<std::string>{"198.51.100.6", "198.51.100.7"}));
    EXPECT_EQ(addresses(resolve_targets({"198.51.100.7/32"}, {})), (std::vector<std::string>{"198.51.100.7"}));
    auto v6 = resolve_targets({"2001:db8::4/126"}, {});
    EXPECT_EQ(addresses(v6), (std::vector<std::string>{"2001:db8::4", "2001:db8::5", "2001:db8::6", "2001:db8::7"}));
    EXPECT_EQ(resolve_targets({"2001:db8::/120"}, {}).size(), 256u);
}

// One CIDR rule for every input (exposcan/cidr.hpp): host bits set is an
// error that names the network, in scans as in policies and CDN range files.
TEST(Targets, HostBitsAreAnErrorNotAWiderScan) {
    try {
        resolve_targets({"198.51.100.7/24"}, {});
        ADD_FAILURE() << "accepted 198.51.100.7/24";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "bad target '198.51.100.7/24': host bits are set (did you mean 198.51.100.0/24?)");
    }
    expect_usage_error({"2001:db8::5/126"});
    expect_usage_error({"fe80::/64%lo"});
}

std::vector<boost::asio::ip::address> v4_block(std::size_t count) {
    std::vector<boost::asio::ip::address> out;
    for (std::uint32_t i = 0; i < count; ++i) out.emplace_back(boost::asio::ip::address_v4(0xC6336400u + i));
    return out;
}

// A name resolving to many addresses obeys the CIDR scope rule: 256 of one
// family (a /24) pass, 257 need allow_wide, 65,537 are refused even then.
TEST(Targets, ResolvedNamesObeyTheScopeRule) {
    using exposcan::check_resolved_scope;
    EXPECT_NO_THROW(check_resolved_scope("many.test", v4_block(256), {}));
    try {
        check_resolved_scope("many.test", v4_block(5000), {});
        ADD_FAILURE() << "5,000 addresses accepted without --allow-wide";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "bad target 'many.test': resolves to 5000 IPv4 addresses, more than a /24 holds; "
                               "pass --allow-wide to scan them");
    }
    Limits wide;
    wide.allow_wide = true;
    EXPECT_NO_THROW(check_resolved_scope("many.test", v4_block(5000), wide));
    EXPECT_THROW(check_resolved_scope("many.test", v4_block(65537), wide), UsageError);
}

TEST(Targets, LongInputIsEchoedCapped) {
    std::string huge(120 * 1024, 'a');
    huge += "!";
    try {
        resolve_targets({huge}, {});
        ADD_FAILURE();
    } catch (const UsageError& e) {
        EXPECT_LT(std::string(e.what()).size(), 200u) << e.what();
    }
}

TEST(Targets, WideBlocksNeedAllowWide) {
    expect_usage_error({"198.51.100.0/23"});
    expect_usage_error({"2001:db8::/119"});
    Limits wide;
    wide.allow_wide = true;
    EXPECT_EQ(resolve_targets({"198.51.100.0/23"}, wide).size(), 512u);
    EXPECT_EQ(resolve_targets({"2001:db8::/112"}, wide).size(), 65536u);
    expect_usage_error({"10.0.0.0/8"}, wide);  // past the hard cap even with allow_wide
    expect_usage_error({"2001:db8::/64"}, wide);
}

TEST(Targets, BadSpecsAreUsageErrors) {
    for (const char* bad : {"", "198.51.100.0/33", "198.51.100.0/", "198.51.100.0/x", "2001:db8::/129",
                            "300.1.1.1/24", "bad host!", "[198.51.100.1", "a b"})
        expect_usage_error({bad});
    expect_usage_error({});
}

TEST(Targets, HostnamesBecomeEveryAddress) {
    // /etc/hosts: no DNS traffic. localhost may map to 127.0.0.1 and ::1.
    auto t = resolve_targets({"localhost"}, {});
    ASSERT_FALSE(t.empty());
    for (const auto& target : t) {
        EXPECT_EQ(target.name, "localhost");
        EXPECT_TRUE(target.address.is_loopback());
    }
}
