// One libcurl easy transfer: its options, its capped callbacks, its outcome.
// Private to src/net/ (the only place that calls libcurl).
#pragma once
#include <curl/curl.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

#include "net/http.hpp"

namespace exposcan::net::detail {

struct Transfer {
    HttpRequest request;
    HttpResponse response;
    CURL* easy = nullptr;
    curl_slist* header_list = nullptr;
    curl_slist* connect_to_list = nullptr;
    std::array<char, CURL_ERROR_SIZE> error_buffer{};
    std::size_t header_bytes = 0;
    std::size_t header_lines = 0;
    bool header_overflow = false;  // we aborted: header caps exceeded
    bool body_capped = false;      // we stopped: max_body reached
    bool finished = false;         // curl reported the transfer done
    CURLcode result = CURLE_OK;
    // Waited on by fetch(); cancelled when the transfer finishes. A timer
    // doubles as the wake-up signal because per-operation cancellation from
    // the caller (e.g. `fetch || deadline`) then works for free.
    boost::asio::steady_timer done;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    Transfer(boost::asio::io_context& io, HttpRequest req);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    // Sets every option; false (with response.error_text) if curl refused one.
    bool configure();
    // Fills `response` from the curl result and CURLINFO_*; call once at the end.
    void complete();
    // The caller gave up (cancelled) before curl finished.
    void abandon();
};

// CURLcode -> the closed HttpError set (one mapping, used once).
HttpError map_curl_error(CURLcode code, bool header_overflow);

}  // namespace exposcan::net::detail
