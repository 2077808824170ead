#include "leak/audit_context.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "exposcan/escape.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;

void AuditContext::record(std::string_view check, std::string_view subject, std::string_view value,
                          std::string_view verdict, std::string_view detail) {
    report.checks.push_back({std::string(check), sanitize(subject, limits.max_evidence),
                             sanitize(value, limits.max_evidence), std::string(verdict),
                             sanitize(detail, limits.max_evidence)});
}

void AuditContext::undecided(std::string_view check, std::string_view subject, std::string_view why) {
    record(check, subject, "", verdict::inconclusive, why);
    report.inconclusive.push_back(std::string(check) + " " + sanitize(subject, 200) + ": " + sanitize(why, 300));
}

namespace {

std::string join_chain(const std::vector<std::string>& chain) {
    std::string out;
    for (const auto& n : chain) out += (out.empty() ? "" : " -> ") + n;
    return out;
}

// Follows one record type through CNAMEs; appends addresses, extends chain.
asio::awaitable<void> follow(AuditContext& ctx, net::DnsType type, Resolved& r) {
    std::vector<std::string> chain{r.chain.front()};
    for (int step = 0; step <= k_max_cname_depth; ++step) {
        auto answer = co_await ctx.dns.query(chain.back(), type);
        if (!net::is_answer(answer.status)) {
            r.failure = std::string(net::to_string(type)) + " " + chain.back() + ": " +
                        std::string(net::to_string(answer.status));
            co_return;
        }
        if (answer.status == net::DnsStatus::nxdomain && chain.size() == 1) r.exists = false;
        bool moved = false;
        for (bool more = true; more;) {
            more = false;
            for (const auto& [owner, target] : answer.cnames) {
                if (normalize_name(owner) != chain.back()) continue;
                auto next = normalize_name(target);
                if (std::find(chain.begin(), chain.end(), next) != chain.end()) {
                    chain.push_back(next);
                    r.failure = "CNAME loop: " + join_chain(chain);
                    co_return;
                }
                chain.push_back(next);
                if (chain.size() > static_cast<std::size_t>(k_max_cname_depth) + 1) {
                    r.failure = "CNAME chain longer than " + std::to_string(k_max_cname_depth) + ": " + join_chain(chain);
                    co_return;
                }
                more = moved = true;
                break;
            }
        }
        for (const auto& a : answer.addresses)
            if (std::find(r.addresses.begin(), r.addresses.end(), a) == r.addresses.end()) r.addresses.push_back(a);
        if (chain.size() > r.chain.size()) r.chain = chain;
        // The chain left this answer without addresses: ask for its end.
        if (!moved || !answer.addresses.empty() || answer.status != net::DnsStatus::ok) co_return;
    }
    r.failure = "CNAME chain longer than " + std::to_string(k_max_cname_depth) + ": " + join_chain(chain);
}

}  // namespace

asio::awaitable<Resolved> resolve_host(AuditContext& ctx, std::string name) {
    Resolved r;
    r.chain.push_back(normalize_name(name));
    co_await follow(ctx, net::DnsType::a, r);
    if (r.failure.empty()) co_await follow(ctx, net::DnsType::aaaa, r);
    co_return r;
}

void record_addresses(AuditContext& ctx, std::string_view check, std::string_view subject, const Resolved& r,
                      bool own, std::string_view context) {
    std::string via = r.chain.size() > 1 ? "CNAME " + join_chain(r.chain) : "";
    std::string detail = std::string(context) + (!context.empty() && !via.empty() ? "; " : "") + via;
    // Names the user typed or the wordlist guessed are reported as the CNAME chain
    // they reach; names a record published (MX, SRV, CT...) keep their own check.
    bool cname_check = r.chain.size() > 1 && (check == "dns.a" || check == "dns.aaaa" || check == "dns.subdomain");
    for (const auto& a : r.addresses) {
        auto v = ctx.classifier.classify(a, own);
        ctx.record(cname_check ? "dns.cname" : check, subject, a.to_string(), v, detail);
        if (v == verdict::origin || v == verdict::other) ctx.exposed_addresses.insert(a);
    }
    if (!r.failure.empty()) ctx.undecided(check, subject, r.failure);
}

asio::awaitable<void> run_all(std::vector<std::function<asio::awaitable<void>()>> tasks) {
    auto ex = co_await asio::this_coro::executor;
    struct Shared {
        std::size_t remaining;
        asio::steady_timer done;
        std::exception_ptr error;
    };
    auto shared = std::make_shared<Shared>(Shared{tasks.size(), asio::steady_timer(ex, asio::steady_timer::time_point::max()), nullptr});
    for (auto& task : tasks)
        asio::co_spawn(ex, task(), [shared](std::exception_ptr e) {
            if (e && !shared->error) shared->error = e;
            if (--shared->remaining == 0) shared->done.cancel();
        });
    if (shared->remaining > 0) co_await shared->done.async_wait(asio::as_tuple(asio::use_awaitable));
    if (shared->error) std::rethrow_exception(shared->error);
}

asio::awaitable<void> run_bounded(std::vector<std::function<asio::awaitable<void>()>> tasks, std::size_t limit) {
    auto queue = std::make_shared<std::vector<std::function<asio::awaitable<void>()>>>(std::move(tasks));
    auto next = std::make_shared<std::size_t>(0);
    std::vector<std::function<asio::awaitable<void>()>> workers;
    for (std::size_t w = 0; w < std::min(std::max<std::size_t>(limit, 1), queue->size()); ++w)
        workers.push_back([queue, next]() -> asio::awaitable<void> {
            while (*next < queue->size()) co_await (*queue)[(*next)++]();
        });
    co_await run_all(std::move(workers));
}

}  // namespace exposcan::leak
