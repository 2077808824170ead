// Bounded HTTP(S) over libcurl's multi interface, driven by the caller's Asio
// io_context. The only HTTP client in exposcan: probes and the leak audit both
// use it. Limits are enforced inside curl's callbacks (a hostile server cannot
// make us buffer more than the caps), redirects are never followed, only
// http/https are allowed, and no credentials are ever sent.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace exposcan::net {

struct HttpRequest {
    std::string url;                        // http(s)://host[:port]/path
    std::string method = "GET";             // GET, HEAD or POST
    std::vector<std::string> headers;       // "Name: value"
    std::string body;                       // POST body
    std::string connect_to;                 // CURLOPT_CONNECT_TO "HOST:PORT:ADDR:PORT" (empty: none)
    bool verify_tls = true;                 // false for probes/cert grabs, true through the CDN
    std::string ca_file;                    // PEM bundle to verify with (empty: the system store)
    bool want_certificate = false;          // fill HttpResponse::cert_* (CURLOPT_CERTINFO)
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds total_timeout{10000};
    std::size_t max_body = 64 * 1024;       // bytes kept; more -> truncated, transfer stopped
    std::size_t max_header_bytes = 64 * 1024;
    std::size_t max_header_lines = 200;
};

enum class HttpError {
    none,
    timeout,            // connect or total deadline
    refused,            // connection refused / reset before any answer
    tls,                // handshake or verification failed
    too_large,          // header caps exceeded (body over cap is just truncated)
    protocol,           // not HTTP, malformed
    other,
};

struct HttpResponse {
    HttpError error = HttpError::other;
    std::string error_text;                 // one line, raw (sanitize before storing)
    long status = 0;                        // 0 when no status line
    std::vector<std::pair<std::string, std::string>> headers;  // as received, names lower-cased
    std::string body;                       // at most max_body bytes
    bool body_truncated = false;
    bool header_line_cap = false;           // too_large because of max_header_lines (else max_header_bytes)
    std::string redirect_location;          // Location of a 3xx (not followed)
    std::string primary_ip;                 // address actually connected to
    bool tls_used = false;
    std::string cert_subject;               // leaf certificate, when want_certificate
    std::vector<std::string> cert_sans;     // DNS:/IP: entries of the leaf certificate
    std::chrono::milliseconds elapsed{0};
    [[nodiscard]] const std::string* header(std::string_view lower_name) const {
        for (const auto& [k, v] : headers)
            if (k == lower_name) return &v;
        return nullptr;
    }
};

class HttpClient {
public:
    explicit HttpClient(boost::asio::io_context& io);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Many fetches may be in flight at once on the same client. Never throws
    // for network outcomes: they are in HttpResponse::error.
    boost::asio::awaitable<HttpResponse> fetch(HttpRequest request);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace exposcan::net
