// One TLS handshake with a peer, to read what it shows anyone who connects:
// the leaf certificate (subject, issuer, SANs, notAfter, self-signed) and the
// negotiated protocol. No verification (we describe the server, we do not
// trust it), no SNI (an address has no name), no application data: the
// connection is closed right after the handshake. Bounded by a deadline
// (connect included) and a byte budget over every TLS record received.
// The only place besides libcurl where exposcan speaks TLS.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "exposcan/model.hpp"

namespace exposcan::net {

enum class TlsStatus {
    handshake_done,  // the handshake completed
    failed,          // the peer answered but no handshake completed (not TLS, alert, client cert demanded)
    closed,          // connect refused or the peer closed before answering
    timeout,         // the deadline, connect included
    byte_cap,        // the peer sent more than the byte budget before the handshake ended
};

struct TlsPeer {
    TlsStatus status = TlsStatus::closed;
    // Whenever the server's certificate was received, even if the handshake
    // then failed (a TLS 1.2 server that demands a client certificate).
    std::optional<TlsCertificate> certificate;
    std::string detail;  // one line (OpenSSL's reason), raw: sanitize before storing
};

boost::asio::awaitable<TlsPeer> tls_peer(boost::asio::ip::tcp::endpoint to,
                                         std::chrono::steady_clock::time_point deadline,
                                         std::size_t max_bytes);

}  // namespace exposcan::net
