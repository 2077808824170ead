// Reading recorded fixtures (tests/fixtures/<service>/, see PROVENANCE.md).
#pragma once
#include <fstream>
#include <sstream>
#include <string>

namespace exposcan::test {

inline std::string fixture(const std::string& rel) {
    std::ifstream in(std::string(EXPOSCAN_FIXTURES) + "/" + rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// "28 00 0a ..." -> bytes.
inline std::string hex_fixture(const std::string& rel) {
    std::istringstream in(fixture(rel));
    std::string out, byte;
    while (in >> byte) out += static_cast<char>(std::stoi(byte, nullptr, 16));
    return out;
}

// A recorded body behind a minimal head written by the test (PROVENANCE.md says which).
inline std::string http_with_body(const std::string& status_line, const std::string& extra_headers,
                                  const std::string& body) {
    return status_line + "\r\n" + extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body;
}

}  // namespace exposcan::test
