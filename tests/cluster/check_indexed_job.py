#!/usr/bin/env python3
"""Checks scripts/cluster/dauys-indexed-job.yaml: valid YAML, and a Job with what an
Indexed Job that shards dauys needs: completionMode Indexed, completions and
parallelism, JOB_COMPLETION_INDEX as the K of --shard K/N with N equal to completions,
and the output folder (with the segment cache in it) on a ReadWriteMany volume.
Prints each problem and exits 1 if there is one."""
import re
import sys

import yaml

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    docs = [d for d in yaml.safe_load_all(f) if d]
problems = []


def need(condition, message):
    if not condition:
        problems.append(message)
    return condition


jobs = [d for d in docs if d.get("kind") == "Job"]
claims = {d["metadata"]["name"]: d for d in docs if d.get("kind") == "PersistentVolumeClaim"}
if need(len(jobs) == 1, "one Job expected, found %d" % len(jobs)):
    job = jobs[0]
    need(job.get("apiVersion") == "batch/v1", "apiVersion must be batch/v1")
    spec = job.get("spec", {})
    need(spec.get("completionMode") == "Indexed", "spec.completionMode must be Indexed")
    completions, parallelism = spec.get("completions"), spec.get("parallelism")
    need(isinstance(completions, int) and completions > 0, "spec.completions must be a positive number")
    need(isinstance(parallelism, int) and 0 < parallelism, "spec.parallelism must be a positive number")
    pod = spec.get("template", {}).get("spec", {})
    need(pod.get("restartPolicy") in ("Never", "OnFailure"), "template restartPolicy must be Never or OnFailure")
    containers = pod.get("containers", [])
    if need(len(containers) == 1, "one container expected"):
        c = containers[0]
        command = " ".join(c.get("command", []) + c.get("args", []))
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        m = re.search(r"dauys build (\S+) -o (\S+) --shard \"?\$\{JOB_COMPLETION_INDEX\}/(\S+?)\"?(\s|$)", command)
        if need(m, "the command must run dauys build ARCHIVE -o OUTPUT --shard ${JOB_COMPLETION_INDEX}/N: " + command):
            archive, output, shards = m.group(1), m.group(2), m.group(3)
            shards = env.get("SHARDS") if shards == "${SHARDS}" else shards
            need(str(shards) == str(completions), "N of --shard (%s) must equal completions (%s)" % (shards, completions))
            mounts = {v["mountPath"]: v["name"] for v in c.get("volumeMounts", [])}
            volumes = {v["name"]: v for v in pod.get("volumes", [])}
            need(archive in mounts, "the archive %s must be a mounted volume" % archive)
            if need(output in mounts, "the output %s must be a mounted volume" % output):
                claim = volumes.get(mounts[output], {}).get("persistentVolumeClaim", {}).get("claimName")
                modes = claims.get(claim, {}).get("spec", {}).get("accessModes", [])
                need("ReadWriteMany" in modes,
                     "the output volume (claim %s) must be ReadWriteMany: every pod writes it and shares its cache" % claim)
for p in problems:
    print("%s: %s" % (path, p))
sys.exit(1 if problems else 0)
