#!/usr/bin/python3
"""The pre-commit peer of DESIGN §10: the checks procsweep's shipped rules make with
`scan --sample 0` (rules/default.yaml and rules/dev-servers.yaml), written with psutil.

Zombies (and parents hoarding 20+), orphans (adopted by init or a subreaper, out of someone
else's session, not a daemon by construction), stale listeners (an orphan whose tree listens, a
stopped listener), stopped processes, orphaned dev servers and orphans on a dev port; prints a
JSON report as a minimal scanner would. The CPU rules need a sample and the duration rules a
history, which `--sample 0` without --state has neither of. Run with Debian's python3-psutil.
"""
import json
import os
import re
import sys

import psutil

SUBREAPERS = {"systemd", "tini", "dumb-init", "catatonit", "containerd-shim",
              "containerd-shim-runc-v2", "s6-svscan", "runsvdir"}
DEV_SERVERS = {"uvicorn", "gunicorn", "streamlit", "vite", "next-server", "pvserver"}
JS = {"node", "nodejs", "bun", "deno"}
DEV_CMD = re.compile(r"(^|[/ ])(uvicorn|gunicorn|streamlit|vite|next|pvserver)( |$)")
DEV_ARG = re.compile(r"(^|/)(vite|next|webpack|webpack-dev-server|react-scripts|nuxt|nuxi|astro|"
                     r"remix|parcel|ng|vue-cli-service|gatsby|svelte-kit|ember|rspack|rsbuild|"
                     r"storybook)(\.[cm]?js)?$|node_modules/")
WATCHED = {3000, 5173, 8000, 8001, 8501, 11111}

procs = {}
for p in psutil.process_iter(["pid", "ppid", "name", "cmdline", "status", "username",
                              "create_time", "terminal", "cwd"]):
    info = p.info
    try:
        info["sid"] = os.getsid(info["pid"])
        info["pgid"] = os.getpgid(info["pid"])
    except OSError:
        continue
    procs[info["pid"]] = info
children = {}
for pid, info in procs.items():
    children.setdefault(info["ppid"], []).append(pid)

ports = {}  # pid -> listening ports
for c in psutil.net_connections(kind="inet"):
    if c.status == psutil.CONN_LISTEN and c.pid:
        ports.setdefault(c.pid, set()).add(c.laddr.port)


def tree_ports(pid, seen=None):
    seen = seen if seen is not None else set()
    if pid in seen:
        return set()
    seen.add(pid)
    out = set(ports.get(pid, ()))
    for k in children.get(pid, ()):
        out |= tree_ports(k, seen)
    return out


findings = []
for pid, i in procs.items():
    parent = procs.get(i["ppid"])
    reparented = (i["ppid"] == 1 or (parent is not None and parent["name"] in SUBREAPERS)) and not (
        i["pgid"] == pid and parent is not None and i["sid"] == parent["sid"])
    leader = i["sid"] == pid
    leader_alive = i["sid"] in procs
    daemon = (leader and not i["terminal"]) or (not i["terminal"] and i["cwd"] == "/")
    status = i["status"]
    orphan = reparented and i["sid"] != 0 and not leader and not daemon
    found = []
    if status == psutil.STATUS_ZOMBIE:
        found.append("zombie-awaiting-reaper" if reparented else "zombie")
    zombies = sum(1 for k in children.get(pid, ()) if procs[k]["status"] == psutil.STATUS_ZOMBIE)
    if zombies >= 20:
        found.append("zombie-hoarder")
    if orphan and status != psutil.STATUS_ZOMBIE:
        found.append("orphan" if leader_alive else "orphan-lost-session")
        if tree_ports(pid):
            found.append("stale-listener-orphan")
        cmd = " ".join(i["cmdline"] or [])
        if (i["name"] in DEV_SERVERS or DEV_CMD.search(cmd) or (i["name"] in JS and (
                any(DEV_ARG.search(a) for a in i["cmdline"] or []) or ports.get(pid, set()) & WATCHED))):
            found.append("orphaned-dev-server")
        if ports.get(pid, set()) & WATCHED:
            found.append("dev-port-held-by-orphan")
    if status == psutil.STATUS_STOPPED:
        if ports.get(pid):
            found.append("stale-listener-stopped")
        if not (i["terminal"] and leader_alive):
            found.append("stopped")
    for rule in found:
        findings.append({"rule": rule, "pid": pid, "name": i["name"], "user": i["username"]})
json.dump({"processes": len(procs), "listeners": sum(len(v) for v in ports.values()),
           "findings": findings}, sys.stdout)
