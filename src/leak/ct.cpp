// Certificate transparency: the names every certificate of the domain ever
// carried (crt.sh-compatible JSON, no key), each resolved and judged like a
// wordlist name. A CT endpoint that cannot be read makes this part
// inconclusive, never clean.
#include "exposcan/escape.hpp"
#include "leak/ct_names.hpp"
#include "leak/dns_audit.hpp"
#include "net/http.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;

namespace {

asio::awaitable<void> judge_ct_name(AuditContext& ctx, std::string name, std::size_t& stale) {
    auto r = co_await resolve_host(ctx, name);
    // A name may carry an address in TXT alone (a leftover "backend=" note),
    // so every CT name that exists is read for literals too.
    if (r.failure.empty() && r.exists) co_await audit_txt_of(ctx, name);
    if ((r.addresses.empty() && r.failure.empty()) || (r.failure.empty() && matches_wildcard(ctx, r))) {
        ++stale;  // logged once, gone now (or only the wildcard): no leak today
        co_return;
    }
    record_addresses(ctx, "ct.name", name, r, true, "certificate transparency");
}

asio::awaitable<std::optional<CtNames>> fetch_ct(AuditContext& ctx, const std::string& url) {
    const auto& domain = ctx.classifier.domain();
    net::HttpClient http(*ctx.io);
    net::HttpRequest req;
    req.url = url;
    req.headers = {"Accept: application/json"};
    req.connect_timeout = ctx.options.http_connect_timeout;
    req.total_timeout = ctx.options.http_total_timeout;
    req.max_body = ctx.options.ct_max_bytes;
    auto resp = co_await http.fetch(req);
    std::string why;
    if (resp.error != net::HttpError::none) why = "CT search failed: " + resp.error_text;
    else if (resp.status != 200) why = "CT search answered HTTP " + std::to_string(resp.status);
    else if (resp.body_truncated) why = "CT answer larger than " + std::to_string(ctx.options.ct_max_bytes) + " bytes";
    if (!why.empty()) {
        ctx.undecided("ct.name", domain, why + " (" + url + ")");
        co_return std::nullopt;
    }
    auto names = parse_ct_names(resp.body, domain, ctx.options.ct_max_names);
    if (!names) ctx.undecided("ct.name", domain, "CT answer is not crt.sh-style JSON (" + url + ")");
    co_return names;
}

}  // namespace

asio::awaitable<void> audit_ct(AuditContext& ctx) {
    const auto& domain = ctx.classifier.domain();
    auto url = ct_query_url(ctx.options.ct_url, domain);
    auto names = co_await fetch_ct(ctx, url);
    if (!names) co_return;
    std::size_t stale = 0;
    std::vector<std::function<asio::awaitable<void>()>> tasks;
    for (const auto& n : names->names)
        tasks.push_back([&ctx, n, &stale] { return judge_ct_name(ctx, n, stale); });
    co_await run_all(std::move(tasks));
    auto summary = std::to_string(names->entries) + " certificates, " + std::to_string(names->names.size()) +
                   " names, " + std::to_string(stale) + " no longer resolve or only match the wildcard";
    if (names->capped)
        ctx.undecided("ct.name", domain, summary + "; more than " + std::to_string(ctx.options.ct_max_names) +
                                             " names, the rest not checked");
    else ctx.record("ct.name", domain, "", verdict::clean, summary);
}

}  // namespace exposcan::leak
