// TargetState's result record: what counts as scanned.
#include <gtest/gtest.h>

#include "scan/target_state.hpp"

namespace exposcan::scan {
namespace {

// A SYN our own side refused (EPERM from the runner's OUTPUT firewall) never
// reached the target: that port is not scanned, and the scan is incomplete
// with the cause (issue 11, case 2).
TEST(TargetState, UnsentPortsAreNotScannedAndMakeTheScanIncomplete) {
    ScanOptions o;
    TargetHints h;
    TargetState st(o, 3, h);
    auto now = std::chrono::steady_clock::now();
    st.record(PortResult{22, PortState::closed, Reason::conn_refused, 1, 50}, now);
    st.record_silent(23, now);
    st.record_unsent(24, "the runner's own firewall refused the SYN: Operation not permitted");
    ASSERT_TRUE(st.finished());
    PortSet all;
    all.add_range(22, 24);
    Target t{"o", "198.51.100.10", boost::asio::ip::make_address("198.51.100.10")};
    auto scan = st.result(t, all, now, "");
    EXPECT_FALSE(scan.complete);
    EXPECT_TRUE(scan.scanned.contains(22));
    EXPECT_TRUE(scan.scanned.contains(23));
    EXPECT_FALSE(scan.scanned.contains(24));
    EXPECT_NE(scan.incomplete_reason.find("1 port(s) could not be sent"), std::string::npos) << scan.incomplete_reason;
    EXPECT_NE(scan.incomplete_reason.find(": 24"), std::string::npos) << scan.incomplete_reason;
}

}  // namespace
}  // namespace exposcan::scan
