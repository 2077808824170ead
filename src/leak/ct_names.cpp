#include "leak/ct_names.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "leak/classify.hpp"
#include "leak/wordlist.hpp"

namespace exposcan::leak {

namespace {

constexpr std::size_t k_max_depth = 8;  // crt.sh's answer is 2 deep

// Deepest [ / { nesting outside strings: nlohmann is never handed a bomb.
std::size_t depth_of(std::string_view text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') in_string = true;
        else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
        else if ((c == ']' || c == '}') && depth > 0) --depth;
    }
    return deepest;
}

void add_names(std::string_view field, std::string_view domain, std::set<std::string>& out) {
    while (!field.empty()) {
        auto nl = field.find('\n');
        auto name = normalize_name(field.substr(0, nl));
        field = nl == std::string_view::npos ? std::string_view{} : field.substr(nl + 1);
        if (name.starts_with("*.")) name.erase(0, 2);
        bool below = name.size() > domain.size() + 1 && name.ends_with(domain) &&
                     name[name.size() - domain.size() - 1] == '.';
        if (below && valid_subdomain(name)) out.insert(std::move(name));
    }
}

}  // namespace

std::optional<CtNames> parse_ct_names(std::string_view json, std::string_view domain, std::size_t max_names) {
    if (depth_of(json) > k_max_depth) return std::nullopt;
    auto j = nlohmann::json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_array()) return std::nullopt;
    std::set<std::string> names;
    CtNames out;
    for (const auto& entry : j) {
        if (!entry.is_object()) return std::nullopt;
        ++out.entries;
        for (const char* key : {"common_name", "name_value"}) {
            auto it = entry.find(key);
            if (it != entry.end() && it->is_string()) add_names(it->get_ref<const std::string&>(), domain, names);
        }
    }
    out.names.assign(names.begin(), names.end());
    if (out.names.size() > max_names) {
        out.names.resize(max_names);
        out.capped = true;
    }
    return out;
}

std::string ct_query_url(std::string_view base, std::string_view domain) {
    std::string url(base);
    url += url.find('?') == std::string::npos ? '?' : '&';
    return url + "q=%25." + std::string(domain) + "&output=json";
}

}  // namespace exposcan::leak
