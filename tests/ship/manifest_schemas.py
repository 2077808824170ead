#!/usr/bin/python3
"""The scheduler examples (dist/k8s/*.yaml, dist/ci/github-actions-shards.yml)
against the vendored schemas (tests/fixtures/schemas/README.md), with
Debian's python3-jsonschema and python3-yaml; used by test_manifests.sh.

  manifest_schemas.py validate FILE...    every YAML document of every FILE
      against the schema of its kind; one line per error, exit 1 if any.
  manifest_schemas.py extract K8S GH OUT  the shell the examples run and the
      facts the test cross-checks, into OUT/ (k8s.sh, gh-shard.sh,
      gh-merge.sh, facts.json); exit 1 with the reasons if the examples lost
      the shape the shard + merge commands need.

Kubernetes schemas are applied strictly: an object schema with properties
and no additionalProperties rejects unknown fields, as the API server does
with strict field validation (kubectl apply --validate=strict), so a
misspelled key (completionsMode:) fails instead of being silently dropped.
"""
import copy
import fnmatch
import json
import os
import re
import sys

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "fixtures", "schemas")
K8S = "kubernetes-v1.34.0"
# (apiVersion, kind) -> vendored schema; a kind not listed here is an error,
# so a new kind in the manifests makes someone vendor its schema.
K8S_KINDS = {
    ("v1", "ConfigMap"): "configmap-v1.json",
    ("v1", "PersistentVolumeClaim"): "persistentvolumeclaim-v1.json",
    ("batch/v1", "CronJob"): "cronjob-batch-v1.json",
}
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans (true/false only): GitHub reads `on:` as the key
    "on", where PyYAML's YAML 1.1 default would make it True."""


Yaml12Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def strict(schema):
    """Rejects unknown fields: additionalProperties: false wherever an object
    schema lists its properties and says nothing about others. Walks schema
    keywords only, so a field that happens to be named "properties" is left
    alone; x-kubernetes-preserve-unknown-fields objects stay open."""
    if not isinstance(schema, dict):
        return schema
    props = schema.get("properties")
    if isinstance(props, dict):
        for sub in props.values():
            strict(sub)
        if "additionalProperties" not in schema and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema["additionalProperties"] = False
    for key in ("items", "additionalProperties"):
        strict(schema.get(key))
    for key in SUBSCHEMA_LISTS:
        for sub in schema.get(key, []):
            strict(sub)
    return schema


def load_schema(*parts):
    with open(os.path.join(SCHEMAS, *parts), encoding="utf-8") as f:
        return json.load(f)


def schema_for(path, doc):
    """(name, schema) for one document: a workflow under .github-style names
    or dist/ci/, else a Kubernetes object by apiVersion and kind."""
    if isinstance(doc, dict) and "jobs" in doc and "apiVersion" not in doc:
        return "github-workflow.json", load_schema("schemastore", "github-workflow.json")
    key = (doc.get("apiVersion"), doc.get("kind")) if isinstance(doc, dict) else (None, None)
    if key not in K8S_KINDS:
        raise LookupError(f"{path}: no schema vendored for apiVersion {key[0]!r} kind {key[1]!r}")
    return K8S_KINDS[key], strict(load_schema(K8S, K8S_KINDS[key]))


def deepest(error):
    """For "not valid under any of the given schemas" (a workflow job is one
    of several kinds), the reason inside that reaches deepest into the
    document: the branch the author meant got furthest."""
    while error.context:
        depth = max(len(e.absolute_path) for e in error.context)
        error = jsonschema.exceptions.best_match([e for e in error.context if len(e.absolute_path) == depth])
    return error


def where(error):
    return "/".join(str(p) for p in error.absolute_path) or "(top)"


def validate(paths):
    bad = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            docs = [d for d in yaml.load_all(f, Loader=Yaml12Loader) if d is not None]
        if not docs:
            print(f"{path}: no YAML documents")
            bad += 1
        for i, doc in enumerate(docs, 1):
            try:
                name, schema = schema_for(path, doc)
            except LookupError as e:
                print(e)
                bad += 1
                continue
            errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
            for e in map(deepest, errors):
                print(f"{path}: document {i} ({name}): {where(e)}: {e.message[:200]}")
            bad += len(errors)
            if not errors:
                print(f"ok: {path}: document {i} valid against {name}")
    return 1 if bad else 0


