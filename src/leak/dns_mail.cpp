// Mail records: MX hosts and their addresses, SPF (following include:/redirect=
// under RFC 7208's limit of 10 DNS-querying terms, loops detected) and IP
// literals in the other TXT records.
#include <algorithm>

#include "leak/dns_audit.hpp"
#include "leak/spf.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;

namespace {

constexpr std::size_t k_max_mx_hosts = 10;  // RFC 7208 4.6.4 caps mx: the same way

struct SpfWalk {
    int lookups = 0;
    bool stopped = false;               // lookup limit hit: nothing more is evaluated
    std::vector<std::string> stack;     // domains being evaluated (include/redirect)
};

asio::awaitable<void> check_mx_hosts(AuditContext& ctx, std::string domain, std::string check, bool own,
                                     std::string subject_prefix) {
    auto answer = co_await ctx.dns.query(domain, net::DnsType::mx);
    if (!net::is_answer(answer.status)) {
        ctx.undecided(check, subject_prefix + domain, "MX: " + std::string(net::to_string(answer.status)));
        co_return;
    }
    std::sort(answer.mx.begin(), answer.mx.end(), [](const auto& a, const auto& b) { return a.priority < b.priority; });
    if (answer.mx.size() > k_max_mx_hosts) answer.mx.resize(k_max_mx_hosts);
    std::vector<std::function<asio::awaitable<void>()>> hosts;
    for (const auto& mx : answer.mx)
        hosts.push_back([&ctx, mx, check, own, subject_prefix]() -> asio::awaitable<void> {
            auto r = co_await resolve_host(ctx, mx.host);
            record_addresses(ctx, check, subject_prefix + normalize_name(mx.host), r,
                             own && ctx.classifier.in_domain(mx.host), "MX " + std::to_string(mx.priority));
        });
    co_await run_all(std::move(hosts));
}

asio::awaitable<void> walk_spf(AuditContext& ctx, SpfWalk& walk, std::string domain, bool own,
                               std::vector<std::string> texts);

// Counts a DNS-querying term; false (and stops the walk) past the limit.
bool spend_lookup(AuditContext& ctx, SpfWalk& walk, const std::string& domain, const SpfTerm& term) {
    if (++walk.lookups <= ctx.options.spf_max_lookups) return true;
    walk.stopped = true;
    ctx.undecided("dns.spf", domain, "permerror: more than " + std::to_string(ctx.options.spf_max_lookups) +
                                         " DNS-querying terms (RFC 7208 4.6.4) at '" + term.text +
                                         "'; the rest was not evaluated");
    return false;
}

asio::awaitable<void> follow_domain(AuditContext& ctx, SpfWalk& walk, const std::string& from,
                                    const SpfTerm& term, bool own) {
    auto target = normalize_name(term.domain);
    if (std::find(walk.stack.begin(), walk.stack.end(), target) != walk.stack.end()) {
        // Not followed; the other terms are still evaluated (they may name addresses).
        std::string path;
        for (const auto& d : walk.stack) path += d + " -> ";
        ctx.undecided("dns.spf", from, "permerror: SPF loop " + path + target);
        co_return;
    }
    auto answer = co_await ctx.dns.query(target, net::DnsType::txt);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.spf", target, "TXT (" + term.text + "): " + std::string(net::to_string(answer.status)));
        co_return;
    }
    co_await walk_spf(ctx, walk, target, own && ctx.classifier.in_domain(target), answer.texts);
}

asio::awaitable<void> eval_term(AuditContext& ctx, SpfWalk& walk, const std::string& domain, const SpfTerm& term,
                                bool own) {
    const std::string subject = "spf " + domain + " " + term.text;
    if (term.kind == SpfKind::ip4 || term.kind == SpfKind::ip6) {
        auto net = parse_cidr(term.network);
        if (!net) ctx.record("dns.spf", subject, term.network, verdict::skipped, "not a valid network");
        else ctx.record("dns.spf", subject, net->to_string(), ctx.classifier.classify(*net, own));
        co_return;
    }
    if (!term.queries_dns()) co_return;
    if (!spend_lookup(ctx, walk, domain, term)) co_return;
    if (term.has_macro()) {
        ctx.record("dns.spf", subject, "", verdict::skipped, "macros need the sender's context");
        co_return;
    }
    auto target = term.domain.empty() ? domain : normalize_name(term.domain);
    bool target_own = own && ctx.classifier.in_domain(target);
    if (term.kind == SpfKind::a) {
        auto r = co_await resolve_host(ctx, target);
        record_addresses(ctx, "dns.spf", subject, r, target_own);
    } else if (term.kind == SpfKind::mx) {
        co_await check_mx_hosts(ctx, target, "dns.spf", target_own, subject + " MX ");
    } else if (term.kind == SpfKind::include || term.kind == SpfKind::redirect) {
        co_await follow_domain(ctx, walk, domain, term, own);
    }
    // ptr and exists cost a lookup but name no address.
}

