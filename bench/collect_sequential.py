#!/usr/bin/env python3
"""Sequential collector like the old pipeline's scripts, for comparison with `runlens-cli collect`:
list runs (per_page=100, following Link rel="next"), then for each run fetch its jobs and download its
log ZIP (urllib follows the 302; the token is an unredirected header so storage never sees it).

    python3 collect_sequential.py API_URL TOKEN OWNER/REPO OUT_DIR
"""
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request


def request(url, token):
    req = urllib.request.Request(url, headers={
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "seq-script",
    })
    req.add_unredirected_header("Authorization", "Bearer " + token)
    return urllib.request.urlopen(req, timeout=60)


def main():
    api, token, repo, out = sys.argv[1:5]
    os.makedirs(out, exist_ok=True)
    start = time.time()
    runs = []
    url = f"{api}/repos/{repo}/actions/runs?per_page=100"
    while url:
        with request(url, token) as r:
            runs += json.load(r)["workflow_runs"]
            m = re.search(r'<([^>]+)>;\s*rel="next"', r.headers.get("Link", ""))
            url = m.group(1) if m else None
    ok = expired = 0
    for run in runs:
        base = f"{api}/repos/{repo}/actions/runs/{run['id']}"
        with request(base + "/jobs?filter=latest&per_page=100", token) as r:
            json.load(r)
        try:
            with request(f"{base}/attempts/{run['run_attempt']}/logs", token) as r:
                with open(os.path.join(out, f"{run['id']}.zip"), "wb") as f:
                    f.write(r.read())
            ok += 1
        except urllib.error.HTTPError as e:
            if e.code not in (404, 410):
                raise
            expired += 1
    print(f"runs={len(runs)} logs={ok} expired={expired} seconds={time.time() - start:.1f}")


if __name__ == "__main__":
    main()
