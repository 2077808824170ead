// net::tls_peer against a real TLS stack (python3's ssl module, a certificate
// made by openssl(1) at test time) and hostile in-process servers; the
// certificate reader against recorded certificates (tests/fixtures/tls/).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "net/tls_peer.hpp"
#include "net/tls_x509.hpp"
#include "unit/net/local_server.hpp"
#include "unit/net/python_tls_server.hpp"

using namespace exposcan;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace asio = boost::asio;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(fs::path(EXPOSCAN_SOURCE_DIR) / "tests/fixtures/tls" / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Completes handshakes and closes; argv: cert key portfile max-version (1.2|1.3).
constexpr const char* k_server = R"PY(
import socket, ssl, sys, os
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
ctx.maximum_version = ssl.TLSVersion.TLSv1_2 if sys.argv[4] == "1.2" else ssl.TLSVersion.TLSv1_3
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(8)
open(sys.argv[3] + ".tmp", "w").write(str(srv.getsockname()[1])); os.rename(sys.argv[3] + ".tmp", sys.argv[3])
while True:
    c, _ = srv.accept()
    try:
        t = ctx.wrap_socket(c, server_side=True); t.settimeout(2); t.recv(1)
    except Exception:
        pass
    c.close()
)PY";

class PythonTls : public ::testing::TestWithParam<const char*> {
protected:
    void SetUp() override {
        server_.start(k_server, "peer.exposcan.test", "DNS:peer.exposcan.test,IP:127.0.0.1", {GetParam()});
    }
    net::TlsPeer peer(std::size_t max_bytes) {
        asio::io_context io;
        asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(server_.port()));
        return test::run_until_done(io, net::tls_peer(ep, std::chrono::steady_clock::now() + 3s, max_bytes));
    }
    test::PythonTlsServer server_;
};

// A local server's side, scripted; the peer is read with `max_bytes` and a 600 ms deadline.
net::TlsPeer against(test::Handler handler, std::size_t max_bytes = 64 * 1024) {
    asio::io_context io;
    test::LocalServer server(io, std::move(handler));
    asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), server.port());
    return test::run_until_done(io, net::tls_peer(ep, std::chrono::steady_clock::now() + 600ms, max_bytes));
}

}  // namespace

TEST_P(PythonTls, HandshakeReadsTheCertificateAndTheNegotiatedVersion) {
    auto p = peer(64 * 1024);
    ASSERT_EQ(p.status, net::TlsStatus::handshake_done) << p.detail;
    ASSERT_TRUE(p.certificate);
    EXPECT_EQ(p.certificate->subject, "CN = peer.exposcan.test");
    EXPECT_EQ(p.certificate->issuer, "CN = peer.exposcan.test");
    EXPECT_EQ(p.certificate->sans, (std::vector<std::string>{"DNS:peer.exposcan.test", "IP:127.0.0.1"}));
    EXPECT_TRUE(p.certificate->self_signed);
    EXPECT_FALSE(p.certificate->expired);
    EXPECT_EQ(p.certificate->version, std::string("TLSv") + GetParam());
}

TEST_P(PythonTls, TheByteBudgetEndsTheHandshake) {
    auto p = peer(200);  // less than the server's first flight
    EXPECT_EQ(p.status, net::TlsStatus::byte_cap) << p.detail;
}

INSTANTIATE_TEST_SUITE_P(Versions, PythonTls, ::testing::Values("1.2", "1.3"));

TEST(TlsPeer, NotTlsIsAFailedHandshake) {
    auto p = against([](test::tcp::socket s) -> asio::awaitable<void> {
        co_await test::send_all(s, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        co_await test::sleep_for(1s);
    });
    EXPECT_EQ(p.status, net::TlsStatus::failed);
    EXPECT_FALSE(p.certificate);
}

TEST(TlsPeer, ASilentServerEndsAtTheDeadline) {
    const auto t0 = std::chrono::steady_clock::now();
    auto p = against([](test::tcp::socket) -> asio::awaitable<void> { co_await test::sleep_for(2s); });
    EXPECT_EQ(p.status, net::TlsStatus::timeout);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1500ms);
}

TEST(TlsPeer, EndlessRecordsStopAtTheByteBudget) {
    // A ServerHello claimed at 20,000 bytes (OpenSSL's limit for it), then
    // handshake records of 1 KiB fragments for as long as we read.
    auto p = against(
        [](test::tcp::socket s) -> asio::awaitable<void> {
            std::string first("\x16\x03\x03\x04\x00\x02\x00\x4e\x20", 9);
            first.append(1024 - 4, 'A');
            co_await test::send_all(s, first);
            for (int i = 0; i < 64; ++i)
                co_await test::send_all(s, std::string("\x16\x03\x03\x04\x00", 5) + std::string(1024, 'A'));
            co_await test::sleep_for(1s);
        },
        4096);
    EXPECT_EQ(p.status, net::TlsStatus::byte_cap) << p.detail;
}

TEST(TlsPeer, DripFedRecordsEndAtTheDeadline) {
    auto p = against([](test::tcp::socket s) -> asio::awaitable<void> {
        for (char c : std::string("\x16\x03\x03\x00\x40\x02\x00\x00\x3c", 9)) {
            co_await test::send_all(s, std::string(1, c));
            co_await test::sleep_for(200ms);
        }
    });
    EXPECT_EQ(p.status, net::TlsStatus::timeout);
}

TEST(TlsX509, ExpiredSelfSigned) {
    auto c = net::detail::describe_pem(fixture("expired-2020-self-signed.pem"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->subject, "CN = expired.exposcan.test");
    EXPECT_EQ(c->issuer, c->subject);
    EXPECT_TRUE(c->sans.empty());
    EXPECT_EQ(c->not_after, "2020-02-01T00:00:00Z");
    EXPECT_TRUE(c->expired);
    EXPECT_TRUE(c->self_signed);
}

TEST(TlsX509, SignedByACaIsNotSelfSigned) {
    auto c = net::detail::describe_pem(fixture("leaf-by-test-ca.pem"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->subject, "CN = leaf.exposcan.test, O = Exposcan Test");
    EXPECT_EQ(c->issuer, "O = Exposcan Test, CN = Exposcan Test CA");
    EXPECT_EQ(c->sans, (std::vector<std::string>{"DNS:leaf.exposcan.test", "DNS:*.exposcan.test",
                                                 "IP:127.0.0.1", "IP:2001:db8::10"}));
    EXPECT_EQ(c->not_after, "2126-01-01T00:00:00Z");
    EXPECT_FALSE(c->expired);
    EXPECT_FALSE(c->self_signed);
    auto ca = net::detail::describe_pem(fixture("test-ca.pem"));
    ASSERT_TRUE(ca);
    EXPECT_TRUE(ca->self_signed);
}

TEST(TlsX509, DerReadsTheSame) {
    std::ifstream in(fs::path(EXPOSCAN_SOURCE_DIR) / "tests/fuzz/corpus/x509/leaf-by-test-ca.der",
                     std::ios::binary);
    std::string der((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto a = net::detail::describe_der(der);
    auto b = net::detail::describe_pem(fixture("leaf-by-test-ca.pem"));
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->subject, b->subject);
    EXPECT_EQ(a->sans, b->sans);
    EXPECT_EQ(a->not_after, b->not_after);
    EXPECT_FALSE(net::detail::describe_der(der.substr(0, der.size() / 2)));
}

TEST(TlsX509, GarbageIsNotACertificate) {
    EXPECT_FALSE(net::detail::describe_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    EXPECT_FALSE(net::detail::describe_pem(""));
}
