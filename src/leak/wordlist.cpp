#include "leak/wordlist.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "exposcan/error.hpp"
#include "exposcan/read_file.hpp"
#include "exposcan/text_lines.hpp"

namespace exposcan::leak {

namespace {

constexpr std::size_t k_max_name = 200;  // leaves room for the domain within 253
constexpr std::size_t k_max_label = 63;

bool valid_label(std::string_view label) {
    if (label.empty() || label.size() > k_max_label) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

bool valid_subdomain(std::string_view name) {
    if (name.empty() || name.size() > k_max_name) return false;
    while (true) {
        auto dot = name.find('.');
        if (!valid_label(name.substr(0, dot))) return false;
        if (dot == std::string_view::npos) return true;
        name.remove_prefix(dot + 1);
    }
}

const std::vector<std::string>& builtin_wordlist() {
    static const std::vector<std::string> k_names = {
        "www", "mail", "direct", "direct-connect", "origin", "origin-www", "dev", "staging", "stage", "test",
        "beta", "old", "new", "ftp", "cpanel", "webmail", "smtp", "imap", "pop", "mx", "mx1", "api", "admin",
        "vpn", "remote", "server", "host", "ns1", "ns2", "backend", "app", "cdn", "static", "media", "files",
        "git", "status", "monitor", "grafana", "kibana", "elastic", "db", "sql", "ssh", "panel", "portal",
        "autodiscover", "m", "blog", "shop", "web", "internal", "intranet", "dashboard", "streaming",
    };
    return k_names;
}

std::vector<std::string> parse_wordlist(std::string_view text, std::string_view source) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& line : content_lines(text)) {
        if (!valid_subdomain(line.text))
            throw UsageError(std::string(source) + ":" + std::to_string(line.number) +
                             ": invalid subdomain label '" + line.text.substr(0, 80) + "'");
        auto name = lower(line.text);
        if (seen.insert(name).second) out.push_back(std::move(name));
    }
    return out;
}

std::vector<std::string> load_wordlist(const std::string& path, std::size_t max_bytes) {
    if (path.empty()) return builtin_wordlist();
    auto names = parse_wordlist(read_file_capped(path, max_bytes, "wordlist"), path);
    if (names.empty()) throw UsageError(path + ": no names in wordlist");
    return names;
}

}  // namespace exposcan::leak
