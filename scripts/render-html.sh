#!/usr/bin/env bash
# Renders an HTML report page (or a standalone SVG chart) to PNG with headless Chromium, to check
# by eye that every chart is visible and legible.
#
#   scripts/render-html.sh PAGE.html [OUT.png] [WIDTHxHEIGHT]
#
# OUT.png defaults to PAGE.png next to the page; the window defaults to 1200x1600 (make it taller
# for long pages). Needs the Debian package `chromium` (apt-get install -y chromium). The page
# needs no network; Chromium is run with networking-related features off regardless.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 PAGE.html [OUT.png] [WIDTHxHEIGHT]" >&2
  exit 2
fi
page=$1
out=${2:-${page%.*}.png}
size=${3:-1200x1600}
if [[ ! -f $page ]]; then
  echo "error: $page: no such file" >&2
  exit 1
fi
if ! [[ $size =~ ^[0-9]+x[0-9]+$ ]]; then
  echo "error: window size '$size' is not WIDTHxHEIGHT (e.g. 1200x1600)" >&2
  exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "error: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 1
fi
abs_page=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
abs_out=$(mkdir -p "$(dirname "$out")" && cd "$(dirname "$out")" && pwd)/$(basename "$out")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: Chromium refuses to run as root otherwise (containers). A throwaway profile keeps
# the run from touching the user's browser state.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$profile" --window-size="${size/x/,}" --screenshot="$abs_out" \
  "file://$abs_page" >/dev/null 2>"$profile/chromium.log" || {
    echo "error: chromium failed; its log:" >&2
    tail -20 "$profile/chromium.log" >&2
    exit 1
  }
if [[ ! -s $abs_out ]]; then
  echo "error: chromium wrote no screenshot to $abs_out" >&2
  exit 1
fi
echo "$abs_out"
