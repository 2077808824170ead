# Sourced by test_manifests.sh inside `unshare -n`: runs the shell that
# manifest_schemas.py extracted into $tmp/x, as the pods and runners would,
# against listeners on this namespace's loopback, and compares merge with one
# unsharded run. Everything it starts is ended by its own trap.
pids=()
cleanup() { ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; }  # $tmp is the outer test's
trap cleanup EXIT INT TERM
ip link set lo up
ok_port=8443 bad_port=9200  # open, expected; open, not expected: exit 1 with one finding per family
for a in 127.0.0.1 ::1; do
    for p in $ok_port $bad_port; do
        # A service that speaks first, so the probe classifies it at once
        # (unknown-service) in every run: a silent one ends on timeouts whose
        # order differs from run to run, and so would its evidence.
        "$py" -c 'import socket, sys, threading
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam); s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(64)
def serve(c):
    try:
        c.sendall(b"exposcan-manifests-test ready\r\n")
        while c.recv(4096):
            pass
    except OSError:
        pass
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()' "$a" "$p" &
        pids+=($!)
    done
done
for a in 127.0.0.1 ::1; do
    for p in $ok_port $bad_port; do
        for _ in $(seq 50); do "$py" -c 'import socket, sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1)' "$a" "$p" 2>/dev/null && break; sleep 0.1; done
    done
done

# The ConfigMap's two keys / the workflow's policies/: loopback instead of the
# documentation addresses, which must never be scanned; ports 1-10000 (both
# listeners inside) instead of all, to keep the four runs quick under ctest -j.
printf '# loopback, both families\n127.0.0.1\n::1\n' >"$tmp/targets.txt"
printf 'version: 1\ntargets:\n  - name: lo\n    addresses: [127.0.0.1, "::1"]\n    ports: [1-10000]\n    expect:\n      default: closed\n      open: [%s]\n    services: ignore\n' \
    "$ok_port" >"$tmp/policy.yaml"
mkdir -p "$tmp/bin"
ln -s "$EXPOSCAN" "$tmp/bin/exposcan"  # `exposcan` on PATH, as the image and the .deb put it
export PATH="$tmp/bin:$PATH"
shards=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["k8s"]["shards"])' "$tmp/x/facts.json")

# One unsharded run: the shard command without --shard, every compared writer.
mkdir -p "$tmp/single"
single_rc=0
exposcan scan -iL "$tmp/targets.txt" -p - --policy "$tmp/policy.yaml" --quiet --format "text=$tmp/single/r.txt" \
    --format "json=$tmp/single/r.json" --format "sarif=$tmp/single/r.sarif" --format "junit=$tmp/single/r.xml" ||
    single_rc=$?
[[ $single_rc == 1 ]] || fail "the unsharded run exited $single_rc, want 1 (port $bad_port open, not expected)"
grep -q '"rule": "port.unexpected-open"' "$tmp/single/r.json" || fail "the unsharded run has no port.unexpected-open"

# same WHAT FILE SINGLE-FILE: normalized FILE equals the single run's.
same() {
    "$py" "$norm" "$3" >"$tmp/a"
    "$py" "$norm" "$2" >"$tmp/b"
    cmp -s "$tmp/a" "$tmp/b" || fail "$1 differs from the unsharded run: $(diff "$tmp/a" "$tmp/b" | head -20)"
    log "$1 equals the unsharded run's"
}

# Kubernetes: indexes 0..SHARDS-1 in parallel, then index SHARDS (the merge pod).
root=$tmp/k8s
mkdir -p "$root/config" "$root/results"
cp "$tmp/targets.txt" "$tmp/policy.yaml" "$root/config/"
pod() {  # pod INDEX: the container's command, with the env the Job gives it
    env K8S_ROOT="$root" JOB_COMPLETION_INDEX="$1" SHARDS="$shards" RUN_ID=exposcan-fleet-29410000 /bin/sh -c "$(cat "$tmp/x/k8s.sh")"
}
bg=()
for ((i = 0; i < shards; i++)); do pod "$i" >"$root/pod-$i.out" 2>&1 & bg+=($!); done
for ((i = 0; i < shards; i++)); do wait "${bg[$i]}" || fail "k8s shard pod $i exited $?: $(cat "$root/pod-$i.out")"; done
merge_rc=0
pod "$shards" >"$root/merged.txt" 2>"$root/merge.err" || merge_rc=$?
[[ $merge_rc == "$single_rc" ]] || fail "k8s merge pod exited $merge_rc, the unsharded run $single_rc: $(cat "$root/merge.err")"
run_dir=$root/results/exposcan-fleet-29410000
same "k8s merged.json" "$run_dir/merged.json" "$tmp/single/r.json"
same "k8s merged.sarif" "$run_dir/merged.sarif" "$tmp/single/r.sarif"
same "k8s merge pod's text" "$root/merged.txt" "$tmp/single/r.txt"
log "k8s: $shards shard pods + merge pod exit $merge_rc like one run"

# GitHub Actions: each matrix job in its own checkout, artifacts moved as the
# upload (path) and download (path, merge-multiple) steps say, bash -e as the runner.
gh_root=$tmp/gh
download=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["gh"]["download_dir"])' "$tmp/x/facts.json")
upload=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["gh"]["upload_path"])' "$tmp/x/facts.json")
checkout() { mkdir -p "$1/policies"; cp "$tmp/targets.txt" "$1/policies/targets.txt"; cp "$tmp/policy.yaml" "$1/policies/fleet.yaml"; }
bg=()
for ((i = 1; i <= shards; i++)); do
    checkout "$gh_root/shard-$i"
    (cd "$gh_root/shard-$i" && MATRIX_SHARD=$i SHARDS=$shards bash --noprofile --norc -e "$tmp/x/gh-shard.sh") \
        >"$gh_root/shard-$i.out" 2>&1 & bg+=($!)
done
checkout "$gh_root/merge"
mkdir -p "$gh_root/merge/$download"
for ((i = 1; i <= shards; i++)); do
    wait "${bg[$((i - 1))]}" || fail "matrix shard $i failed: $(cat "$gh_root/shard-$i.out")"
    cp "$gh_root/shard-$i/${upload//\$\{\{ matrix.shard \}\}/$i}" "$gh_root/merge/$download/"
done
: >"$gh_root/output"
(cd "$gh_root/merge" && GITHUB_OUTPUT=$gh_root/output SHARDS=$shards bash --noprofile --norc -e "$tmp/x/gh-merge.sh") \
    >"$gh_root/merged.txt" 2>"$gh_root/merge.err" || fail "the merge step itself failed: $(cat "$gh_root/merge.err")"
rc=$(sed -n 's/^rc=//p' "$gh_root/output")
gate_rc=0
MERGE_RC=$rc bash --noprofile --norc -e "$tmp/x/gh-gate.sh" || gate_rc=$?
[[ $gate_rc == "$single_rc" ]] || fail "the gate step exited $gate_rc, the unsharded run $single_rc: $(cat "$gh_root/merge.err")"
same "GitHub merge's SARIF" "$gh_root/merge/exposcan.sarif" "$tmp/single/r.sarif"
same "GitHub merge's JUnit" "$gh_root/merge/exposcan-junit.xml" "$tmp/single/r.xml"
same "GitHub merge's text" "$gh_root/merged.txt" "$tmp/single/r.txt"
log "GitHub Actions: $shards matrix jobs + merge job gate with exit $gate_rc like one run"
