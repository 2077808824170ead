// libcurl's multi interface driven by the caller's io_context: curl tells us
// which sockets to watch (CURLMOPT_SOCKETFUNCTION) and when to wake it
// (CURLMOPT_TIMERFUNCTION); Asio waits, then hands readiness back with
// curl_multi_socket_action. No thread, no blocking call, many fetches at once.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <memory>
#include <mutex>

#include "net/http.hpp"
#include "net/http_transfer.hpp"

namespace exposcan::net {

namespace asio = boost::asio;
using detail::Transfer;

namespace {

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One socket curl asked us to watch. The descriptor never owns the fd: curl
// opens and closes it; we release() before curl closes.
struct Watch {
    asio::posix::stream_descriptor descriptor;
    int what = CURL_POLL_NONE;
    bool active = true;
    bool reading = false;
    bool writing = false;
    Watch(asio::io_context& io, curl_socket_t fd) : descriptor(io, fd) {}
};

}  // namespace

struct HttpClient::Impl {
    asio::io_context& io;
    CURLM* multi = nullptr;
    asio::steady_timer timer;
    std::map<curl_socket_t, std::shared_ptr<Watch>> watches;

    explicit Impl(asio::io_context& ctx) : io(ctx), multi(curl_multi_init()), timer(ctx) {
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
        curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
        curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    }

    ~Impl() {
        timer.cancel();
        if (multi) curl_multi_cleanup(multi);
        for (auto& [fd, w] : watches) forget(*w);
    }

    static void forget(Watch& w) {
        w.active = false;
        boost::system::error_code ignored;
        w.descriptor.cancel(ignored);
        w.descriptor.release();
    }

    static int on_socket(CURL*, curl_socket_t fd, int what, void* self, void*) {
        static_cast<Impl*>(self)->watch(fd, what);
        return 0;
    }

    static int on_timer(CURLM*, long timeout_ms, void* self) {
        static_cast<Impl*>(self)->arm_timer(timeout_ms);
        return 0;
    }

    void watch(curl_socket_t fd, int what) {
        auto it = watches.find(fd);
        if (what == CURL_POLL_REMOVE) {
            if (it != watches.end()) {
                forget(*it->second);
                watches.erase(it);
            }
            return;
        }
        if (it == watches.end()) it = watches.emplace(fd, std::make_shared<Watch>(io, fd)).first;
        it->second->what = what;
        arm(fd, it->second);
    }

    // Starts the waits curl wants that are not already pending.
    void arm(curl_socket_t fd, const std::shared_ptr<Watch>& w) {
        arm_one(fd, w, &Watch::reading, asio::posix::descriptor_base::wait_read, CURL_CSELECT_IN, CURL_POLL_IN);
        arm_one(fd, w, &Watch::writing, asio::posix::descriptor_base::wait_write, CURL_CSELECT_OUT, CURL_POLL_OUT);
    }

    void arm_one(curl_socket_t fd, const std::shared_ptr<Watch>& w, bool Watch::*pending,
                 asio::posix::descriptor_base::wait_type type, int select, int wanted) {
        if (!(w->what & wanted) || (*w).*pending) return;
        (*w).*pending = true;
        w->descriptor.async_wait(type, [this, fd, w, pending, select, wanted](boost::system::error_code ec) {
            (*w).*pending = false;
            on_ready(fd, w, ec, select, wanted);
        });
    }

    void on_ready(curl_socket_t fd, const std::shared_ptr<Watch>& w, boost::system::error_code ec, int select,
                  int wanted) {
        if (!w->active || ec == asio::error::operation_aborted) return;  // also: Impl may be gone
        if (!(w->what & wanted)) return;
        int running = 0;
        curl_multi_socket_action(multi, fd, ec ? CURL_CSELECT_ERR : select, &running);
        collect();
        if (w->active) arm(fd, w);
    }

    void arm_timer(long timeout_ms) {
        timer.cancel();
        if (timeout_ms < 0) return;
        timer.expires_after(std::chrono::milliseconds(timeout_ms));
        timer.async_wait([this](boost::system::error_code ec) {
            if (ec) return;
            int running = 0;
            curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
            collect();
        });
    }

    // Finished transfers: detach from the multi handle, wake their fetch().
    void collect() {
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
            if (msg->msg != CURLMSG_DONE) continue;
            void* priv = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
            auto* t = static_cast<Transfer*>(priv);
            t->result = msg->data.result;
            curl_multi_remove_handle(multi, msg->easy_handle);
            t->finished = true;
            t->complete();
            t->done.cancel();
        }
    }
};

HttpClient::HttpClient(asio::io_context& io) {
    global_init_once();
    impl_ = std::make_unique<Impl>(io);
}

HttpClient::~HttpClient() = default;

asio::awaitable<HttpResponse> HttpClient::fetch(HttpRequest request) {
    auto t = std::make_unique<Transfer>(impl_->io, std::move(request));
    if (!t->configure()) {
        t->response.error = HttpError::other;
        co_return std::move(t->response);
    }
    if (CURLMcode mc = curl_multi_add_handle(impl_->multi, t->easy); mc != CURLM_OK) {
        t->response.error = HttpError::other;
        t->response.error_text = curl_multi_strerror(mc);
        co_return std::move(t->response);
    }
    if (!t->finished) co_await t->done.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!t->finished) {  // the caller cancelled us (deadline, shutdown)
        curl_multi_remove_handle(impl_->multi, t->easy);
        t->abandon();
    }
    co_return std::move(t->response);
}

}  // namespace exposcan::net
