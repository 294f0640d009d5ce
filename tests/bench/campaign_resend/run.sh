#!/usr/bin/env bash
# The campaign benchmark (issue 8): N recipients (default 10,000) in one email campaign through Resend
# batch (100 a request) against the provider simulator in its own process, enforcing Resend's
# documented 2 requests a second (about 50 s for 10,000). Prints the achieved rate against the limit,
# the 429s, the journal's cost per item against empty transactions, the UI event loop's lateness and
# peak RSS.
# Usage: bash tests/bench/campaign_resend/run.sh [recipients] [extra bench options, e.g. --rate 20]
set -euo pipefail
cd "$(dirname "$0")/../../.."
cmake --preset bench >/dev/null
cmake --build --preset bench --target agency-sim bench-campaign-resend
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
build/bench/tests/sim/agency-sim --port "$port" >/dev/null 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/__sim/providers')" \
    >/dev/null 2>&1 && break
  sleep 0.1
done
recipients="${1:-10000}"
shift || true
/usr/bin/time -f "peak RSS of the console's side (/usr/bin/time): %M KB" env QT_QPA_PLATFORM=offscreen \
  build/bench/tests/bench/campaign_resend/bench-campaign-resend --sim "http://127.0.0.1:$port" \
  --recipients "$recipients" "$@"
