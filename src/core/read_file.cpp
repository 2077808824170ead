#include "exposcan/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "exposcan/error.hpp"

namespace exposcan {

namespace {

constexpr std::size_t k_chunk = 64 * 1024;

// Closes the descriptor on every path out (a throw included).
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

[[noreturn]] void cannot_read(const std::string& path, std::string_view what, int err) {
    throw UsageError(path + ": cannot read " + std::string(what) + ": " + std::strerror(err));
}

[[noreturn]] void too_large(const std::string& path, std::size_t cap, std::string_view what) {
    throw UsageError(path + ": " + std::string(what) + " is larger than the " + format_size(cap) + " limit");
}

}  // namespace

std::string format_size(std::size_t bytes) {
    constexpr std::size_t k_kib = 1024, k_mib = 1024 * 1024;
    if (bytes >= k_mib && bytes % k_mib == 0) return std::to_string(bytes / k_mib) + " MiB";
    if (bytes >= k_kib && bytes % k_kib == 0) return std::to_string(bytes / k_kib) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string read_file_capped(const std::string& path, std::size_t cap, std::string_view what) {
    Fd in{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0) cannot_read(path, what, errno);
    struct stat st {};
    bool regular = ::fstat(in.fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular && static_cast<std::uintmax_t>(st.st_size) > cap) too_large(path, cap, what);
    std::string out;
    // One allocation, so the peak is the bytes read, not twice that while a
    // doubling copy runs. For a pipe or device (size unknown) the reserved but
    // unread pages of cap + 1 cost address space only.
    out.reserve(regular ? static_cast<std::size_t>(st.st_size) + 1 : cap + 1);
    // Reads at most cap + 1 bytes: one byte past the cap proves the file is too big
    // without reading the rest of an endless source.
    while (out.size() <= cap) {
        auto old = out.size();
        out.resize(old + std::min(k_chunk, cap + 1 - old));
        auto n = ::read(in.fd, out.data() + old, out.size() - old);
        if (n < 0 && errno == EINTR) {
            out.resize(old);
            continue;
        }
        if (n < 0) cannot_read(path, what, errno);  // EISDIR for a directory
        out.resize(old + static_cast<std::size_t>(n));
        if (n == 0) break;
    }
    if (out.size() > cap) too_large(path, cap, what);
    return out;
}

}  // namespace exposcan
