#!/usr/bin/env python3
"""HTTP core benchmark: 20,000 small JSON GETs to agency-sim on loopback at concurrency 1, 8 and 64,
the console's core against the seed's Python pattern (httpx + tenacity), in the same run; then
pacing: a 50 req/s bucket for 10 s against a simulator that enforces 50 req/s.

Usage: bash tests/bench/http_core/run.sh      (builds the bench preset, then runs this)
"""
import json
from datetime import datetime
import os
import resource
import subprocess
import sys
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILD = os.path.join(ROOT, "build", "bench")
SIM = os.path.join(BUILD, "tests", "sim", "agency-sim")
CORE = os.path.join(BUILD, "tests", "bench", "http_core", "bench-http-core")
PYTHON = os.path.join(ROOT, "tests", "bench", "http_core", "python_client.py")
# Debian's interpreter, where python3-httpx and python3-tenacity are installed.
SYSTEM_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
PROVIDER, PATH, HEADER = os.environ.get("BENCH_ROUTE", "resend|/domains|Authorization: Bearer sim-valid").split("|")


def run_measured(command):
    """Runs a client, returns its key=value results plus its user+system CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    fields = dict(item.split("=", 1) for item in done.stdout.split())
    if not fields:
        sys.exit(f"client failed: {done.stderr}")
    fields["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return fields


def control(base, path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()


def main():
    requests = int(os.environ.get("BENCH_REQUESTS", "20000"))
    sim = subprocess.Popen([SIM, "--port", "0", "--seed", "1"], stdout=subprocess.PIPE, text=True)
    urls = {}
    for _ in range(16):
        key, url = sim.stdout.readline().split()
        urls[key] = url
    base = urls[PROVIDER]
    origin = base.split("/" + PROVIDER)[0]
    target = base + PATH
    print(f"simulator at {origin}; route {PROVIDER} {PATH}; {requests} requests per run")
    try:
        print(f"{'concurrency':>11} {'client':>8} {'req/s':>9} {'CPU s/1k req':>13} {'failed':>6}")
        for concurrency in (1, 8, 64):
            results = {}
            for name, command in (("core", [CORE, "--url", target, "--header", HEADER, "--requests", str(requests),
                                            "--concurrency", str(concurrency)]),
                                  ("python", [SYSTEM_PYTHON, PYTHON, "--url", target, "--header", HEADER,
                                              "--requests", str(requests), "--concurrency", str(concurrency)])):
                control(origin, "/__sim/reset", {})
                r = run_measured(command)
                results[name] = r
                print(f"{concurrency:>11} {name:>8} {float(r['req_per_s']):>9.0f} "
                      f"{r['cpu'] / requests * 1000:>13.3f} {r['failed']:>6}")
            core, py = results["core"], results["python"]
            print(f"{concurrency:>11} {'ratio':>8} {float(core['req_per_s']) / float(py['req_per_s']):>8.2f}x "
                  f"{(core['cpu'] / requests) / (py['cpu'] / requests):>12.2f}x  (core/python: throughput, CPU per request)")

        control(origin, "/__sim/reset", {})
        control(origin, "/__sim/ratelimit", {"provider": PROVIDER, "per_second": 50, "burst": 2})
        r = run_measured([CORE, "--url", target, "--header", HEADER, "--rate", "50", "--seconds", "10"])
        # Arrival times as the simulator saw them: what a provider's rate limiter sees.
        with urllib.request.urlopen(f"{origin}/__sim/requests?provider={PROVIDER}") as response:
            log = json.load(response)
        arrivals = sorted(datetime.fromisoformat(entry["at"].replace("Z", "+00:00")).timestamp() for entry in log)
        achieved = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])
        gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
        burst, start = 0, 0
        for end in range(len(arrivals)):  # most arrivals within any one 20 ms interval (1/50 s)
            while arrivals[end] - arrivals[start] >= 0.020:
                start += 1
            burst = max(burst, end - start + 1)
        print(f"pacing: target 50 req/s for 10 s -> {len(arrivals)} requests arrived at {achieved:.2f} req/s "
              f"({(achieved - 50) / 50 * 100:+.2f} %); largest burst {burst} within 20 ms; "
              f"smallest gap {min(gaps) * 1000:.1f} ms; 429s {r['rate_limited']}; failures {r['failed']}")
    finally:
        sim.terminate()
        sim.wait()


if __name__ == "__main__":
    main()
