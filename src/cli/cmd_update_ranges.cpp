// `exposcan update-ranges`: refresh the cached Cloudflare ranges.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "leak/update_ranges.hpp"

namespace exposcan::cli {

namespace {

struct UpdateFlags {
    std::string output;
    std::string url_base = leak::k_cloudflare_url_base;
    LeakOptions options;
};

int run(const UpdateFlags& flags) {
    auto r = leak::update_ranges(flags.url_base, flags.output, flags.options);
    if (!r.ok) {
        std::cerr << "exposcan: update-ranges: " << r.error << " (cache left unchanged)\n";
        return 2;
    }
    std::cout << "wrote " << r.v4 << " IPv4 and " << r.v6 << " IPv6 ranges to " << r.path << '\n';
    return 0;
}

}  // namespace

Action add_update_ranges_command(CLI::App& app) {
    auto flags = std::make_shared<UpdateFlags>();
    auto* cmd = app.add_subcommand("update-ranges", "Fetch Cloudflare's current IP ranges into the cache");
    cmd->footer("Without --output the cache is $XDG_CACHE_HOME/exposcan/cloudflare-ranges.txt\n"
                "(or ~/.cache/...); `leak --cdn cloudflare` uses it instead of the built-in list.");
    cmd->add_option("-o,--output", flags->output, "File to write (default: the cache)");
    cmd->add_option("--url-base", flags->url_base, "Where ips-v4 and ips-v6 are (default https://www.cloudflare.com)");
    return [flags] { return run(*flags); };
}

}  // namespace exposcan::cli
