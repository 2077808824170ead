// `exposcan init`: the current state written down as a policy, with comments
// that teach the format, so adoption is one command and one review.
#include <sstream>

#include "exposcan/policy.hpp"

namespace exposcan::policy {

namespace {

// YAML double-quoted scalar: only \ and " need escaping for what we write.
std::string yaml_quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string yaml_list(const PortSet& ports) {
    if (ports.empty()) return "[]";
    std::string text = ports.to_string();  // "22,25,80-443"
    std::string list = "[";
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        auto item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        list += (list.size() > 1 ? ", " : "") + (item.find('-') == std::string::npos ? item : yaml_quoted(item));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return list + "]";
}

// Ports where the addresses disagree (a parity problem today), for a comment.
PortSet disagreeing(const PortSet& answered, const std::vector<TargetScan>& scans) {
    PortSet out;
    for (auto p : answered.to_vector())
        for (const auto& s : scans)
            if (s.lookup(p).state != scans.front().lookup(p).state) out.add(p);
    return out;
}

}  // namespace

std::string starter_policy(const std::string& name, const std::vector<std::string>& addresses,
                           const PortSet& ports, const std::vector<TargetScan>& scans) {
    PortSet open, closed;
    for (const auto& s : scans)
        for (const auto& r : s.ports) {
            if (r.state == PortState::open) open.add(r.port);
            else if (r.state == PortState::closed) closed.add(r.port);
        }
    for (auto p : open.to_vector()) closed.remove(p);  // open somewhere wins
    std::ostringstream y;
    y << "# exposcan policy: what " << name << " should look like from outside.\n"
      << "# Written by `exposcan init` from the state seen now; review it, then run\n"
      << "#   exposcan check THIS_FILE      (exit 0 clean, 1 findings, 2 inconclusive, 3 bad policy)\n"
      << "version: 1\ntargets:\n"
      << "  - name: " << yaml_quoted(name) << "\n"
      << "    # IPv4/IPv6 literals, hostnames or CIDRs; both families are compared (ipv6.parity)\n"
      << "    addresses: [";
    for (std::size_t i = 0; i < addresses.size(); ++i) y << (i ? ", " : "") << yaml_quoted(addresses[i]);
    y << "]\n"
      << "    # domain: example.com          # set it to audit DNS/HTTP/TLS for origin leaks\n"
      << "    # cdn: cloudflare              # or a file of CIDRs, one per line\n"
      << "    ports: " << (ports == PortSet::all() ? "all" : yaml_quoted(ports.to_string())) << "\n"
      << "    expect:\n"
      << "      default: filtered            # every port not listed below must not answer\n"
      << "      open: " << yaml_list(open) << "   # anything else open is port.unexpected-open\n"
      << "      closed: " << yaml_list(closed) << "   # answered with a reset\n"
      << "      # 9200: filtered             # one port's expectation, when it matters to say so\n";
    auto differ = disagreeing([&] { PortSet a = open; for (auto p : closed.to_vector()) a.add(p); return a; }(), scans);
    if (!differ.empty())
        y << "      # NOTE: the addresses disagree on " << differ.to_string()
          << " today (ipv6.parity will report it)\n";
    y << "    services: deny-unauthenticated # probe open ports; unauthenticated services are findings\n";
    return y.str();
}

}  // namespace exposcan::policy
