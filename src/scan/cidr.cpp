#include "scan/cidr.hpp"

#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <charconv>
#include <string>

#include "exposcan/error.hpp"

namespace exposcan::scan {

namespace {

namespace ip = boost::asio::ip;

[[noreturn]] void fail(std::string_view spec, const std::string& why) {
    throw UsageError("bad target '" + std::string(spec) + "': " + why);
}

unsigned parse_prefix(std::string_view spec, std::string_view text, unsigned max) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value > max)
        fail(spec, "prefix must be 0-" + std::to_string(max));
    return value;
}

// Why the width check comes before expansion: a /0 must fail fast, not allocate.
void check_width(std::string_view spec, unsigned bits, unsigned prefix, std::size_t limit, bool allow_wide) {
    unsigned host_bits = bits - prefix;
    if (prefix < limit && !allow_wide)
        fail(spec, "wider than /" + std::to_string(limit) + "; pass --allow-wide to scan it");
    if (host_bits > 16) fail(spec, "more than 65536 addresses; split it into smaller blocks");
}

std::vector<ip::address> block_v4(const ip::address_v4& addr, unsigned prefix) {
    auto net = ip::make_network_v4(addr, prefix).canonical();
    std::uint64_t first = net.network().to_uint();
    std::uint64_t count = std::uint64_t{1} << (32 - prefix);
    std::vector<ip::address> out;
    out.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) out.emplace_back(ip::address_v4(static_cast<std::uint32_t>(first + i)));
    return out;
}

std::vector<ip::address> block_v6(const ip::address_v6& addr, unsigned prefix) {
    auto bytes = ip::make_network_v6(addr, prefix).canonical().network().to_bytes();
    std::uint64_t count = std::uint64_t{1} << (128 - prefix);
    std::vector<ip::address> out;
    out.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        auto b = bytes;
        // At most 16 host bits: only the last two bytes vary.
        b[15] = static_cast<unsigned char>(b[15] | (i & 0xff));
        b[14] = static_cast<unsigned char>(b[14] | ((i >> 8) & 0xff));
        out.emplace_back(ip::address_v6(b, addr.scope_id()));
    }
    return out;
}

}  // namespace

std::vector<ip::address> expand_cidr(std::string_view spec, const Limits& limits) {
    auto slash = spec.find('/');
    auto addr_text = spec.substr(0, slash);
    if (addr_text.size() >= 2 && addr_text.front() == '[' && addr_text.back() == ']')
        addr_text = addr_text.substr(1, addr_text.size() - 2);
    boost::system::error_code ec;
    auto addr = ip::make_address(std::string(addr_text), ec);
    if (ec) fail(spec, "'" + std::string(addr_text) + "' is not an IP address");
    auto prefix_text = spec.substr(slash + 1);
    if (addr.is_v4()) {
        auto prefix = parse_prefix(spec, prefix_text, 32);
        check_width(spec, 32, prefix, limits.max_targets_v4_prefix, limits.allow_wide);
        return block_v4(addr.to_v4(), prefix);
    }
    auto prefix = parse_prefix(spec, prefix_text, 128);
    check_width(spec, 128, prefix, limits.max_targets_v6_prefix, limits.allow_wide);
    return block_v6(addr.to_v6(), prefix);
}

}  // namespace exposcan::scan
