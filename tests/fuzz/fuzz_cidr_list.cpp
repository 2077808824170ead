// CDN range files (--cdn-ranges FILE, update-ranges downloads): user or
// network text. parse_cidr_list either returns a set or throws UsageError.
#include <cstdint>

#include "exposcan/error.hpp"
#include "leak/cidr_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto set = exposcan::leak::parse_cidr_list(text, "fuzz.txt");
        (void)set.range_count();
        (void)set.contains(boost::asio::ip::make_address("203.0.113.10"));
        (void)set.contains(boost::asio::ip::make_address("::ffff:104.16.0.1"));
    } catch (const exposcan::UsageError&) {
    }
    return 0;
}
