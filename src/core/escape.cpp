#include "exposcan/escape.hpp"

namespace exposcan {

std::string sanitize(std::string_view bytes, std::size_t max_len) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() < max_len ? bytes.size() : max_len);
    for (unsigned char c : bytes) {
        std::string piece;
        if (c == '\\') piece = "\\\\";
        else if (c >= 0x20 && c < 0x7f) piece = static_cast<char>(c);
        else piece = {'\\', 'x', k_hex[c >> 4], k_hex[c & 0xf]};
        if (out.size() + piece.size() > max_len) {
            out += "...";
            break;
        }
        out += piece;
    }
    return out;
}

}  // namespace exposcan
