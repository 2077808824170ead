// resolve_targets: literals, bracketed/scoped IPv6, CIDR blocks and hostnames
// become a de-duplicated, ordered list of addresses. Scope safety lives here:
// nothing is scanned that the user did not name (docs/scan-engine.md).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"
#include "exposcan/scan.hpp"
#include "exposcan/cidr.hpp"
#include "scan/target_syntax.hpp"

namespace exposcan::scan {

namespace {

namespace ip = boost::asio::ip;

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// "[2001:db8::1]" -> "2001:db8::1"; other text unchanged.
std::string_view strip_brackets(std::string_view s) {
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') return s.substr(1, s.size() - 2);
    return s;
}

std::optional<ip::address> parse_literal(std::string_view text) {
    boost::system::error_code ec;
    auto addr = ip::make_address(std::string(strip_brackets(text)), ec);
    if (ec) return std::nullopt;
    return addr;
}

bool looks_like_hostname(std::string_view s) {
    if (s.empty() || s.size() > 253) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
    });
}

// Every A and AAAA address of `host`. No AI_ADDRCONFIG: a v6 address is a
// target even when this machine has no v6 route (it then shows net-unreach).
std::vector<ip::address> resolve_host(const std::string& host) {
    boost::asio::io_context io;
    ip::tcp::resolver resolver(io);
    boost::system::error_code ec;
    auto results = resolver.resolve(host, "", ip::resolver_base::flags{}, ec);
    if (ec == boost::asio::error::host_not_found || ec == boost::asio::error::host_not_found_try_again) {
        if (ec == boost::asio::error::host_not_found_try_again)
            // Temporary DNS failure: not the user's fault -> inconclusive (exit 2).
            throw std::runtime_error("cannot resolve '" + host + "': " + ec.message());
        throw UsageError("cannot resolve '" + host + "': " + ec.message());
    }
    if (ec) throw UsageError("cannot resolve '" + host + "': " + ec.message());
    std::vector<ip::address> out;
    std::set<ip::address> seen;  // counted once each by the scope rule
    for (const auto& entry : results)
        if (seen.insert(entry.endpoint().address()).second) out.push_back(entry.endpoint().address());
    if (out.empty()) throw UsageError("'" + host + "' has no A or AAAA address");
    return out;
}

std::vector<Target> expand_spec(std::string_view spec, const Limits& limits) {
    std::string name(spec);
    if (spec.empty()) throw UsageError("empty target");
    if (spec.find('/') != std::string_view::npos) {
        std::vector<Target> out;
        for (const auto& addr : expand_cidr(spec, limits)) out.push_back(Target{name, name, addr});
        return out;
    }
    if (auto addr = parse_literal(spec)) return {Target{name, name, *addr}};
    if (!looks_like_hostname(spec)) throw UsageError("bad target '" + echo_input(name) + "': not an address, CIDR or hostname");
    auto addresses = resolve_host(name);
    check_resolved_scope(name, addresses, limits);
    std::vector<Target> out;
    for (const auto& addr : addresses) out.push_back(Target{name, name, addr});
    return out;
}

}  // namespace

void check_target_spec(std::string_view spec, const Limits& limits) {
    if (spec.find('/') != std::string_view::npos) {
        expand_cidr(spec, limits);  // syntax and scope; at most 65,536 addresses
        return;
    }
    if (parse_literal(spec)) return;
    if (!looks_like_hostname(spec)) throw UsageError("bad target '" + echo_input(spec) + "': not an address, CIDR or hostname");
}

std::vector<Cidr> exclude_networks(std::string_view spec) {
    spec = trim(spec);
    if (spec.empty()) throw UsageError("empty --exclude item");
    std::string why;
    if (auto cidr = parse_cidr(spec, &why)) return {*cidr};
    if (spec.find('/') != std::string_view::npos || !looks_like_hostname(spec))
        throw UsageError("bad exclude '" + echo_input(spec) + "': " +
                         (spec.find('/') != std::string_view::npos ? why : "not an address, CIDR or hostname"));
    std::vector<Cidr> out;
    for (const auto& a : resolve_host(std::string(spec))) out.push_back(Cidr{unmap_v4(a), a.is_v4() ? 32 : 128});
    return out;
}

std::vector<Target> resolve_targets(const std::vector<std::string>& specs, const Limits& limits) {
    std::vector<Target> out;
    std::set<ip::address> seen;
    for (const auto& raw : specs) {
        for (auto& t : expand_spec(trim(raw), limits))
            if (seen.insert(t.address).second) out.push_back(std::move(t));
    }
    if (out.empty()) throw UsageError("no targets given");
    return out;
}

}  // namespace exposcan::scan
