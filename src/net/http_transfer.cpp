// Easy-handle setup and the capped header/body callbacks. The caps are
// enforced here, as bytes arrive, so a hostile server can never make us
// buffer more than HttpRequest allows.
#include <algorithm>
#include <cctype>
#include <string_view>

#include "net/http_cert.hpp"
#include "net/http_transfer.hpp"

namespace exposcan::net::detail {

namespace {

constexpr const char* k_user_agent = "exposcan/0.1 (+exposure scanner)";

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// Records one header line; a new status line starts a new response (curl
// also reports 1xx interim responses through this callback).
void record_header(HttpResponse& r, std::string_view line) {
    auto body = trim(line);
    if (body.empty()) return;
    if (body.starts_with("HTTP/")) {
        r.headers.clear();
        r.redirect_location.clear();
        return;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !r.headers.empty()) {
        r.headers.back().second += ' ';
        r.headers.back().second += body;  // obsolete line folding
        return;
    }
    auto colon = body.find(':');
    if (colon == std::string_view::npos) return;
    auto name = lower(trim(body.substr(0, colon)));
    auto value = std::string(trim(body.substr(colon + 1)));
    if (name == "location") r.redirect_location = value;
    r.headers.emplace_back(std::move(name), std::move(value));
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    t->header_bytes += n;
    t->header_lines += 1;
    if (t->header_bytes > t->request.max_header_bytes || t->header_lines > t->request.max_header_lines) {
        t->header_overflow = true;
        t->response.header_line_cap = t->header_bytes <= t->request.max_header_bytes;
        return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
    }
    record_header(t->response, std::string_view(data, n));
    return n;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    auto& body = t->response.body;
    const size_t room = t->request.max_body - std::min(t->request.max_body, body.size());
    body.append(data, std::min(n, room));
    if (n > room) {
        t->body_capped = true;
        return 0;  // stop reading: we have all we keep
    }
    return n;
}

curl_slist* to_slist(const std::vector<std::string>& items) {
    curl_slist* list = nullptr;
    for (const auto& item : items) {
        auto* next = curl_slist_append(list, item.c_str());
        if (!next) break;
        list = next;
    }
    return list;
}

}  // namespace

Transfer::Transfer(boost::asio::io_context& io, HttpRequest req)
    : request(std::move(req)), easy(curl_easy_init()), done(io) {
    done.expires_at(std::chrono::steady_clock::time_point::max());
}

Transfer::~Transfer() {
    if (easy) curl_easy_cleanup(easy);
    curl_slist_free_all(header_list);
    curl_slist_free_all(connect_to_list);
}

bool Transfer::configure() {
    if (!easy) {
        response.error_text = "curl_easy_init failed";
        return false;
    }
    CURLcode rc = CURLE_OK;
    auto set = [&](CURLoption opt, auto value) {
        if (rc == CURLE_OK) rc = curl_easy_setopt(easy, opt, value);
    };
    set(CURLOPT_URL, request.url.c_str());
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_PROXY, "");  // never a proxy from the environment
    set(CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED));
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_FORBID_REUSE, 1L);  // every fetch is its own connection
    set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    set(CURLOPT_USERAGENT, k_user_agent);
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    set(CURLOPT_SSL_VERIFYPEER, request.verify_tls ? 1L : 0L);
    set(CURLOPT_SSL_VERIFYHOST, request.verify_tls ? 2L : 0L);
    if (!request.ca_file.empty()) set(CURLOPT_CAINFO, request.ca_file.c_str());
    set(CURLOPT_CERTINFO, request.want_certificate ? 1L : 0L);
    set(CURLOPT_ERRORBUFFER, error_buffer.data());
    set(CURLOPT_HEADERFUNCTION, &on_header);
    set(CURLOPT_HEADERDATA, static_cast<void*>(this));
    set(CURLOPT_WRITEFUNCTION, &on_body);
    set(CURLOPT_WRITEDATA, static_cast<void*>(this));
    set(CURLOPT_PRIVATE, static_cast<void*>(this));
    if (request.method == "HEAD") set(CURLOPT_NOBODY, 1L);
    if (request.method == "POST") {
        set(CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
        set(CURLOPT_COPYPOSTFIELDS, request.body.c_str());
    }
    header_list = to_slist(request.headers);
    if (header_list) set(CURLOPT_HTTPHEADER, header_list);
    if (!request.connect_to.empty()) {
        connect_to_list = to_slist({request.connect_to});
        set(CURLOPT_CONNECT_TO, connect_to_list);
    }
    if (request.method != "GET" && request.method != "HEAD" && request.method != "POST")
        rc = CURLE_BAD_FUNCTION_ARGUMENT;
    if (rc != CURLE_OK) response.error_text = std::string("curl option refused: ") + curl_easy_strerror(rc);
    return rc == CURLE_OK;
}

HttpError map_curl_error(CURLcode code, bool header_overflow) {
    if (header_overflow) return HttpError::too_large;
    switch (code) {
    case CURLE_OK: return HttpError::none;
    case CURLE_OPERATION_TIMEDOUT: return HttpError::timeout;
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR: return HttpError::refused;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS: return HttpError::tls;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_GOT_NOTHING:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_HTTP2:
    case CURLE_PARTIAL_FILE: return HttpError::protocol;
    default: return HttpError::other;
    }
}

void Transfer::complete() {
    const bool capped_ok = body_capped && result == CURLE_WRITE_ERROR;
    response.error = capped_ok ? HttpError::none : map_curl_error(result, header_overflow);
    response.body_truncated = body_capped;
    if (response.error != HttpError::none)
        response.error_text = error_buffer[0] ? error_buffer.data() : curl_easy_strerror(result);
    if (header_overflow)
        response.error_text = response.header_line_cap ? "response headers exceed the line cap"
                                                        : "response headers exceed the byte cap";
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    response.status = status;
    char* ip = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) response.primary_ip = ip;
    char* scheme = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_SCHEME, &scheme) == CURLE_OK && scheme)
        response.tls_used = lower(scheme) == "https";
    if (request.want_certificate) read_certificate(easy, response);
    response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
}

void Transfer::abandon() {
    response.error = HttpError::timeout;
    response.error_text = "cancelled by the caller";
    response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
}

}  // namespace exposcan::net::detail
