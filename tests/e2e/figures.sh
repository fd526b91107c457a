#!/usr/bin/env bash
# Figures for the closing note, measured on the release binary:
#   - idle memory of the app and its WebKit processes (PSS and RSS, MB) with a document open;
#   - the release binary's size.
# Launch-to-gallery and the preview refresh on a ~10-page document come from the end-to-end
# test run against the release binary: JOBDOC_E2E_PROFILE=release npm --prefix ui run test:e2e
#
#   tests/e2e/figures.sh [path/to/jobdoc-app]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="${1:-$root/target/release/jobdoc-app}"
[ -x "$app" ] || { echo "no release binary at $app (build it: ui/node_modules/.bin/tauri build --no-bundle -- -p jobdoc-app)" >&2; exit 1; }

if [ "${JOBDOC_FIGURES_IN_XVFB:-}" != "1" ]; then
  exec env JOBDOC_FIGURES_IN_XVFB=1 xvfb-run -a -s "-screen 0 1400x900x24" "$0" "$@"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/templates/sales/ru-key-account-manager.jobdoc" "$work/sample.jobdoc"

echo "binary: $app"
echo "size: $(stat -c %s "$app") bytes ($(du -h "$app" | cut -f1))"

XDG_CONFIG_HOME="$work/config" "$app" "$work/sample.jobdoc" 2>/dev/null &
pid=$!
sleep "${JOBDOC_IDLE_SECONDS:-12}"

# The app and every descendant (WebKitWebProcess, WebKitNetworkProcess, …).
pids="$pid"
frontier="$pid"
while [ -n "$frontier" ]; do
  next=""
  for p in $frontier; do
    for c in $(pgrep -P "$p" || true); do next="$next $c"; done
  done
  pids="$pids $next"
  frontier="$next"
done

total_pss=0
total_rss=0
for p in $pids; do
  [ -r "/proc/$p/smaps_rollup" ] || continue
  name="$(tr -d '\0' < "/proc/$p/comm")"
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")
  rss=$(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup")
  total_pss=$((total_pss + pss))
  total_rss=$((total_rss + rss))
  printf '%-24s pid %-7s PSS %6d MB  RSS %6d MB\n' "$name" "$p" $((pss / 1024)) $((rss / 1024))
done
printf 'total                                PSS %6d MB  RSS %6d MB\n' $((total_pss / 1024)) $((total_rss / 1024))
kill "$pid"
wait "$pid" 2>/dev/null || true
