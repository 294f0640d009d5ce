#!/usr/bin/env python3
"""Cold start to first painted main window, and peak RSS, of the release console (offscreen).

Usage: bash .ci/with-services python3 tests/bench/startup.py [runs]
(build first: cmake --preset release && cmake --build --preset release)
Prints each run, the median, and a baseline measured in the same run: a bare Qt process
start (agency-console --version), so the ratio shows what the console adds to Qt's own start.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

EXE = os.path.join(os.path.dirname(__file__), "..", "..", "build", "release", "app", "agency-console")


def run(args, env):
    start = time.time_ns()
    proc = subprocess.Popen([EXE, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    end = time.time_ns()
    painted = [line for line in out.splitlines() if line.startswith("first_paint_epoch_ns=")]
    first = int(painted[0].split("=")[1]) if painted else end
    return (first - start) / 1e6, usage.ru_maxrss / 1024.0, (end - start) / 1e6


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    home = tempfile.mkdtemp(prefix="agency-startup-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_STARTUP_PROBE="1",
               XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.environ.get("XDG_DATA_HOME", home))
    run([], env)  # warm the page cache once; "cold" here means a new process, not a cold disk
    window, rss, baseline = [], [], []
    for i in range(runs):
        ms, mb, _ = run([], env)
        _, _, base_ms = run(["--version"], env)
        window.append(ms)
        rss.append(mb)
        baseline.append(base_ms)
        print(f"run {i + 1}: first window {ms:.1f} ms, peak RSS {mb:.1f} MB; bare start (--version) {base_ms:.1f} ms")
    med, base = statistics.median(window), statistics.median(baseline)
    print(f"median first window: {med:.1f} ms; median peak RSS: {statistics.median(rss):.1f} MB")
    print(f"baseline (--version, same run): {base:.1f} ms; ratio window/baseline: {med / base:.2f}x")


if __name__ == "__main__":
    main()
