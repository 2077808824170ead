// Line-oriented user files (wordlists, CIDR lists): one item per line, '#'
// starts a comment, blank lines and CRLF endings are tolerated.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::leak {

struct TextLine {
    int number = 0;      // 1-based, for error messages
    std::string text;    // trimmed, comment removed, never empty
};

std::vector<TextLine> content_lines(std::string_view text);

}  // namespace exposcan::leak
