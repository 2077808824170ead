#include "probe/rfb_proto.hpp"

#include <cctype>

namespace exposcan::probe {

namespace {

constexpr std::uint8_t k_failed = 0;

std::uint32_t be32(std::string_view b) {
    return (std::uint32_t{static_cast<unsigned char>(b[0])} << 24) |
           (std::uint32_t{static_cast<unsigned char>(b[1])} << 16) |
           (std::uint32_t{static_cast<unsigned char>(b[2])} << 8) | std::uint32_t{static_cast<unsigned char>(b[3])};
}

int three_digits(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

// `u32 length, reason` at `at`: refused, incomplete or invalid.
RfbSecurity failure_reason(std::string_view bytes, std::size_t at, std::size_t max_reason) {
    RfbSecurity s;
    if (bytes.size() < at + 4) return s;
    const auto len = be32(bytes.substr(at, 4));
    if (len > max_reason) {
        s.kind = RfbKind::invalid;
        s.problem = "failure reason length " + std::to_string(len) + " over the " + std::to_string(max_reason) +
                    "-byte cap";
        return s;
    }
    if (bytes.size() < at + 4 + len) return s;
    s.kind = RfbKind::refused;
    s.reason = std::string(bytes.substr(at + 4, len));
    return s;
}

}  // namespace

RfbVersion parse_rfb_version(std::string_view bytes) {
    RfbVersion v;
    constexpr std::string_view k_prefix = "RFB ";
    const auto head = bytes.substr(0, k_prefix.size());
    if (k_prefix.substr(0, head.size()) != head) {
        v.kind = RfbKind::invalid;
        return v;
    }
    if (bytes.size() < RfbVersion::k_size) return v;
    const auto line = bytes.substr(0, RfbVersion::k_size);
    v.major = three_digits(line.substr(4, 3));
    v.minor = three_digits(line.substr(8, 3));
    // 3.3 is the oldest version anyone speaks; 003.889 is Apple's 3.8.
    const bool ok = line[7] == '.' && line[11] == '\n' && v.major >= 3 && v.minor >= 0 && (v.major > 3 || v.minor >= 3);
    v.kind = ok ? RfbKind::ok : RfbKind::invalid;
    return v;
}

bool rfb_server_picks(const RfbVersion& v) { return v.major == 3 && v.minor < 7; }

std::string rfb_client_version(const RfbVersion& v) {
    if (rfb_server_picks(v)) return "RFB 003.003\n";
    if (v.major == 3 && v.minor == 7) return "RFB 003.007\n";
    return "RFB 003.008\n";
}

RfbSecurity parse_rfb_security(std::string_view bytes, bool server_picks, std::size_t max_reason) {
    RfbSecurity s;
    if (server_picks) {
        if (bytes.size() < 4) return s;
        const auto type = be32(bytes.substr(0, 4));
        if (type == k_failed) return failure_reason(bytes, 4, max_reason);
        if (type > 2) {  // 3.3 knows None (1) and VNC (2) only
            s.kind = RfbKind::invalid;
            s.problem = "3.3 security type " + std::to_string(type);
            return s;
        }
        s.kind = RfbKind::ok;
        s.types.push_back(static_cast<std::uint8_t>(type));
        return s;
    }
    if (bytes.empty()) return s;
    const auto n = static_cast<unsigned char>(bytes[0]);
    if (n == 0) return failure_reason(bytes, 1, max_reason);
    if (bytes.size() < 1 + std::size_t{n}) return s;
    s.kind = RfbKind::ok;
    for (std::size_t i = 1; i <= n; ++i) s.types.push_back(static_cast<std::uint8_t>(bytes[i]));
    return s;
}

std::string rfb_type_name(std::uint8_t type) {
    switch (type) {
    case 1: return "None";
    case 2: return "VNC";
    case 5: return "RA2";
    case 6: return "RA2ne";
    case 16: return "Tight";
    case 17: return "Ultra";
    case 18: return "TLS";
    case 19: return "VeNCrypt";
    case 20: return "SASL";
    case 22: return "XVP";
    case 30: return "AppleDH";
    case 113: return "MSLogonII";
    default: return std::to_string(type);
    }
}

}  // namespace exposcan::probe
