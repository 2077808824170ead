// The web service table's classifiers (hint, identify, decide) over hostile
// answers. Input layout: three answers (GET /, the identifying GET, the
// deciding GET) separated by 0x01; each is a status selector byte, then
// "name:value" header lines up to an empty line, then the body. Every entry
// of the table runs on them; none may throw or read out of bounds.
#include <cstdint>

#include "fuzz_input.hpp"
#include "probe/web_services.hpp"

namespace {

using exposcan::net::HttpResponse;

HttpResponse make_response(std::string_view bytes) {
    static constexpr long k_statuses[] = {200, 401, 403, 302, 301, 404, 500, 0};
    exposcan::fuzz::Input in(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
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
    auto root = make_response(in.field('\x01'));
    auto answer = make_response(in.field('\x01'));
    auto follow = make_response(in.rest());
    for (const auto& s : p::web_services()) {
        (void)s.hint(root);
        (void)p::classify_web_service(s, root, answer, &follow);
        (void)p::classify_web_service(s, root, root, nullptr);
    }
    return 0;
}
