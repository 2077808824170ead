#include "net/http_cert.hpp"

namespace exposcan::net::detail {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// Keeps the general-name types the leak audit compares against.
void add_name(std::vector<std::string>& out, std::string_view item) {
    item = trim(item);
    if (item.starts_with("DNS:")) out.emplace_back("DNS:" + std::string(trim(item.substr(4))));
    else if (item.starts_with("IP Address:")) out.emplace_back("IP:" + std::string(trim(item.substr(11))));
    else if (item.starts_with("IP:")) out.emplace_back("IP:" + std::string(trim(item.substr(3))));
}

}  // namespace

std::vector<std::string> parse_san_list(std::string_view value) {
    std::vector<std::string> out;
    while (!value.empty()) {
        auto comma = value.find(',');
        add_name(out, value.substr(0, comma));
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return out;
}

void read_certificate(CURL* easy, HttpResponse& response) {
    curl_certinfo* info = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &info) != CURLE_OK || !info || info->num_of_certs < 1)
        return;
    static constexpr std::string_view k_subject = "Subject:";
    static constexpr std::string_view k_san = "X509v3 Subject Alternative Name:";
    for (auto* item = info->certinfo[0]; item; item = item->next) {
        std::string_view line = item->data ? item->data : "";
        if (line.starts_with(k_subject)) response.cert_subject = std::string(trim(line.substr(k_subject.size())));
        else if (line.starts_with(k_san)) response.cert_sans = parse_san_list(line.substr(k_san.size()));
    }
}

}  // namespace exposcan::net::detail
