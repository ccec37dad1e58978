#!/usr/bin/env bash
# Redraws docs/html-report.png: the HTML report of the example stories (fixtures/stories) as
# headless Chromium shows it in a 1280-pixel-wide window. Needs Chromium (Debian: apt-get install
# chromium); pngquant, when installed, keeps the picture small.
#
#   bash docs/html-report.sh [HEIGHT]     # default 3150 pixels
set -euo pipefail
cd "$(dirname "$0")/.."
height="${1:-3150}"
browser="${COPYDESK_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [ -z "$browser" ]; then
  echo "html-report.sh: Chromium is required (apt-get install chromium)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
cargo run --quiet -- check fixtures/stories --format html -o "$work/report.html" || status=$?
# The example stories have findings on purpose: 1 is expected, anything else is a failure.
if [ "$status" -ne 1 ]; then
  echo "html-report.sh: copydesk check exited $status (expected 1)" >&2
  exit 1
fi

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
  --hide-scrollbars --window-size="1280,$height" --screenshot="$work/report.png" \
  "file://$work/report.html" >/dev/null 2>&1

if command -v pngquant >/dev/null 2>&1; then
  pngquant --force --quality 65-90 --speed 1 --output docs/html-report.png "$work/report.png"
else
  cp "$work/report.png" docs/html-report.png
fi
ls -l docs/html-report.png
