// The one way exposcan reads a user-named file (policy, baseline, CDN ranges,
// wordlist, the update-ranges cache). Each kind has a cap in Limits
// (options.hpp, docs/resource-bounds.md "Files"), enforced while reading: a
// stat() size says nothing about /dev/zero, a FIFO or a growing file.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace exposcan {

// The whole content of `path`, at most `cap` bytes. Throws UsageError (exit 3)
//   "PATH: cannot read WHAT: REASON"  (missing, unreadable, a directory)
//   "PATH: WHAT is larger than the N MiB limit"  (stops reading at cap + 1 byte)
// `what` names the file's role for the message ("policy file", "baseline").
std::string read_file_capped(const std::string& path, std::size_t cap, std::string_view what);

// "4 MiB", "512 KiB", "100 bytes": how caps are shown in messages.
std::string format_size(std::size_t bytes);

}  // namespace exposcan
