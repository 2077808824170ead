// An std::streambuf over a file descriptor, so writers stream straight into
// the output file instead of rendering the whole report into a string first.
// The first write error (errno) is kept; later output is dropped.
#pragma once
#include <array>
#include <streambuf>

namespace exposcan::report {

class FdStreamBuf : public std::streambuf {
public:
    explicit FdStreamBuf(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
    FdStreamBuf(const FdStreamBuf&) = delete;
    FdStreamBuf& operator=(const FdStreamBuf&) = delete;
    // Flushes what is buffered; 0 or the first errno seen.
    int finish();

protected:
    int_type overflow(int_type c) override;
    int sync() override;

private:
    bool drain();  // writes the buffered bytes; false after an error
    static constexpr std::size_t k_buffer_bytes = 64 * 1024;
    int fd_;
    int error_ = 0;
    std::array<char, k_buffer_bytes> buffer_{};
};

}  // namespace exposcan::report
