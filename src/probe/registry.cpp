// Detection by answer, not by port: every open port goes through this list
// in order (cheapest and least disruptive first); default ports only move a
// probe to the front. Each attempt gets a fresh connection. HTTP goes before
// the binary protocols because Redis, memcached and PostgreSQL reject an
// HTTP request at once, while a strict HTTP server may sit waiting on a
// RESP or PostgreSQL packet that never completes a request head.
#include "probe/registry.hpp"

#include <algorithm>

namespace exposcan::probe {

namespace {

// clang-format off
constexpr ProbeSpec k_probes[] = {
    {"banner",           {22, 25, 21, 587, 465, 5900, 5901},                         &probe_banner,           nullptr,     false, Window::passive},
    {"http",             {80, 9200, 9201, 5601, 2375, 2379, 9090, 9100, 3000, 4000, 5984, 15672, 8500, 5000, 8086, 8123, 8888, 8983, 8088}, nullptr,      &probe_http, false, Window::full},
    {"redis",            {6379},                                          &probe_redis,            nullptr,     false, Window::speculative},
    {"https",            {443, 2376, 8443, 6443, 10250},                               nullptr,                 &probe_http, true,  Window::speculative},
    {"memcached",        {11211},                                         &probe_memcached_text,   nullptr,     false, Window::speculative},
    {"memcached-binary", {11211},                                         &probe_memcached_binary, nullptr,     false, Window::speculative},
    {"postgresql",       {5432},                                          &probe_postgres,         nullptr,     false, Window::speculative},
    {"mongodb",          {27017},                                         &probe_mongodb,          nullptr,     false, Window::speculative},
    {"zookeeper",        {2181},                                          &probe_zookeeper,        nullptr,     false, Window::speculative},
    {"rsync",            {873},                                           &probe_rsync,            nullptr,     false, Window::follow_up},
    {"vnc",              {5900, 5901},                                    &probe_vnc,              nullptr,     false, Window::follow_up},
    {"ftp",              {21},                                            &probe_ftp,              nullptr,     false, Window::follow_up},
};
// clang-format on

}  // namespace

std::span<const ProbeSpec> registry() { return k_probes; }

std::vector<const ProbeSpec*> detection_order(std::uint16_t port) {
    std::vector<const ProbeSpec*> first, rest;
    for (const auto& p : k_probes) {
        if (p.window == Window::follow_up) continue;
        (std::find(p.ports.begin(), p.ports.end(), port) != p.ports.end() ? first : rest).push_back(&p);
    }
    first.insert(first.end(), rest.begin(), rest.end());
    return first;
}

const ProbeSpec* find_probe(std::string_view name) {
    for (const auto& p : k_probes)
        if (p.name == name) return &p;
    return nullptr;
}

}  // namespace exposcan::probe
