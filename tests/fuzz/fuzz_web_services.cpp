// The web service table's classifiers (hint, identify, decide) over hostile
// answers. Input layout: three answers (GET /, the identifying GET, the
// deciding GET) separated by 0x01, each laid out as http_answer.hpp says.
// Every entry of the table runs on them; none may throw or read out of bounds.
#include <cstdint>

#include "http_answer.hpp"
#include "probe/web_services.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace p = exposcan::probe;
    exposcan::fuzz::Input in(data, size);
    auto root = exposcan::fuzz::http_answer(in.field('\x01'));
    auto answer = exposcan::fuzz::http_answer(in.field('\x01'));
    auto follow = exposcan::fuzz::http_answer(in.rest());
    for (const auto& s : p::web_services()) {
        (void)s.hint(root);
        (void)p::classify_web_service(s, root, answer, &follow);
        (void)p::classify_web_service(s, root, root, nullptr);
    }
    return 0;
}
