#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <cerrno>

#include "scan/error_map.hpp"

using namespace exposcan;
using namespace exposcan::scan;

namespace {

Outcome of(int err) { return classify(boost::system::error_code(err, boost::system::system_category())); }

void expect_answer(int err, PortState state, Reason reason) {
    auto o = of(err);
    EXPECT_EQ(o.kind, OutcomeKind::answer) << err;
    EXPECT_EQ(o.state, state) << err;
    EXPECT_EQ(o.reason, reason) << err;
}

}  // namespace

TEST(ErrorMap, AnswersMatchNmap) {
    auto ok = classify(boost::system::error_code{});
    EXPECT_EQ(ok.kind, OutcomeKind::answer);
    EXPECT_EQ(ok.state, PortState::open);
    EXPECT_EQ(ok.reason, Reason::syn_ack);
    expect_answer(ECONNREFUSED, PortState::closed, Reason::conn_refused);
    expect_answer(EHOSTUNREACH, PortState::filtered, Reason::host_unreach);
    expect_answer(ENETUNREACH, PortState::filtered, Reason::net_unreach);
    expect_answer(EACCES, PortState::filtered, Reason::admin_prohibited);
}

TEST(ErrorMap, SilenceIsRetried) {
    for (int err : {ETIMEDOUT, EHOSTDOWN, ECANCELED, EMSGSIZE, EPROTO})
        EXPECT_EQ(of(err).kind, OutcomeKind::silent) << err;
    EXPECT_EQ(classify(boost::asio::error::operation_aborted).kind, OutcomeKind::silent);
    EXPECT_EQ(classify(boost::asio::error::operation_aborted).reason, Reason::no_response);
}

TEST(ErrorMap, LocalErrorsAreNeverPortStates) {
    for (int err : {EMFILE, ENFILE, EADDRNOTAVAIL, ENOBUFS, EAGAIN, ENOMEM, ENETDOWN, ENOSPC})
        EXPECT_EQ(of(err).kind, OutcomeKind::local_error) << err;
}

// EPERM comes from the runner's own OUTPUT firewall (no ICMP maps to it): the
// SYN never left, so it is no verdict about the target (issue 11, case 2).
TEST(ErrorMap, OwnFirewallRefusalIsUnsentNotFiltered) {
    EXPECT_EQ(of(EPERM).kind, OutcomeKind::unsent);
}
