#include "leak/favicon.hpp"

#include <bit>
#include <cstring>

namespace exposcan::leak {

namespace {

constexpr std::uint32_t k_c1 = 0xcc9e2d51;
constexpr std::uint32_t k_c2 = 0x1b873593;
constexpr std::size_t k_base64_line = 76;  // RFC 2045 line length, what encodebytes uses

std::uint32_t load_le32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

std::uint32_t mix_k(std::uint32_t k) {
    k *= k_c1;
    k = std::rotl(k, 15);
    return k * k_c2;
}

std::uint32_t fmix(std::uint32_t h) {
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >> 16);
}

}  // namespace

std::int32_t murmur3_32(std::string_view data, std::uint32_t seed) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t blocks = data.size() / 4;
    std::uint32_t h = seed;
    for (std::size_t i = 0; i < blocks; ++i) {
        h ^= mix_k(load_le32(bytes + 4 * i));
        h = std::rotl(h, 13);
        h = h * 5 + 0xe6546b64;
    }
    const unsigned char* tail = bytes + 4 * blocks;
    std::uint32_t k = 0;
    switch (data.size() & 3) {
    case 3: k ^= static_cast<std::uint32_t>(tail[2]) << 16; [[fallthrough]];
    case 2: k ^= static_cast<std::uint32_t>(tail[1]) << 8; [[fallthrough]];
    case 1: k ^= tail[0]; h ^= mix_k(k); break;
    default: break;
    }
    h ^= static_cast<std::uint32_t>(data.size());
    return std::bit_cast<std::int32_t>(fmix(h));
}

std::string base64_lines(std::string_view data) {
    static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string plain;
    plain.reserve((data.size() + 2) / 3 * 4);
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    for (std::size_t i = 0; i < data.size(); i += 3) {
        std::uint32_t n = static_cast<std::uint32_t>(p[i]) << 16;
        if (i + 1 < data.size()) n |= static_cast<std::uint32_t>(p[i + 1]) << 8;
        if (i + 2 < data.size()) n |= p[i + 2];
        plain += k_alphabet[(n >> 18) & 63];
        plain += k_alphabet[(n >> 12) & 63];
        plain += i + 1 < data.size() ? k_alphabet[(n >> 6) & 63] : '=';
        plain += i + 2 < data.size() ? k_alphabet[n & 63] : '=';
    }
    std::string out;
    out.reserve(plain.size() + plain.size() / k_base64_line + 1);
    for (std::size_t i = 0; i < plain.size(); i += k_base64_line) {
        out.append(plain, i, k_base64_line);
        out += '\n';
    }
    return out;
}

std::int32_t favicon_hash(std::string_view bytes) { return murmur3_32(base64_lines(bytes)); }

std::string favicon_query(std::int32_t hash) { return "http.favicon.hash:" + std::to_string(hash); }

}  // namespace exposcan::leak
