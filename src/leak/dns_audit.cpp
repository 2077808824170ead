#include "leak/dns_audit.hpp"

#include <algorithm>

namespace exposcan::leak {

namespace asio = boost::asio;

namespace {

asio::awaitable<void> audit_apex(AuditContext& ctx) {
    const auto& domain = ctx.classifier.domain();
    auto r = co_await resolve_host(ctx, domain);
    for (const auto& a : r.addresses)
        if (ctx.classifier.classify(a, true) == verdict::cdn) ctx.cdn_addresses.push_back(a);
    if (r.addresses.empty() && r.failure.empty())
        ctx.record("dns.a", domain, "", r.exists ? verdict::nodata : verdict::nxdomain, "no A/AAAA record");
    // Apex A and AAAA are told apart by family so a forgotten AAAA stands out.
    Resolved v4 = r, v6 = r;
    std::erase_if(v4.addresses, [](const auto& a) { return !a.is_v4(); });
    std::erase_if(v6.addresses, [](const auto& a) { return a.is_v4(); });
    v6.failure.clear();
    record_addresses(ctx, "dns.a", domain, v4, true);
    record_addresses(ctx, "dns.aaaa", domain, v6, true);
}

asio::awaitable<void> audit_subdomain(AuditContext& ctx, std::string label, std::size_t& missing) {
    auto name = label + "." + ctx.classifier.domain();
    auto r = co_await resolve_host(ctx, name);
    if ((r.addresses.empty() && r.failure.empty()) || (r.failure.empty() && matches_wildcard(ctx, r))) {
        ++missing;  // NXDOMAIN/NODATA or only the wildcard: an answer, summarised in one check
        co_return;
    }
    record_addresses(ctx, "dns.subdomain", name, r, true);
    if (r.failure.empty()) co_await audit_txt_of(ctx, name);
}

asio::awaitable<void> audit_ns(AuditContext& ctx) {
    const auto& domain = ctx.classifier.domain();
    auto answer = co_await ctx.dns.query(domain, net::DnsType::ns);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.ns", domain, "NS: " + std::string(net::to_string(answer.status)));
        co_return;
    }
    std::vector<std::function<asio::awaitable<void>()>> hosts;
    for (const auto& host : answer.names)
        hosts.push_back([&ctx, host]() -> asio::awaitable<void> {
            auto r = co_await resolve_host(ctx, host);
            record_addresses(ctx, "dns.ns", normalize_name(host), r, ctx.classifier.in_domain(host), "NS");
        });
    co_await run_all(std::move(hosts));
}

asio::awaitable<void> audit_ptr(AuditContext& ctx, boost::asio::ip::address origin) {
    auto name = net::reverse_name(origin);
    auto answer = co_await ctx.dns.query(name, net::DnsType::ptr);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.ptr", origin.to_string(), "PTR " + name + ": " + std::string(net::to_string(answer.status)));
        co_return;
    }
    bool named = false;
    for (const auto& n : answer.names)
        if (ctx.classifier.in_domain(n)) {
            ctx.record("dns.ptr", origin.to_string(), normalize_name(n), verdict::origin,
                       "reverse DNS of the origin names the site");
            named = true;
        }
    if (!named)
        ctx.record("dns.ptr", origin.to_string(), answer.names.empty() ? "" : answer.names.front(), verdict::clean,
                   answer.names.empty() ? "no PTR record" : "PTR does not name the domain");
}

}  // namespace

asio::awaitable<void> audit_dns(AuditContext& ctx) {
    std::size_t missing = 0;
    co_await detect_wildcard(ctx);
    std::vector<std::function<asio::awaitable<void>()>> tasks;
    tasks.push_back([&ctx] { return audit_apex(ctx); });
    tasks.push_back([&ctx] { return audit_mx(ctx); });
    tasks.push_back([&ctx] { return audit_txt(ctx); });
    tasks.push_back([&ctx] { return audit_ns(ctx); });
    for (const auto& o : ctx.classifier.origins()) tasks.push_back([&ctx, o] { return audit_ptr(ctx, o); });
    tasks.push_back([&ctx] { return audit_more_names(ctx); });
    if (!ctx.options.ct_url.empty()) tasks.push_back([&ctx] { return audit_ct(ctx); });
    for (const auto& label : ctx.wordlist)
        tasks.push_back([&ctx, label, &missing] { return audit_subdomain(ctx, label, missing); });
    co_await run_all(std::move(tasks));
    ctx.record("dns.subdomain", std::to_string(ctx.wordlist.size()) + " names", "", verdict::clean,
               std::to_string(missing) + " of " + std::to_string(ctx.wordlist.size()) +
                   (ctx.wildcard_addresses.empty() ? " names do not exist" : " names do not exist or only match the wildcard"));
}

}  // namespace exposcan::leak
