// The framework around the probes: it dials, owns every deadline and byte
// cap, and is the exception boundary (nothing a probe does escapes it).
#pragma once
#include <boost/asio/awaitable.hpp>

#include "exposcan/options.hpp"
#include "exposcan/probe.hpp"
#include "net/http.hpp"

namespace exposcan::probe {

// All detection steps for one endpoint, within options.timeout in total.
boost::asio::awaitable<ProbeResult> probe_endpoint(net::HttpClient& http, const ProbeTarget& endpoint,
                                                   const ProbeOptions& options, const Limits& limits);

}  // namespace exposcan::probe
