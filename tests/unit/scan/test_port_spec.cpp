#include <gtest/gtest.h>

#include "exposcan/error.hpp"
#include "exposcan/scan.hpp"

using exposcan::PortSet;
using exposcan::UsageError;
using exposcan::scan::parse_port_spec;

TEST(PortSpec, ListsAndRanges) {
    auto s = parse_port_spec("22,25,80-443,9200");
    EXPECT_EQ(s.to_string(), "22,25,80-443,9200");
    EXPECT_EQ(s.size(), 2u + 364u + 1u);
}

TEST(PortSpec, AllForms) {
    EXPECT_EQ(parse_port_spec("-"), PortSet::all());
    EXPECT_EQ(parse_port_spec("all"), PortSet::all());
    EXPECT_EQ(parse_port_spec(" all "), PortSet::all());
    EXPECT_EQ(parse_port_spec("1-65535"), PortSet::all());
    EXPECT_EQ(parse_port_spec("-1024").to_string(), "1-1024");
    EXPECT_EQ(parse_port_spec("60000-").to_string(), "60000-65535");
}

TEST(PortSpec, WhitespaceDuplicatesAndSingleRanges) {
    EXPECT_EQ(parse_port_spec(" 22 , 25 ,\t80 - 81 ").to_string(), "22,25,80-81");
    EXPECT_EQ(parse_port_spec("80,80,79-81").to_string(), "79-81");
    EXPECT_EQ(parse_port_spec("443-443").to_string(), "443");
    EXPECT_EQ(parse_port_spec("65535").to_string(), "65535");
}

TEST(PortSpec, RejectsBadInputWithOneLine) {
    for (const char* bad : {"", " ", "0", "0-10", "65536", "1-65536", "99999999999", "443-80", "22,,25", "22,",
                            ",22", "abc", "22a", "-5-", "1-2-3", "+22", "22 25", "0x16"}) {
        try {
            parse_port_spec(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const UsageError& e) {
            std::string what = e.what();
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
            EXPECT_NE(what.find("bad port spec"), std::string::npos) << what;
        }
    }
}

TEST(PortSpec, RoundTripsThroughToString) {
    auto s = parse_port_spec("1,3,5-9,100-200,65535");
    EXPECT_EQ(parse_port_spec(s.to_string()), s);
}
