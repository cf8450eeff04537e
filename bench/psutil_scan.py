#!/usr/bin/python3
"""The pre-commit peer of DESIGN §10: the checks procsweep's default rules make, in psutil.

Zombies, orphans (reparented to init out of someone else's session), listeners with their
owners; prints a JSON report like a minimal scanner would. Run with Debian's python3-psutil.
"""
import json
import os
import sys

import psutil

findings = []
procs = {}
for p in psutil.process_iter(["pid", "ppid", "name", "cmdline", "status", "username",
                              "create_time"]):
    procs[p.info["pid"]] = p.info
for pid, info in procs.items():
    if info["status"] == psutil.STATUS_ZOMBIE:
        findings.append({"rule": "zombie", "pid": pid})
        continue
    try:
        sid = os.getsid(pid)
    except OSError:
        continue
    if info["ppid"] == 1 and sid not in (0, pid):
        findings.append({"rule": "orphan", "pid": pid, "sid": sid})
listeners = [{"port": c.laddr.port, "pid": c.pid}
             for c in psutil.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
json.dump({"processes": len(procs), "listeners": listeners, "findings": findings}, sys.stdout)
