// Every HTTP classifier over one hostile answer. Input layout: a status
// selector byte, then "name:value" header lines up to an empty line, then the
// body. The classifiers must never throw (they run inside a probe coroutine).
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/http_classify.hpp"

namespace {

using exposcan::net::HttpResponse;

HttpResponse make_response(exposcan::fuzz::Input& in) {
    static constexpr long k_statuses[] = {200, 401, 403, 302, 301, 404, 500, 0};
    HttpResponse r;
    r.error = exposcan::net::HttpError::none;
    auto sel = in.byte();
    r.status = sel < 8 ? k_statuses[sel] : sel;
    for (auto line = in.field('\n'); !line.empty(); line = in.field('\n')) {
        auto colon = line.find(':');
        auto name = std::string(line.substr(0, colon));
        auto value = colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1));
        if (name == "location") r.redirect_location = value;
        r.headers.emplace_back(std::move(name), std::move(value));
    }
    r.body = std::string(in.rest());
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace p = exposcan::probe;
    exposcan::fuzz::Input in(data, size);
    auto r = make_response(in);
    (void)p::classify_search(r);
    if (auto* flavour = p::dashboards_flavour(r)) (void)p::classify_dashboards(flavour, r, r);
    (void)p::classify_dashboards("kibana", r, r);
    (void)p::classify_docker_version(r);
    auto etcd = p::classify_etcd_version(r);
    (void)p::classify_etcd_range(etcd ? *etcd : p::Verdict{}, r);
    (void)p::looks_like_prometheus(r);
    (void)p::classify_prometheus_buildinfo(r);
    (void)p::classify_metrics(r);
    (void)p::classify_mastodon(r);
    (void)p::classify_mastodon_streaming(r);
    (void)p::looks_like_mongodb_http(r);
    (void)p::unknown_http(r);
    return 0;
}
