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

// How much of a user's input an error line quotes: enough to recognise it,
// never a 120 KB argument pasted into one line of a CI log.
inline constexpr std::size_t k_error_echo_bytes = 80;

// User input quoted in an error message: sanitized and capped.
inline std::string echo_input(std::string_view text) { return sanitize(text, k_error_echo_bytes); }

}  // namespace exposcan
