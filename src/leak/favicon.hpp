// The favicon hash search engines index (Shodan's `http.favicon.hash`): an
// attacker who knows the site's favicon searches for it and finds every
// address serving it, the origin's bare IP included.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace exposcan::leak {

// MurmurHash3 x86 32-bit (Appleby's reference), as a signed value like the
// Python mmh3.hash() that Shodan uses.
std::int32_t murmur3_32(std::string_view data, std::uint32_t seed = 0);

// Base64 the way Python's base64.encodebytes (codecs "base64") writes it: a
// newline after every 76 characters and after the last line; "" for "".
std::string base64_lines(std::string_view data);

// Shodan's favicon hash: mmh3(base64_lines(bytes)).
std::int32_t favicon_hash(std::string_view bytes);

// "http.favicon.hash:N", the search query an attacker would run.
std::string favicon_query(std::int32_t hash);

}  // namespace exposcan::leak
