#include "report/fd_stream.hpp"

#include <cerrno>
#include <unistd.h>

namespace exposcan::report {

bool FdStreamBuf::drain() {
    auto* at = pbase();
    while (error_ == 0 && at < pptr()) {
        auto n = ::write(fd_, at, static_cast<std::size_t>(pptr() - at));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) error_ = errno;
        else at += n;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0;
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type c) {
    if (!drain()) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
}

int FdStreamBuf::sync() { return drain() ? 0 : -1; }

int FdStreamBuf::finish() {
    drain();
    return error_;
}

}  // namespace exposcan::report
