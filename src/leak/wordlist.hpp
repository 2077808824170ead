// Subdomain names to try: a built-in short list of the names admins really use
// for "the server itself" (direct., origin., mail., dev. ...) or a user file.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::leak {

const std::vector<std::string>& builtin_wordlist();

// One name per line (text_lines rules). A name is one or more labels of
// 1-63 letters, digits, '-' or '_' (no leading/trailing '-'), at most 200
// characters. Lower-cased, duplicates dropped, order kept. Throws UsageError
// "SOURCE:LINE: invalid subdomain label 'x'" for anything else, so a typo is
// never silently skipped.
std::vector<std::string> parse_wordlist(std::string_view text, std::string_view source);
// Empty path = built-in. The file is read up to max_bytes (read_file.hpp).
std::vector<std::string> load_wordlist(const std::string& path, std::size_t max_bytes);

bool valid_subdomain(std::string_view name);

}  // namespace exposcan::leak
