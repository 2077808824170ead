// Every HTTP classifier over one hostile answer (layout: http_answer.hpp).
// The classifiers must never throw (they run inside a probe coroutine).
#include <cstdint>

#include "http_answer.hpp"
#include "probe/http_classify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace p = exposcan::probe;
    exposcan::fuzz::Input in(data, size);
    auto r = exposcan::fuzz::http_answer(in);
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
