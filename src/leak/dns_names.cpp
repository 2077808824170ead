// Names beyond the apex, MX and NS (issue 15): the SOA's MNAME, common SRV
// targets, HTTPS/SVCB hints and targets, Cloudflare's _dc-mx companion, TXT
// literals of existing names, wildcard detection, and a zone transfer (AXFR)
// from every name server, whose names are judged too.
#include <algorithm>
#include <random>
#include <set>

#include "leak/dns_audit.hpp"
#include "net/dns_axfr.hpp"

namespace exposcan::leak {

namespace asio = boost::asio;

namespace {

// SRV names attackers enumerate: chat, VoIP, mail clients, autodiscover.
constexpr std::string_view k_srv_names[] = {
    "_xmpp-client._tcp", "_xmpp-server._tcp", "_sip._tcp",   "_sip._udp",     "_sips._tcp",
    "_autodiscover._tcp", "_submission._tcp", "_submissions._tcp", "_imaps._tcp", "_imap._tcp",
    "_pop3s._tcp",       "_caldavs._tcp",     "_carddavs._tcp", "_matrix._tcp", "_minecraft._tcp",
};
constexpr std::size_t k_max_zone_names = 500;  // AXFR target names resolved (zone A/AAAA are judged as given)

bool only_wildcard(const AuditContext& ctx, const Resolved& r) {
    return !ctx.wildcard_addresses.empty() && !r.addresses.empty() &&
           std::all_of(r.addresses.begin(), r.addresses.end(),
                       [&](const auto& a) { return ctx.wildcard_addresses.contains(a); });
}

asio::awaitable<void> judge_targets(AuditContext& ctx, std::string check, std::vector<std::string> names,
                                    std::string context) {
    std::vector<std::function<asio::awaitable<void>()>> tasks;
    for (const auto& n : names)
        tasks.push_back([&ctx, check, n, context]() -> asio::awaitable<void> {
            auto r = co_await resolve_host(ctx, n);
            record_addresses(ctx, check, normalize_name(n), r, ctx.classifier.in_domain(n), context);
        });
    co_await run_all(std::move(tasks));
}

asio::awaitable<void> audit_soa(AuditContext& ctx) {
    const auto& domain = ctx.classifier.domain();
    auto answer = co_await ctx.dns.query(domain, net::DnsType::soa);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.soa", domain, "SOA: " + std::string(net::to_string(answer.status)));
        co_return;
    }
    co_await judge_targets(ctx, "dns.soa", answer.names, "SOA MNAME");
}

asio::awaitable<void> audit_srv(AuditContext& ctx, std::string label) {
    auto name = label + "." + ctx.classifier.domain();
    auto answer = co_await ctx.dns.query(name, net::DnsType::srv);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.srv", name, "SRV: " + std::string(net::to_string(answer.status)));
        co_return;
    }
    co_await judge_targets(ctx, "dns.srv", answer.names, "SRV " + name);
}

// HTTPS records of the apex and www, SVCB records of the apex and _dns (RFC
// 9461 resolver discovery): hints are addresses as published.
asio::awaitable<void> audit_svcb(AuditContext& ctx, std::string name, net::DnsType type) {
    auto kind = std::string(net::to_string(type));
    auto answer = co_await ctx.dns.query(name, type);
    if (!net::is_answer(answer.status)) {
        ctx.undecided("dns.https", name, kind + ": " + std::string(net::to_string(answer.status)));
        co_return;
    }
    for (const auto& a : answer.addresses) {
        auto v = ctx.classifier.classify(a, true);
        ctx.record("dns.https", name, a.to_string(), v, kind + (a.is_v4() ? " ipv4hint" : " ipv6hint"));
        if (v == verdict::origin || v == verdict::other) ctx.exposed_addresses.insert(a);
    }
    std::erase_if(answer.names, [&](const auto& n) { return normalize_name(n) == name; });
    co_await judge_targets(ctx, "dns.https", answer.names, kind + " target of " + name);
}

std::string random_label() {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::random_device rd;
    std::string out = "exposcan-";
    for (int i = 0; i < 16; ++i) out += k_hex[rd() % 16];
    return out;
}

// The transfer lists every name of the zone: each is read for TXT literals
// like the apex (the transfer's own TXT data is not kept by the AXFR reader).
asio::awaitable<void> judge_zone_txt(AuditContext& ctx, const net::AxfrResult& zone) {
    std::set<std::string> owners;
    for (const auto& rec : zone.records)
        if (owners.size() < k_max_zone_names && rec.owner != ctx.classifier.domain() && !rec.owner.starts_with("*") &&
            ctx.classifier.in_domain(rec.owner))
            owners.insert(rec.owner);
    std::vector<std::function<asio::awaitable<void>()>> tasks;
    for (const auto& name : owners) tasks.push_back([&ctx, name] { return audit_txt_of(ctx, name); });
    co_await run_all(std::move(tasks));
}

