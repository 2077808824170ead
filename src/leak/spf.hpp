// SPF records (RFC 7208): parsing only. The walk that follows include:/
// redirect= and resolves a:/mx: lives in dns_spf.cpp.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::leak {

enum class SpfKind { all, include, a, mx, ptr, ip4, ip6, exists, redirect, exp, unknown_modifier };

struct SpfTerm {
    SpfKind kind = SpfKind::all;
    char qualifier = '+';       // + - ~ ?
    std::string domain;         // include/a/mx/ptr/exists/redirect/exp; may be empty for a/mx/ptr
    std::string network;        // ip4/ip6: "a.b.c.d[/n]" as written
    std::string text;           // the term as written (for evidence)
    // RFC 7208 4.6.4: include, a, mx, ptr, exists and redirect cost a DNS lookup.
    [[nodiscard]] bool queries_dns() const;
    [[nodiscard]] bool has_macro() const { return domain.find('%') != std::string::npos; }
};

struct SpfRecord {
    std::vector<SpfTerm> terms;        // mechanisms and modifiers, in order
    std::vector<std::string> errors;   // terms that did not parse (permerror material)
    [[nodiscard]] const SpfTerm* redirect() const;
    [[nodiscard]] bool has_all() const;
};

// True for "v=spf1" alone or followed by a space (RFC 7208 4.5), any case.
bool is_spf_record(std::string_view txt);

// Parses an SPF record (the whole TXT string, starting with v=spf1).
SpfRecord parse_spf(std::string_view txt);

}  // namespace exposcan::leak
