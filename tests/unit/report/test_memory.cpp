// Memory regression (docs/resource-bounds.md, "Memory for a /24 x all ports"):
// a host without a firewall answers RST on every port. The policy and report
// stages must cost O(targets + findings), not O(ports): 4 x 65,535 closed
// ports give a handful of findings, and writing the report allocates far less
// than the scan results themselves. The heap is measured by counting the live
// bytes of operator new in this test binary (deterministic, no timing).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "exposcan/policy.hpp"
#include "exposcan/report.hpp"
#include "unit/policy/scan_builder.hpp"

namespace {

// Live and peak bytes allocated through (unaligned) operator new.
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};
constexpr std::size_t k_header = alignof(std::max_align_t);  // keeps the block aligned

void* counted_new(std::size_t n) {
    auto* p = static_cast<char*>(std::malloc(n + k_header));
    if (p == nullptr) throw std::bad_alloc();
    *reinterpret_cast<std::size_t*>(p) = n;
    auto live = g_live += n;
    for (auto peak = g_peak.load(); live > peak && !g_peak.compare_exchange_weak(peak, live);) {}
    return p + k_header;
}

void counted_delete(void* block) noexcept {
    if (block == nullptr) return;
    auto* p = static_cast<char*>(block) - k_header;
    g_live -= *reinterpret_cast<std::size_t*>(p);
    std::free(p);
}

// Peak live bytes above the level when it was constructed.
class HeapPeak {
public:
    HeapPeak() : base_(g_live.load()) { g_peak = base_; }
    [[nodiscard]] std::size_t above_base() const { return g_peak.load() - base_; }

private:
    std::size_t base_;
};

}  // namespace

void* operator new(std::size_t n) { return counted_new(n); }
void* operator new[](std::size_t n) { return counted_new(n); }
void operator delete(void* p) noexcept { counted_delete(p); }
void operator delete[](void* p) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_delete(p); }
// The nothrow forms too (std::stable_sort's buffer): a sanitizer runtime would
// otherwise serve them from its own operator new, freed by ours above.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try { return counted_new(n); } catch (const std::bad_alloc&) { return nullptr; }
}
void* operator new[](std::size_t n, const std::nothrow_t& tag) noexcept { return operator new(n, tag); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_delete(p); }

namespace exposcan::report {
namespace {

constexpr std::size_t k_targets = 4;
constexpr std::size_t k_mib = 1024 * 1024;

// `targets` addresses of one target, every port closed (RST), as the engine reports them.
RunReport no_firewall_report(std::size_t targets) {
    RunReport r;
    r.command = "scan";
    for (std::size_t i = 0; i < targets; ++i) {
        auto s = exposcan::testing::make_scan("open-host", "198.51.100." + std::to_string(16 + i), PortSet::all(), {});
        s.ports.reserve(65535);
        for (std::uint32_t p = 1; p <= 65535; ++p)
            s.ports.push_back({static_cast<std::uint16_t>(p), PortState::closed, Reason::conn_refused, 1, 100});
        r.targets.push_back(s.target);
        r.scans.push_back(std::move(s));
    }
    r.exit_code = ExitCode::findings;
    return r;
}

// Counts bytes and keeps nothing, so the measured heap is the writer's own.
class CountingBuf : public std::streambuf {
public:
    std::size_t bytes = 0;

protected:
    int_type overflow(int_type c) override { return ++bytes, c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return bytes += static_cast<std::size_t>(n), n; }
};

TEST(Memory, PolicyFindingsDoNotGrowWithPorts) {
    auto report = no_firewall_report(k_targets);
    policy::TargetPolicy pol;  // default: everything filtered
    HeapPeak peak;
    auto findings = policy::evaluate(pol, report.scans, report.probes);
    EXPECT_LT(peak.above_base(), 2 * k_mib);  // one Finding per port would be > 100 MiB
    ASSERT_EQ(findings.size(), k_targets);      // one aggregated finding per address
    EXPECT_EQ(findings[0].title, "65535 ports closed, expected filtered");
    EXPECT_EQ(findings[0].location, "tcp://198.51.100.16");
    EXPECT_LE(findings[0].evidence.size(), 512u);
}

// One address keeps this fast under the sanitizers; the bound is per port anyway.
TEST(Memory, WritersStreamPortsInsteadOfBuildingADocument) {
    auto report = no_firewall_report(1);
    report.findings = policy::evaluate(policy::TargetPolicy{}, report.scans, report.probes);
    for (auto format : {Format::json, Format::jsonl, Format::text, Format::prometheus, Format::sarif, Format::junit, Format::nmap_xml}) {
        CountingBuf sink;
        std::ostream out(&sink);
        HeapPeak peak;
        write(report, format, out, {});
        // The results alone are 65,535 x 12 bytes = 768 KiB; a JSON DOM of them was > 50 MiB.
        EXPECT_LT(peak.above_base(), 1 * k_mib) << to_string(format);
        EXPECT_GT(sink.bytes, 0u) << to_string(format);
    }
}

TEST(Memory, StreamedJsonFileStillParses) {
    auto report = no_firewall_report(1);
    report.findings = policy::evaluate(policy::TargetPolicy{}, report.scans, report.probes);
    auto path = (std::filesystem::temp_directory_path() / ("exposcan-memory-" + std::to_string(::getpid()) + ".json")).string();
    write_file_atomic(report, Format::json, path, {});
    std::ifstream in(path);
    // Parse the whole file but keep only the last port object of each scan: a
    // DOM of all 65,535 ports is what this test is about not building.
    auto doc = nlohmann::json::parse(in, [](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        bool port_object = event == nlohmann::json::parse_event_t::object_end && parsed.contains("time_us");
        return !port_object || parsed["port"] == 65535;
    });
    std::filesystem::remove(path);
    ASSERT_EQ(doc["scans"].size(), 1u);
    ASSERT_EQ(doc["scans"][0]["ports"].size(), 1u);
    EXPECT_EQ(doc["scans"][0]["ports"][0]["state"], "closed");
    EXPECT_EQ(doc["scans"][0]["counts"]["closed"], 65535);
    EXPECT_EQ(doc["findings"].size(), 1u);
    EXPECT_EQ(doc["verdict"], "findings");
}

}  // namespace
}  // namespace exposcan::report
