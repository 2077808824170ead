// "HOST:PORT" as users write endpoints (--canary, policy `canary:`).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace exposcan {

struct HostPort {
    std::string host;  // IPv4 literal, IPv6 literal (without brackets) or hostname: validated by the caller
    std::uint16_t port = 0;
};

// "198.51.100.1:443", "[2001:db8::1]:22", "canary.example.net:25". An IPv6
// literal needs brackets ("2001:db8::1:22" is ambiguous). The port is one
// number 1-65535. nullopt with `why` set (one line) on anything else.
std::optional<HostPort> split_host_port(std::string_view spec, std::string& why);

}  // namespace exposcan
