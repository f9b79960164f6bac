#!/usr/bin/env bash
# native-cold-start - N native services (/bin/sleep) started from nothing, until all N are alive.
# peer: `pm2 start ecosystem.config.js` after `pm2 kill` (no daemon), as the anchor pm2-start.sh.
# stack: `stack -f F up --profile dev` after `stack down` + `stack daemon stop` (no agent).
# "alive" = N processes whose full command line is exactly `/bin/sleep <our tag>` (so they have
# exec'd), counted from /proc with the same probe on both sides, polled every 2 ms after the
# command returned. Target: stack/peer <= 0.5 for N = 1, 10, 100.
# env: RUNS (5; quick 2)  NS ("1 10 100")
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-cold-start "$(q 150 600)" "$@"
RUNS=${RUNS:-$(q 2 5)}; NS=${NS:-"1 10 100"}
PARG="2${TAG}1"; SARG="2${TAG}2"; OWN_CMDS+=("/bin/sleep $PARG" "/bin/sleep $SARG")

peer_cold() { local n=$1 s t
  timeout 60 pm2 kill >/dev/null 2>&1
  s=${EPOCHREALTIME/./}; timeout 120 pm2 start "$WORK/eco$n.config.js" >/dev/null 2>&1 || { ERR="pm2 start failed"; return 1; }
  wait_count "/bin/sleep $PARG" "$n" 60 || return 1; lap "$s"; P+=("$LAP")
  timeout 60 pm2 kill >/dev/null 2>&1; wait_count "/bin/sleep $PARG" 0 30 le; }
stack_cold() { local n=$1 s t rc
  stack_reset "$WORK/stack$n.yaml"
  s=${EPOCHREALTIME/./}; sk -f "$WORK/stack$n.yaml" up --profile dev >/dev/null; rc=$?
  [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  wait_count "/bin/sleep $SARG" "$n" 60 || { ERR="stack up returned but $ERR"; return 1; }
  lap "$s"; S+=("$LAP")
  stack_reset "$WORK/stack$n.yaml"; wait_count "/bin/sleep $SARG" 0 30 le || { ERR="services left after down: $ERR"; return 1; }; }

for N in $NS; do
  pm2_eco "$WORK/eco$N.config.js" "$N" "$PARG"; stack_native "$WORK/stack$N.yaml" "$N" "$SARG" "benchcold$N"
  # one untimed warm-up per side (file-system caches, like the anchor)
  timeout 120 pm2 start "$WORK/eco$N.config.js" >/dev/null 2>&1; timeout 60 pm2 kill >/dev/null 2>&1
  sk -f "$WORK/stack$N.yaml" up --profile dev >/dev/null 2>&1; stack_reset "$WORK/stack$N.yaml"
  P=(); S=(); PEER_FAIL=""; STACK_FAIL=""
  alternate "$RUNS" peer_cold stack_cold "$N"
  rec_pair "cold start, $N services, until all alive" ms '{"ratio":"<=","value":0.5}' "pm2" P S
done
