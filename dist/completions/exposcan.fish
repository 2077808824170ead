# fish completion for exposcan(1). tests/ship/test_completions.sh asks fish
# (`complete -C`) what it offers per subcommand and compares that with
# `exposcan SUB --help`, so a new flag without a completion fails CI.

set -l subs scan check init leak update-ranges demo rules merge
complete -c exposcan -f
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -s h -l help -d 'Print help and exit'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -l version -d 'Print the version and exit'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a scan -d 'TCP connect scan with probes and a verdict'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a check -d 'Run everything a policy file names'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a init -d 'Write a starter policy from the current state'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a leak -d 'Audit DNS/HTTP/TLS for origin leaks'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a update-ranges -d "Fetch Cloudflare's IP ranges into the cache"
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a demo -d 'Run the lab demo (root)'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a rules -d 'Print every rule as Markdown'
complete -c exposcan -n "not __fish_seen_subcommand_from $subs" -a merge -d 'Combine scan --shard reports into one report'

# Flags shared by several subcommands.
for s in $subs
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -s h -l help -d 'Print help and exit'
end
for s in scan init
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -s p -l ports -x -d 'Ports: 22,25,80-443 or - for all'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l targets-file -o iL -r -F -d 'More targets, one per line'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l exclude -x -d 'Never scan these targets'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l exclude-file -r -F -d 'Never scan the targets in FILE'
end
for s in scan check init
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l rate -x -d 'Cap on new connects per second'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l no-probe -d 'Do not probe open ports'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l allow-wide -d 'Allow CIDR blocks wider than /24 or /120'
end
for s in scan check init leak
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l deadline -x -d 'Stop after this many seconds'
end
for s in check init leak
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l dns-server -x -d 'DNS server IP[:port]'
end
for s in scan check leak merge
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -s f -l format -x -a 'text json jsonl sarif junit prometheus html nmap-xml' -d 'Output format, or FMT=FILE'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -s v -l verbose -d 'List filtered ports too'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -s q -l quiet -d 'No progress on stderr'
end
for s in scan check leak init update-ranges merge
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -s o -l output -r -F -d 'Write to FILE'
end
for s in scan check merge
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l baseline -r -F -d 'Previous JSON report: only new and resolved findings'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l fail-on -x -a 'info low medium high critical never' -d 'Lowest severity that fails the run'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l fail-on-any -d 'With --baseline: unchanged findings fail too'
end
for s in scan check
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l canary -x -d 'HOST:PORT that must answer before and after'
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l vantage -x -d 'Label the run with the place it scans from'
end

# scan
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l expect-open -x -d 'Ports that should be open'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l expect-closed -x -d 'Ports that should be closed'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l policy -r -F -d 'Expectations from a policy file'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l shard -x -d 'Scan only share I of N, e.g. 2/3'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l max-inflight -x -d 'Connects in flight at once'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l retries -x -d 'Extra tries for a silent port'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l max-retries -x -d 'Cap on extra tries under loss'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l threads -x -d 'Scan threads'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l timeout-initial -x -d 'First per-connect timeout, ms'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l timeout-min -x -d 'Lower clamp of the timeout, ms'
complete -c exposcan -n "__fish_seen_subcommand_from scan" -l timeout-max -x -d 'Upper clamp of the timeout, ms'
# merge: the shard reports, and the policy they were scanned with
complete -c exposcan -n "__fish_seen_subcommand_from merge" -F
complete -c exposcan -n "__fish_seen_subcommand_from merge" -l policy -r -F -d 'The policy file the shards were scanned with'
# check: the policy file
complete -c exposcan -n "__fish_seen_subcommand_from check" -F
complete -c exposcan -n "__fish_seen_subcommand_from check" -l shard -x -d 'Check only share I of N, e.g. 2/3'
# init
complete -c exposcan -n "__fish_seen_subcommand_from init" -l name -x -d 'Target name in the policy'
# leak
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l domain -x -d "The site's domain"
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l origin -x -d "The origin's address (repeatable)"
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l dns-timeout -x -d 'Per-try DNS timeout, ms'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l dns-tries -x -d 'DNS tries per query'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l wordlist -r -F -d 'Subdomain names, one per line'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l cdn -x -a cloudflare -d 'Built-in CDN ranges'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l cdn-ranges -r -F -d "File of the CDN's CIDRs"
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l http-port -x -d 'Port of the site over http'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l https-port -x -d 'Port of the site over https'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l insecure -d "Do not verify the CDN's certificate"
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l no-http -d 'DNS checks only'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l no-axfr -d 'Do not try a zone transfer (AXFR)'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l axfr-port -x -d 'Port of the name servers for AXFR'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l ct -d 'Judge names from certificate transparency'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l ct-url -x -d 'crt.sh-compatible search URL'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l path -x -d 'Another page to judge through the CDN'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l max-pages -x -d 'Pages fetched through the CDN'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l origin-port -x -d 'Another port to ask the origin for the site'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l old-origin -x -d 'An earlier origin address'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l near -x -d 'A block of your own around the origin'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l allow-wide -d 'Allow --near blocks wider than /24 or /120'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l egress-listen -x -d 'Listen on ADDR:PORT for an egress fetch'
complete -c exposcan -n "__fish_seen_subcommand_from leak" -l egress-timeout -x -d 'Seconds to wait for the egress fetch'
for s in check leak
    complete -c exposcan -n "__fish_seen_subcommand_from $s" -l cdn-ca -r -F -d 'PEM CA bundle that verifies the CDN'
end
# update-ranges
complete -c exposcan -n "__fish_seen_subcommand_from update-ranges" -l url-base -x -d 'Where ips-v4 and ips-v6 are'
