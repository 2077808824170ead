#include "exposcan/vantage.hpp"

#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"

namespace exposcan {

namespace {

bool is_name_char(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

}  // namespace

std::optional<std::string> vantage_name_problem(std::string_view name) {
    if (name.empty()) return "a vantage name must not be empty";
    if (name.size() > k_max_vantage_bytes)
        return "longer than " + std::to_string(k_max_vantage_bytes) + " characters";
    for (unsigned char c : name)
        if (!is_name_char(c)) return "only letters, digits, '.', '_' and '-' (e.g. eu, cloud-us-east, cdn)";
    return std::nullopt;
}

std::string parse_vantage(std::string_view text) {
    if (auto problem = vantage_name_problem(text))
        throw UsageError("--vantage '" + echo_input(text) + "': " + *problem);
    return std::string(text);
}

}  // namespace exposcan
