// VNC: the RFB version and security-type parsers, and hostile RFB-like
// servers through the whole probe (each asserts which bound ended the read).
// Real servers: tests/servers/test_probe_vnc.sh (TigerVNC Xvnc, None and VncAuth).
#include <gtest/gtest.h>

#include "probe/rfb_proto.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::probe;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// Greets with `version`, waits for the client's version line, then runs `after`.
Handler rfb_like(std::string version, std::function<asio::awaitable<void>(tcp::socket&)> after) {
    return [version, after](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, version);
        char buf[64];
        auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec || !std::string_view(buf, n).starts_with("RFB 003.00")) co_return;
        co_await after(s);
        co_await sleep_for(2s);  // stay open: the probe decides on the bytes, not on a close
    };
}

Handler rfb_answer(std::string version, std::string answer) {
    return rfb_like(version, [answer](tcp::socket& s) -> asio::awaitable<void> { co_await send_all(s, answer); });
}

}  // namespace

TEST(Vnc, VersionLine) {
    auto v = parse_rfb_version("RFB 003.008\n");
    ASSERT_EQ(v.kind, RfbKind::ok);
    EXPECT_EQ(rfb_client_version(v), "RFB 003.008\n");
    EXPECT_EQ(rfb_client_version(parse_rfb_version("RFB 003.889\n")), "RFB 003.008\n");  // Apple
    EXPECT_EQ(rfb_client_version(parse_rfb_version("RFB 003.007\n")), "RFB 003.007\n");
    EXPECT_EQ(rfb_client_version(parse_rfb_version("RFB 003.005\n")), "RFB 003.003\n");
    EXPECT_EQ(rfb_client_version(parse_rfb_version("RFB 005.000\n")), "RFB 003.008\n");
    EXPECT_TRUE(rfb_server_picks(parse_rfb_version("RFB 003.003\n")));
    EXPECT_EQ(parse_rfb_version("RFB 003.0").kind, RfbKind::incomplete);
    EXPECT_EQ(parse_rfb_version("RF").kind, RfbKind::incomplete);
    EXPECT_EQ(parse_rfb_version("SSH-2.0-x\n").kind, RfbKind::invalid);
    EXPECT_EQ(parse_rfb_version("RFB 003.002\n").kind, RfbKind::invalid);
    EXPECT_EQ(parse_rfb_version("RFB 0x3.008\n").kind, RfbKind::invalid);
    EXPECT_EQ(parse_rfb_version("RFB 003.008\r").kind, RfbKind::invalid);
}

TEST(Vnc, SecurityTypes) {
    // What Xvnc 1.12 sends after `RFB 003.008\n` (servers.test_probe_vnc): -SecurityTypes None / VncAuth.
    auto none = parse_rfb_security(std::string("\x01\x01", 2), false);
    ASSERT_EQ(none.kind, RfbKind::ok);
    EXPECT_EQ(none.types, std::vector<std::uint8_t>{1});
    EXPECT_EQ(parse_rfb_security(std::string("\x02\x13\x02", 3), false).types, (std::vector<std::uint8_t>{19, 2}));
    EXPECT_EQ(parse_rfb_security(std::string("\x03\x13", 2), false).kind, RfbKind::incomplete);
    auto refused = parse_rfb_security(std::string("\x00", 1) + be32(5) + "nope!", false);
    EXPECT_EQ(refused.kind, RfbKind::refused);
    EXPECT_EQ(refused.reason, "nope!");
    EXPECT_EQ(parse_rfb_security(std::string("\x00", 1) + be32(5) + "no", false).kind, RfbKind::incomplete);
    EXPECT_EQ(parse_rfb_security(std::string("\x00", 1) + be32(0x7fffffff), false).kind, RfbKind::invalid);
    // 3.3: the server picks.
    EXPECT_EQ(parse_rfb_security(be32(2), true).types, std::vector<std::uint8_t>{2});
    EXPECT_EQ(parse_rfb_security(be32(1), true).types, std::vector<std::uint8_t>{1});
    EXPECT_EQ(parse_rfb_security(be32(0) + be32(3) + "bad", true).reason, "bad");
    EXPECT_EQ(parse_rfb_security(be32(19), true).kind, RfbKind::invalid);
    EXPECT_EQ(rfb_type_name(19), "VeNCrypt");
    EXPECT_EQ(rfb_type_name(200), "200");
}

TEST(Vnc, NoneOfferedIsUnauthenticated) {
    auto r = against(rfb_answer("RFB 003.008\n", std::string("\x02\x13\x01", 3)));
    EXPECT_EQ(r.service, "vnc");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated) << r.evidence;
    EXPECT_EQ(r.version, "RFB 3.8");
    EXPECT_NE(r.evidence.find("VeNCrypt(19), None(1)"), std::string::npos) << r.evidence;
}

TEST(Vnc, Version33VncAuthIsAuthRequired) {
    auto r = against(rfb_answer("RFB 003.003\n", be32(2)));
    EXPECT_EQ(r.service, "vnc");
    EXPECT_EQ(r.exposure, Exposure::auth_required) << r.evidence;
}

TEST(Vnc, FailureReasonIsReachableDenied) {
    auto r = against(rfb_answer("RFB 003.008\n", std::string("\x00", 1) + be32(32) + "Too many security failures......"));
    EXPECT_EQ(r.exposure, Exposure::reachable_denied) << r.evidence;
    EXPECT_NE(r.evidence.find("Too many security failures"), std::string::npos);
}

TEST(Vnc, HostileTwoGiBReasonIsRejectedOnItsLength) {
    auto r = against(rfb_answer("RFB 003.008\n", std::string("\x00", 1) + be32(0x7fffffff) + "x"));
    EXPECT_EQ(r.service, "vnc");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("over the 1024-byte cap"), std::string::npos) << r.evidence;
    EXPECT_LT(r.elapsed, 1000ms);  // decided on the length, not by waiting
}

TEST(Vnc, HostileWrongLengthAndSilenceEndsAtTheDeadline) {
    // Claims 200 types, sends 3, then nothing.
    auto r = against(rfb_answer("RFB 003.008\n", std::string("\xc8\x01\x02\x10", 4)));
    EXPECT_EQ(r.service, "vnc");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("(read ended: timeout)"), std::string::npos) << r.evidence;
}

TEST(Vnc, HostileEndlessGreeting) {
    // `RFB ` and then no newline, ever: the banner read stops at its 512 bytes.
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, "RFB ");
        for (int i = 0; i < 100000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(std::string(1000, '0')), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    EXPECT_EQ(r.service, "vnc");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("malformed RFB version line"), std::string::npos) << r.evidence;
    EXPECT_LT(r.elapsed, 1000ms);
}

TEST(Vnc, HostileDripFedGreeting) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        for (char c : std::string("RFB 003.008\n")) {
            co_await send_all(s, std::string(1, c));
            co_await sleep_for(300ms);
        }
    });
    // Decided on the bytes heard in the banner window ("RF"): no newline, no RFB.
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("banner timeout"), std::string::npos) << r.evidence;
    EXPECT_LE(r.elapsed, k_hostile_timeout + 200ms);
}
