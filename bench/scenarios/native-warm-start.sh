#!/usr/bin/env bash
# native-warm-start - 100 native services started with the supervisor already running.
# peer: `pm2 start` after `pm2 delete all` (daemon kept), as the anchor pm2-start.sh (warm rows).
# stack: `stack -f F up --profile dev` after `stack -f F down` (agent kept).
# Until all N `/bin/sleep <tag>` processes are alive (same /proc probe both sides). Target <= 0.5.
# env: RUNS (5; quick 2)  N (100)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-warm-start "$(q 120 400)" "$@"
RUNS=${RUNS:-$(q 2 5)}; N=${N:-100}
native_pair benchwarm "$N"

peer_warm() { local s
  timeout 120 pm2 delete all >/dev/null 2>&1; wait_count "/bin/sleep $PARG" 0 30 le || return 1
  s=${EPOCHREALTIME/./}; timeout 120 pm2 start "$ECO" >/dev/null 2>&1 || { ERR="pm2 start failed"; return 1; }
  wait_count "/bin/sleep $PARG" "$N" 60 || return 1; lap "$s"; P+=("$LAP"); }
stack_warm() { local s rc
  sk -f "$F" down >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack down: $(sk_reason $rc)"; return 1; }
  wait_count "/bin/sleep $SARG" 0 30 le || { ERR="services left after down: $ERR"; return 1; }
  s=${EPOCHREALTIME/./}; sk -f "$F" up --profile dev >/dev/null; rc=$?
  [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  wait_count "/bin/sleep $SARG" "$N" 60 || { ERR="stack up returned but $ERR"; return 1; }
  lap "$s"; S+=("$LAP"); }

# warm both supervisors (untimed): daemon/agent up, services once started
timeout 120 pm2 start "$ECO" >/dev/null 2>&1
sk -f "$F" up --profile dev >/dev/null 2>&1 || { STACK_FAIL="stack up: $(sk_reason $?)"; say "stack failed: $STACK_FAIL"; }
P=(); S=()
alternate "$RUNS" peer_warm stack_warm
rec_pair "warm start, $N services, until all alive" ms '{"ratio":"<=","value":0.5}' "pm2" P S
