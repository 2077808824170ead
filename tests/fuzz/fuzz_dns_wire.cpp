// DNS messages from a hostile name server as our own reader sees them: HTTPS/
// SVCB answers (c-ares 1.18 cannot parse them) and every message of a zone
// transfer. Compression loops, pointers past the end, RDATA lengths that lie,
// SvcParams whose lengths overrun: fewer records, never UB. Invariants: names
// are host-name bytes only and at most 255 long; hints are at most k_max_hints.
#include <cctype>
#include <cstdint>

#include "net/dns_wire.hpp"

namespace {

void check_name(const std::string& n) {
    if (n.size() > 255) __builtin_trap();
    for (char c : n)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '*' || c == '.'))
            __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace w = exposcan::net::wire;
    std::span<const std::uint8_t> msg(data, size);
    auto m = w::parse_message(msg, 256);
    for (const auto& r : m.answers) {
        check_name(r.owner);
        if (r.rdata_offset + r.rdata_length > size) __builtin_trap();
        auto d = w::record_data(msg, r);
        check_name(d.name);
        if (auto s = w::parse_svcb(msg, r)) {
            check_name(s->target);
            if (s->hints.size() > w::k_max_hints) __builtin_trap();
        }
    }
    std::size_t at = size ? data[0] % size : 0;
    if (auto n = w::read_name(msg, at)) check_name(*n);
    return 0;
}
