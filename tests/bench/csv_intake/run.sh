#!/usr/bin/env bash
# The lead file intake benchmark: a ~1,000,000-row lead CSV (~100 MB) read + validated + deduplicated by
# LeadFile, against Python's csv module doing the same work on the same file in the same run (best of 3
# each; the file is in the page cache for both). Prints MB/s, the ratio and both peak RSS figures.
# Usage: bash tests/bench/csv_intake/run.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../../.."
cmake --preset bench >/dev/null
cmake --build --preset bench --target bench-csv-intake
exe=build/bench/tests/bench/csv_intake/bench-csv-intake
here=tests/bench/csv_intake
rows=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/leads.csv"

python3 "$here/generate.py" "$csv" "$rows"
echo "lead file: $rows rows, $(( $(stat -c %s "$csv") / 1000000 )) MB"
cat "$csv" >/dev/null # warm the page cache for both

# Each side's own timer (the work, without start-up) and /usr/bin/time's CPU seconds and peak RSS.
for i in 1 2 3; do
  /usr/bin/time -o "$work/ours.time.$i" -f "%U %S %M" "$exe" "$csv" | tee "$work/ours.$i"
  /usr/bin/time -o "$work/python.time.$i" -f "%U %S %M" python3 "$here/python_intake.py" "$csv" | tee "$work/python.$i"
done
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
def runs(name):
    out = []
    for i in (1, 2, 3):
        line = open(f"{work}/{name}.{i}").read().strip()
        user, system, rss = open(f"{work}/{name}.time.{i}").read().split()[-3:]
        out.append((float(re.search(r": ([0-9.]+) s", line).group(1)), float(user) + float(system), int(rss), line))
    return out
ours, python = runs("ours"), runs("python")
mb = float(re.search(r"([0-9.]+) MB/s", ours[0][3]).group(1)) * ours[0][0]
ow, pw = min(r[0] for r in ours), min(r[0] for r in python)
oc, pc = min(r[1] for r in ours), min(r[1] for r in python)
orss, prss = max(r[2] for r in ours), max(r[2] for r in python)
print(f"LeadFile intake: best {ow:.3f} s = {mb / ow:.1f} MB/s wall, {oc:.2f} s CPU, peak RSS {orss / 1024:.1f} MB")
print(f"Python csv:      best {pw:.3f} s = {mb / pw:.1f} MB/s wall, {pc:.2f} s CPU, peak RSS {prss / 1024:.1f} MB")
print(f"LeadFile / Python: {pw / ow:.2f}x the throughput (wall), {pc / oc:.2f}x (CPU time)")
PY
