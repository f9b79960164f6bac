#!/usr/bin/env bash
# compose-up-down - N containers (image stack-busybox:1, `sleep <tag>`, stop signal SIGKILL) brought
# up from nothing, then taken down, as the anchor compose-up-down.sh.
# peer: `docker-compose -p P -f F up -d` / `docker-compose -p P -f F down` (default -t 10; SIGKILL).
# stack: `stack -f F up --profile prod` / `stack -f F down` (stop: {signal: KILL}, init: false).
# "up" ends when all N container processes `sleep <tag>` are alive (host /proc, same probe both
# sides); "down" ends when the command returned and none is left. Alternating peer, stack.
# Targets: up 1 <= 0.6, up 10 and 50 <= 0.4, down 50 <= 0.4 (down 1 and 10 shown, no target).
# env: NS ("1 10 50")  RUNS (5; quick 2)  RUNS_BIG (runs for N >= 50; 5; quick 1)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init compose-up-down "$(q 240 1200)" "$@"
NS=${NS:-"1 10 50"}; RUNS=${RUNS:-$(q 2 5)}; RUNS_BIG=${RUNS_BIG:-$(q 1 5)}
need_engine || { PEER_FAIL="Docker engine not answering"; STACK_FAIL=$PEER_FAIL; }
PARG="2${TAG}1"; SARG="2${TAG}2"; OWN_CMDS+=("sleep $PARG" "sleep $SARG")

peer_ud() { local n=$1 p=$2 f=$3 s
  s=${EPOCHREALTIME/./}; timeout 300 docker-compose -p "$p" -f "$f" up -d >/dev/null 2>&1 || { ERR="docker-compose up failed"; return 1; }
  wait_count "sleep $PARG" "$n" 60 || return 1; lap "$s"; PU+=("$LAP")
  s=${EPOCHREALTIME/./}; timeout 300 docker-compose -p "$p" -f "$f" down >/dev/null 2>&1 || { ERR="docker-compose down failed"; return 1; }
  wait_count "sleep $PARG" 0 60 le || return 1; lap "$s"; PD+=("$LAP"); }
stack_ud() { local n=$1 f=$4 s rc
  s=${EPOCHREALTIME/./}; sk -f "$f" up --profile prod >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  wait_count "sleep $SARG" "$n" 60 || { ERR="stack up returned but $ERR"; return 1; }; lap "$s"; SU+=("$LAP")
  s=${EPOCHREALTIME/./}; sk -f "$f" down >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack down: $(sk_reason $rc)"; return 1; }
  wait_count "sleep $SARG" 0 60 le || { ERR="after stack down: $ERR"; return 1; }; lap "$s"; SD+=("$LAP"); }

for N in $NS; do
  P="benchup${N}x$$"; CF="$WORK/compose$N.yml"; SF="$WORK/stack$N.yaml"
  compose_file "$CF" "$N" "$PARG"; COMPOSE_PROJECTS+=("$P:$CF"); stack_containers "$SF" "$N" "$SARG" "benchup$N"
  timeout 300 docker-compose -p "$P" -f "$CF" down -t 0 >/dev/null 2>&1; stack_reset "$SF"
  PU=(); PD=(); SU=(); SD=(); PEER_FAIL=""; STACK_FAIL=""
  alternate "$([ "$N" -ge 50 ] && echo "$RUNS_BIG" || echo "$RUNS")" peer_ud stack_ud "$N" "$P" "$CF" "$SF"
  case $N in 1) tu='{"ratio":"<=","value":0.6}';; *) tu='{"ratio":"<=","value":0.4}';; esac
  td=null; [ "$N" -ge 50 ] && td='{"ratio":"<=","value":0.4}'
  rec_pair "containers up, $N services, until all alive" ms "$tu" docker-compose PU SU
  rec_pair "containers down, $N services, until all gone" ms "$td" docker-compose PD SD
done
