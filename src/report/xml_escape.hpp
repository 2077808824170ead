#pragma once
#include <string>
#include <string_view>

namespace exposcan::report {

// Text and attribute escaping for XML 1.0: & < > " ' as entities (so "]]>"
// can never end anything), and characters XML 1.0 cannot carry at all
// (controls other than tab/newline/CR, invalid UTF-8) as the text "\xNN".
std::string xml_escape(std::string_view text);

}  // namespace exposcan::report