asio::awaitable<void> walk_spf(AuditContext& ctx, SpfWalk& walk, std::string domain, bool own,
                               std::vector<std::string> texts) {
    std::vector<std::string> spf;
    std::copy_if(texts.begin(), texts.end(), std::back_inserter(spf), is_spf_record);
    if (spf.size() != 1) {
        if (spf.size() > 1) ctx.undecided("dns.spf", domain, "permerror: more than one SPF record");
        else if (!walk.stack.empty()) ctx.undecided("dns.spf", domain, "permerror: included domain has no SPF record");
        co_return;
    }
    walk.stack.push_back(domain);
    auto record = parse_spf(spf.front());
    for (const auto& bad : record.errors) ctx.record("dns.spf", "spf " + domain, bad, verdict::skipped, "term does not parse");
    for (const auto& term : record.terms) {
        if (walk.stopped) break;
        if (term.kind != SpfKind::redirect) co_await eval_term(ctx, walk, domain, term, own);
    }
    // RFC 7208 6.1: redirect= applies only when no "all" mechanism is present.
    if (const auto* r = record.redirect(); r && !record.has_all() && !walk.stopped)
        co_await eval_term(ctx, walk, domain, *r, own);
    walk.stack.pop_back();
}

void judge_txt_literals(AuditContext& ctx, const std::string& name, const std::vector<std::string>& texts) {
    for (const auto& txt : texts) {
        if (is_spf_record(txt) && name == ctx.classifier.domain()) continue;  // the SPF walk judges it
        for (const auto& a : ip_literals(txt)) {
            auto v = ctx.classifier.classify(a, true);
            ctx.record("dns.txt", name, a.to_string(), v, txt);
            if (v == verdict::origin || v == verdict::other) ctx.exposed_addresses.insert(a);
        }
    }
}

}  // namespace

asio::awaitable<void> audit_txt_of(AuditContext& ctx, std::string name) {
    auto answer = co_await ctx.dns.query(name, net::DnsType::txt);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.txt", name, "TXT: " + std::string(net::to_string(answer.status)));
        co_return;
    }
    judge_txt_literals(ctx, name, answer.texts);
}

asio::awaitable<void> audit_dc_mx(AuditContext& ctx) {
    // Cloudflare publishes an MX target it cannot proxy under _dc-mx.<...>:
    // its A record is the mail host's real address.
    auto name = "_dc-mx." + ctx.classifier.domain();
    co_await check_mx_hosts(ctx, name, "dns.mx", true, "_dc-mx MX ");
    auto r = co_await resolve_host(ctx, name);
    record_addresses(ctx, "dns.mx", name, r, true, "Cloudflare _dc-mx companion");
}

asio::awaitable<void> audit_mx(AuditContext& ctx) {
    co_await check_mx_hosts(ctx, ctx.classifier.domain(), "dns.mx", true, "");
}

asio::awaitable<void> audit_txt(AuditContext& ctx) {
    const auto& domain = ctx.classifier.domain();
    auto answer = co_await ctx.dns.query(domain, net::DnsType::txt);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.txt", domain, "TXT: " + std::string(net::to_string(answer.status)));
        co_return;
    }
    judge_txt_literals(ctx, domain, answer.texts);
    SpfWalk walk;
    co_await walk_spf(ctx, walk, domain, true, answer.texts);
    ctx.record("dns.spf", domain, "", walk.stopped ? verdict::inconclusive : verdict::clean,
               std::to_string(walk.lookups) + " DNS-querying terms evaluated");
}

}  // namespace exposcan::leak
