#include "exposcan/shard.hpp"

#include <charconv>
#include <cstdio>

#include "exposcan/error.hpp"

namespace exposcan {

namespace {

bool parse_unsigned(std::string_view text, unsigned& out) {
    if (text.empty() || text.size() > 6) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Shard parse_shard(std::string_view text) {
    auto fail = [&](const std::string& why) -> Shard {
        std::string shown(text.substr(0, 40));
        throw UsageError("--shard '" + shown + "': " + why);
    };
    auto slash = text.find('/');
    Shard s;
    if (slash == std::string_view::npos || !parse_unsigned(text.substr(0, slash), s.index) ||
        !parse_unsigned(text.substr(slash + 1), s.count))
        return fail("expected I/N, e.g. 1/3");
    if (s.count < 1 || s.count > k_max_shard_count)
        return fail("N must be 1.." + std::to_string(k_max_shard_count));
    if (s.index < 1 || s.index > s.count) return fail("I must be 1..N (shards count from 1)");
    return s;
}

std::string to_string(const Shard& shard) {
    return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

PortSet shard_ports(const PortSet& ports, std::size_t target_index, const Shard& shard) {
    if (shard.count <= 1) return ports;
    PortSet out;
    std::uint64_t rank = target_index % shard.count;  // (t + i) mod N, incrementally
    ports.for_each_range([&](std::uint32_t first, std::uint32_t last) {
        for (std::uint32_t p = first; p <= last; ++p, ++rank)
            if (rank % shard.count == shard.index - 1) out.add(static_cast<std::uint16_t>(p));
    });
    return out;
}

std::string policy_identity(std::string_view content) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64
    for (unsigned char c : content) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string("file fnv1a64:") + hex;
}

}  // namespace exposcan
