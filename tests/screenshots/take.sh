#!/usr/bin/env bash
# Retakes the screenshots in docs/screenshots/ under a virtual display (Xvfb), with a private
# keyring. Usage: bash tests/screenshots/take.sh   (after building the dev preset)
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build --preset dev --target agency-screenshots
unset QT_QPA_PLATFORM
bash .ci/with-services xvfb-run -a -s "-screen 0 1400x900x24" \
  ./build/dev/tests/screenshots/agency-screenshots docs/screenshots
