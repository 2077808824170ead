#include <gtest/gtest.h>

#include "exposcan/probe.hpp"
#include "probe/json_safe.hpp"
#include "probe/memcached_proto.hpp"
#include "probe/pg_proto.hpp"
#include "probe/probes.hpp"
#include "probe/resp.hpp"
#include "unit/probe/fixtures.hpp"

using namespace exposcan;
using namespace exposcan::probe;
using exposcan::test::fixture;
using exposcan::test::hex_fixture;

TEST(Resp, SimpleErrorAndBulkReplies) {
    EXPECT_EQ(parse_resp("+PONG\r\n", 100).kind, RespKind::simple);
    auto noauth = parse_resp(fixture("redis/redis-noauth.resp"), 100);
    EXPECT_EQ(noauth.kind, RespKind::error);
    EXPECT_EQ(noauth.text, "NOAUTH Authentication required.");
    EXPECT_TRUE(parse_resp(fixture("redis/redis-7.x-denied-protected-mode.resp"), 100).text.starts_with("DENIED"));
    auto bulk = parse_resp("$5\r\nhello\r\n", 100);
    EXPECT_EQ(bulk.kind, RespKind::bulk);
    EXPECT_EQ(bulk.text, "hello");
    EXPECT_EQ(bulk.consumed, 11u);
    EXPECT_EQ(parse_resp("$5\r\nhel", 100).kind, RespKind::incomplete);
    EXPECT_EQ(parse_resp("$-1\r\n", 100).kind, RespKind::null);
}

TEST(Resp, HostileLengthsAreInvalidAtOnce) {
    EXPECT_EQ(parse_resp("$2147483647\r\n", 65536).kind, RespKind::invalid);
    EXPECT_EQ(parse_resp("$99999999999999999999999\r\n", 65536).kind, RespKind::invalid);
    EXPECT_EQ(parse_resp("$-5\r\n", 65536).kind, RespKind::invalid);
    EXPECT_EQ(parse_resp("$3\r\nabcXY", 65536).kind, RespKind::invalid);
    EXPECT_EQ(parse_resp(std::string(5000, '+'), 65536).kind, RespKind::invalid);
    EXPECT_EQ(parse_resp("HTTP/1.1 400\r\n", 65536).kind, RespKind::invalid);
}

TEST(Resp, CommandEncodingAndInfoFields) {
    EXPECT_EQ(resp_command({"INFO", "server"}), "*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n");
    EXPECT_EQ(info_field("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n", "redis_version"), "7.0.15");
    EXPECT_EQ(info_field("redis_version_x:1\r\n", "redis_version"), "");
}

TEST(Memcached, RecordedStatsAndAuthError) {
    auto stats = parse_memcached_text(fixture("memcached/memcached-1.5.6-stats.wire"));
    EXPECT_EQ(stats.kind, McTextKind::stats);
    EXPECT_EQ(stats.version, "1.5.6 Ubuntu");
    auto auth = parse_memcached_text(fixture("memcached/memcached-client-error-unauthenticated.wire"));
    EXPECT_EQ(auth.kind, McTextKind::unauthenticated);
    EXPECT_EQ(parse_memcached_text("STAT pid 1\r\n").kind, McTextKind::incomplete);
    EXPECT_EQ(parse_memcached_text("HTTP/1.1 400\r\n").kind, McTextKind::invalid);
}

TEST(Memcached, BinaryVersionMatchesProtocolDocument) {
    EXPECT_EQ(memcached_binary_request(k_mc_op_version), hex_fixture("memcached/memcached-binary-version-request.hex"));
    auto r = parse_memcached_binary(hex_fixture("memcached/memcached-binary-version-response.hex"), 1024);
    ASSERT_TRUE(r.complete);
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.value, "1.3.1");
    std::string huge = hex_fixture("memcached/memcached-binary-version-response.hex");
    huge[8] = '\x7f';  // body length 2 GiB
    EXPECT_FALSE(parse_memcached_binary(huge, 1024).valid);
}

TEST(Postgres, RecordedNoPgHbaEntry) {
    auto r = parse_pg_startup_reply(fixture("postgresql/postgres-16-errorresponse-no-pg_hba.bin"));
    EXPECT_EQ(r.kind, PgKind::error);
    EXPECT_EQ(r.sqlstate, "28000");
    EXPECT_TRUE(r.message.starts_with("no pg_hba.conf entry for host"));
}

TEST(Postgres, AuthCodesAndVersion) {
    const std::string sasl("R\0\0\0\x17\0\0\0\x0aSCRAM-SHA-256\0\0", 24);
    auto r = parse_pg_startup_reply(sasl);
    EXPECT_EQ(r.kind, PgKind::auth);
    EXPECT_EQ(r.auth_code, 10);
    const std::string ok = std::string("R\0\0\0\x08\0\0\0\0", 9) + std::string("S\0\0\0\x19server_version\0" "15.8\0", 26) +
                           std::string("Z\0\0\0\x05I", 6);
    auto t = parse_pg_startup_reply(ok);
    EXPECT_EQ(t.auth_code, 0);
    EXPECT_EQ(t.server_version, "15.8");
    EXPECT_TRUE(t.ready);
    EXPECT_EQ(parse_pg_startup_reply(std::string("R\x7f\xff\xff\xff", 5)).kind, PgKind::invalid);
    EXPECT_EQ(pg_ssl_request(), std::string("\0\0\0\x08\x04\xd2\x16\x2f", 8));
}

TEST(Json, DepthIsCheckedBeforeParsing) {
    const std::string deep = std::string(10000, '[') + std::string(10000, ']');
    EXPECT_EQ(json_depth(deep), 10000u);
    EXPECT_FALSE(parse_json_safely(deep));
    EXPECT_EQ(json_depth(R"({"a":"[[[[{{{"})"), 1u);
    EXPECT_FALSE(parse_json_safely("{\"a\":\"\xff\xfe\"}"));  // invalid UTF-8
    EXPECT_FALSE(parse_json_safely("{\"a\":"));
    auto j = parse_json_safely(R"({"version":{"number":"8.1.0"}})");
    ASSERT_TRUE(j);
    EXPECT_EQ(json_string_at(*j, {"version", "number"}), "8.1.0");
    EXPECT_EQ(json_string_at(*j, {"version", "number", "x"}), "");
}

TEST(Banner, SshSmtpAndUnknown) {
    EXPECT_EQ(classify_banner("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n").service, "ssh");
    EXPECT_EQ(classify_banner("220 mail.example.com ESMTP Postfix\r\n").service, "smtp");
    EXPECT_EQ(classify_banner("220 (vsFTPd 3.0.3)\r\n").service, "ftp");
    EXPECT_EQ(classify_banner(fixture("redis/redis-7.x-denied-protected-mode.resp")).exposure,
              Exposure::reachable_denied);
    EXPECT_EQ(classify_banner(fixture("redis/redis-7.x-denied-protected-mode.resp")).exposure,
              Exposure::reachable_denied);
    auto v = classify_banner("\x01\x02garbage");
    EXPECT_EQ(v.exposure, Exposure::unknown_service);
    EXPECT_EQ(v.service, "");
}

