// A leaf certificate as the report shows it, read with OpenSSL's X509 API
// (no text parsing). Private to src/net.
#pragma once
#include <openssl/x509.h>

#include <optional>
#include <string_view>

#include "exposcan/model.hpp"

namespace exposcan::net::detail {

// Subject, issuer (OpenSSL's one-line form, "CN = a.example, O = B"), at most
// k_max_sans DNS:/IP: names, notAfter (ISO 8601 UTC), expired (against now),
// self-signed (issued by itself and its signature verifies with its own key).
// version is left empty: it belongs to the session, not the certificate.
TlsCertificate describe_certificate(X509* cert);

// The same for a PEM text or DER bytes (tests, fuzzing: a peer's
// certificate is hostile bytes); nullopt when it does not parse.
std::optional<TlsCertificate> describe_pem(std::string_view pem);
std::optional<TlsCertificate> describe_der(std::string_view der);

}  // namespace exposcan::net::detail
