#!/bin/bash
# exposcan leak against a real nsd (zone with every kind of leak, and a clean
# domain) and a real nginx as CDN and origins, all on loopback 127.0.6.x.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (nginx user root, binds on 127.0.6.x)"
start_nsd
start_nginx
printf '# test list\r\nwww\r\ndirect\ndev\n\nmail\nns1\nstaging\nnothere\n' >"$WORK/words.txt"
common=(--dns-server "$DNS_SERVER" --cdn-ranges "$WORK/cdn-ranges.txt" --http-port "$HTTP_PORT"
        --https-port "$HTTPS_PORT" --insecure --wordlist "$WORK/words.txt" --dns-timeout 1000)

# 1. The leaky site: every rule fires with the right severity; exit 1.
leak_run leaky --domain example.test --origin 127.0.6.3 "${common[@]}"
expect_rc leaky 1
for rule in leak.dns.aaaa leak.dns.mx leak.dns.spf leak.dns.txt leak.dns.subdomain leak.dns.cname leak.dns.ptr \
            leak.http.header leak.http.redirect leak.tls.cert-san origin.serves-directly; do
    expect_rule leaky "$rule" high
done
expect_rule leaky leak.dns.subdomain medium    # dev -> 127.0.6.4, a non-CDN host
expect_rule leaky leak.dns.spf medium          # include -> a:relay -> 127.0.6.4
expect_rule leaky leak.dns.ns medium
# One fact, one finding: ns1 (NS, SOA MNAME and wordlist) and mail (MX and wordlist) each give one
# finding under the more specific rule; the evidence names the other path.
[ "$(q leaky "[(f['rule'], f['evidence']) for f in d['findings'] if f['location']=='dns://ns1.example.test#127.0.6.4']")" = \
  "[('leak.dns.ns', 'ns1.example.test -> 127.0.6.4 (NS); also found by dns.soa, dns.subdomain')]" ] ||
    fail "leaky: ns1.example.test not exactly one leak.dns.ns finding: $(q leaky "[f['rule'] for f in d['findings'] if 'ns1.' in f['location']]")"
[ "$(q leaky "[f['rule'] for f in d['findings'] if f['location']=='dns://mail.example.test#127.0.6.3']")" = "['leak.dns.mx']" ] ||
    fail "leaky: mail.example.test not exactly one leak.dns.mx finding"
[ "$(q leaky "sorted(c['check'] for c in d['leak']['checks'] if c['subject']=='ns1.example.test')")" = "['dns.ns', 'dns.soa', 'dns.subdomain']" ] ||
    fail "leaky: leak.checks should still list both paths to ns1"
[ "$(q leaky "[c['verdict'] for c in d['leak']['checks'] if c['check']=='dns.a' and c['value']=='127.0.6.2']")" = "['cdn']" ] ||
    fail "leaky: apex A in the CDN range not classified cdn"
[ "$(q leaky "len(d['inconclusive'])")" = 0 ] || fail "leaky: unexpected inconclusive: $(q leaky "d['inconclusive']")"
echo "leaky: $(q leaky "len(d['findings'])") findings in ${ELAPSED}s"

# 2. The clean site: mail and SPF at a provider, origin rejects unknown Host/SNI; exit 0.
leak_run clean --domain clean.test --origin 127.0.6.5 "${common[@]}"
expect_rc clean 0
[ "$(q clean "len(d['findings'])")" = 0 ] || fail "clean: findings $(q clean "[f['rule'] for f in d['findings']]")"
case "$(q clean "[c['verdict'] for c in d['leak']['checks'] if c['check']=='dns.mx']")" in
    *third-party*) ;; *) fail "clean: provider MX not classified third-party";; esac
echo "clean: 0 findings in ${ELAPSED}s"

# 3. nsd answers REFUSED for a zone it does not serve: inconclusive, exit 2.
leak_run refused --domain unserved.test --origin 127.0.6.3 "${common[@]}" --no-http
expect_rc refused 2
expect_inconclusive refused "REFUSED"
echo "refused: exit 2 in ${ELAPSED}s"
echo PASS
