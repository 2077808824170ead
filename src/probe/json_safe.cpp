#include "probe/json_safe.hpp"

namespace exposcan::probe {

std::size_t json_depth(std::string_view text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') deepest = std::max(deepest, ++depth);
        else if ((c == '}' || c == ']') && depth > 0) --depth;
    }
    return deepest;
}

std::optional<nlohmann::json> parse_json_safely(std::string_view text, std::size_t max_depth) {
    if (json_depth(text) > max_depth) return std::nullopt;
    auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

std::string json_string_at(const nlohmann::json& j, std::initializer_list<std::string_view> path) {
    const nlohmann::json* cur = &j;
    for (auto key : path) {
        if (!cur->is_object()) return "";
        auto it = cur->find(key);
        if (it == cur->end()) return "";
        cur = &*it;
    }
    if (cur->is_string()) return cur->get<std::string>();
    if (cur->is_number() || cur->is_boolean()) return cur->dump();
    return "";
}

}  // namespace exposcan::probe
