#!/usr/bin/env bash
# Draws the dashboard's panels as a PNG without Grafana: every panel query of tcp-gateway.json is
# run through a Prometheus's query_range API ($instance = .*), drawn as inline SVG on an HTML page
# with Grafana's layout (render-preview.py, Python standard library only), and the page is
# screenshotted by headless Chromium.
#
#   deploy/grafana/render-preview.sh [PROMETHEUS_URL] [OUTPUT_PNG]
#
# PROMETHEUS_URL defaults to http://127.0.0.1:9090, OUTPUT_PNG to docs/dashboard.png; MINUTES (15)
# is the time range and RATE_INTERVAL (1m) stands for $__rate_interval.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
url=${1:-http://127.0.0.1:9090}
out=$(realpath -m "${2:-$here/../../docs/dashboard.png}")
work=$(mktemp -d "${TMPDIR:-/tmp}/render-preview.XXXXXX")
trap 'rm -rf "$work"' EXIT

height=$(python3 "$here/render-preview.py" "$url" "${MINUTES:-15}" "${RATE_INTERVAL:-1m}" "$work/dashboard.html")
mkdir -p "$(dirname "$out")"
# --no-sandbox: Chromium's sandbox does not start as root.
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=1600,"$height" --screenshot="$out" "file://$work/dashboard.html" >/dev/null 2>&1
echo "render-preview: wrote $out"
