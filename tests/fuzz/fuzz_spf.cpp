// SPF TXT records come from the audited domain's DNS (attacker-controlled in
// the worst case): any text must parse to terms + errors, never crash. The
// ip4:/ip6: networks it yields go through parse_cidr and a CidrSet, as the
// audit does with them.
#include <cstdint>

#include "leak/cidr_set.hpp"
#include "leak/spf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace l = exposcan::leak;
    std::string_view txt(reinterpret_cast<const char*>(data), size);
    (void)l::is_spf_record(txt);
    auto rec = l::parse_spf(txt);
    (void)rec.redirect();
    (void)rec.has_all();
    l::CidrSet set;
    for (const auto& t : rec.terms) {
        (void)t.queries_dns();
        (void)t.has_macro();
        if (auto c = l::parse_cidr(t.network)) {
            set.add(*c);
            if (!set.contains(*c)) __builtin_trap();  // a set contains what was added
            (void)c->to_string();
        }
    }
    return 0;
}
