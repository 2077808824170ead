#include "leak/links.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace exposcan::leak {

namespace {

constexpr std::size_t k_max_title = 256;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool istarts(std::string_view s, std::string_view prefix) { return s.size() >= prefix.size() && iequal(s.substr(0, prefix.size()), prefix); }

// Case-insensitive find of an ASCII needle.
std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from) {
    if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (iequal(hay.substr(i, needle.size()), needle)) return i;
    return std::string_view::npos;
}

bool url_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '`';
}

// "/a/./b/../c" -> "/a/c"; the query is kept as is.
std::string resolve_dots(std::string_view path) {
    auto q = path.find('?');
    auto query = q == std::string_view::npos ? std::string_view() : path.substr(q);
    auto p = path.substr(0, q);
    std::vector<std::string_view> segs;
    bool dir = p.ends_with('/') || p.ends_with("/.") || p.ends_with("/..");
    while (!p.empty()) {
        auto slash = p.find('/');
        auto seg = p.substr(0, slash);
        if (seg == "..") {
            if (!segs.empty()) segs.pop_back();
        } else if (!seg.empty() && seg != ".") {
            segs.push_back(seg);
        }
        if (slash == std::string_view::npos) break;
        p.remove_prefix(slash + 1);
    }
    std::string out;
    for (auto s : segs) (out += '/') += s;
    if (out.empty() || dir) out += '/';
    return out + std::string(query);
}

// After "scheme://" or "//": the path when the authority is `domain` (any port).
std::optional<std::string> path_on_domain(std::string_view rest, std::string_view domain) {
    auto end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, end);
    if (authority.find('@') != std::string_view::npos) return std::nullopt;  // userinfo: never followed
    auto host = authority.substr(0, authority.find(':'));
    if (host.ends_with('.')) host.remove_suffix(1);
    if (!iequal(host, domain)) return std::nullopt;
    if (end == std::string_view::npos) return std::string("/");
    auto path = rest.substr(end);
    return path.front() == '/' ? std::string(path) : "/" + std::string(path);
}

std::string decode_amp(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '&' && istarts(v.substr(i), "&amp;")) {
            out += '&';
            i += 4;
        } else {
            out += v[i];
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> same_site_path(std::string_view raw, std::string_view domain, std::string_view base_path) {
    auto value = decode_amp(raw);
    std::string_view v = value;
    v = v.substr(0, v.find('#'));
    if (v.empty() || v.size() > k_max_link_length) return std::nullopt;
    if (!std::all_of(v.begin(), v.end(), url_char) || v.find('\\') != std::string_view::npos) return std::nullopt;
    std::optional<std::string> path;
    if (v.starts_with("//")) {
        path = path_on_domain(v.substr(2), domain);
    } else if (istarts(v, "http://") || istarts(v, "https://")) {
        path = path_on_domain(v.substr(v.find("//") + 2), domain);
    } else if (auto colon = v.find(':'); colon != std::string_view::npos && colon < v.find_first_of("/?")) {
        return std::nullopt;  // mailto:, javascript:, data:, ftp: ...
    } else if (v.starts_with('/')) {
        path = std::string(v);
    } else {
        auto dir = base_path.substr(0, base_path.find('?'));
        dir = dir.substr(0, dir.rfind('/') + 1);
        path = (dir.empty() ? std::string("/") : std::string(dir)) + std::string(v);
    }
    if (!path) return std::nullopt;
    auto out = resolve_dots(*path);
    // Checked again as a whole: the base path and the authority's rest are not from `v` alone.
    if (out.size() > k_max_link_length || !std::all_of(out.begin(), out.end(), url_char) ||
        out.find('\\') != std::string::npos)
        return std::nullopt;
    return out;
}

namespace {

class Collector {
public:
    Collector(std::string_view domain, std::string_view base, std::size_t max) : domain_(domain), base_(base), max_(max) {}
    void add(std::string_view raw) {
        if (full()) return;
        auto p = same_site_path(raw, domain_, base_);
        if (p && std::find(out_.begin(), out_.end(), *p) == out_.end()) out_.push_back(std::move(*p));
    }
    [[nodiscard]] bool full() const { return out_.size() >= max_; }
    std::vector<std::string> take() { return std::move(out_); }

private:
    std::string_view domain_, base_;
    std::size_t max_;
    std::vector<std::string> out_;
};

// Attribute value starting after "name", at `i`: [ws] = [ws] value.
std::optional<std::string_view> attribute_value(std::string_view text, std::size_t i) {
    auto skip_ws = [&] { while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i; };
    skip_ws();
    if (i >= text.size() || text[i] != '=') return std::nullopt;
    ++i;
    skip_ws();
    if (i >= text.size()) return std::nullopt;
    char quote = text[i];
    std::size_t end = 0;
    if (quote == '"' || quote == '\'') {
        ++i;
        end = text.find(quote, i);
    } else {
        end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '>') ++end;
    }
    if (end == std::string_view::npos || end - i > k_max_link_length) return std::nullopt;
    return text.substr(i, end - i);
}

void scan_attributes(std::string_view text, Collector& links) {
    for (std::string_view name : {"href", "src", "action"}) {
        for (auto at = ifind(text, name, 0); at != std::string_view::npos && !links.full();
             at = ifind(text, name, at + name.size())) {
            bool boundary = at > 0 && (std::isspace(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '"' ||
                                       text[at - 1] == '\'' || text[at - 1] == '/');
            if (!boundary) continue;
            if (auto v = attribute_value(text, at + name.size())) links.add(*v);
        }
    }
}

void scan_urls(std::string_view text, Collector& links) {
    for (std::string_view scheme : {"http://", "https://"}) {
        for (auto at = ifind(text, scheme, 0); at != std::string_view::npos && !links.full();
             at = ifind(text, scheme, at + scheme.size())) {
            auto end = at;
            while (end < text.size() && end - at <= k_max_link_length && url_char(text[end])) ++end;
            auto url = text.substr(at, end - at);
            while (!url.empty() && (url.back() == ',' || url.back() == ')' || url.back() == '.' || url.back() == ';'))
                url.remove_suffix(1);  // prose punctuation after a URL
            links.add(url);
        }
    }
}

}  // namespace

std::vector<std::string> same_site_paths(std::string_view text, std::string_view domain, std::string_view base_path,
                                         std::size_t max_links) {
    Collector links(domain, base_path, max_links);
    scan_attributes(text, links);
    scan_urls(text, links);
    return links.take();
}

std::string html_title(std::string_view html) {
    auto open = ifind(html, "<title", 0);
    if (open == std::string_view::npos) return "";
    auto start = html.find('>', open);
    if (start == std::string_view::npos) return "";
    auto end = ifind(html, "</title", start);
    auto raw = html.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
    std::string out;
    for (char c : raw) {
        if (out.size() >= k_max_title) break;
        bool space = std::isspace(static_cast<unsigned char>(c));
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace exposcan::leak
