// Every byte that came from the network passes through sanitize() before it is
// stored in a record, so no writer can emit a terminal escape, a NUL or
// invalid UTF-8. Writers still apply their own syntax escaping (XML, labels).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace exposcan {

// Printable ASCII kept; everything else (controls, ESC, bytes >= 0x80) becomes
// \xNN, backslash becomes \\. Truncated to max_len bytes of output with "...".
std::string sanitize(std::string_view bytes, std::size_t max_len = 512);

}  // namespace exposcan
