#!/bin/bash
# Issue 15, DNS and CT side, against a real nsd (deep.test zone, open AXFR) and
# a loopback CT endpoint serving crt.sh-layout JSON: a TXT v6 literal, an open
# zone transfer (and the TXT of the names only it shows), an HTTPS ipv6hint and
# an SVCB ipv4hint, TXT of CT names, an SRV target, the SOA MNAME, _dc-mx and a
# CT name pointing at the origin are each found with their record and fix; the
# zone's wildcard does not turn wordlist or CT names into leaks; a CT endpoint
# that is down is inconclusive, never clean.
source "$(dirname "$0")/lib.sh"
start_nsd
CT_PORT=$(free_port 127.0.6.1)
/usr/bin/python3 "$EXPOSCAN_SOURCE_DIR/tests/fixtures/ct/ct_server.py" 127.0.6.1 "$CT_PORT" \
    "$EXPOSCAN_SOURCE_DIR/tests/fixtures/ct/crtsh-deep.test.json" deep.test &
PIDS+=($!)
wait_for 5 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.6.1', $CT_PORT), 1).close()" ||
    fail "ct_server.py did not start"
echo "127.0.6.2/32" >"$WORK/cdn-ranges.txt"
printf 'www\ndev\nmail\nstaging\nnothere\n' >"$WORK/words.txt"
common=(--dns-server "$DNS_SERVER" --cdn-ranges "$WORK/cdn-ranges.txt" --wordlist "$WORK/words.txt"
        --dns-timeout 1000 --no-http --axfr-port "$DNS_PORT")

# 1. Every technique finds its record; exit 1.
leak_run deep --domain deep.test --origin 127.0.6.3 --origin 2001:db8::10 "${common[@]}" \
    --ct-url "http://127.0.6.1:$CT_PORT/"
expect_rc deep 1
expect_rule deep leak.dns.txt high      # "ipv6-backend=[2001:db8::10]:8443"
expect_rule deep leak.dns.https high    # ipv6hint=2001:db8::10
expect_rule deep leak.dns.axfr high     # the open transfer names the origin
expect_rule deep leak.dns.srv medium    # _xmpp-client._tcp -> chat -> 127.0.6.4
expect_rule deep leak.dns.soa medium    # MNAME primary -> 127.0.6.4
expect_rule deep leak.dns.mx high       # _dc-mx -> origin
expect_rule deep leak.ct.name high      # certonly.deep.test -> origin
loc() { q deep "sorted(f['rule'] for f in d['findings'] if f['location']=='$1')"; }
[ "$(loc 'dns://deep.test#2001:db8::10')" = "['leak.dns.https', 'leak.dns.txt']" ] ||
    fail "deep: apex TXT literal + HTTPS hint: $(loc 'dns://deep.test#2001:db8::10')"
[ "$(loc 'dns://certonly.deep.test#127.0.6.3')" = "['leak.ct.name']" ] ||
    fail "deep: certonly not one leak.ct.name finding: $(loc 'dns://certonly.deep.test#127.0.6.3')"
[ "$(loc 'dns://_dns.deep.test#127.0.6.3')" = "['leak.dns.https']" ] ||
    fail "deep: the SVCB ipv4hint: $(loc 'dns://_dns.deep.test#127.0.6.3')"
[ "$(loc 'dns://hidden.deep.test#2001:db8::10')" = "['leak.dns.txt']" ] ||
    fail "deep: TXT of a name only the transfer shows: $(loc 'dns://hidden.deep.test#2001:db8::10')"
[ "$(loc 'dns://hidden.deep.test#127.0.6.3')" = "['leak.dns.subdomain']" ] ||
    fail "deep: the name only the transfer shows is not judged: $(loc 'dns://hidden.deep.test#127.0.6.3')"
fix=$(q deep "[f['fix'] for f in d['findings'] if f['rule']=='leak.dns.axfr'][0]")
case "$fix" in *allow-transfer*) ;; *) fail "deep: AXFR fix does not say allow-transfer: $fix";; esac
ev=$(q deep "[f['evidence'] for f in d['findings'] if f['rule']=='leak.ct.name'][0]")
case "$ev" in *"certificate transparency"*) ;; *) fail "deep: CT evidence: $ev";; esac
# The wildcard (to the CDN) makes www/dev/mail/staging/old resolve: none is a leak.
bad=$(q deep "[f['location'] for f in d['findings'] if any(w in f['location'] for w in ('//www.','//dev.','//mail.','//staging.','//old.','//nothere.','exposcan-'))]")
[ "$bad" = "[]" ] || fail "deep: wildcard names reported as leaks: $bad"
[ "$(q deep "[c['verdict'] for c in d['leak']['checks'] if c['subject']=='*.deep.test' and c['detail'].startswith('wildcard')]")" = "['cdn']" ] ||
    fail "deep: wildcard not detected and judged once"
case "$(q deep "[c['detail'] for c in d['leak']['checks'] if c['check']=='ct.name' and c['subject']=='deep.test']")" in
    *"5 certificates, 4 names"*) ;;   # www, certonly, old, staging (apex, wildcard, escapes, foreign names out)
    *) fail "deep: CT summary: $(q deep "[c['detail'] for c in d['leak']['checks'] if c['check']=='ct.name']")";; esac
grep -q $'\x1b' "$WORK/deep.json" "$WORK/deep.txt" && fail "deep: an escape byte reached the report"
[ "$(q deep "len(d['inconclusive'])")" = 0 ] || fail "deep: unexpected inconclusive: $(q deep "d['inconclusive']")"
echo "deep: $(q deep "len(d['findings'])") findings in ${ELAPSED}s"

# 1b. Without the zone transfer, CT alone leads to certonly's TXT.
leak_run ctonly --domain deep.test --origin 127.0.6.3 --origin 2001:db8::10 "${common[@]}" --no-axfr \
    --ct-url "http://127.0.6.1:$CT_PORT/"
expect_rc ctonly 1
[ "$(q ctonly "sorted(f['rule'] for f in d['findings'] if f['location']=='dns://certonly.deep.test#2001:db8::10')")" = "['leak.dns.txt']" ] ||
    fail "ctonly: TXT of a CT name: $(q ctonly "[f['location'] for f in d['findings']]")"

# 2. CT endpoint down (nothing listens): that part inconclusive, exit 2 for a clean domain.
DEAD_PORT=$(free_port 127.0.6.1)
leak_run ctdown --domain clean.test --origin 127.0.6.5 "${common[@]}" --ct-url "http://127.0.6.1:$DEAD_PORT/"
expect_rc ctdown 2
expect_inconclusive ctdown "ct.name clean.test: CT search failed"
# 3. The same without CT: clean, and the closed zone transfer is not a finding.
leak_run clean --domain clean.test --origin 127.0.6.5 "${common[@]}"
expect_rc clean 0
echo PASS
