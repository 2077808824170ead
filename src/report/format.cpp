#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

#include "exposcan/report.hpp"
#include "report/fd_stream.hpp"
#include "report/writers.hpp"

namespace exposcan::report {

namespace {
constexpr std::pair<Format, std::string_view> k_formats[] = {
    {Format::text, "text"},   {Format::json, "json"},   {Format::jsonl, "jsonl"},
    {Format::sarif, "sarif"}, {Format::junit, "junit"}, {Format::prometheus, "prometheus"},
    {Format::html, "html"},
    {Format::nmap_xml, "nmap-xml"},
};

[[noreturn]] void fail(const std::string& path, int err) {
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
}

int fsync_error(int fd) { return ::fsync(fd) == 0 ? 0 : errno; }

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
    for (auto [f, n] : k_formats)
        if (n == name) return f;
    return std::nullopt;
}

std::string format_names(std::string_view separator) {
    std::string out;
    for (auto [f, n] : k_formats) out += (out.empty() ? "" : std::string(separator)) + std::string(n);
    return out;
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
        case Format::html: write_html(report, out); return;
        case Format::nmap_xml: write_nmap_xml(report, out); return;
    }
}

// The report streams into a temp file in the target's directory (memory does
// not grow with the output); only a complete, fsynced file is renamed over
// the target, atomically, so a writer error never leaves half a file and
// node_exporter never reads a partial textfile.
namespace {

bool is_regular_or_absent(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return true;
    return S_ISREG(st.st_mode);
}

// Writes the report into fd; 0 or the errno of the first failed write.
int stream_to(int fd, const RunReport& report, Format format, const WriteOptions& options) {
    FdStreamBuf buf(fd);
    std::ostream out(&buf);
    write(report, format, out, options);
    int err = buf.finish();
    return err == 0 && !out ? EIO : err;
}

void write_in_place(const std::string& path, const RunReport& report, Format format, const WriteOptions& options) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail(path, errno);
    int err = stream_to(fd, report, format, options);
    if (err == 0) err = fsync_error(fd);
    if (err == EINVAL || err == EROFS) err = 0;  // fsync on a device or pipe: nothing to sync
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) fail(path, err);
}

// The temp file's errno after streaming, fsync, chmod and close; the file is
// unlinked (and the exception passed on) if a writer throws.
int write_temp(int fd, const std::string& tmp, const RunReport& report, Format format, const WriteOptions& options) {
    int err = 0;
    try {
        err = stream_to(fd, report, format, options);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (err == 0) err = fsync_error(fd);
    if (::fchmod(fd, 0644) != 0 && err == 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    return err;
}

}  // namespace

namespace {

// A temp file beside `path` (same filesystem, so rename() is atomic): its fd,
// its name in `tmp`, or -1 with errno set.
int make_temp_beside(const std::string& path, std::string& tmp) {
    auto dir = std::filesystem::path(path).parent_path();
    tmp = ((dir.empty() ? std::filesystem::path(".") : dir) / ".exposcan.XXXXXX").string();
    return ::mkstemp(tmp.data());
}

std::string temp_problem(const std::string& path, int err) {
    auto dir = std::filesystem::path(path).parent_path();
    return "cannot write " + path + ": cannot create a file in " + (dir.empty() ? std::string(".") : dir.string()) +
           " to replace it atomically (" + std::strerror(err) + ")";
}

}  // namespace

std::optional<std::string> output_path_problem(const std::string& path) {
    if (!is_regular_or_absent(path)) return std::nullopt;
    std::string tmp;
    int fd = make_temp_beside(path, tmp);
    if (fd < 0) return temp_problem(path, errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return std::nullopt;
}

void write_file_atomic(const RunReport& report, Format format, const std::string& path,
                       const WriteOptions& options) {
    if (!is_regular_or_absent(path)) {
        // A device or FIFO (/dev/stdout, a pipe): write into it. Renaming over
        // it would replace the node itself (as root even /dev/null).
        write_in_place(path, report, format, options);
        return;
    }
    std::string tmp;
    int fd = make_temp_beside(path, tmp);
    if (fd < 0) throw std::runtime_error(temp_problem(path, errno));
    int err = write_temp(fd, tmp, report, format, options);
    if (err == 0 && std::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        fail(path, err);
    }
}

}  // namespace exposcan::report