def k8s_facts(path, problems):
    """The CronJob's pod script with its mount paths, and the numbers that
    must agree: SHARDS, completions (SHARDS + 1: the last index merges)."""
    with open(path, encoding="utf-8") as f:
        docs = {d["kind"]: d for d in yaml.load_all(f, Loader=Yaml12Loader) if d}
    job = docs["CronJob"]["spec"]["jobTemplate"]["spec"]
    pod = job["template"]["spec"]
    (c,) = pod["containers"]
    env = {e["name"]: e for e in c.get("env", [])}
    shards = int(env["SHARDS"]["value"])
    if job.get("completionMode") != "Indexed":
        problems.append("k8s: the Job is not an Indexed Job")
    if job.get("completions") != shards + 1:
        problems.append(f"k8s: completions {job.get('completions')} != SHARDS {shards} + 1 (the merge index)")
    if job.get("parallelism", 1) < shards + 1:
        problems.append("k8s: parallelism below completions: the merge pod could wait forever for a shard")
    if env.get("RUN_ID", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") != "metadata.labels['job-name']":
        problems.append("k8s: RUN_ID is not the Job's name")
    rules = job.get("podFailurePolicy", {}).get("rules", [])
    codes = {v for r in rules if r.get("action") == "FailJob" for v in r["onExitCodes"]["values"]
             if r["onExitCodes"].get("containerName") == c["name"]}
    if codes != {1, 2, 3}:
        problems.append(f"k8s: podFailurePolicy fails the Job on {sorted(codes)}, want [1, 2, 3]")
    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
    cm = volumes[next(n for n, v in volumes.items() if "configMap" in v)]
    if cm["configMap"]["name"] != docs["ConfigMap"]["metadata"]["name"]:
        problems.append("k8s: the config volume is not the shipped ConfigMap")
    pvc = [v for v in volumes.values() if "persistentVolumeClaim" in v]
    if len(pvc) != 1 or pvc[0]["persistentVolumeClaim"]["claimName"] != docs["PersistentVolumeClaim"]["metadata"]["name"]:
        problems.append("k8s: the results volume is not the shipped PersistentVolumeClaim")
    if c.get("command") != ["/bin/sh", "-c"] or len(c.get("args", [])) != 1:
        problems.append("k8s: want command [/bin/sh, -c] and one script in args")
    script = c["args"][0]
    config_mount = mounts[cm["name"]]
    for key in re.findall(re.escape(config_mount) + r"/([\w.-]+)", script):
        if key not in docs["ConfigMap"]["data"]:
            problems.append(f"k8s: the script reads {config_mount}/{key}, which the ConfigMap does not have")
    return {"shards": shards, "mounts": mounts, "config_keys": sorted(docs["ConfigMap"]["data"]),
            "script": script}


def one(items, what, problems):
    if len(items) != 1:
        problems.append(f"github: want exactly one {what}, found {len(items)}")
        return {}
    return items[0]


def gh_facts(path, problems):
    """The shard step, the merge step and the artifact plumbing between them."""
    with open(path, encoding="utf-8") as f:
        wf = yaml.load(f, Loader=Yaml12Loader)
    shards = int(wf["env"]["SHARDS"])
    shard, merge = wf["jobs"]["shard"], wf["jobs"]["merge"]
    if shard["strategy"]["matrix"]["shard"] != list(range(1, shards + 1)):
        problems.append(f"github: matrix.shard is not 1..SHARDS ({shards})")
    if shard["strategy"].get("fail-fast", True):
        problems.append("github: fail-fast would cancel the other shards; merge must see them")
    if merge.get("needs") != "shard" or "cancelled()" not in str(merge.get("if", "")):
        problems.append("github: merge must need the shard job and run after a failed shard")
    scan = one([s for s in shard["steps"] if "exposcan scan" in s.get("run", "")], "scan step", problems)
    up = one([s for s in shard["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")], "upload", problems)
    down = one([s for s in merge["steps"] if s.get("uses", "").startswith("actions/download-artifact@")], "download", problems)
    mstep = one([s for s in merge["steps"] if "exposcan merge" in s.get("run", "")], "merge step", problems)
    gate = merge["steps"][-1].get("run", "")
    if f"steps.{mstep.get('id')}.outputs.rc" not in gate:
        problems.append("github: the last step does not gate on merge's rc")
    per_shard = lambda text: text.replace("${{ matrix.shard }}", "@I@")  # noqa: E731
    written = re.search(r'--format "?json=([^"\s]+)', per_shard(scan.get("run", "")))
    if not written or per_shard(up.get("with", {}).get("path", "")) != written.group(1):
        problems.append("github: the uploaded path is not the JSON file the scan writes")
    names = [up.get("with", {}).get("name", "").replace("${{ matrix.shard }}", str(i)) for i in range(1, shards + 1)]
    if not all(fnmatch.fnmatch(n, down.get("with", {}).get("pattern", "")) for n in names) or len(set(names)) != shards:
        problems.append("github: the download pattern does not fetch every shard's artifact")
    if not down.get("with", {}).get("merge-multiple"):
        problems.append("github: without merge-multiple each artifact lands in its own folder")
    return {"shards": shards, "scan": scan.get("run", ""), "merge": mstep.get("run", ""), "gate": gate,
            "upload_path": up.get("with", {}).get("path", ""), "download_dir": down.get("with", {}).get("path", "")}


def extract(k8s_path, gh_path, out):
    problems = []
    k8s = k8s_facts(k8s_path, problems)
    gh = gh_facts(gh_path, problems)
    # The commands lab.test_shards runs: scan ... --shard I/N, then merge.
    if not re.search(r'exposcan scan .*--shard "\$i/\$SHARDS"', k8s["script"].replace("\\\n", " ")) \
            or "i=$((JOB_COMPLETION_INDEX + 1))" not in k8s["script"]:
        problems.append("k8s: the shard pods do not run exposcan scan --shard $((JOB_COMPLETION_INDEX+1))/$SHARDS")
    if not re.search(r"exposcan merge ", k8s["script"]):
        problems.append("k8s: the last index does not run exposcan merge")
    if '--shard "${{ matrix.shard }}/$SHARDS"' not in gh["scan"]:
        problems.append("github: the shard job does not run exposcan scan --shard ${{ matrix.shard }}/$SHARDS")
    for p in problems:
        print(p)
    script = k8s["script"]
    for mount in sorted(k8s["mounts"].values(), key=len, reverse=True):
        script = script.replace(mount, "$K8S_ROOT" + mount)  # the pod's volumes, under the test's directory
    with open(os.path.join(out, "k8s.sh"), "w", encoding="utf-8") as f:
        f.write(script)
    with open(os.path.join(out, "gh-shard.sh"), "w", encoding="utf-8") as f:
        f.write(gh["scan"].replace("${{ matrix.shard }}", "$MATRIX_SHARD"))
    with open(os.path.join(out, "gh-merge.sh"), "w", encoding="utf-8") as f:
        f.write(gh["merge"])
    with open(os.path.join(out, "gh-gate.sh"), "w", encoding="utf-8") as f:
        f.write(gh["gate"].replace("${{ steps.merge.outputs.rc }}", "$MERGE_RC"))
    facts = {"k8s": {k: v for k, v in k8s.items() if k != "script"},
             "gh": {k: gh[k] for k in ("shards", "upload_path", "download_dir")}}
    with open(os.path.join(out, "facts.json"), "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "validate":
        sys.exit(validate(sys.argv[2:]))
    if len(sys.argv) == 5 and sys.argv[1] == "extract":
        sys.exit(extract(*sys.argv[2:]))
    sys.exit(f"usage: {sys.argv[0]} validate FILE... | extract K8S GH OUT")
