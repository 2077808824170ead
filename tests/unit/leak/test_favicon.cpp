#include <gtest/gtest.h>

#include <string>

#include "leak/favicon.hpp"

namespace exposcan::leak {
namespace {

// MurmurHash3_x86_32 vectors: Appleby's SMHasher verification values and the
// mmh3 Python package's documented results (mmh3.hash("foo") == -156908512).
TEST(Favicon, Murmur3KnownVectors) {
    EXPECT_EQ(murmur3_32(""), 0);
    EXPECT_EQ(static_cast<std::uint32_t>(murmur3_32("", 1)), 0x514E28B7u);
    EXPECT_EQ(static_cast<std::uint32_t>(murmur3_32("", 0xffffffff)), 0x81F16F39u);
    EXPECT_EQ(static_cast<std::uint32_t>(murmur3_32(std::string(4, '\0'))), 0x2362F9DEu);
    EXPECT_EQ(static_cast<std::uint32_t>(murmur3_32("aaaa", 0x9747b28c)), 0x5A97808Au);
    EXPECT_EQ(static_cast<std::uint32_t>(murmur3_32("Hello, world!", 0x9747b28c)), 0x24884CBAu);
    EXPECT_EQ(static_cast<std::uint32_t>(murmur3_32("The quick brown fox jumps over the lazy dog", 0x9747b28c)),
              0x2FA826CDu);
    EXPECT_EQ(murmur3_32("foo"), -156908512);
    EXPECT_EQ(murmur3_32("hello"), 613153351);
}

// Python's base64.encodebytes: 76-character lines, each ending in "\n".
TEST(Favicon, Base64LikePythonEncodebytes) {
    EXPECT_EQ(base64_lines(""), "");
    EXPECT_EQ(base64_lines("hello"), "aGVsbG8=\n");
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += static_cast<char>(i);
    EXPECT_EQ(base64_lines(hundred),
              "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\n"
              "OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiYw==\n");
}

// mmh3.hash(codecs.encode(bytes(range(256)) * 2, "base64")) computed with an
// independent pure-Python MurmurHash3 and Python's own base64 codec.
TEST(Favicon, ShodanHashOfBinaryIcon) {
    std::string icon;
    for (int r = 0; r < 2; ++r)
        for (int i = 0; i < 256; ++i) icon += static_cast<char>(i);
    EXPECT_EQ(favicon_hash(icon), -1173581353);
    EXPECT_EQ(favicon_query(-1173581353), "http.favicon.hash:-1173581353");
}

}  // namespace
}  // namespace exposcan::leak
