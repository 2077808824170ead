#include "exposcan/host_port.hpp"

#include "exposcan/escape.hpp"
#include "exposcan/port_spec.hpp"

namespace exposcan {

std::optional<HostPort> split_host_port(std::string_view spec, std::string& why) {
    auto fail = [&](const char* what) -> std::optional<HostPort> {
        why = "bad endpoint '" + echo_input(spec) + "': " + what;
        return std::nullopt;
    };
    std::string_view host;
    std::string_view port;
    if (spec.starts_with('[')) {
        auto close = spec.find(']');
        if (close == std::string_view::npos || close + 1 >= spec.size() || spec[close + 1] != ':')
            return fail("expected [IPv6]:PORT");
        host = spec.substr(1, close - 1);
        port = spec.substr(close + 2);
    } else {
        auto colon = spec.rfind(':');
        if (colon == std::string_view::npos) return fail("expected HOST:PORT");
        host = spec.substr(0, colon);
        port = spec.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) return fail("an IPv6 address needs brackets: [2001:db8::1]:PORT");
    }
    if (host.empty()) return fail("no host");
    auto number = parse_port_number(port);
    if (!number) return fail("the port must be a number from 1 to 65535");
    return HostPort{std::string(host), *number};
}

}  // namespace exposcan
