// A peer's leaf certificate (DER, hostile bytes) through the reader the TLS
// probe uses: names and SAN lists stay within their caps, never a crash.
#include <cstdint>
#include <string_view>

#include "net/tls_x509.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view der(reinterpret_cast<const char*>(data), size);
    const auto c = exposcan::net::detail::describe_der(der);
    if (!c) return 0;
    if (c->sans.size() > 64 || c->subject.size() > 1024 || c->issuer.size() > 1024) __builtin_trap();
    if (!c->not_after.empty() && c->not_after.size() != 20) __builtin_trap();  // 2020-02-01T00:00:00Z
    return 0;
}
