// Line-oriented user files (targets files, excludes, wordlists, CIDR lists):
// one item per line, '#' starts a comment, blank lines and CRLF endings are
// tolerated. The one reader of that syntax.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace exposcan {

struct TextLine {
    int number = 0;      // 1-based, for error messages
    std::string text;    // trimmed, comment removed, never empty
};

std::vector<TextLine> content_lines(std::string_view text);

}  // namespace exposcan
