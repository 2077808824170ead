// The probe table and the detection order (one line per probe in registry.cpp).
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "probe/probes.hpp"

namespace exposcan::probe {

enum class Window : std::uint8_t {
    full,         // until the port's deadline
    passive,      // a short listen for server-speaks-first banners
    speculative,  // a guess that may stall a server that is not ours (SASL memcached sits
                  // silent on RESP): a fifth of the time, full time on the probe's default ports
    follow_up,    // not in the detection order: run (full remaining time) when the banner
                  // step's verdict names this probe's service (rsync's `@RSYNCD:` greeting)
};

struct ProbeSpec {
    std::string_view name;
    std::array<std::uint16_t, 24> ports;  // default ports (0 = unused): tried first there
    awaitable<Outcome> (*tcp)(Session&) = nullptr;
    awaitable<Outcome> (*web)(WebSession&) = nullptr;
    bool tls = false;
    Window window = Window::full;
};

std::span<const ProbeSpec> registry();
// Probes whose default ports include `port` first, then the registry order
// (follow-up probes are left out: the banner step names them).
std::vector<const ProbeSpec*> detection_order(std::uint16_t port);
const ProbeSpec* find_probe(std::string_view name);

}  // namespace exposcan::probe
