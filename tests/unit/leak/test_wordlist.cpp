#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "exposcan/error.hpp"
#include "exposcan/options.hpp"
#include "leak/wordlist.hpp"

namespace exposcan::leak {
namespace {

TEST(Wordlist, BuiltInHasTheNamesAdminsUse) {
    const auto& w = builtin_wordlist();
    for (const char* name : {"www", "mail", "direct", "direct-connect", "origin", "dev", "staging", "ftp", "cpanel",
                             "webmail", "smtp", "mx", "api", "admin", "test", "beta", "old", "vpn", "remote",
                             "server", "ns1", "ns2"})
        EXPECT_NE(std::find(w.begin(), w.end(), name), w.end()) << name;
    for (const auto& n : w) EXPECT_TRUE(valid_subdomain(n)) << n;
}

TEST(Wordlist, ToleratesCommentsBlankLinesAndCrlf) {
    auto w = parse_wordlist("# names\r\nwww\r\n\r\n  Direct  # the origin\r\nmail.int\nwww\n_dmarc\n", "f");
    EXPECT_EQ(w, (std::vector<std::string>{"www", "direct", "mail.int", "_dmarc"}));
}

TEST(Wordlist, RejectsInvalidLabelsWithTheLine) {
    for (const char* bad : {"-www\n", "www-\n", "a..b\n", ".www\n", "www.\n", "w w\n", "ex*mple\n", "caf\xc3\xa9\n"}) {
        EXPECT_THROW(parse_wordlist(std::string("ok\n") + bad, "f"), UsageError) << bad;
    }
    try {
        parse_wordlist("www\n\nbad label\n", "list.txt");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("list.txt:3"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(valid_subdomain(std::string(64, 'a')));
    EXPECT_TRUE(valid_subdomain(std::string(63, 'a')));
}

// A file that names nothing would silently audit no subdomain at all.
TEST(Wordlist, EmptyFileIsAnError) {
    EXPECT_TRUE(parse_wordlist("# nothing\n\n", "f").empty());  // parsing is fine; loading refuses
    for (const char* text : {"", "# only a comment\n\n   \n"}) {
        const std::string path = ::testing::TempDir() + "exposcan-empty-wordlist.txt";
        std::ofstream(path) << text;
        try {
            load_wordlist(path, Limits{}.max_wordlist_bytes);
            ADD_FAILURE() << "an empty wordlist was accepted: '" << text << "'";
        } catch (const UsageError& e) {
            EXPECT_EQ(std::string(e.what()), path + ": no names in wordlist");
        }
        std::remove(path.c_str());
    }
}

TEST(Wordlist, MissingFileIsAnError) {
    EXPECT_THROW(load_wordlist("/nonexistent/exposcan/wordlist", Limits{}.max_wordlist_bytes), UsageError);
}

}  // namespace
}  // namespace exposcan::leak
