#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include "exposcan/report.hpp"
#include "report/writers.hpp"

namespace exposcan::report {

namespace {
constexpr std::pair<Format, std::string_view> k_formats[] = {
    {Format::text, "text"},   {Format::json, "json"},   {Format::jsonl, "jsonl"},
    {Format::sarif, "sarif"}, {Format::junit, "junit"}, {Format::prometheus, "prometheus"},
};

[[noreturn]] void fail(const std::string& path, int err) {
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
}

// Writes all of `data` to fd, fsyncs; returns 0 or the errno.
int write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        auto n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        done += static_cast<std::size_t>(n);
    }
    return ::fsync(fd) == 0 ? 0 : errno;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
    for (auto [f, n] : k_formats)
        if (n == name) return f;
    return std::nullopt;
}

std::string_view to_string(Format format) {
    for (auto [f, n] : k_formats)
        if (f == format) return n;
    return "text";
}

void write(const RunReport& report, Format format, std::ostream& out, const WriteOptions& options) {
    switch (format) {
        case Format::text: write_text(report, out, options); return;
        case Format::json: write_json(report, out); return;
        case Format::jsonl: write_jsonl(report, out); return;
        case Format::sarif: write_sarif(report, out); return;
        case Format::junit: write_junit(report, out); return;
        case Format::prometheus: write_prometheus(report, out); return;
    }
}

// The whole output is rendered in memory first, so a writer error can never
// leave half a file; the temp file lives in the target's directory so the
// rename is atomic (node_exporter never reads a partial textfile).
namespace {

bool is_regular_or_absent(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return true;
    return S_ISREG(st.st_mode);
}

void write_in_place(const std::string& path, const std::string& data) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail(path, errno);
    int err = write_all(fd, data);
    if (err == EINVAL || err == EROFS) err = 0;  // fsync on a device or pipe: nothing to sync
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) fail(path, err);
}

}  // namespace

void write_file_atomic(const RunReport& report, Format format, const std::string& path,
                       const WriteOptions& options) {
    std::ostringstream buf;
    write(report, format, buf, options);
    if (!is_regular_or_absent(path)) {
        // A device or FIFO (/dev/stdout, a pipe): write into it. Renaming over
        // it would replace the node itself (as root even /dev/null).
        write_in_place(path, buf.str());
        return;
    }
    auto dir = std::filesystem::path(path).parent_path();
    auto tmpl = (dir.empty() ? std::filesystem::path(".") : dir) / ".exposcan.XXXXXX";
    std::string tmp = tmpl.string();
    int fd = ::mkstemp(tmp.data());
    if (fd < 0) fail(path, errno);
    int err = write_all(fd, buf.str());
    if (::fchmod(fd, 0644) != 0 && err == 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        fail(path, err);
    }
}

}  // namespace exposcan::report
