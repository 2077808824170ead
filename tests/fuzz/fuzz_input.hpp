// Splits one libFuzzer input into the pieces a target needs (a selector byte,
// delimited fields, the rest) so one byte string can drive a structured call.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace exposcan::fuzz {

class Input {
public:
    Input(const std::uint8_t* data, std::size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

    // The next byte, 0 when exhausted.
    std::uint8_t byte() {
        if (rest_.empty()) return 0;
        auto b = static_cast<std::uint8_t>(rest_.front());
        rest_.remove_prefix(1);
        return b;
    }
    // Everything up to (not including) the next `delim`, or the rest.
    std::string_view field(char delim) {
        auto pos = rest_.find(delim);
        auto out = rest_.substr(0, pos);
        rest_.remove_prefix(pos == std::string_view::npos ? rest_.size() : pos + 1);
        return out;
    }
    [[nodiscard]] std::string_view rest() const { return rest_; }
    [[nodiscard]] bool empty() const { return rest_.empty(); }

private:
    std::string_view rest_;
};

}  // namespace exposcan::fuzz
