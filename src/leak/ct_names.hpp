// Names of a domain from a certificate-transparency search answer in crt.sh's
// JSON layout: an array of objects whose "common_name" and "name_value" (names
// separated by newlines) hold the certificate's names. Hostile bytes: depth
// and size are bounded, names validated, wildcards stripped, deduplicated.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::leak {

struct CtNames {
    std::vector<std::string> names;  // sorted, unique, inside the domain (the apex excluded)
    std::size_t entries = 0;         // certificate entries read
    bool capped = false;             // more than max_names distinct names: the rest dropped
};

// nullopt: not a JSON array in crt.sh's layout (the part is then inconclusive).
std::optional<CtNames> parse_ct_names(std::string_view json, std::string_view domain, std::size_t max_names);

// The search URL: BASE?q=%25.DOMAIN&output=json (crt.sh's documented form).
std::string ct_query_url(std::string_view base, std::string_view domain);

}  // namespace exposcan::leak
