// A minimal BSON encoder/decoder for the MongoDB probe. The decoder trusts
// nothing: every length is bounds-checked, nesting is depth-limited, and an
// unknown element type ends decoding with nullopt.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::probe {

struct BsonElement;

struct BsonValue {
    enum class Type { double_, string, document, array, boolean, null, int32, int64, other };
    Type type = Type::null;
    double number = 0;            // double_, int32, int64
    bool boolean = false;
    std::string text;             // string
    std::vector<BsonElement> children;  // document, array (array keys "0", "1", ...)
    [[nodiscard]] std::optional<double> as_number() const;
    [[nodiscard]] const BsonValue* get(std::string_view key) const;  // document field
};

struct BsonElement {
    std::string name;
    BsonValue value;
};

inline constexpr std::size_t k_max_bson_depth = 16;

// Decodes one document that starts at bytes[0] and whose int32 length fits in
// `bytes`; *consumed (if given) = that length.
std::optional<BsonValue> bson_decode(std::string_view bytes, std::size_t max_depth = k_max_bson_depth,
                                     std::size_t* consumed = nullptr);

// Builds a flat document, in insertion order.
class BsonBuilder {
public:
    BsonBuilder& add_int32(std::string_view key, std::int32_t v);
    BsonBuilder& add_string(std::string_view key, std::string_view v);
    BsonBuilder& add_bool(std::string_view key, bool v);
    [[nodiscard]] std::string finish() const;

private:
    void key(char type, std::string_view name);
    std::string body_;
};

}  // namespace exposcan::probe
