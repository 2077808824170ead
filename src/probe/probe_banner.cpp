// Server-speaks-first protocols: read whatever arrives in a short window.
#include <algorithm>
#include <cctype>

#include "probe/mysql_proto.hpp"
#include "probe/probes.hpp"

namespace exposcan::probe {

namespace {

constexpr std::size_t k_banner_bytes = 512;
constexpr std::size_t k_max_mysql_packet = k_banner_bytes - 4;  // the first packet must fit the banner read

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

Verdict classify_banner(std::string_view banner) {
    if (auto mysql = classify_mysql(banner, k_max_mysql_packet)) return std::move(*mysql);
    auto line = banner.substr(0, banner.find('\n'));
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::string text(line);
    // Authentication itself is out of scope: SSH always asks for it.
    if (line.starts_with("SSH-")) return make_verdict("ssh", Exposure::auth_required, text.substr(0, 64), text);
    // Redis in protected mode writes its refusal right after accept().
    if (line.starts_with("-DENIED Redis")) return make_verdict("redis", Exposure::reachable_denied, "", text);
    // rsync names itself; probe_rsync (a follow-up step) asks for its module list.
    if (line.starts_with("@RSYNCD: "))
        return make_verdict("rsync", Exposure::unknown_service, "", text.substr(0, 160));
    // VNC's `RFB 003.008`: probe_vnc (a follow-up) reads the security types.
    if (line.starts_with("RFB ")) return make_verdict("vnc", Exposure::unknown_service, "", text.substr(0, 160));
    // `220` naming FTP: probe_ftp (a follow-up) asks whether anonymous is offered.
    if (line.starts_with("220")) {
        const auto l = lower(line);
        const bool ftp = l.find("ftp") != std::string::npos && l.find("smtp") == std::string::npos;
        return make_verdict(ftp ? "ftp" : "smtp", Exposure::anonymous_limited, "", text);
    }
    // Spoke, unrecognised: its first line is the evidence (sanitized later).
    return make_verdict("", Exposure::unknown_service, "", text.substr(0, 160));
}

bool banner_complete(std::string_view d) {
    if (d.size() >= k_banner_bytes) return true;
    // A MySQL greeting is binary and its protocol byte is 0x0a ('\n'): once the
    // bytes look like its first packet, read all of it (or decide on its header).
    if (looks_like_mysql(d)) return parse_mysql_greeting(d, k_max_mysql_packet).kind != MysqlKind::incomplete;
    return d.find('\n') != std::string_view::npos;
}

awaitable<Outcome> probe_banner(Session& s) {
    co_await s.read_until(banner_complete);
    if (s.data().empty()) co_return std::nullopt;  // silent: a client-speaks-first protocol
    co_return classify_banner(s.data());
}

}  // namespace exposcan::probe
