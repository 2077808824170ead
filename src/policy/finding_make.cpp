#include "policy/finding_make.hpp"

#include <algorithm>

#include "exposcan/escape.hpp"

namespace exposcan::policy::detail {

std::string tcp_location(const Target& target, std::optional<std::uint16_t> port) {
    auto host = target.address.is_v6() ? "[" + target.address_string() + "]" : target.address_string();
    return "tcp://" + host + (port ? ":" + std::to_string(*port) : "");
}

Finding make_finding(Rule rule, const Target& target, std::optional<std::uint16_t> port, bool elevated) {
    const auto& info = rules::info(rule);
    Finding f;
    f.rule = std::string(info.id);
    f.severity = info.severity_if(elevated);
    f.fix = std::string(info.fix);
    f.target = target.name;
    f.address = target.address_string();
    f.port = port;
    f.location = tcp_location(target, port);
    return f;
}

std::string safe_text(std::string_view text) {
    bool printable = std::all_of(text.begin(), text.end(),
                                 [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
    return printable && text.size() <= 512 ? std::string(text) : sanitize(text);
}

}  // namespace exposcan::policy::detail
