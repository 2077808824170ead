#include "probe/op_msg.hpp"

namespace exposcan::probe {

namespace {

constexpr std::size_t k_header = 16;
constexpr std::uint32_t k_checksum_present = 1u << 0;

std::uint32_t le32(std::string_view b, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 4; i-- > 0;) v = (v << 8) | std::uint8_t(b[at + i]);
    return v;
}

void put_le32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

OpMsgReply invalid() {
    OpMsgReply r;
    r.valid = false;
    return r;
}

// Walks the sections of one message body; keeps the kind-0 document.
bool read_sections(std::string_view sections, OpMsgReply& r) {
    std::size_t pos = 0;
    while (pos < sections.size()) {
        const char kind = sections[pos++];
        std::size_t used = 0;
        if (kind == 0) {
            r.body = bson_decode(sections.substr(pos), k_max_bson_depth, &used);
            if (!r.body) return false;
        } else if (kind == 1) {  // document sequence: int32 size covers itself + id + docs
            if (sections.size() - pos < 4) return false;
            used = le32(sections, pos);
            if (used < 4 || used > sections.size() - pos) return false;
        } else {
            return false;
        }
        pos += used;
    }
    return r.body.has_value();
}

}  // namespace

std::string op_msg_request(std::int32_t request_id, std::string_view bson_document) {
    std::string out;
    put_le32(out, static_cast<std::uint32_t>(k_header + 4 + 1 + bson_document.size()));
    put_le32(out, static_cast<std::uint32_t>(request_id));
    put_le32(out, 0);  // responseTo
    put_le32(out, static_cast<std::uint32_t>(k_op_msg));
    put_le32(out, 0);  // flagBits
    out += '\0';       // section kind 0
    out += bson_document;
    return out;
}

OpMsgReply parse_op_msg(std::string_view bytes, std::size_t max_message) {
    OpMsgReply r;
    if (bytes.size() < 4) return r;
    const std::uint32_t len = le32(bytes, 0);
    if (len < k_header + 5 || len > max_message) return invalid();
    if (bytes.size() >= k_header && le32(bytes, 12) != std::uint32_t(k_op_msg)) return invalid();
    if (bytes.size() < len) return r;
    r.response_to = static_cast<std::int32_t>(le32(bytes, 8));
    const std::uint32_t flags = le32(bytes, k_header);
    std::size_t end = len;
    if (flags & k_checksum_present) {
        if (end < k_header + 4 + 4) return invalid();
        end -= 4;  // CRC-32C trailer; not verified (we only read)
    }
    if (!read_sections(bytes.substr(k_header + 4, end - k_header - 4), r)) return invalid();
    r.complete = true;
    r.consumed = len;
    return r;
}

}  // namespace exposcan::probe
