// HTTPS against a real TLS stack: python3's ssl module with a certificate
// made by openssl(1) at test time, so CURLOPT_CERTINFO and verify_tls are
// exercised end to end.
#include <gtest/gtest.h>

#include "net/http.hpp"
#include "net/http_cert.hpp"
#include "unit/net/local_server.hpp"
#include "unit/net/python_tls_server.hpp"

using namespace exposcan;

namespace {

constexpr const char* k_server = R"PY(
import http.server, ssl, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *a): pass
srv = http.server.HTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(sys.argv[3] + ".tmp", "w").write(str(srv.server_address[1]))
import os; os.rename(sys.argv[3] + ".tmp", sys.argv[3])
srv.serve_forever()
)PY";

class TlsServer : public ::testing::Test {
protected:
    void SetUp() override {
        server_.start(k_server, "origin.example", "DNS:origin.example,DNS:www.origin.example,IP:127.0.0.1");
    }
    net::HttpRequest request(bool verify) {
        net::HttpRequest r;
        r.url = "https://127.0.0.1:" + std::to_string(server_.port()) + "/";
        r.verify_tls = verify;
        r.want_certificate = true;
        return r;
    }
    test::PythonTlsServer server_;
};

}  // namespace

TEST_F(TlsServer, WithoutVerificationFetchesAndReadsTheLeafCertificate) {
    boost::asio::io_context io;
    net::HttpClient client(io);
    auto r = test::run_until_done(io, client.fetch(request(false)));
    EXPECT_EQ(r.error, net::HttpError::none) << r.error_text;
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.tls_used);
    EXPECT_NE(r.cert_subject.find("origin.example"), std::string::npos) << r.cert_subject;
    EXPECT_EQ(r.cert_sans, (std::vector<std::string>{"DNS:origin.example", "DNS:www.origin.example", "IP:127.0.0.1"}));
}

TEST_F(TlsServer, WithVerificationASelfSignedCertificateIsATlsError) {
    boost::asio::io_context io;
    net::HttpClient client(io);
    auto r = test::run_until_done(io, client.fetch(request(true)));
    EXPECT_EQ(r.error, net::HttpError::tls) << r.error_text;
}

TEST(SanList, KeepsDnsAndIpEntriesOnly) {
    EXPECT_EQ(net::detail::parse_san_list("DNS:a.example, email:x@y, IP Address:192.0.2.1, DNS:b"),
              (std::vector<std::string>{"DNS:a.example", "IP:192.0.2.1", "DNS:b"}));
    EXPECT_TRUE(net::detail::parse_san_list("").empty());
}
