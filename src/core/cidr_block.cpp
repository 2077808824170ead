// CIDR blocks ("203.0.113.0/28", "2001:db8::/124") -> every address in them,
// under the scope rules of Limits (one place for targets, policies and --near).
#include <algorithm>
#include <string>

#include "exposcan/cidr.hpp"
#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"

namespace exposcan {

namespace {

namespace ip = boost::asio::ip;

[[noreturn]] void fail(std::string_view spec, const std::string& why) {
    throw UsageError("bad target '" + echo_input(spec) + "': " + why);
}

// Why the width check comes before expansion: a /0 must fail fast, not allocate.
void check_width(std::string_view spec, unsigned bits, unsigned prefix, std::size_t limit, bool allow_wide) {
    unsigned host_bits = bits - prefix;
    if (prefix < limit && !allow_wide)
        fail(spec, "wider than /" + std::to_string(limit) + "; pass --allow-wide to scan it");
    if (host_bits > 16) fail(spec, "more than 65536 addresses; split it into smaller blocks");
}

// Addresses in a block of the widest prefix allowed without allow_wide.
std::size_t block_size(unsigned bits, std::size_t limit_prefix) {
    unsigned host_bits = limit_prefix >= bits ? 0 : bits - static_cast<unsigned>(limit_prefix);
    return host_bits >= 16 ? k_max_block_addresses : std::size_t{1} << host_bits;
}

std::vector<ip::address> block_v4(const ip::address_v4& addr, unsigned prefix) {
    std::uint64_t first = addr.to_uint();
    std::uint64_t count = std::uint64_t{1} << (32 - prefix);
    std::vector<ip::address> out;
    out.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) out.emplace_back(ip::address_v4(static_cast<std::uint32_t>(first + i)));
    return out;
}

std::vector<ip::address> block_v6(const ip::address_v6& addr, unsigned prefix) {
    auto bytes = addr.to_bytes();
    std::uint64_t count = std::uint64_t{1} << (128 - prefix);
    std::vector<ip::address> out;
    out.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        auto b = bytes;
        // At most 16 host bits: only the last two bytes vary.
        b[15] = static_cast<unsigned char>(b[15] | (i & 0xff));
        b[14] = static_cast<unsigned char>(b[14] | ((i >> 8) & 0xff));
        out.emplace_back(ip::address_v6(b));
    }
    return out;
}

}  // namespace

std::vector<ip::address> expand_cidr(std::string_view spec, const Limits& limits) {
    std::string why;
    auto cidr = parse_cidr(spec, &why);
    if (!cidr) fail(spec, why);
    auto prefix = static_cast<unsigned>(cidr->prefix);
    if (cidr->is_v4()) {
        check_width(spec, 32, prefix, limits.max_targets_v4_prefix, limits.allow_wide);
        return block_v4(cidr->network.to_v4(), prefix);
    }
    check_width(spec, 128, prefix, limits.max_targets_v6_prefix, limits.allow_wide);
    return block_v6(cidr->network.to_v6(), prefix);
}

void check_resolved_scope(std::string_view name, const std::vector<ip::address>& addresses, const Limits& limits) {
    auto v4 = static_cast<std::size_t>(std::count_if(addresses.begin(), addresses.end(), [](const auto& a) { return a.is_v4(); }));
    auto v6 = addresses.size() - v4;
    auto check = [&](std::size_t count, const char* family, unsigned bits, std::size_t limit_prefix) {
        auto fail = [&](const std::string& why) {
            throw UsageError("bad target '" + echo_input(name) + "': resolves to " + std::to_string(count) + " " +
                             family + " addresses, " + why);
        };
        if (count > k_max_block_addresses) fail("more than 65536; name fewer addresses");
        if (count > block_size(bits, limit_prefix) && !limits.allow_wide)
            fail("more than a /" + std::to_string(limit_prefix) + " holds; pass --allow-wide to scan them");
    };
    check(v4, "IPv4", 32, limits.max_targets_v4_prefix);
    check(v6, "IPv6", 128, limits.max_targets_v6_prefix);
}

}  // namespace exposcan
