#!/usr/bin/env bash
# native-stop-all - stop all of 100 running native services, until the command returned AND no
# service process is left. Same signal and grace both sides: PM2's defaults (SIGINT, then SIGKILL
# after kill_timeout 1600 ms), so the stack file says stop: {signal: INT, timeout: 1600ms}.
# `/bin/sleep` dies on SIGINT, so the grace never runs out on either side.
# peer: `pm2 stop all` (anchor pm2-stop-all.sh). stack: `stack -f F stop`.
# Each run starts the 100 services untimed first. Target: stack/peer <= 0.2.
# env: RUNS (5; quick 2)  N (100)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-stop-all "$(q 150 500)" "$@"
RUNS=${RUNS:-$(q 2 5)}; N=${N:-100}
native_pair benchstop "$N" "stop: {signal: INT, timeout: 1600ms}"

peer_stop() { local s
  timeout 120 pm2 delete all >/dev/null 2>&1; timeout 120 pm2 start "$ECO" >/dev/null 2>&1
  wait_count "/bin/sleep $PARG" "$N" 60 || return 1; sleep 1
  s=${EPOCHREALTIME/./}; timeout 120 pm2 stop all >/dev/null 2>&1 || { ERR="pm2 stop all failed"; return 1; }
  wait_count "/bin/sleep $PARG" 0 30 le || return 1; lap "$s"; P+=("$LAP"); }
stack_stop() { local s rc
  sk -f "$F" up --profile dev >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  wait_count "/bin/sleep $SARG" "$N" 60 || { ERR="stack up returned but $ERR"; return 1; }; sleep 1
  s=${EPOCHREALTIME/./}; sk -f "$F" stop >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack stop: $(sk_reason $rc)"; return 1; }
  wait_count "/bin/sleep $SARG" 0 30 le || { ERR="after stack stop: $ERR"; return 1; }; lap "$s"; S+=("$LAP"); }
P=(); S=()
alternate "$RUNS" peer_stop stack_stop
rec_pair "stop all of $N services, until all gone" ms '{"ratio":"<=","value":0.2}' "pm2" P S
