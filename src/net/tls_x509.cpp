#include "net/tls_x509.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <array>
#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <ctime>
#include <memory>

namespace exposcan::net::detail {

namespace {

constexpr std::size_t k_max_sans = 64;
constexpr std::size_t k_max_name = 1024;

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct NamesFree {
    void operator()(GENERAL_NAMES* n) const { GENERAL_NAMES_free(n); }
};
struct X509Free {
    void operator()(X509* c) const { X509_free(c); }
};

std::string one_line(const X509_NAME* name) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || !name) return {};
    // ESC_MSB off: UTF-8 names stay readable; sanitize() escapes control bytes later.
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return n > 0 ? std::string(data, std::min<std::size_t>(static_cast<std::size_t>(n), k_max_name))
                 : std::string();
}

std::string ip_text(const ASN1_OCTET_STRING* ip) {
    namespace ipn = boost::asio::ip;
    const auto* p = ASN1_STRING_get0_data(ip);
    const int n = ASN1_STRING_length(ip);
    if (n == 4) return ipn::make_address_v4(ipn::address_v4::bytes_type{p[0], p[1], p[2], p[3]}).to_string();
    if (n != 16) return "?";
    ipn::address_v6::bytes_type b{};
    std::copy(p, p + 16, b.begin());
    return ipn::make_address_v6(b).to_string();
}

std::vector<std::string> alt_names(X509* cert) {
    std::vector<std::string> out;
    std::unique_ptr<GENERAL_NAMES, NamesFree> names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    const int count = names ? sk_GENERAL_NAME_num(names.get()) : 0;
    for (int i = 0; i < count && out.size() < k_max_sans; ++i) {
        const GENERAL_NAME* g = sk_GENERAL_NAME_value(names.get(), i);
        if (g->type == GEN_DNS) {
            const auto* s = g->d.dNSName;
            out.push_back("DNS:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                               std::min<std::size_t>(ASN1_STRING_length(s), k_max_name)));
        } else if (g->type == GEN_IPADD) {
            out.push_back("IP:" + ip_text(g->d.iPAddress));
        }
    }
    return out;
}

// Always 20 characters ("%Y" would not pad a year below 1000).
std::string iso_time(const ASN1_TIME* t) {
    std::tm tm{};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
    std::array<char, 32> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return n == 20 ? std::string(buf.data(), 20) : std::string();
}

}  // namespace

TlsCertificate describe_certificate(X509* cert) {
    TlsCertificate c;
    c.subject = one_line(X509_get_subject_name(cert));
    c.issuer = one_line(X509_get_issuer_name(cert));
    c.sans = alt_names(cert);
    const ASN1_TIME* not_after = X509_get0_notAfter(cert);
    c.not_after = iso_time(not_after);
    c.expired = not_after && X509_cmp_current_time(not_after) < 0;
    c.self_signed = X509_self_signed(cert, 1) == 1;
    return c;
}

std::optional<TlsCertificate> describe_pem(std::string_view pem) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    std::unique_ptr<X509, X509Free> cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)
                                             : nullptr);
    if (!cert) return std::nullopt;
    return describe_certificate(cert.get());
}

std::optional<TlsCertificate> describe_der(std::string_view der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<X509, X509Free> cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert) return std::nullopt;
    return describe_certificate(cert.get());
}

}  // namespace exposcan::net::detail
