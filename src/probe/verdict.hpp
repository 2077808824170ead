// What one probe concluded about a port (before it becomes a ProbeResult).
#pragma once
#include <optional>
#include <string>

#include "exposcan/model.hpp"

namespace exposcan::probe {

struct Verdict {
    std::string service;   // "redis", "elasticsearch", ... ("http"/"" when unknown)
    Exposure exposure = Exposure::unknown_service;
    std::string version;   // raw; sanitized when the ProbeResult is built
    std::string evidence;  // raw; sanitized and bounded when the ProbeResult is built
    bool over_tls = false;
};

// nullopt: "not my protocol" (the next probe in the detection order runs).
using Outcome = std::optional<Verdict>;

inline Verdict make_verdict(std::string service, Exposure exposure, std::string version, std::string evidence) {
    Verdict v;
    v.service = std::move(service);
    v.exposure = exposure;
    v.version = std::move(version);
    v.evidence = std::move(evidence);
    return v;
}

}  // namespace exposcan::probe
