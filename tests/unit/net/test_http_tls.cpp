// HTTPS against a real TLS stack: python3's ssl module with a certificate
// made by openssl(1) at test time, so CURLOPT_CERTINFO and verify_tls are
// exercised end to end.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "net/http.hpp"
#include "net/http_cert.hpp"
#include "unit/net/local_server.hpp"

using namespace exposcan;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

extern char** environ;

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
        char tmpl[] = "/tmp/exposcan-tls-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        auto cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=origin.example -addext "
                   "subjectAltName=DNS:origin.example,DNS:www.origin.example,IP:127.0.0.1 -keyout " +
                   (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() + " 2>/dev/null";
        ASSERT_EQ(std::system(cmd.c_str()), 0);
        std::ofstream(dir_ / "server.py") << k_server;
        std::vector<std::string> args{"/usr/bin/python3", (dir_ / "server.py").string(), (dir_ / "cert.pem").string(),
                                      (dir_ / "key.pem").string(), (dir_ / "port").string()};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ASSERT_EQ(posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ), 0);
        for (int i = 0; i < 100 && !fs::exists(dir_ / "port"); ++i) std::this_thread::sleep_for(50ms);
        std::ifstream(dir_ / "port") >> port_;
        ASSERT_NE(port_, 0);
    }
    void TearDown() override {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        fs::remove_all(dir_);
    }
    net::HttpRequest request(bool verify) {
        net::HttpRequest r;
        r.url = "https://127.0.0.1:" + std::to_string(port_) + "/";
        r.verify_tls = verify;
        r.want_certificate = true;
        return r;
    }
    fs::path dir_;
    pid_t pid_ = -1;
    int port_ = 0;
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
