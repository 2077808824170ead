#include "leak/update_ranges.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"
#include "leak/cdn_ranges.hpp"
#include "exposcan/text_lines.hpp"
#include "net/http.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;

namespace {

struct Fetched {
    std::string v4, v6, error;
};

asio::awaitable<Fetched> fetch_both(net::HttpClient& http, std::string base, const LeakOptions& options) {
    Fetched out;
    for (auto [suffix, into] : {std::pair{"/ips-v4", &out.v4}, std::pair{"/ips-v6", &out.v6}}) {
        net::HttpRequest req;
        req.url = base + suffix;
        req.connect_timeout = options.http_connect_timeout;
        req.total_timeout = options.http_total_timeout;
        req.max_body = options.http_max_body;
        auto r = co_await http.fetch(req);
        if (r.error != net::HttpError::none || r.status != 200) {
            out.error = req.url + ": " + (r.status ? "HTTP " + std::to_string(r.status) : sanitize(r.error_text, 200));
            co_return out;
        }
        if (r.body_truncated) {
            out.error = req.url + ": list larger than the body cap";
            co_return out;
        }
        *into = r.body;
    }
    co_return out;
}

// Every line a CIDR of the wanted family; returns them re-written (so no byte
// from the network reaches the file unchecked), or sets `error`.
std::string check_list(const std::string& text, bool v4, const std::string& source, std::string& error,
                       std::size_t& n) {
    std::string out;
    for (const auto& line : content_lines(text)) {
        auto c = parse_cidr(line.text);
        if (!c || c->is_v4() != v4) {
            error = source + ":" + std::to_string(line.number) + ": not an " + (v4 ? "IPv4" : "IPv6") +
                    " CIDR: '" + sanitize(line.text, 80) + "'";
            return {};
        }
        out += c->to_string() + "\n";
        ++n;
    }
    if (n == 0) error = source + ": empty list";
    return out;
}

void write_atomic(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    auto parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    auto tmp = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + tmp);
    }
    fs::rename(tmp, path);
}

std::string stamp() {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

}  // namespace

RangesUpdate update_ranges(const std::string& url_base, const std::string& output, const LeakOptions& options) {
    if (!url_base.starts_with("http://") && !url_base.starts_with("https://"))
        throw UsageError("--url-base must start with http:// or https://");
    auto base = url_base.ends_with('/') ? url_base.substr(0, url_base.size() - 1) : url_base;
    RangesUpdate result;
    result.path = output.empty() ? default_ranges_cache_path() : output;
    if (result.path.empty()) throw UsageError("no cache directory (HOME unset): give --output FILE");

    asio::io_context io;
    net::HttpClient http(io);
    auto fut = asio::co_spawn(io, fetch_both(http, base, options), asio::use_future);
    io.run();
    auto fetched = fut.get();
    result.error = fetched.error;
    std::string v4, v6;
    if (result.error.empty()) v4 = check_list(fetched.v4, true, base + "/ips-v4", result.error, result.v4);
    if (result.error.empty()) v6 = check_list(fetched.v6, false, base + "/ips-v6", result.error, result.v6);
    if (!result.error.empty()) return result;
    write_atomic(result.path, "# Cloudflare ranges fetched by exposcan update-ranges from " + sanitize(base, 200) +
                                  " at " + stamp() + "\n" + v4 + v6);
    result.ok = true;
    return result;
}

}  // namespace exposcan::leak
