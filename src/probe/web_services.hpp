// HTTP services decided by one or two read-only requests after GET /, as data:
// GET /'s answer hints the service (a header, a redirect, a body marker),
// one GET identifies it and may decide, and an optional second GET decides
// access when the first left it open (identify's verdict still says
// unknown-service). Hints keep an unrecognised web server cheap: only the
// entries whose hint matches cost a request.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <span>
#include <string_view>

#include "net/http.hpp"
#include "probe/session.hpp"
#include "probe/verdict.hpp"

namespace exposcan::probe {

struct WebService {
    std::string_view name;
    bool (*hint)(const net::HttpResponse& root);
    std::string_view path;  // identifies ("" = GET / itself)
    Outcome (*identify)(const net::HttpResponse& root, const net::HttpResponse& answer);
    std::string_view follow = {};  // decides access when identify left it open
    Verdict (*decide)(Verdict identified, const net::HttpResponse& answer) = nullptr;
};

std::span<const WebService> web_services();
const WebService* find_web_service(std::string_view name);

// Every entry whose hint matches `root`, in table order; the first verdict wins.
boost::asio::awaitable<Outcome> probe_web_services(WebSession& w, const net::HttpResponse& root);

// Runs one entry (identify, then decide) against answers already fetched:
// the pure part of probe_web_services, for unit tests and fuzzing.
Outcome classify_web_service(const WebService& s, const net::HttpResponse& root,
                             const net::HttpResponse& answer, const net::HttpResponse* follow_answer);

}  // namespace exposcan::probe
