#!/usr/bin/env bash
# The spend benchmark: 1,000,000 events in a SQLite ledger; insert throughput (batched, and one by one
# through SpendGuard); the panel's aggregate refresh against sqlite3's own time for the equivalent
# SELECT … GROUP BY on the same file, in the same run. Usage: bash tests/bench/spend/run.sh [events]
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v sqlite3 >/dev/null ||
  { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq sqlite3; }
cmake --preset bench >/dev/null
cmake --build --preset bench --target bench-spend
exe=build/bench/tests/bench/spend/bench-spend
events=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/ledger.sqlite"

QT_QPA_PLATFORM=offscreen "$exe" fill "$db" "$events"
/usr/bin/time -f "peak RSS of bench-spend refresh with the ledger open: %M KB" env QT_QPA_PLATFORM=offscreen "$exe" refresh "$db" 15 | tee "$work/refresh.txt"
sql=$(sed -n 's/^SQL: //p' "$work/refresh.txt")
ours=$(sed -n 's/.*provider totals (today, month) median \([0-9.]*\) ms.*/\1/p' "$work/refresh.txt")
# sqlite3's own time for the same answer from the events (its .timer; the page cache is warm for both).
times=()
for _ in 1 2 3 4 5; do
  t=$(printf '.timer on\n%s\n' "$sql" | sqlite3 "$db" | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p')
  times+=("$t")
done
raw=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
qt=$(sed -n 's/^raw GROUP BY over the events through Qt: median \([0-9.]*\) ms/\1/p' "$work/refresh.txt")
python3 -c "r=$raw*1000; o=$ours; q=$qt; print(f'sqlite3 GROUP BY over the events: median {r:.2f} ms (the baseline)'); print(f'panel aggregates (daily totals) / sqlite3 = {o/r:.5f}x; the same raw query through Qt / sqlite3 = {q/r:.2f}x')"
/usr/bin/time -f "peak RSS with the ledger open and the Spend panel shown: %M KB" \
  env QT_QPA_PLATFORM=offscreen "$exe" panel "$db" 100
cp "$db" "$work/guard.sqlite"
QT_QPA_PLATFORM=offscreen "$exe" guard "$work/guard.sqlite" 5000
