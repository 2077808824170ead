// Synthetic TargetScan records for policy tests (no network).
#pragma once
#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <initializer_list>
#include <utility>

#include "exposcan/model.hpp"

namespace exposcan::testing {

inline Target make_target(const std::string& name, const std::string& address) {
    return Target{name, address, boost::asio::ip::make_address(address)};
}

// Every port in `scanned` was scanned; `answers` lists the non-silent ones.
inline TargetScan make_scan(const std::string& name, const std::string& address, const PortSet& scanned,
                            std::initializer_list<std::pair<std::uint16_t, PortState>> answers) {
    TargetScan s;
    s.target = make_target(name, address);
    s.scanned = scanned;
    for (auto [port, state] : answers) {
        auto reason = state == PortState::open     ? Reason::syn_ack
                      : state == PortState::closed ? Reason::conn_refused
                                                   : Reason::host_unreach;
        s.ports.push_back(PortResult{port, state, reason, 1, 900});
    }
    std::sort(s.ports.begin(), s.ports.end(), [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
    return s;
}

}  // namespace exposcan::testing
