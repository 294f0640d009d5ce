#!/usr/bin/env bash
# Builds the optimised bench preset and runs the HTTP core benchmark (see run.py).
set -euo pipefail
cd "$(dirname "$0")/../../.."
/usr/bin/python3 -c 'import httpx, tenacity' 2>/dev/null ||
  { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq python3-httpx python3-tenacity; }
cmake --preset bench >/dev/null
cmake --build --preset bench --target agency-sim bench-http-core
python3 tests/bench/http_core/run.py
