// A python3 TLS server for tests, with a self-signed certificate made by
// openssl(1) at start: the real TLS stack the net layer must talk to. The
// script gets argv: cert key portfile [extra...] and writes its port to
// portfile (renamed into place, so a partial write is never read).
#pragma once
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace exposcan::test {

class PythonTlsServer {
public:
    // `subject_alt_names` as openssl's -addext value, e.g. "DNS:a.test,IP:127.0.0.1".
    // ASSERTs; a fixture's SetUp that calls it stops at the first failure.
    void start(const std::string& script, const std::string& common_name, const std::string& subject_alt_names,
               std::vector<std::string> extra_args = {}) {
        char tmpl[] = "/tmp/exposcan-tls-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        auto cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=" +
                   common_name + " -addext subjectAltName=" + subject_alt_names + " -keyout " +
                   (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() + " 2>/dev/null";
        ASSERT_EQ(std::system(cmd.c_str()), 0);
        std::ofstream(dir_ / "server.py") << script;
        std::vector<std::string> args{"/usr/bin/python3", (dir_ / "server.py").string(), (dir_ / "cert.pem").string(),
                                      (dir_ / "key.pem").string(), (dir_ / "port").string()};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ASSERT_EQ(posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ), 0);
        for (int i = 0; i < 100 && !std::filesystem::exists(dir_ / "port"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::ifstream(dir_ / "port") >> port_;
        ASSERT_NE(port_, 0);
    }
    ~PythonTlsServer() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace exposcan::test
