// Raw DNS replies (what c-ares hands us) from a hostile or broken server:
// compression loops, truncated RRs, bogus counts, CNAME chains. The first byte
// picks the query type; the rest is the reply as received.
#include <ares.h>

#include <cstdint>
#include <cstdlib>

#include "net/dns_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using exposcan::net::DnsType;
    if (size == 0) return 0;
    static constexpr DnsType k_types[] = {DnsType::a, DnsType::aaaa, DnsType::mx,
                                          DnsType::txt, DnsType::ns, DnsType::ptr};
    auto type = k_types[data[0] % 6];
    int status = data[0] >= 0xf0 ? ARES_ESERVFAIL : ARES_SUCCESS;
    auto answer = exposcan::net::detail::make_answer(status, type, data + 1, static_cast<int>(size - 1));
    if (answer.status == exposcan::net::DnsStatus::ok && answer.addresses.empty() && answer.mx.empty() &&
        answer.texts.empty() && answer.names.empty() && answer.cnames.empty())
        std::abort();  // "ok" means records (docs: possibly only CNAMEs)
    return 0;
}
