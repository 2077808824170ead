// read_file_capped: the cap holds while reading, for sources whose size stat()
// cannot tell (/dev/zero, a pipe that never ends).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <thread>

#include "exposcan/error.hpp"
#include "exposcan/read_file.hpp"

using namespace exposcan;

namespace {

std::string message_of(const std::string& path, std::size_t cap) {
    try {
        read_file_capped(path, cap, "test file");
    } catch (const UsageError& e) {
        return e.what();
    }
    return "no error";
}

std::string temp_file(const std::string& name, const std::string& content) {
    auto path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

}  // namespace

TEST(ReadFileCapped, ReadsAFileUpToTheCap) {
    auto path = temp_file("read_cap_exact", std::string(1000, 'x'));
    EXPECT_EQ(read_file_capped(path, 1000, "test file").size(), 1000u);
    EXPECT_EQ(message_of(path, 999), path + ": test file is larger than the 999 bytes limit");
}

TEST(ReadFileCapped, EndlessSourceStopsAtTheCap) {
    EXPECT_EQ(message_of("/dev/zero", 4 * 1024 * 1024), "/dev/zero: test file is larger than the 4 MiB limit");
}

TEST(ReadFileCapped, PipeWhoseWriterNeverStops) {
    auto path = ::testing::TempDir() + "read_cap_fifo";
    ::unlink(path.c_str());
    ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
    ::signal(SIGPIPE, SIG_IGN);  // the writer sees EPIPE once the reader gives up
    std::thread writer([&] {
        std::ofstream out(path, std::ios::binary);
        std::string block(64 * 1024, 'a');
        while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
        }
    });
    EXPECT_EQ(message_of(path, 256 * 1024), path + ": test file is larger than the 256 KiB limit");
    writer.join();
    ::unlink(path.c_str());
}

TEST(ReadFileCapped, UnreadableSourcesNameTheReason) {
    EXPECT_EQ(message_of("/nonexistent/x", 10), "/nonexistent/x: cannot read test file: No such file or directory");
    EXPECT_EQ(message_of("/tmp", 10), "/tmp: cannot read test file: Is a directory");
}

TEST(FormatSize, UsesTheLargestExactUnit) {
    EXPECT_EQ(format_size(4 * 1024 * 1024), "4 MiB");
    EXPECT_EQ(format_size(64 * 1024), "64 KiB");
    EXPECT_EQ(format_size(1500), "1500 bytes");
}
