#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "exposcan/report.hpp"
#include "report/writers.hpp"

namespace exposcan::report {

namespace {
constexpr std::pair<Format, std::string_view> k_formats[] = {
    {Format::text, "text"},   {Format::json, "json"},   {Format::jsonl, "jsonl"},
    {Format::sarif, "sarif"}, {Format::junit, "junit"}, {Format::prometheus, "prometheus"},
};
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
        default: throw std::runtime_error("format not implemented yet: " + std::string(to_string(format)));
    }
}

void write_file_atomic(const RunReport& report, Format format, const std::string& path,
                       const WriteOptions& options) {
    auto tmp = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + path);
        write(report, format, out, options);
        out.flush();
        if (!out) {
            std::remove(tmp.c_str());
            throw std::runtime_error("cannot write " + path);
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace exposcan::report
