#include "net/dns_parse.hpp"
#include "net/dns_wire.hpp"

#include <ares.h>
#include <arpa/nameser.h>

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <memory>

namespace exposcan::net::detail {

namespace ip = boost::asio::ip;

namespace {

constexpr int k_max_addresses = 64;  // A/AAAA records kept per answer
constexpr int k_header_len = 12;

std::uint16_t read16(const unsigned char* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }

// Length of the encoded name at p (skipped, not decoded), or -1.
long skip_name(const unsigned char* p, const unsigned char* abuf, int alen) {
    char* name = nullptr;
    long len = 0;
    if (ares_expand_name(p, abuf, alen, &name, &len) != ARES_SUCCESS) return -1;
    ares_free_string(name);
    return len;
}

std::string expand(const unsigned char* p, const unsigned char* abuf, int alen) {
    char* name = nullptr;
    long len = 0;
    if (ares_expand_name(p, abuf, alen, &name, &len) != ARES_SUCCESS) return {};
    std::string out(name);
    ares_free_string(name);
    return out;
}

// The CNAME records of the answer section, in order. c-ares has no CNAME
// parser; this walks the records with ares_expand_name, bounds-checked.
std::vector<std::pair<std::string, std::string>> cname_records(const unsigned char* abuf, int alen) {
    std::vector<std::pair<std::string, std::string>> out;
    if (alen < k_header_len) return out;
    const unsigned char* end = abuf + alen;
    const unsigned char* p = abuf + k_header_len;
    int qd = read16(abuf + 4), an = read16(abuf + 6);
    for (int i = 0; i < qd; ++i) {
        long n = skip_name(p, abuf, alen);
        if (n < 0 || end - p < n + 4) return out;
        p += n + 4;
    }
    for (int i = 0; i < an; ++i) {
        long n = skip_name(p, abuf, alen);
        if (n < 0 || end - p < n + 10) return out;
        std::string owner = expand(p, abuf, alen);
        p += n;
        int type = read16(p);
        int rdlen = read16(p + 8);
        p += 10;
        if (end - p < rdlen) return out;
        if (type == ns_t_cname) out.emplace_back(owner, expand(p, abuf, alen));
        p += rdlen;
    }
    return out;
}

int parse_addresses(DnsType type, const unsigned char* abuf, int alen, DnsAnswer& out) {
    int n = k_max_addresses;
    if (type == DnsType::a) {
        std::array<ares_addrttl, k_max_addresses> ttls{};
        int rc = ares_parse_a_reply(abuf, alen, nullptr, ttls.data(), &n);
        if (rc != ARES_SUCCESS) return rc;
        for (int i = 0; i < n; ++i)
            out.addresses.emplace_back(ip::address_v4(ntohl(ttls[static_cast<std::size_t>(i)].ipaddr.s_addr)));
        return ARES_SUCCESS;
    }
    std::array<ares_addr6ttl, k_max_addresses> ttls{};
    int rc = ares_parse_aaaa_reply(abuf, alen, nullptr, ttls.data(), &n);
    if (rc != ARES_SUCCESS) return rc;
    for (int i = 0; i < n; ++i) {
        ip::address_v6::bytes_type b{};
        std::memcpy(b.data(), &ttls[static_cast<std::size_t>(i)].ip6addr, b.size());
        out.addresses.emplace_back(ip::address_v6(b));
    }
    return ARES_SUCCESS;
}

int parse_mx(const unsigned char* abuf, int alen, DnsAnswer& out) {
    ares_mx_reply* mx = nullptr;
    int rc = ares_parse_mx_reply(abuf, alen, &mx);
    if (rc != ARES_SUCCESS) return rc;
    for (auto* r = mx; r; r = r->next) out.mx.push_back({r->priority, r->host});
    ares_free_data(mx);
    return ARES_SUCCESS;
}

int parse_txt(const unsigned char* abuf, int alen, DnsAnswer& out) {
    ares_txt_ext* txt = nullptr;
    int rc = ares_parse_txt_reply_ext(abuf, alen, &txt);
    if (rc != ARES_SUCCESS) return rc;
    for (auto* r = txt; r; r = r->next) {
        // RFC 7208 3.3: the strings of one TXT record are joined without spaces.
        if (r->record_start || out.texts.empty()) out.texts.emplace_back();
        out.texts.back().append(reinterpret_cast<const char*>(r->txt), r->length);
    }
    ares_free_data(txt);
    return ARES_SUCCESS;
}

void hostent_names(hostent* h, DnsAnswer& out, bool include_name) {
    if (!h) return;
    if (include_name && h->h_name) out.names.emplace_back(h->h_name);
    for (char** a = h->h_aliases; a && *a; ++a) out.names.emplace_back(*a);
    ares_free_hostent(h);
}

int parse_names(DnsType type, const unsigned char* abuf, int alen, DnsAnswer& out) {
    hostent* h = nullptr;
    if (type == DnsType::ns) {
        int rc = ares_parse_ns_reply(abuf, alen, &h);
        if (rc == ARES_SUCCESS) hostent_names(h, out, false);
        return rc;
    }
    unsigned char dummy[16] = {};
    int rc = ares_parse_ptr_reply(abuf, alen, dummy, 4, AF_INET, &h);
    if (rc == ARES_SUCCESS) hostent_names(h, out, true);
    return rc;
}

// SOA, SRV, HTTPS and SVCB through our own bounded reader (net/dns_wire.hpp).
int parse_wire(DnsType type, const unsigned char* abuf, int alen, DnsAnswer& out) {
    std::span<const std::uint8_t> msg(abuf, static_cast<std::size_t>(alen));
    auto m = wire::parse_message(msg, k_max_addresses);
    auto want = static_cast<std::uint16_t>(ares_type(type));
    for (const auto& r : m.answers) {
        if (r.type != want) continue;
        if (type != DnsType::https && type != DnsType::svcb) {
            auto d = wire::record_data(msg, r);
            if (!d.name.empty()) out.names.push_back(d.name);  // SRV "." = no service
            continue;
        }
        auto s = wire::parse_svcb(msg, r);
        if (!s) return ARES_EBADRESP;
        if (!s->target.empty()) out.names.push_back(s->target);
        out.addresses.insert(out.addresses.end(), s->hints.begin(), s->hints.end());
    }
    return m.complete ? ARES_SUCCESS : ARES_EBADRESP;
}

DnsStatus map_status(int status) {
    switch (status) {
        case ARES_SUCCESS: return DnsStatus::ok;
        case ARES_ENODATA: return DnsStatus::nodata;
        case ARES_ENOTFOUND: return DnsStatus::nxdomain;
        case ARES_ESERVFAIL: return DnsStatus::servfail;
        case ARES_EREFUSED:
        case ARES_ENOTIMP: return DnsStatus::refused;
        case ARES_ETIMEOUT: return DnsStatus::timeout;
        case ARES_ECANCELLED:
        case ARES_EDESTRUCTION: return DnsStatus::cancelled;
        default: return DnsStatus::bad_reply;
    }
}

}  // namespace

int ares_type(DnsType type) {
    switch (type) {
        case DnsType::a: return ns_t_a;
        case DnsType::aaaa: return ns_t_aaaa;
        case DnsType::mx: return ns_t_mx;
        case DnsType::txt: return ns_t_txt;
        case DnsType::ns: return ns_t_ns;
        case DnsType::ptr: return ns_t_ptr;
        case DnsType::soa: return ns_t_soa;
        case DnsType::srv: return ns_t_srv;
        case DnsType::https: return wire::k_type_https;
        case DnsType::svcb: return wire::k_type_svcb;
    }
    return ns_t_a;
}

DnsAnswer make_answer(int ares_status, DnsType type, const unsigned char* abuf, int alen) {
    DnsAnswer out;
    out.status = map_status(ares_status);
    if (out.status != DnsStatus::ok) {
        out.error_text = ares_strerror(ares_status);
        return out;
    }
    out.cnames = cname_records(abuf, alen);
    int rc = ARES_SUCCESS;
    switch (type) {
        case DnsType::a:
        case DnsType::aaaa: rc = parse_addresses(type, abuf, alen, out); break;
        case DnsType::mx: rc = parse_mx(abuf, alen, out); break;
        case DnsType::txt: rc = parse_txt(abuf, alen, out); break;
        case DnsType::ns:
        case DnsType::ptr: rc = parse_names(type, abuf, alen, out); break;
        case DnsType::soa:
        case DnsType::srv:
        case DnsType::https:
        case DnsType::svcb: rc = parse_wire(type, abuf, alen, out); break;
    }
    // A NOERROR reply whose records cannot be parsed must not read as "no
    // records" (that would call the name clean): it is undecided, unless it
    // was only a CNAME chain (followed by the caller).
    if (rc != ARES_SUCCESS && out.cnames.empty()) {
        out.status = rc == ARES_ENODATA ? DnsStatus::nodata : DnsStatus::bad_reply;
        out.error_text = ares_strerror(rc);
        return out;
    }
    // c-ares skips records of other types and reports success with none:
    // NOERROR without a record of the asked type is NODATA (RFC 2308), as
    // dns.hpp promises (ok = records).
    bool records = !out.addresses.empty() || !out.mx.empty() || !out.texts.empty() || !out.names.empty();
    if (out.status == DnsStatus::ok && !records && out.cnames.empty()) {
        out.status = DnsStatus::nodata;
        out.error_text = "no record of the asked type";
    }
    return out;
}

}  // namespace exposcan::net::detail
