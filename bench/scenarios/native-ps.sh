#!/usr/bin/env bash
# native-ps - the status listing with 100 running native services.
# peer: `pm2 ls` (as the anchor pm2-ls.sh; output discarded, not a tty).
# stack: `stack -f F ps` (output discarded, not a tty). Both supervisors warm, both stacks running
# at the same time; calls alternate peer, stack, peer, ... after WARMUP untimed calls each.
# Target: stack/peer <= 0.5.   env: RUNS (10; quick 3)  WARMUP (2; quick 1)  N (100)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-ps "$(q 120 300)" "$@"
RUNS=${RUNS:-$(q 3 10)}; WARMUP=${WARMUP:-$(q 1 2)}; N=${N:-100}
native_pair benchps "$N"
native_up_both "$N"
sleep 1
peer_ps() { local s; s=${EPOCHREALTIME/./}; timeout 60 pm2 ls >/dev/null 2>&1 || { ERR="pm2 ls failed"; return 1; }; [ "${1:-}" = warm ] || { lap "$s"; P+=("$LAP"); }; }
stack_ps() { local s rc; s=${EPOCHREALTIME/./}; sk -f "$F" ps >/dev/null; rc=$?
  [ $rc -eq 0 ] || { ERR="stack ps: $(sk_reason $rc)"; return 1; }; [ "${1:-}" = warm ] || { lap "$s"; S+=("$LAP"); }; }
P=(); S=()
alternate "$WARMUP" peer_ps stack_ps warm
alternate "$RUNS" peer_ps stack_ps
rec_pair "status listing, $N services (stack ps vs pm2 ls)" ms '{"ratio":"<=","value":0.5}' "pm2" P S
