#include "leak/classify.hpp"

#include <algorithm>
#include <cctype>

namespace exposcan::leak {

namespace ip = boost::asio::ip;

std::string normalize_name(std::string_view name) {
    if (name.ends_with('.')) name.remove_suffix(1);
    std::string out(name);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

Classifier::Classifier(std::string domain, std::vector<ip::address> origins, CidrSet cdn)
    : domain_(normalize_name(domain)), cdn_(std::move(cdn)) {
    for (const auto& o : origins) origins_.push_back(unmap_v4(o));
}

bool Classifier::is_origin(const ip::address& a) const {
    auto u = unmap_v4(a);
    return std::find(origins_.begin(), origins_.end(), u) != origins_.end();
}

std::string_view Classifier::classify(const ip::address& a, bool own_name) const {
    if (is_origin(a)) return verdict::origin;
    if (cdn_.contains(a)) return verdict::cdn;
    return own_name ? verdict::other : verdict::third_party;
}

std::string_view Classifier::classify(const Cidr& network, bool own_name) const {
    CidrSet net;
    net.add(network);
    if (std::any_of(origins_.begin(), origins_.end(), [&](const auto& o) { return net.contains(o); }))
        return verdict::origin;
    if (cdn_.contains(network)) return verdict::cdn;
    return own_name ? verdict::other : verdict::third_party;
}

bool Classifier::in_domain(std::string_view raw) const {
    auto name = normalize_name(raw);
    return name == domain_ || (name.size() > domain_.size() && name.ends_with(domain_) &&
                               name[name.size() - domain_.size() - 1] == '.');
}

namespace {

bool v4_char(char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; }
bool v6_char(char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; }

void try_add(std::string_view token, std::vector<ip::address>& out) {
    while (!token.empty() && token.back() == '.') token.remove_suffix(1);
    if (token.size() < 2) return;
    boost::system::error_code ec;
    auto a = ip::make_address(std::string(token), ec);
    if (ec) return;
    a = unmap_v4(a);
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
}

// Maximal run of characters matching `pred` starting at i, not preceded by one.
std::size_t run_end(std::string_view text, std::size_t i, bool (*pred)(char)) {
    while (i < text.size() && pred(text[i])) ++i;
    return i;
}

}  // namespace

std::vector<ip::address> ip_literals(std::string_view text) {
    std::vector<ip::address> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!v6_char(text[i])) {
            ++i;
            continue;
        }
        auto end = run_end(text, i, v6_char);
        auto token = text.substr(i, end - i);
        if (std::count(token.begin(), token.end(), ':') >= 2) {
            try_add(token, out);
        } else {
            // Not v6: look for dotted-quad runs inside (e.g. "1.2.3.4:8080").
            for (std::size_t j = i; j < end;) {
                if (!v4_char(text[j])) { ++j; continue; }
                auto e = run_end(text, j, v4_char);
                bool glued = (j > 0 && std::isalnum(static_cast<unsigned char>(text[j - 1]))) ||
                             (e < text.size() && std::isalnum(static_cast<unsigned char>(text[e])));
                if (!glued) try_add(text.substr(j, e - j), out);
                j = e;
            }
        }
        i = end;
    }
    return out;
}

}  // namespace exposcan::leak