asio::awaitable<void> judge_zone(AuditContext& ctx, const std::string& ns, const net::AxfrResult& zone) {
    std::vector<std::string> targets;
    for (const auto& rec : zone.records) {
        if (rec.address) {
            auto v = ctx.classifier.classify(*rec.address, ctx.classifier.in_domain(rec.owner));
            ctx.record("dns.subdomain", rec.owner, rec.address->to_string(), v, "zone transfer from " + ns);
            if (v == verdict::origin || v == verdict::other) ctx.exposed_addresses.insert(*rec.address);
        } else if (!rec.name.empty() && rec.type != 2 && rec.type != 6 &&
                   std::find(targets.begin(), targets.end(), rec.name) == targets.end() &&
                   targets.size() < k_max_zone_names && !ctx.classifier.in_domain(rec.name)) {
            targets.push_back(rec.name);  // in-zone targets' addresses are in the zone itself
        }
    }
    co_await judge_targets(ctx, "dns.subdomain", targets, "target in the zone from " + ns);
    co_await judge_zone_txt(ctx, zone);
}

asio::awaitable<void> try_axfr(AuditContext& ctx, std::string ns, boost::asio::ip::address server) {
    const auto& domain = ctx.classifier.domain();
    net::AxfrLimits limits;
    limits.timeout = ctx.options.axfr_timeout;
    auto zone = co_await net::axfr({server, ctx.options.axfr_port}, domain, limits);
    auto subject = ns + " (" + server.to_string() + ")";
    switch (zone.status) {
        case net::AxfrStatus::denied: ctx.record("dns.axfr", subject, "", verdict::clean, "refused: " + zone.detail); break;
        case net::AxfrStatus::unreachable:
        case net::AxfrStatus::bad_reply: ctx.undecided("dns.axfr", subject, "AXFR: " + zone.detail); break;
        case net::AxfrStatus::transferred: {
            bool names_origin = std::any_of(zone.records.begin(), zone.records.end(), [&](const auto& r) {
                return r.address && ctx.classifier.is_origin(*r.address);
            });
            ctx.record("dns.axfr", subject, "open", names_origin ? verdict::origin : verdict::other,
                       std::to_string(zone.records.size()) + " records, " + std::to_string(zone.bytes) + " bytes (" +
                           zone.detail + ")");
            co_await judge_zone(ctx, ns, zone);
        }
    }
}

asio::awaitable<void> audit_axfr(AuditContext& ctx) {
    const auto& domain = ctx.classifier.domain();
    auto answer = co_await ctx.dns.query(domain, net::DnsType::ns);
    if (!net::is_answer(answer.status)) co_return;  // audit_ns reports it
    std::vector<std::function<asio::awaitable<void>()>> tasks;
    for (const auto& host : answer.names)
        tasks.push_back([&ctx, host]() -> asio::awaitable<void> {
            auto r = co_await resolve_host(ctx, host);  // its failure is audit_ns' to report
            std::vector<std::function<asio::awaitable<void>()>> tries;
            for (const auto& a : r.addresses)
                tries.push_back([&ctx, host, a] { return try_axfr(ctx, normalize_name(host), a); });
            co_await run_all(std::move(tries));
        });
    co_await run_all(std::move(tasks));
}

}  // namespace

asio::awaitable<void> detect_wildcard(AuditContext& ctx) {
    auto name = random_label() + "." + ctx.classifier.domain();
    auto r = co_await resolve_host(ctx, name);
    if (!r.failure.empty()) {
        ctx.undecided("dns.subdomain", "*." + ctx.classifier.domain(), "wildcard test " + r.failure);
        co_return;
    }
    if (r.addresses.empty()) co_return;
    ctx.wildcard_addresses.insert(r.addresses.begin(), r.addresses.end());
    // The wildcard itself is judged once, under its own name.
    record_addresses(ctx, "dns.subdomain", "*." + ctx.classifier.domain(), r, true,
                     "wildcard: random label " + name + " resolves");
}

bool matches_wildcard(const AuditContext& ctx, const Resolved& r) { return only_wildcard(ctx, r); }

asio::awaitable<void> audit_more_names(AuditContext& ctx) {
    const auto& domain = ctx.classifier.domain();
    std::vector<std::function<asio::awaitable<void>()>> tasks;
    tasks.push_back([&ctx] { return audit_soa(ctx); });
    for (auto label : k_srv_names) tasks.push_back([&ctx, label] { return audit_srv(ctx, std::string(label)); });
    for (auto name : {domain, "www." + domain})
        tasks.push_back([&ctx, name] { return audit_svcb(ctx, name, net::DnsType::https); });
    for (auto name : {domain, "_dns." + domain})
        tasks.push_back([&ctx, name] { return audit_svcb(ctx, name, net::DnsType::svcb); });
    tasks.push_back([&ctx] { return audit_dc_mx(ctx); });
    if (ctx.options.axfr) tasks.push_back([&ctx] { return audit_axfr(ctx); });
    co_await run_all(std::move(tasks));
}

}  // namespace exposcan::leak
