#include <gtest/gtest.h>

#include "exposcan/escape.hpp"
#include "exposcan/model.hpp"

using namespace exposcan;

TEST(PortSet, ToStringCompressesRanges) {
    PortSet s;
    s.add(22);
    s.add_range(80, 443);
    s.add(9200);
    EXPECT_EQ(s.to_string(), "22,80-443,9200");
    EXPECT_EQ(s.size(), 1u + 364u + 1u);
    EXPECT_EQ(PortSet::all().to_string(), "1-65535");
}

// Copies share the bits until one of them writes (port_set.hpp): each copy
// must still behave as a value of its own.
TEST(PortSet, CopiesAreIndependentValues) {
    auto all = PortSet::all();
    auto copy = all;
    copy.remove(25);
    EXPECT_TRUE(all.contains(25));
    EXPECT_FALSE(copy.contains(25));
    EXPECT_EQ(all.size(), 65535u);
    EXPECT_EQ(copy.size(), 65534u);
    auto again = copy;
    again.add(25);
    EXPECT_EQ(again, all);
    EXPECT_NE(copy, all);
    PortSet from_empty;
    from_empty.add_all(copy);
    from_empty.add(25);
    EXPECT_EQ(from_empty, all);
    EXPECT_FALSE(copy.contains(25));
}

TEST(PortSet, EmptiedEqualsNeverFilled) {
    PortSet never;
    PortSet emptied;
    emptied.add(80);
    emptied.remove(80);
    EXPECT_EQ(never, emptied);
    EXPECT_TRUE(never.empty());
    EXPECT_TRUE(emptied.empty());
    EXPECT_EQ(never.size(), 0u);
    EXPECT_FALSE(never.contains(80));
    EXPECT_TRUE(never.to_vector().empty());
    EXPECT_EQ(never.to_string(), "");
    never.remove(80);  // removing from nothing allocates nothing and fails nothing
    never.add_all(PortSet{});
    EXPECT_TRUE(never.empty());
}

TEST(TargetScan, LookupImpliesSilentPorts) {
    TargetScan ts;
    ts.scanned.add_range(1, 100);
    ts.ports.push_back({25, PortState::closed, Reason::conn_refused, 1, 100});
    EXPECT_EQ(ts.lookup(25).state, PortState::closed);
    EXPECT_EQ(ts.lookup(26).reason, Reason::no_response);
    EXPECT_EQ(ts.count(PortState::filtered), 99u);
    EXPECT_EQ(ts.count(PortState::closed), 1u);
}

TEST(Sanitize, EscapesControlsAnsiAndHighBytes) {
    EXPECT_EQ(sanitize("a\x1b[31mb\n\\", 100), "a\\x1b[31mb\\x0a\\\\");
    EXPECT_EQ(sanitize(std::string("x\0y", 3), 100), "x\\x00y");
    EXPECT_EQ(sanitize("\xc3\xa9", 100), "\\xc3\\xa9");
    EXPECT_EQ(sanitize("abcdef", 4), "abcd...");
}
