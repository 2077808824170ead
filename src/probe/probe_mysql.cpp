// MySQL / MariaDB (3306): the server speaks first, so the banner step reads
// the greeting and hands the bytes here. Nothing is sent: answering the
// handshake would be a login attempt, which a probe never makes.
#include "probe/mysql_proto.hpp"
#include "probe/probes.hpp"

namespace exposcan::probe {

namespace {

std::string greeting_evidence(const MysqlHello& h) {
    std::string out = "protocol 10 greeting, server " + h.version;
    if (!h.auth_plugin.empty()) out += ", auth plugin " + h.auth_plugin;
    return out + " (no login attempted)";
}

}  // namespace

Outcome classify_mysql(std::string_view bytes, std::size_t max_packet) {
    if (!looks_like_mysql(bytes)) return std::nullopt;
    const auto h = parse_mysql_greeting(bytes, max_packet);
    switch (h.kind) {
    case MysqlKind::greeting:  // always asks for credentials; whether they are weak is out of scope
        return make_verdict("mysql", Exposure::auth_required, h.version, greeting_evidence(h));
    case MysqlKind::error:  // 1130 host not allowed, 1040 too many connections, 1129 host blocked
        return make_verdict("mysql", Exposure::reachable_denied, "",
                            "ERR " + std::to_string(h.error_code) + ": " + h.error_message);
    case MysqlKind::invalid:
        return make_verdict("", Exposure::unknown_service, "", "mysql-like first packet: " + h.problem);
    case MysqlKind::incomplete:
        break;
    }
    return make_verdict("", Exposure::unknown_service, "",
                        "mysql-like first packet cut short: " + std::to_string(bytes.size()) + " bytes");
}

}  // namespace exposcan::probe
