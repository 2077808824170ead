#include <gtest/gtest.h>

#include "probe/bson.hpp"
#include "probe/op_msg.hpp"
#include "unit/probe/fixtures.hpp"

using namespace exposcan;
using namespace exposcan::probe;

namespace {

// A server reply as mongod frames it (kind-0 section), from our encoder.
std::string reply_with(const std::string& doc) { return op_msg_request(7, doc); }

}  // namespace

TEST(Bson, RoundTripOfTheProbesCommands) {
    auto doc = BsonBuilder().add_int32("listDatabases", 1).add_bool("nameOnly", true).add_string("$db", "admin").finish();
    auto v = bson_decode(doc);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->get("listDatabases")->as_number(), 1.0);
    EXPECT_TRUE(v->get("nameOnly")->boolean);
    EXPECT_EQ(v->get("$db")->text, "admin");
}

TEST(OpMsg, DecodesTheMongoCDriverTestVector) {
    auto bytes = test::hex_fixture("mongodb/mongodb-op_msg-kind0.hex");
    ASSERT_EQ(bytes.size(), 40u);
    auto r = parse_op_msg(bytes, 1024);
    ASSERT_TRUE(r.complete);
    ASSERT_TRUE(r.body);
    EXPECT_EQ(r.body->get("kind")->as_number(), 0.0);
    EXPECT_EQ(r.consumed, 40u);
}

TEST(OpMsg, UnauthorizedListDatabasesIsAuthRequired) {
    // Field values of the recorded shell rendering (tests/fixtures/mongodb/PROVENANCE.md).
    auto doc = BsonBuilder()
                   .add_int32("ok", 0)
                   .add_string("errmsg", "command listDatabases requires authentication")
                   .add_int32("code", 13)
                   .add_string("codeName", "Unauthorized")
                   .finish();
    auto r = parse_op_msg(reply_with(doc), 1024);
    ASSERT_TRUE(r.body);
    auto v = classify_list_databases(*r.body, "");
    EXPECT_EQ(v.exposure, Exposure::auth_required);
    EXPECT_NE(v.evidence.find("Unauthorized"), std::string::npos);
}

TEST(OpMsg, OkWithDatabasesIsUnauthenticated) {
    // {databases: [{name: "admin"}], ok: 1.0}, hand-framed (arrays are documents with keys "0", "1", ...).
    auto entry = BsonBuilder().add_string("name", "admin").finish();
    std::string arr = std::string("\x03", 1) + "0" + '\0' + entry;
    std::string arr_doc;
    const auto alen = static_cast<char>(arr.size() + 5);
    arr_doc = std::string{alen, 0, 0, 0} + arr + '\0';
    std::string body = std::string("\x04", 1) + "databases" + '\0' + arr_doc +
                       std::string("\x01ok\0\0\0\0\0\0\0\xf0\x3f", 12);
    const auto blen = static_cast<char>(body.size() + 5);
    std::string doc = std::string{blen, 0, 0, 0} + body + '\0';
    auto v = bson_decode(doc);
    ASSERT_TRUE(v);
    EXPECT_EQ(classify_list_databases(*v, "7.0.2").exposure, Exposure::unauthenticated);
}

TEST(Bson, HostileInputIsRejectedNotTrusted) {
    EXPECT_FALSE(bson_decode(""));
    EXPECT_FALSE(bson_decode(std::string("\xff\xff\xff\x7f\0", 5)));        // length past the end
    EXPECT_FALSE(bson_decode(std::string("\x05\0\0\0\x01", 5)));            // no terminator
    EXPECT_FALSE(bson_decode(std::string("\x0c\0\0\0\x02" "a\0\xff\xff\xff\x7f\0", 12)));  // string len past end
    EXPECT_FALSE(bson_decode(std::string("\x08\0\0\0\x42x\0\0", 8)));       // unknown type
    // 100 nested documents: over the depth limit.
    std::string doc = std::string("\x05\0\0\0\0", 5);
    for (int i = 0; i < 100; ++i) {
        std::string body = std::string("\x03", 1) + "d" + '\0' + doc;
        auto n = static_cast<std::uint32_t>(body.size() + 5);
        doc = std::string{char(n & 0xff), char((n >> 8) & 0xff), char((n >> 16) & 0xff), 0} + body + '\0';
    }
    EXPECT_FALSE(bson_decode(doc));
    EXPECT_TRUE(bson_decode(doc, 1000));
}

TEST(OpMsg, HostileFramesAreInvalid) {
    EXPECT_FALSE(parse_op_msg(std::string("\xff\xff\xff\x7f", 4), 65536).valid);
    EXPECT_FALSE(parse_op_msg("HTTP/1.1 200 OK\r\n\r\n", 65536).valid);
    EXPECT_FALSE(parse_op_msg(std::string(40, '\0'), 65536).valid);
}
