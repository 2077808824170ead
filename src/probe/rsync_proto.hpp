// The rsync daemon's line protocol as far as the probe needs it (pure,
// bounded): the server's `@RSYNCD: 31.0 [digests]` greeting and its answer to
// `#list` (module lines "name<TAB>comment", ended by `@RSYNCD: EXIT`).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exposcan::probe {

enum class RsyncKind { incomplete, ok, error, invalid };

struct RsyncGreeting {
    RsyncKind kind = RsyncKind::incomplete;  // ok: a well-formed greeting line
    std::string version;                     // "31.0"
    std::size_t consumed = 0;                // bytes of the greeting line, newline included
};

// `@RSYNCD: <major>.<minor>[ digest...]\n`. invalid: anything else, or no
// newline within max_line bytes.
RsyncGreeting parse_rsync_greeting(std::string_view bytes, std::size_t max_line = 512);

struct RsyncListing {
    RsyncKind kind = RsyncKind::incomplete;  // ok: ended by @RSYNCD: EXIT; error: an @ERROR line
    std::vector<std::string> modules;        // names of the listed modules (at most max_modules kept)
    std::size_t module_count = 0;            // all module lines seen
    std::string error;                       // the @ERROR line
};

// The answer to `#list` (the bytes after the greeting). Lines without a TAB
// are the daemon's motd and are skipped. invalid: a line over max_line bytes.
RsyncListing parse_rsync_listing(std::string_view bytes, std::size_t max_line = 1024, std::size_t max_modules = 32);

// What the probe sends: our greeting and the module-list request. Nothing
// else is ever sent (no module is selected, nothing is transferred).
std::string rsync_list_request();

}  // namespace exposcan::probe
