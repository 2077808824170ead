#include "probe/rsync_proto.hpp"

#include <cctype>

namespace exposcan::probe {

namespace {

constexpr std::string_view k_greeting = "@RSYNCD: ";

// "31.0"; rsync before 3.0 (protocol < 30) sends the major number alone ("29").
bool is_version(std::string_view v) {
    const auto dot = v.find('.');
    if (v.empty() || dot == 0 || (dot != std::string_view::npos && dot + 1 == v.size()) || v.size() > 16) return false;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (i != dot && !std::isdigit(static_cast<unsigned char>(v[i]))) return false;
    return true;
}

}  // namespace

RsyncGreeting parse_rsync_greeting(std::string_view bytes, std::size_t max_line) {
    RsyncGreeting g;
    const auto prefix = bytes.substr(0, k_greeting.size());
    if (k_greeting.substr(0, prefix.size()) != prefix) {
        g.kind = RsyncKind::invalid;
        return g;
    }
    const auto nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
        if (bytes.size() >= max_line) g.kind = RsyncKind::invalid;
        return g;
    }
    if (nl >= max_line) {
        g.kind = RsyncKind::invalid;
        return g;
    }
    auto line = bytes.substr(0, nl);
    if (line.ends_with('\r')) line.remove_suffix(1);
    auto rest = line.substr(k_greeting.size());
    const auto version = rest.substr(0, rest.find(' '));
    if (!is_version(version)) {
        g.kind = RsyncKind::invalid;
        return g;
    }
    g.kind = RsyncKind::ok;
    g.version = std::string(version);
    g.consumed = nl + 1;
    return g;
}

RsyncListing parse_rsync_listing(std::string_view bytes, std::size_t max_line, std::size_t max_modules) {
    RsyncListing l;
    while (!bytes.empty()) {
        const auto nl = bytes.find('\n');
        if (nl == std::string_view::npos) {
            if (bytes.size() >= max_line) l.kind = RsyncKind::invalid;
            return l;
        }
        if (nl >= max_line) {
            l.kind = RsyncKind::invalid;
            return l;
        }
        auto line = bytes.substr(0, nl);
        bytes.remove_prefix(nl + 1);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line == "@RSYNCD: EXIT") {
            l.kind = RsyncKind::ok;
            return l;
        }
        if (line.starts_with("@ERROR")) {
            l.kind = RsyncKind::error;
            l.error = std::string(line);
            return l;
        }
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos || line.starts_with('@')) continue;  // motd text
        auto name = line.substr(0, tab);
        while (name.ends_with(' ')) name.remove_suffix(1);  // names are padded to 15 columns
        if (name.empty()) continue;
        ++l.module_count;
        if (l.modules.size() < max_modules) l.modules.emplace_back(name);
    }
    return l;
}

std::string rsync_list_request() { return "@RSYNCD: 31.0\n#list\n"; }

}  // namespace exposcan::probe
