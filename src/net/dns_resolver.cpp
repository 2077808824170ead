// c-ares channel driven by Asio. c-ares opens and closes its sockets itself;
// we only watch them (stream_descriptor, released before c-ares closes) and
// call ares_process_fd on readiness or when ares_timeout says a try is due.
#include <ares.h>
#include <arpa/nameser.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>

#include "net/dns.hpp"
#include "net/dns_parse.hpp"

namespace exposcan::net {

namespace asio = boost::asio;

namespace {

struct FdWatch {
    asio::posix::stream_descriptor descriptor;
    bool want_read = false, want_write = false;
    bool reading = false, writing = false;
    bool active = true;
    FdWatch(asio::io_context& io, int fd) : descriptor(io, fd) {}
};

// One query's result, shared by the awaiting coroutine and the c-ares callback.
struct Pending {
    DnsType type;
    DnsAnswer answer;
    bool done = false;
    asio::steady_timer wake;
    Pending(asio::io_context& io, DnsType t) : type(t), wake(io, asio::steady_timer::time_point::max()) {}
};

void library_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { ares_library_init(ARES_LIB_INIT_ALL); });
}

}  // namespace

struct DnsResolver::Impl : std::enable_shared_from_this<Impl> {
    asio::io_context& io;
    DnsConfig config;
    ares_channel channel = nullptr;
    asio::steady_timer timer;
    std::map<int, std::shared_ptr<FdWatch>> watches;
    std::size_t inflight = 0;
    std::deque<asio::steady_timer*> waiting;  // queries waiting for an inflight slot
    bool cancelled = false;

    Impl(asio::io_context& ctx, const DnsConfig& cfg) : io(ctx), config(cfg), timer(ctx) {}

    void start() {
        library_init_once();
        ares_options opts{};
        opts.timeout = static_cast<int>(config.timeout.count());
        opts.tries = config.tries;
        // NOCHECKRESP: hand SERVFAIL/REFUSED to us as such; without it c-ares 1.18
        // retries them and reports "could not contact DNS servers".
        opts.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOCHECKRESP;
        opts.sock_state_cb = &Impl::on_sock_state;
        opts.sock_state_cb_data = this;
        int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS | ARES_OPT_SOCK_STATE_CB;
        if (int rc = ares_init_options(&channel, &opts, mask); rc != ARES_SUCCESS)
            throw std::runtime_error(std::string("DNS resolver: ") + ares_strerror(rc));
        if (!config.servers_csv.empty())
            if (int rc = ares_set_servers_ports_csv(channel, config.servers_csv.c_str()); rc != ARES_SUCCESS)
                throw std::runtime_error(std::string("DNS server ") + config.servers_csv + ": " + ares_strerror(rc));
    }

    ~Impl() {
        timer.cancel();
        if (channel) ares_destroy(channel);  // ends pending queries (EDESTRUCTION), closes sockets
        for (auto& [fd, w] : watches) forget(*w);
    }

    static void forget(FdWatch& w) {
        w.active = false;
        boost::system::error_code ignored;
        w.descriptor.cancel(ignored);
        w.descriptor.release();
    }

    static void on_sock_state(void* self, ares_socket_t fd, int readable, int writable) {
        static_cast<Impl*>(self)->sock_state(fd, readable != 0, writable != 0);
    }

    void sock_state(int fd, bool readable, bool writable) {
        auto it = watches.find(fd);
        if (!readable && !writable) {  // c-ares is about to close fd
            if (it != watches.end()) {
                forget(*it->second);
                watches.erase(it);
            }
            return;
        }
        if (it == watches.end()) it = watches.emplace(fd, std::make_shared<FdWatch>(io, fd)).first;
        it->second->want_read = readable;
        it->second->want_write = writable;
        arm(fd, it->second);
    }

    void arm(int fd, const std::shared_ptr<FdWatch>& w) {
        if (w->want_read && !w->reading) wait_on(fd, w, true);
        if (w->want_write && !w->writing) wait_on(fd, w, false);
    }

    void wait_on(int fd, std::shared_ptr<FdWatch> w, bool read) {
        (read ? w->reading : w->writing) = true;
        auto kind = read ? asio::posix::descriptor_base::wait_read : asio::posix::descriptor_base::wait_write;
        w->descriptor.async_wait(kind, [weak = weak_from_this(), fd, w, read](boost::system::error_code ec) {
            (read ? w->reading : w->writing) = false;
            auto self = weak.lock();
            if (!self || !w->active || ec == asio::error::operation_aborted) return;
            ares_process_fd(self->channel, read ? fd : ARES_SOCKET_BAD, read ? ARES_SOCKET_BAD : fd);
            if (w->active) self->arm(fd, w);
            self->arm_timer();
        });
    }

    void arm_timer() {
        timeval tv{};
        timeval* next = ares_timeout(channel, nullptr, &tv);
        if (!next) {
            timer.cancel();
            return;
        }
        timer.expires_after(std::chrono::seconds(next->tv_sec) + std::chrono::microseconds(next->tv_usec));
        timer.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
            auto self = weak.lock();
            if (!self || ec == asio::error::operation_aborted) return;
            ares_process_fd(self->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // handles due timeouts
            self->arm_timer();
        });
    }

    static void on_reply(void* arg, int status, int, unsigned char* abuf, int alen) {
        std::unique_ptr<std::shared_ptr<Pending>> holder(static_cast<std::shared_ptr<Pending>*>(arg));
        auto& p = **holder;
        p.answer = detail::make_answer(status, p.type, abuf, alen);
        p.done = true;
        p.wake.cancel();  // resumes the awaiting coroutine via the io_context, never inline
    }

    asio::awaitable<void> acquire_slot() {
        while (inflight >= config.max_inflight && !cancelled) {
            asio::steady_timer turn(io, asio::steady_timer::time_point::max());
            waiting.push_back(&turn);
            co_await turn.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        ++inflight;
    }

    void release_slot() {
        --inflight;
        if (!waiting.empty()) {
            waiting.front()->cancel();
            waiting.pop_front();
        }
    }
};

DnsResolver::DnsResolver(asio::io_context& io, const DnsConfig& config)
    : impl_(std::make_shared<Impl>(io, config)) {
    impl_->start();
}

DnsResolver::~DnsResolver() = default;

asio::awaitable<DnsAnswer> DnsResolver::query(std::string name, DnsType type) {
    auto impl = impl_;
    co_await impl->acquire_slot();
    auto pending = std::make_shared<Pending>(impl->io, type);
    if (impl->cancelled) {
        impl->release_slot();
        pending->answer.status = DnsStatus::cancelled;
        co_return pending->answer;
    }
    ares_query(impl->channel, name.c_str(), ns_c_in, detail::ares_type(type), &Impl::on_reply,
               new std::shared_ptr<Pending>(pending));
    impl->arm_timer();
    if (!pending->done) co_await pending->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    impl->release_slot();
    co_return pending->answer;
}

void DnsResolver::cancel() {
    impl_->cancelled = true;
    for (auto* t : impl_->waiting) t->cancel();
    impl_->waiting.clear();
    ares_cancel(impl_->channel);
}

}  // namespace exposcan::net
