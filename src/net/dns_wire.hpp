// A small, bounded DNS wire-format reader for what c-ares 1.18 (Debian 12)
// does not parse: HTTPS/SVCB records (types 65/64, RFC 9460) and zone
// transfers (AXFR, RFC 5936). Every read is bounds-checked; names follow at
// most k_max_pointer_jumps compression pointers and are at most 255 bytes.
// Input is hostile: a malformed message yields fewer records, never UB.
#pragma once
#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace exposcan::net::wire {

inline constexpr std::uint16_t k_type_a = 1, k_type_ns = 2, k_type_cname = 5, k_type_soa = 6, k_type_mx = 15,
                               k_type_txt = 16, k_type_aaaa = 28, k_type_srv = 33, k_type_svcb = 64,
                               k_type_https = 65, k_type_axfr = 252;
inline constexpr int k_max_pointer_jumps = 32;

struct Record {
    std::string owner;             // lower-case, no trailing dot ("" = root)
    std::uint16_t type = 0;
    std::size_t rdata_offset = 0;  // into the message (names in RDATA may point back)
    std::uint16_t rdata_length = 0;
};

struct Message {
    std::uint16_t id = 0;
    std::uint16_t flags = 0;
    int rcode() const { return flags & 0x0f; }
    std::vector<Record> answers;
    bool complete = false;  // false: the message ended early or was malformed
};

// Reads the (possibly compressed) name at `offset`; advances it past the name
// as it appears at that place. nullopt when malformed.
std::optional<std::string> read_name(std::span<const std::uint8_t> msg, std::size_t& offset);

// Header and answer section (questions skipped), at most `max_records` answers.
Message parse_message(std::span<const std::uint8_t> msg, std::size_t max_records);

// What a record names: an address (A/AAAA) and/or a host name (NS, CNAME, MX
// exchange, SRV target, SOA MNAME, SVCB target). Unknown types: neither.
struct RecordData {
    std::optional<boost::asio::ip::address> address;
    std::string name;
};
RecordData record_data(std::span<const std::uint8_t> msg, const Record& r);

// HTTPS/SVCB RDATA (RFC 9460): priority, target, ipv4hint / ipv6hint
// addresses (at most k_max_hints). nullopt when malformed.
struct Svcb {
    std::uint16_t priority = 0;
    std::string target;  // "" = the owner itself
    std::vector<boost::asio::ip::address> hints;
};
inline constexpr std::size_t k_max_hints = 32;
std::optional<Svcb> parse_svcb(std::span<const std::uint8_t> msg, const Record& r);

// A query message (id, one question, RD clear) for `name` and `type`; empty
// when the name cannot be encoded (label > 63, name > 255).
std::vector<std::uint8_t> build_query(std::uint16_t id, const std::string& name, std::uint16_t type);

}  // namespace exposcan::net::wire
