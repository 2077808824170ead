// connect, handshake, read the certificate: each raced against one deadline.
// The byte budget is counted in OpenSSL's message callback (every record
// header received) and enforced by closing the socket, which ends the
// handshake at its next read; OpenSSL's own certificate-list cap is set to
// the same budget, so no single message can grow past it either.
#include "net/tls_peer.hpp"

#include <openssl/ssl.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "net/tls_x509.hpp"

namespace exposcan::net {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

namespace {

constexpr auto k_aw = asio::as_tuple(asio::use_awaitable);
using Stream = asio::ssl::stream<tcp::socket>;

// What the message callback needs: the budget and the socket to close.
struct RecordBudget {
    std::size_t left;
    tcp::socket* socket = nullptr;
    bool exceeded = false;
};

void count_record(int write_p, int, int content_type, const void* buf, std::size_t len, SSL*, void* arg) {
    if (write_p || content_type != SSL3_RT_HEADER || len < 5) return;
    auto* budget = static_cast<RecordBudget*>(arg);
    if (!budget) return;
    const auto* h = static_cast<const unsigned char*>(buf);
    const std::size_t record = 5 + (std::size_t{h[3]} << 8 | h[4]);
    if (record <= budget->left) {
        budget->left -= record;
        return;
    }
    budget->exceeded = true;
    boost::system::error_code ignored;
    budget->socket->close(ignored);  // the handshake fails at its next read
}

// A client context for describing servers, old and misconfigured ones
// included: no verification, every protocol version and cipher OpenSSL
// still has (security level 0), the certificate list capped by the budget.
asio::ssl::context client_context(std::size_t max_bytes) {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_verify_mode(asio::ssl::verify_none);
    SSL_CTX* native = ctx.native_handle();
    SSL_CTX_set_security_level(native, 0);
    SSL_CTX_set_cipher_list(native, "ALL:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(native, TLS1_VERSION);
    SSL_CTX_set_max_cert_list(native, static_cast<long>(max_bytes));
    SSL_CTX_set_msg_callback(native, &count_record);
    return ctx;
}

asio::awaitable<bool> connect(tcp::socket& socket, const tcp::endpoint& to,
                              std::chrono::steady_clock::time_point deadline) {
    asio::steady_timer timer(socket.get_executor(), deadline);
    auto r = co_await (socket.async_connect(to, k_aw) || timer.async_wait(k_aw));
    co_return r.index() == 0 && !std::get<0>(std::get<0>(r));
}

// The certificate (whenever the server sent one) and the negotiated version.
void describe(Stream& stream, TlsPeer& out) {
    SSL* ssl = stream.native_handle();
    std::unique_ptr<X509, decltype(&X509_free)> cert(SSL_get1_peer_certificate(ssl), &X509_free);
    if (!cert) return;
    out.certificate = detail::describe_certificate(cert.get());
    out.certificate->version = SSL_get_version(ssl);
}

}  // namespace

asio::awaitable<TlsPeer> tls_peer(tcp::endpoint to, std::chrono::steady_clock::time_point deadline,
                                  std::size_t max_bytes) {
    TlsPeer out;
    auto ctx = client_context(max_bytes);
    Stream stream(co_await asio::this_coro::executor, ctx);
    if (!co_await connect(stream.next_layer(), to, deadline)) {
        out.status = std::chrono::steady_clock::now() >= deadline ? TlsStatus::timeout : TlsStatus::closed;
        co_return out;
    }
    RecordBudget budget{max_bytes, &stream.next_layer()};
    SSL_set_msg_callback_arg(stream.native_handle(), &budget);
    asio::steady_timer timer(stream.get_executor(), deadline);
    auto r = co_await (stream.async_handshake(Stream::client, k_aw) || timer.async_wait(k_aw));
    describe(stream, out);
    SSL_set_msg_callback_arg(stream.native_handle(), nullptr);
    if (r.index() == 1)
        out.status = TlsStatus::timeout;
    else if (budget.exceeded)
        out.status = TlsStatus::byte_cap;
    else if (const auto ec = std::get<0>(std::get<0>(r)); !ec)
        out.status = TlsStatus::handshake_done;
    else {
        out.status = ec == asio::error::eof || ec == asio::error::connection_reset ? TlsStatus::closed
                                                                                   : TlsStatus::failed;
        out.detail = ec.message();
    }
    co_return out;  // no close_notify: the stream's socket closes here
}

}  // namespace exposcan::net
