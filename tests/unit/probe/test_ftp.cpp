// FTP: the reply parser and the USER-anonymous classification on recorded
// replies of real servers, and hostile FTP-like servers through the whole
// probe (each asserts which bound ended the read). Real vsftpd both ways:
// tests/servers/test_probe_ftp.sh.
#include <gtest/gtest.h>

#include "probe/ftp_proto.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::probe;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

FtpAnonymous user_reply(std::string_view bytes) { return classify_ftp_user_reply(parse_ftp_reply(bytes)); }

// Greets with `greeting`; answers USER with `user_reply`; records what it got.
Handler ftp_like(std::string greeting, std::string user_reply, std::shared_ptr<std::string> got) {
    return [=](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, greeting);
        char buf[512];
        for (;;) {
            auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
            *got += std::string(buf, n);
            if (got->find("USER ") != std::string::npos && got->find("QUIT") == std::string::npos)
                co_await send_all(s, user_reply);
        }
    };
}

}  // namespace

TEST(Ftp, Replies) {
    auto r = parse_ftp_reply("220 (vsFTPd 3.0.3)\r\n");  // vsftpd 3.0.3, servers.test_probe_ftp
    ASSERT_EQ(r.kind, FtpKind::ok);
    EXPECT_EQ(r.code, 220);
    EXPECT_EQ(r.text, "(vsFTPd 3.0.3)");
    EXPECT_EQ(r.consumed, 20u);
    auto multi = parse_ftp_reply("220-Welcome\r\n220-to the\r\n second line\r\n220 end\r\n331 next\r\n");
    ASSERT_EQ(multi.kind, FtpKind::ok);
    EXPECT_EQ(multi.text, "Welcome");
    EXPECT_EQ(multi.consumed, 48u);
    EXPECT_EQ(parse_ftp_reply("220-Welcome\r\n220-more\r\n").kind, FtpKind::incomplete);
    EXPECT_EQ(parse_ftp_reply("220").kind, FtpKind::incomplete);
    EXPECT_EQ(parse_ftp_reply("220\r\n").kind, FtpKind::ok);
    EXPECT_EQ(parse_ftp_reply("hello\r\n").kind, FtpKind::invalid);
    EXPECT_EQ(parse_ftp_reply("22x ok\r\n").kind, FtpKind::invalid);
    EXPECT_EQ(parse_ftp_reply("2200 ok\r\n").kind, FtpKind::invalid);
    EXPECT_EQ(parse_ftp_reply("220 " + std::string(600, 'a')).kind, FtpKind::invalid);
    std::string many = "220-x\r\n";
    for (int i = 0; i < 100; ++i) many += "line\r\n";
    EXPECT_EQ(parse_ftp_reply(many).kind, FtpKind::invalid);
}

TEST(Ftp, UserAnonymousReplies) {
    // vsftpd 3.0.3 (recorded in servers.test_probe_ftp): no_anon_password, anonymous on/off, userlist deny.
    EXPECT_EQ(user_reply("230 Login successful.\r\n"), FtpAnonymous::logged_in);
    EXPECT_EQ(user_reply("331 Please specify the password.\r\n"), FtpAnonymous::prompt);
    EXPECT_EQ(user_reply("530 Permission denied.\r\n"), FtpAnonymous::refused);
    // Other servers' documented texts.
    EXPECT_EQ(user_reply("331 Anonymous login ok, send your complete email address as your password\r\n"),
              FtpAnonymous::offered);  // ProFTPD <Anonymous>
    EXPECT_EQ(user_reply("331 Password required for anonymous\r\n"), FtpAnonymous::prompt);  // ProFTPD without it
    EXPECT_EQ(user_reply("331 Guest login ok, send your complete e-mail address as password.\r\n"),
              FtpAnonymous::offered);  // wu-ftpd
    EXPECT_EQ(user_reply("331 Anonymous access allowed, send identity (e-mail name) as password.\r\n"),
              FtpAnonymous::offered);  // IIS
    EXPECT_EQ(user_reply("421 Too many users\r\n"), FtpAnonymous::denied);
    EXPECT_EQ(user_reply("200 ok\r\n"), FtpAnonymous::other);
}

TEST(Ftp, OfferedAnonymousNeverGetsAPassword) {
    auto got = std::make_shared<std::string>();
    // The banner step names FTP from the first line (a multi-line greeting's
    // first line must say FTP; else a 220 is taken for SMTP).
    auto r = against(ftp_like("220-Welcome to the ProFTPD FTP server\r\n220 ready\r\n",
                              "331 Anonymous login ok, send your complete email address as your password\r\n", got));
    EXPECT_EQ(r.service, "ftp");
    EXPECT_EQ(r.exposure, Exposure::unauthenticated) << r.evidence;
    EXPECT_EQ(r.version, "Welcome to the ProFTPD FTP server");
    EXPECT_EQ(*got, "USER anonymous\r\nQUIT\r\n");  // never PASS
}

TEST(Ftp, TooManyUsersIsReachableDenied) {
    auto got = std::make_shared<std::string>();
    auto r = against(ftp_like("220 FTP server ready\r\n", "421 Too many connections (8) from this IP\r\n", got));
    EXPECT_EQ(r.exposure, Exposure::reachable_denied) << r.evidence;
}

TEST(Ftp, HostileEndlessMultiLineGreeting) {
    // `220-` lines forever: the reply is over its 64-line cap long before any byte cap.
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, "220-Welcome to FTP\r\n");
        for (int i = 0; i < 100000; ++i) {
            auto [ec, n] = co_await asio::async_write(s, asio::buffer(std::string("220-more\r\n")), asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
        }
    });
    EXPECT_EQ(r.service, "ftp");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("over 64 lines"), std::string::npos) << r.evidence;
}

TEST(Ftp, HostileEndlessUserReplyLine) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, "220 FTP ready\r\n");
        char buf[256];
        auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
        co_await send_all(s, "331 ");
        for (int i = 0; i < 100000; ++i) {
            auto [e2, m] = co_await asio::async_write(s, asio::buffer(std::string(1000, 'p')), asio::as_tuple(asio::use_awaitable));
            if (e2) co_return;
        }
    });
    EXPECT_EQ(r.service, "ftp");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("USER anonymous reply: reply line over the 512-byte cap"), std::string::npos) << r.evidence;
}

TEST(Ftp, HostileDripFedUserReply) {
    auto r = against([](tcp::socket s) -> asio::awaitable<void> {
        co_await send_all(s, "220 FTP ready\r\n");
        char buf[256];
        auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
        for (char c : std::string("230 Login successful.\r\n")) {
            co_await send_all(s, std::string(1, c));
            co_await sleep_for(300ms);
        }
    });
    EXPECT_EQ(r.service, "ftp");
    EXPECT_EQ(r.exposure, Exposure::unknown_service);
    EXPECT_NE(r.evidence.find("(read ended: timeout)"), std::string::npos) << r.evidence;
}
