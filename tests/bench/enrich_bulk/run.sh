#!/usr/bin/env bash
# The bulk enrichment benchmark: N leads (default 10,000) through the console's enrichment against the
# provider simulator in its own process, enforcing Apollo's fixed per-minute window (default 3,000 a
# minute: about 3.5 minutes). Prints the achieved rate against the allowance, the 429s, the busiest
# minute the simulator saw, the longest event-loop stall and peak RSS.
# Usage: bash tests/bench/enrich_bulk/run.sh [leads] [per-minute]
set -euo pipefail
cd "$(dirname "$0")/../../.."
cmake --preset bench >/dev/null
cmake --build --preset bench --target agency-sim bench-enrich-bulk
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
build/bench/tests/sim/agency-sim --port "$port" >/dev/null 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/__sim/providers')" \
    >/dev/null 2>&1 && break
  sleep 0.1
done
/usr/bin/time -f "peak RSS of the console's side: %M KB" env QT_QPA_PLATFORM=offscreen \
  build/bench/tests/bench/enrich_bulk/bench-enrich-bulk --sim "http://127.0.0.1:$port" \
  --leads "${1:-10000}" --per-minute "${2:-3000}"
