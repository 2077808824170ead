// `addresses: {file: FILE}` (docs/policy.md): the --targets-file loader's
// rules and FILE:LINE errors, the path taken from the policy's directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "exposcan/error.hpp"
#include "exposcan/policy.hpp"

namespace exposcan::policy {
namespace {

namespace fs = std::filesystem;

class AddressesFile : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("exposcan-addrfile-" + std::to_string(::getpid()));
        fs::create_directories(dir_ / "fleet");
    }
    void TearDown() override { fs::remove_all(dir_); }

    void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
    // A policy in fleet/ whose first target takes its addresses from `spec`.
    std::string policy(const std::string& spec, const std::string& more = "") {
        write("fleet/p.yaml", "targets:\n  - name: web\n    addresses: " + spec + "\n    ports: [443]\n" + more);
        return (dir_ / "fleet" / "p.yaml").string();
    }
    std::string error_of(const std::string& path) {
        try {
            load_policy_file(path);
        } catch (const UsageError& e) {
            return e.what();
        }
        return "(no error)";
    }

    fs::path dir_;
};

TEST_F(AddressesFile, ReadsLinesRelativeToThePolicyFile) {
    write("fleet/origins.txt", "# origins\n203.0.113.10   # web-1\n\n2001:DB8::10\n198.51.100.0/28\nDb.Example.com\n");
    auto p = load_policy_file(policy("{file: origins.txt}"));
    EXPECT_EQ(p.targets.at(0).addresses,
              (std::vector<std::string>{"203.0.113.10", "2001:db8::10", "198.51.100.0/28", "db.example.com"}));
}

TEST_F(AddressesFile, PathMayLeaveThePolicyDirectory) {
    write("shared.txt", "203.0.113.20\n");
    EXPECT_EQ(load_policy_file(policy("{file: ../shared.txt}")).targets.at(0).addresses,
              std::vector<std::string>{"203.0.113.20"});
}

// Scope (/24, /120) is the run's business, with its --allow-wide, as for a
// listed CIDR; the file only has to be well-formed.
TEST_F(AddressesFile, WideCidrIsLeftToTheRunsScopeCheck) {
    write("fleet/wide.txt", "10.0.0.0/16\n");
    EXPECT_EQ(load_policy_file(policy("{file: wide.txt}")).targets.at(0).addresses,
              std::vector<std::string>{"10.0.0.0/16"});
}

TEST_F(AddressesFile, BadLineNamesPolicyLineAndFileLine) {
    write("fleet/origins.txt", "203.0.113.10\n# fine\nnot_an address!\n");
    auto why = error_of(policy("{file: origins.txt}"));
    EXPECT_NE(why.find("p.yaml:3: targets[0].addresses.file: "), std::string::npos) << why;
    EXPECT_NE(why.find("origins.txt:3: bad target 'not_an address!'"), std::string::npos) << why;
}

TEST_F(AddressesFile, HostBitsAreAnErrorWithTheNetworkMeant) {
    write("fleet/origins.txt", "203.0.113.5/24\n");
    auto why = error_of(policy("{file: origins.txt}"));
    EXPECT_NE(why.find("origins.txt:1: "), std::string::npos) << why;
    EXPECT_NE(why.find("203.0.113.0/24"), std::string::npos) << why;
}

TEST_F(AddressesFile, MissingEmptyAndMistypedAreUsageErrors) {
    EXPECT_NE(error_of(policy("{file: nowhere.txt}")).find("nowhere.txt"), std::string::npos);
    write("fleet/empty.txt", "# nothing yet\n\n");
    EXPECT_NE(error_of(policy("{file: empty.txt}")).find("no targets file entries"), std::string::npos);
    EXPECT_NE(error_of(policy("{files: origins.txt}")).find("targets[0].addresses.files: unknown key"),
              std::string::npos);
    EXPECT_NE(error_of(policy("{}")).find("{file: FILE}"), std::string::npos);
    EXPECT_NE(error_of(policy("{file: -}")).find("expected a file name"), std::string::npos);
    EXPECT_NE(error_of(policy("{file: [a, b]}")).find("targets[0].addresses.file: expected a single value"),
              std::string::npos);
}

TEST_F(AddressesFile, AnAddressInTwoTargetsIsStillRefused) {
    write("fleet/origins.txt", "203.0.113.10\n");
    auto why = error_of(policy("{file: origins.txt}", "  - name: other\n    addresses: [203.0.113.10]\n"));
    EXPECT_NE(why.find("targets[1].addresses: duplicate address 203.0.113.10 (already in target 'web')"),
              std::string::npos) << why;
    write("fleet/p2.yaml", "targets:\n  - name: a\n    addresses: [203.0.113.10]\n  - name: b\n"
                           "    addresses: {file: origins.txt}\n");
    why = error_of((dir_ / "fleet" / "p2.yaml").string());
    EXPECT_NE(why.find("p2.yaml:5: targets[1].addresses: duplicate address"), std::string::npos) << why;
}

}  // namespace
}  // namespace exposcan::policy
