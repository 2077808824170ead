#include "probe/ftp_proto.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace exposcan::probe {

namespace {

bool has_code(std::string_view line) {
    return line.size() >= 3 && std::all_of(line.begin(), line.begin() + 3, [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) != 0;
           });
}

std::string_view text_of(std::string_view line) {
    auto t = line.substr(std::min<std::size_t>(4, line.size()));
    if (t.ends_with('\r')) t.remove_suffix(1);
    return t;
}

FtpReply invalid(std::string problem) {
    FtpReply r;
    r.kind = FtpKind::invalid;
    r.problem = std::move(problem);
    return r;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

FtpReply parse_ftp_reply(std::string_view bytes, std::size_t max_line, std::size_t max_lines) {
    FtpReply r;
    std::size_t at = 0;
    for (std::size_t n = 0;; ++n) {
        const auto nl = bytes.find('\n', at);
        const auto len = (nl == std::string_view::npos ? bytes.size() : nl) - at;
        if (len >= max_line) return invalid("reply line over the " + std::to_string(max_line) + "-byte cap");
        if (n >= max_lines) return invalid("multi-line reply over " + std::to_string(max_lines) + " lines");
        const auto line = bytes.substr(at, len);
        if (n == 0 && line.size() >= 3 && !has_code(line)) return invalid("no reply code");
        if (nl == std::string_view::npos) return r;
        if (n == 0) {
            if (!has_code(line) || (line.size() > 3 && line[3] != ' ' && line[3] != '-' && line[3] != '\r'))
                return invalid("no reply code");
            r.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            r.text = std::string(text_of(line));
        }
        at = nl + 1;
        // The reply ends at the first line that starts with the first line's
        // code and no `-` after it (`xyz text`, or a bare `xyz`); a single-line
        // reply is that line itself. Servers may prefix middle lines with `xyz-`.
        const bool last = line.substr(0, 3) == bytes.substr(0, 3) && (line.size() == 3 || line[3] != '-');
        if (last) {
            r.kind = FtpKind::ok;
            r.consumed = at;
            return r;
        }
    }
}

FtpAnonymous classify_ftp_user_reply(const FtpReply& reply) {
    if (reply.code == 230) return FtpAnonymous::logged_in;
    if (reply.code >= 400 && reply.code < 500) return FtpAnonymous::denied;
    if (reply.code >= 500 && reply.code < 600) return FtpAnonymous::refused;
    if (reply.code != 331) return FtpAnonymous::other;
    // ProFTPD "Anonymous login ok, send your complete email address", wu-ftpd
    // "Guest login ok", IIS "Anonymous access allowed, send identity (e-mail
    // name)": the server invites the well-known anonymous credential. A bare
    // "Please specify the password." (vsftpd, with anonymous on or off) and
    // ProFTPD's "Password required for anonymous" say nothing.
    static constexpr std::array<std::string_view, 6> k_invites = {
        "e-mail", "email", "guest", "identity", "anonymous login ok", "anonymous access allowed"};
    const auto t = lower(reply.text);
    for (auto w : k_invites)
        if (t.find(w) != std::string::npos) return FtpAnonymous::offered;
    return FtpAnonymous::prompt;
}

}  // namespace exposcan::probe
