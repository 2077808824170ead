#include "probe/bson.hpp"

#include <cstring>

namespace exposcan::probe {

namespace {

std::int64_t le(std::string_view b, std::size_t at, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = n; i-- > 0;) v = (v << 8) | std::uint8_t(b[at + i]);
    if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
}

void put_le32(std::string& out, std::int32_t v) {
    auto u = static_cast<std::uint32_t>(v);
    for (int i = 0; i < 4; ++i) out += static_cast<char>((u >> (8 * i)) & 0xff);
}

// Reads elements of one document body; `in` is the whole document.
class Decoder {
public:
    Decoder(std::string_view in, std::size_t max_depth) : in_(in), max_depth_(max_depth) {}

    bool document(std::size_t at, std::size_t depth, BsonValue& out, std::size_t& len) {
        if (depth > max_depth_ || in_.size() - at < 5) return false;
        const auto declared = le(in_, at, 4);
        if (declared < 5 || std::size_t(declared) > in_.size() - at) return false;
        len = std::size_t(declared);
        const std::size_t end = at + len - 1;  // the terminating zero
        if (in_[end] != '\0') return false;
        std::size_t pos = at + 4;
        while (pos < end) {
            BsonElement el;
            if (!element(pos, end, depth, el)) return false;
            out.children.push_back(std::move(el));
        }
        return pos == end;
    }

private:
    bool cstring(std::size_t& pos, std::size_t end, std::string& out) {
        auto nul = in_.find('\0', pos);
        if (nul == std::string_view::npos || nul >= end) return false;
        out = std::string(in_.substr(pos, nul - pos));
        pos = nul + 1;
        return true;
    }

    bool fixed(std::size_t& pos, std::size_t end, std::size_t n) {
        if (end - pos < n) return false;
        pos += n;
        return true;
    }

    bool element(std::size_t& pos, std::size_t end, std::size_t depth, BsonElement& el) {
        const char type = in_[pos++];
        if (!cstring(pos, end, el.name)) return false;
        auto& v = el.value;
        using T = BsonValue::Type;
        switch (type) {
        case 0x01: {
            if (end - pos < 8) return false;
            auto bits = static_cast<std::uint64_t>(le(in_, pos, 8));
            std::memcpy(&v.number, &bits, 8);
            v.type = T::double_;
            return fixed(pos, end, 8);
        }
        case 0x02: return string(pos, end, v);
        case 0x03:
        case 0x04: {
            v.type = type == 0x03 ? T::document : T::array;
            std::size_t len = 0;
            if (!document(pos, depth + 1, v, len) || len > end - pos) return false;
            pos += len;
            return true;
        }
        case 0x08:
            if (end - pos < 1) return false;
            v.type = T::boolean, v.boolean = in_[pos] != 0;
            return fixed(pos, end, 1);
        case 0x0A: case 0x06: case 0x7F: case static_cast<char>(0xFF): v.type = T::null; return true;
        case 0x10:
            if (end - pos < 4) return false;
            v.type = T::int32, v.number = double(le(in_, pos, 4));
            return fixed(pos, end, 4);
        case 0x12:
            if (end - pos < 8) return false;
            v.type = T::int64, v.number = double(le(in_, pos, 8));
            return fixed(pos, end, 8);
        default: return skip_other(type, pos, end, v);
        }
    }

    bool string(std::size_t& pos, std::size_t end, BsonValue& v) {
        if (end - pos < 4) return false;
        const auto n = le(in_, pos, 4);
        if (n < 1 || std::size_t(n) > end - pos - 4) return false;
        if (in_[pos + 4 + std::size_t(n) - 1] != '\0') return false;
        v.type = BsonValue::Type::string;
        v.text = std::string(in_.substr(pos + 4, std::size_t(n) - 1));
        pos += 4 + std::size_t(n);
        return true;
    }

    // Types the probe never reads but must step over.
    bool skip_other(char type, std::size_t& pos, std::size_t end, BsonValue& v) {
        v.type = BsonValue::Type::other;
        std::string ignored;
        switch (type) {
        case 0x07: return fixed(pos, end, 12);                       // ObjectId
        case 0x09: case 0x11: return fixed(pos, end, 8);              // datetime, timestamp
        case 0x13: return fixed(pos, end, 16);                       // decimal128
        case 0x0B: return cstring(pos, end, ignored) && cstring(pos, end, ignored);  // regex
        case 0x05: {                                                  // binary
            if (end - pos < 5) return false;
            const auto n = le(in_, pos, 4);
            return n >= 0 && fixed(pos, end, 5 + std::size_t(n));
        }
        default: return false;
        }
    }

    std::string_view in_;
    std::size_t max_depth_;
};

}  // namespace

std::optional<double> BsonValue::as_number() const {
    if (type == Type::double_ || type == Type::int32 || type == Type::int64) return number;
    if (type == Type::boolean) return boolean ? 1.0 : 0.0;
    return std::nullopt;
}

const BsonValue* BsonValue::get(std::string_view key) const {
    if (type != Type::document) return nullptr;
    for (const auto& el : children)
        if (el.name == key) return &el.value;
    return nullptr;
}

std::optional<BsonValue> bson_decode(std::string_view bytes, std::size_t max_depth, std::size_t* consumed) {
    BsonValue root;
    root.type = BsonValue::Type::document;
    std::size_t len = 0;
    Decoder d(bytes, max_depth);
    if (!d.document(0, 0, root, len)) return std::nullopt;
    if (consumed) *consumed = len;
    return root;
}

void BsonBuilder::key(char type, std::string_view name) {
    body_ += type;
    body_ += name;
    body_ += '\0';
}

BsonBuilder& BsonBuilder::add_int32(std::string_view k, std::int32_t v) {
    key(0x10, k);
    put_le32(body_, v);
    return *this;
}

BsonBuilder& BsonBuilder::add_string(std::string_view k, std::string_view v) {
    key(0x02, k);
    put_le32(body_, static_cast<std::int32_t>(v.size() + 1));
    body_ += v;
    body_ += '\0';
    return *this;
}

BsonBuilder& BsonBuilder::add_bool(std::string_view k, bool v) {
    key(0x08, k);
    body_ += static_cast<char>(v ? 1 : 0);
    return *this;
}

std::string BsonBuilder::finish() const {
    std::string out;
    put_le32(out, static_cast<std::int32_t>(body_.size() + 5));
    return out + body_ + '\0';
}

}  // namespace exposcan::probe
