#include "report/json_stream.hpp"

#include "report/json_records.hpp"

namespace exposcan::report {

namespace {

constexpr int k_indent = 2;  // the indent of dump(j, 2)

std::string pad(int depth) { return std::string(static_cast<std::size_t>(depth * k_indent), ' '); }

}  // namespace

void write_nested(std::ostream& out, const nlohmann::json& value, int depth) {
    // A dumped JSON text has no raw newline inside strings (they are escaped),
    // so every newline is layout: indenting after each one nests the value.
    auto text = dump(value, k_indent);
    auto indent = "\n" + pad(depth);
    std::size_t from = 0;
    for (auto nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
        out.write(text.data() + from, static_cast<std::streamsize>(nl - from));
        out << indent;
        from = nl + 1;
    }
    out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

void write_object(std::ostream& out, int depth, const nlohmann::json& members,
                  const std::map<std::string, StreamValue>& streamed) {
    if (members.empty() && streamed.empty()) { out << "{}"; return; }
    out << "{\n";
    auto small = members.begin();
    auto big = streamed.begin();
    bool first = true;
    while (small != members.end() || big != streamed.end()) {
        bool take_small = big == streamed.end() || (small != members.end() && small.key() < big->first);
        const auto& key = take_small ? small.key() : big->first;
        out << (first ? "" : ",\n") << pad(depth + 1) << dump(nlohmann::json(key), -1) << ": ";
        if (take_small) write_nested(out, *small, depth + 1), ++small;
        else big->second(out, depth + 1), ++big;
        first = false;
    }
    out << '\n' << pad(depth) << '}';
}

void write_array(std::ostream& out, int depth, std::size_t count,
                 const std::function<void(std::size_t, std::ostream&, int)>& element) {
    if (count == 0) { out << "[]"; return; }
    out << "[\n";
    for (std::size_t i = 0; i < count; ++i) {
        out << (i ? ",\n" : "") << pad(depth + 1);
        element(i, out, depth + 1);
    }
    out << '\n' << pad(depth) << ']';
}

}  // namespace exposcan::report
