// The probe framework's documented promises, checked against the code:
// the detection order of docs/probes.md and the per-step byte budget of
// docs/resource-bounds.md.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "probe/registry.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;

namespace {

// The probe names of docs/probes.md's "Detection" table, in row order.
std::vector<std::string> documented_order() {
    std::ifstream in(std::string(EXPOSCAN_SOURCE_DIR) + "/docs/probes.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const auto section = doc.find("## Detection");
    std::vector<std::string> names;
    if (section == std::string::npos) return names;
    const std::regex row(R"(^\| (\d+) \| ([a-z-]+) \|)");
    std::istringstream lines(doc.substr(section, doc.find("\n## ", section + 1) - section));
    for (std::string line; std::getline(lines, line);)
        if (std::smatch m; std::regex_search(line, m, row)) names.push_back(m[2]);
    return names;
}

std::string resp_bulk(const std::string& payload) {
    return "$" + std::to_string(payload.size()) + "\r\n" + payload + "\r\n";
}

// HTTP: a header block that never ends. RESP: an open Redis.
asio::awaitable<void> http_flood_or_redis(tcp::socket s) {
    for (;;) {
        char buf[4096];
        auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
        const std::string_view request(buf, n);
        std::string answer;
        if (request.starts_with("GET ")) {
            answer = "HTTP/1.1 200 OK\r\n";
            for (int i = 0; i < 64; ++i) answer += "X-Pad: " + std::string(1000, 'a') + "\r\n";
        } else if (request.find("PING") != std::string_view::npos) {
            answer = "+PONG\r\n";
        } else if (request.find("INFO") != std::string_view::npos) {
            answer = resp_bulk("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n");
        } else {
            co_return;
        }
        co_await send_all(s, answer);
    }
}

}  // namespace

TEST(Bounds, DetectionOrderIsTheDocumentedOne) {
    std::vector<std::string> code;
    for (const auto* spec : probe::detection_order(1)) code.emplace_back(spec->name);  // port 1: no probe's default
    EXPECT_EQ(documented_order(), code) << "docs/probes.md 'Detection' table vs src/probe/registry.cpp";
}

// Each detection step has its own byte budget: the HTTP step that spent all of
// it on a header flood does not starve the Redis step that follows.
TEST(Bounds, EachStepHasItsOwnByteBudget) {
    asio::io_context io;
    LocalServer srv(io, http_flood_or_redis);
    ProbeOptions o;
    o.timeout = std::chrono::milliseconds(3000);
    o.max_bytes = 4096;  // the HTTP header cap is min(max_bytes, max_header_bytes): 4 KiB
    auto r = probe_one(io, srv.port(), o);
    EXPECT_EQ(r.service, "redis") << r.evidence;
    EXPECT_EQ(r.exposure, Exposure::unauthenticated);
    EXPECT_EQ(r.version, "7.0.15");
}
