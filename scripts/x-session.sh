# Sourced by scripts/install-check and scripts/appimage-check: a private X display (Xvfb) and
# session bus (the single-instance hand-over goes through D-Bus) for a check of the app's
# window, and helpers that read the top-level windows' titles. Needs $work (a scratch folder)
# and a `fail` function; sets DISPLAY, DBUS_SESSION_BUS_ADDRESS, xvfb_pid and bus_pid (the
# caller's exit trap ends both).
start_x_session() {
  Xvfb -displayfd 5 -screen 0 1400x900x24 -nolisten tcp 5>"$work/display" >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  local display="" _
  for _ in $(seq 100); do
    display="$(tr -dc 0-9 <"$work/display")"
    [ -z "$display" ] || break
    sleep 0.1
  done
  [ -n "$display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
  export DISPLAY=":$display"
  local bus
  bus="$(dbus-daemon --session --fork --print-address=1 --print-pid=1)"
  DBUS_SESSION_BUS_ADDRESS="$(sed -n 1p <<<"$bus")"
  export DBUS_SESSION_BUS_ADDRESS
  bus_pid="$(sed -n 2p <<<"$bus")"
}

# Top-level windows whose title ends in "Jobdoc", one per line (the title's dash may come out
# escaped, so only its start and end are compared).
windows() { xwininfo -root -tree 2>/dev/null | grep -o '"[^"]*Jobdoc"' | sort -u || true; }

# Waits up to 30 s for a window whose title starts with $1.
wait_for_title() {
  local wanted="$1" _
  for _ in $(seq 300); do
    windows | grep -qF "\"$wanted" && return 0
    sleep 0.1
  done
  return 1
}
