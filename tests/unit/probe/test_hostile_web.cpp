// Hostile answers behind a recognised GET /: the web service table's second
// request meets an endless header, a 2 GiB body claim or a drip feed. Each
// must end in bounded time, name the service it recognised but never call it
// open, and the evidence must say which bound ended the read.
#include <gtest/gtest.h>

#include "unit/probe/fixtures.hpp"
#include "unit/probe/replay.hpp"

using namespace exposcan;
using namespace exposcan::test;
using namespace std::chrono_literals;

namespace {

using Hostile = std::function<asio::awaitable<void>(tcp::socket&)>;

std::string path_of(const std::string& req) {
    auto sp1 = req.find(' ');
    auto sp2 = req.find(' ', sp1 + 1);
    return sp1 == std::string::npos ? "" : req.substr(sp1 + 1, sp2 - sp1 - 1);
}

// GET / gets `root`; `path` gets the hostile behaviour; anything else a 404.
Handler routed(std::string root, std::string path, Hostile hostile) {
    return [root, path, hostile](tcp::socket s) -> asio::awaitable<void> {
        auto p = path_of(co_await read_request(s));
        if (p == path) {
            co_await hostile(s);
            co_return;
        }
        std::string answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        if (p == "/") answer = root;
        co_await send_all(s, answer);
    };
}

asio::awaitable<void> write_or_stop(tcp::socket& s, const std::string& bytes, bool& stop) {
    auto [ec, n] = co_await asio::async_write(s, asio::buffer(bytes), asio::as_tuple(asio::use_awaitable));
    stop = static_cast<bool>(ec);
}

::testing::AssertionResult read_ended(const ProbeResult& r, const std::string& end) {
    if (r.evidence.find(end) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no '" << end << "' in evidence: " << r.evidence;
}

const std::string k_influx_root =
    "HTTP/1.1 404 Not Found\r\nX-Influxdb-Version: 1.6.7~rc0\r\nContent-Length: 19\r\n\r\n404 page not "
    "found\n";

}  // namespace

TEST(HostileWeb, EndlessHeaderOnTheServiceRequest) {
    auto r = against(
        routed(k_influx_root, "/query?q=SHOW%20DATABASES", [](tcp::socket& s) -> asio::awaitable<void> {
            bool stop = false;
            co_await write_or_stop(s, "HTTP/1.1 200 OK\r\n", stop);
            for (int i = 0; i < 100000 && !stop; ++i)
                co_await write_or_stop(s, "X-Pad: aaaaaaaaaaaaaaaa\r\n", stop);
        }));
    EXPECT_EQ(r.exposure, Exposure::unknown_service) << r.evidence;
    EXPECT_TRUE(read_ended(r, "line cap"));
}

TEST(HostileWeb, TwoGibCatalogClaim) {
    const std::string v2 =
        "HTTP/1.1 200 OK\r\nDocker-Distribution-Api-Version: registry/2.0\r\nContent-Length: 2\r\n\r\n{}";
    asio::io_context io;
    LocalServer srv(io, [v2](tcp::socket s) -> asio::awaitable<void> {
        auto p = path_of(co_await read_request(s));
        if (p == "/v2/_catalog") {
            bool stop = false;
            co_await write_or_stop(s,
                                   "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                   "Content-Length: 2147483648\r\n\r\n{\"repositories\":[",
                                   stop);
            const std::string chunk(65536, ' ');
            for (int i = 0; i < 1000 && !stop; ++i) co_await write_or_stop(s, chunk, stop);
            co_return;
        }
        std::string answer =
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";  // GET /: the registry's empty 200
        if (p == "/v2/") answer = v2;
        co_await send_all(s, answer);
    });
    ProbeOptions o;
    o.timeout = k_hostile_timeout;
    auto r = probe_one(io, srv.port(), o);
    EXPECT_EQ(r.service, "docker-registry") << r.evidence;
    EXPECT_EQ(r.exposure, Exposure::unknown_service)
        << "a truncated catalog must not count as open: " << r.evidence;
    EXPECT_TRUE(read_ended(r, "byte cap"));
}

TEST(HostileWeb, DripFeedAfterCouchDbWelcome) {
    const std::string body = fixture("couchdb/couchdb-1.3.1-get-root.body.json");
    auto root = http_with_body("HTTP/1.1 200 OK",
                               "Server: CouchDB (Erlang/OTP)\r\nContent-Type: application/json\r\n", body);
    auto r = against(routed(root, "/_all_dbs", [](tcp::socket& s) -> asio::awaitable<void> {
        bool stop = false;
        for (char c : std::string("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n[\"_users\"]\r\n")) {
            co_await write_or_stop(s, std::string(1, c), stop);
            if (stop) co_return;
            co_await sleep_for(300ms);
        }
    }));
    EXPECT_EQ(r.service, "couchdb") << r.evidence;
    EXPECT_EQ(r.exposure, Exposure::unknown_service) << r.evidence;
    EXPECT_TRUE(read_ended(r, "timeout"));
}
