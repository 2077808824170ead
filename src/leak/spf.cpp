#include "leak/spf.hpp"

#include <algorithm>
#include <cctype>

namespace exposcan::leak {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string_view> split_spaces(std::string_view s) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
        auto start = s.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        s.remove_prefix(start);
        auto end = s.find(' ');
        out.push_back(s.substr(0, end));
        s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
    }
    return out;
}

struct Mechanism {
    std::string_view name;
    SpfKind kind;
    bool needs_arg;    // ":" value required
    bool allows_arg;   // ":" value allowed
};

constexpr Mechanism k_mechanisms[] = {
    {"all", SpfKind::all, false, false},       {"include", SpfKind::include, true, true},
    {"a", SpfKind::a, false, true},            {"mx", SpfKind::mx, false, true},
    {"ptr", SpfKind::ptr, false, true},        {"ip4", SpfKind::ip4, true, true},
    {"ip6", SpfKind::ip6, true, true},         {"exists", SpfKind::exists, true, true},
};

// "a:example.com/24//64" -> domain "example.com" (the CIDR lengths do not
// change which addresses the record names, only how wide it matches).
std::string strip_cidr(std::string_view v) { return std::string(v.substr(0, v.find('/'))); }

std::optional<SpfTerm> parse_modifier(std::string_view term, std::size_t eq) {
    SpfTerm t;
    t.text = std::string(term);
    auto name = lower(term.substr(0, eq));
    t.domain = std::string(term.substr(eq + 1));
    if (name == "redirect") t.kind = SpfKind::redirect;
    else if (name == "exp") t.kind = SpfKind::exp;
    else t.kind = SpfKind::unknown_modifier;  // RFC 7208 6: unknown modifiers are ignored
    if ((t.kind == SpfKind::redirect || t.kind == SpfKind::exp) && t.domain.empty()) return std::nullopt;
    return t;
}

std::optional<SpfTerm> parse_mechanism(std::string_view term) {
    SpfTerm t;
    t.text = std::string(term);
    if (!term.empty() && std::string_view("+-~?").find(term.front()) != std::string_view::npos) {
        t.qualifier = term.front();
        term.remove_prefix(1);
    }
    auto sep = term.find_first_of(":/");
    auto name = lower(term.substr(0, sep));
    auto rest = sep == std::string_view::npos ? std::string_view{} : term.substr(sep);
    auto it = std::find_if(std::begin(k_mechanisms), std::end(k_mechanisms),
                           [&](const Mechanism& m) { return m.name == name; });
    if (it == std::end(k_mechanisms)) return std::nullopt;
    t.kind = it->kind;
    bool has_arg = rest.starts_with(':');
    if ((it->needs_arg && !has_arg) || (!it->allows_arg && !rest.empty())) return std::nullopt;
    auto arg = has_arg ? rest.substr(1) : std::string_view{};
    if (has_arg && arg.empty()) return std::nullopt;
    if (t.kind == SpfKind::ip4 || t.kind == SpfKind::ip6) t.network = std::string(arg);
    else t.domain = strip_cidr(arg);
    return t;
}

}  // namespace

bool SpfTerm::queries_dns() const {
    switch (kind) {
        case SpfKind::include:
        case SpfKind::a:
        case SpfKind::mx:
        case SpfKind::ptr:
        case SpfKind::exists:
        case SpfKind::redirect: return true;
        default: return false;
    }
}

const SpfTerm* SpfRecord::redirect() const {
    auto it = std::find_if(terms.begin(), terms.end(), [](const SpfTerm& t) { return t.kind == SpfKind::redirect; });
    return it == terms.end() ? nullptr : &*it;
}

bool SpfRecord::has_all() const {
    return std::any_of(terms.begin(), terms.end(), [](const SpfTerm& t) { return t.kind == SpfKind::all; });
}

bool is_spf_record(std::string_view txt) {
    if (txt.size() < 6 || lower(txt.substr(0, 6)) != "v=spf1") return false;
    return txt.size() == 6 || txt[6] == ' ';
}

SpfRecord parse_spf(std::string_view txt) {
    SpfRecord rec;
    auto words = split_spaces(txt);
    for (std::size_t i = 1; i < words.size(); ++i) {  // words[0] is v=spf1
        auto w = words[i];
        auto eq = w.find('=');
        auto colon = w.find_first_of(":/");
        // A modifier's name has no ':' or '/' before its '='.
        auto term = (eq != std::string_view::npos && (colon == std::string_view::npos || eq < colon))
                        ? parse_modifier(w, eq)
                        : parse_mechanism(w);
        if (term) rec.terms.push_back(std::move(*term));
        else rec.errors.emplace_back(w);
    }
    return rec;
}

}  // namespace exposcan::leak
