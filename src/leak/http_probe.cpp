#include <random>

#include "leak/http_audit.hpp"

namespace exposcan::leak {

namespace {

constexpr std::size_t k_body_context = 60;  // characters kept either side of an address in a body

bool default_port(std::uint16_t port) { return port == 80 || port == 443; }

std::string bracket(const boost::asio::ip::address& a) {
    return a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
}

// The known addresses (origins, non-CDN addresses of the domain) in `text`.
void scan_text(AuditContext& ctx, std::string_view check, const std::string& url, std::string_view text,
               std::string_view value) {
    for (const auto& a : ip_literals(text)) {
        bool origin = ctx.classifier.is_origin(a);
        if (!origin && !ctx.exposed_addresses.contains(a)) continue;
        std::string shown(value);
        if (shown.empty()) {  // a body: the address with a little context
            auto at = text.find(a.to_string());
            auto from = at == std::string_view::npos || at < k_body_context ? 0 : at - k_body_context;
            shown = std::string(text.substr(from, 2 * k_body_context + a.to_string().size()));
        }
        ctx.record(check, url, shown, origin ? verdict::origin : verdict::other,
                   "contains " + a.to_string() + (origin ? " (the origin)" : " (a non-CDN address of the domain)"));
    }
}

}  // namespace

std::string authority(const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    auto literal = boost::asio::ip::make_address(host, ec);
    std::string h = !ec ? bracket(literal) : host;
    // Explicit port whenever it is not the scheme default, so tests can use high ports.
    return default_port(port) ? h : h + ":" + std::to_string(port);
}

std::string describe(const net::HttpResponse& r) {
    if (r.error == net::HttpError::none) return "HTTP " + std::to_string(r.status);
    return r.error_text.empty() ? "no answer" : r.error_text;
}

std::string connect_to(const std::string& host, std::uint16_t port, const boost::asio::ip::address& to) {
    return host + ":" + std::to_string(port) + ":" + bracket(to) + ":" + std::to_string(port);
}

std::string random_token() {
    std::random_device rd;
    std::uniform_int_distribution<int> hex(0, 15);
    std::string out;
    for (int i = 0; i < 16; ++i) out += "0123456789abcdef"[hex(rd)];
    return out;
}

net::HttpRequest base_request(const AuditContext& ctx, std::string url) {
    net::HttpRequest req;
    req.url = std::move(url);
    req.headers = {"User-Agent: exposcan-leak-audit"};
    req.connect_timeout = ctx.options.http_connect_timeout;
    req.total_timeout = ctx.options.http_total_timeout;
    req.max_body = ctx.options.http_max_body;
    req.max_header_bytes = ctx.options.http_max_header_bytes;
    req.max_header_lines = ctx.options.http_max_header_lines;
    req.ca_file = ctx.options.cdn_ca_file;  // used only where the certificate is verified (the CDN)
    return req;
}

void inspect_response(AuditContext& ctx, const std::string& url, const net::HttpResponse& response) {
    for (const auto& [name, value] : response.headers) {
        auto line = name + ": " + value;
        scan_text(ctx, name == "location" ? "http.redirect" : "http.header", url, value, line);
    }
    scan_text(ctx, "http.body", url, response.body, "");
}

}  // namespace exposcan::leak
