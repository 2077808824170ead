# bash completion for exposcan(1). Self-contained (no bash-completion helpers
# needed); tests/ship/test_completions.sh runs it and compares what it offers
# with `exposcan SUB --help`, so a new flag without a completion fails CI.

_exposcan_flags() {  # _exposcan_flags SUB: every flag of SUB ("" = no subcommand yet)
    local help="-h --help"
    local engine="--rate --deadline --no-probe --allow-wide"
    local output="-f --format -o --output -v --verbose -q --quiet"
    local gate="--baseline --fail-on --fail-on-any --canary"
    local targets="--targets-file -iL --exclude --exclude-file"
    case $1 in
        "") echo "$help --version" ;;
        scan) echo "$help -p --ports $targets --expect-open --expect-closed --policy $engine --max-inflight" \
            "--shard --vantage --retries --max-retries --threads --timeout-initial --timeout-min --timeout-max $output $gate" ;;
        check) echo "$help $engine --dns-server --cdn-ca --vantage --shard $output $gate" ;;
        init) echo "$help -p --ports $targets --name -o --output $engine --dns-server" ;;
        leak) echo "$help --deadline $output --domain --origin --dns-server --dns-timeout --dns-tries" \
            "--wordlist --cdn --cdn-ranges --http-port --https-port --insecure --cdn-ca --no-http" \
            "--no-axfr --axfr-port --ct --ct-url --path --max-pages --origin-port --old-origin --near --allow-wide --egress-listen --egress-timeout" ;;
        update-ranges) echo "$help -o --output --url-base" ;;
        merge) echo "$help --policy $output --baseline --fail-on --fail-on-any" ;;
        demo | rules) echo "$help" ;;
    esac
}

_exposcan() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local subs="scan check init leak update-ranges demo rules merge" sub="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case " $subs " in *" ${COMP_WORDS[i]} "*) sub=${COMP_WORDS[i]}; break ;; esac
    done
    # The value of the previous flag, if it takes one.
    case $prev in
        -f | --format) mapfile -t COMPREPLY < <(compgen -W "text json jsonl sarif junit prometheus html nmap-xml" -- "$cur"); return ;;
        --fail-on) mapfile -t COMPREPLY < <(compgen -W "info low medium high critical never" -- "$cur"); return ;;
        --cdn) mapfile -t COMPREPLY < <(compgen -W "cloudflare" -- "$cur"); return ;;
        -o | --output | --policy | --baseline | --wordlist | --cdn-ranges | --cdn-ca | --targets-file | -iL | --exclude-file)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
        -p | --ports | --expect-open | --expect-closed | --rate | --deadline | --max-inflight | --retries | \
            --max-retries | --threads | --timeout-initial | --timeout-min | --timeout-max | --canary | \
            --dns-server | --name | --domain | --origin | --dns-timeout | --dns-tries | --http-port | \
            --https-port | --url-base | --exclude | --shard | --vantage)
            COMPREPLY=(); return ;;
    esac
    if [[ -z $sub && $cur != -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
    elif [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_exposcan_flags "$sub")" -- "$cur")
    elif [[ $sub == check || $sub == merge ]]; then  # the policy file, the shard reports
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    else
        COMPREPLY=()
    fi
}
complete -F _exposcan exposcan
