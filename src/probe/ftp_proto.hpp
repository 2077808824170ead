// FTP control-connection replies (RFC 959 §4.2, pure, bounded): one reply,
// single-line `xyz text` or multi-line `xyz-...` up to the line `xyz text`,
// and what a reply to `USER anonymous` says about anonymous access.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace exposcan::probe {

enum class FtpKind { incomplete, ok, invalid };

struct FtpReply {
    FtpKind kind = FtpKind::incomplete;
    int code = 0;               // 220, 331, ...
    std::string text;           // the first line's text (after the code and separator)
    std::size_t consumed = 0;   // bytes of the whole reply, last newline included
    std::string problem;        // why invalid
};

// A reply at the start of `bytes`. invalid: no three-digit code, a line
// longer than max_line, or a multi-line reply longer than max_lines lines.
FtpReply parse_ftp_reply(std::string_view bytes, std::size_t max_line = 512, std::size_t max_lines = 64);

enum class FtpAnonymous {
    logged_in,  // 230 on USER alone: anonymous without any password
    offered,    // 331 whose text invites anonymous/guest access ("send your e-mail address")
    prompt,     // 331 that says nothing about anonymous access (vsftpd says this either way)
    refused,    // 5xx: no anonymous access
    denied,     // 4xx: the server turned us away (too many users, ...)
    other,      // any other reply
};

FtpAnonymous classify_ftp_user_reply(const FtpReply& reply);

}  // namespace exposcan::probe
