#!/usr/bin/env bash
# compose-up-down - N containers (image stack-busybox:1, `sleep <tag>`, stop signal SIGKILL) brought
# up from nothing, then taken down, as the anchor compose-up-down.sh.
# peer: `docker-compose -p P -f F up -d` / `docker-compose -p P -f F down` (default -t 10; SIGKILL).
# stack: `stack -f F up --profile prod` / `stack -f F down` (stop: {signal: KILL}, init: false).
# "up" ends when all N container processes `sleep <tag>` are alive (host /proc, same probe both
# sides); "down" ends when the command returned and none is left. Alternating peer, stack.
# Targets: up 1 <= 0.6, up 10 and 50 <= 0.4, down 50 <= 0.4 (down 1 and 10 shown, no target).
# Also, before each peer run, the engine's own floor for the same work, shown (no target) as a third
# side, "engine API alone": straight on the engine's socket (curl, no client program), a network of
# the run's own (both tools make one per stack: names resolve on it), then N containers of the same
# image and command on it, all created at once, then all started at once, until the N are alive;
# then all removed at once (DELETE ?force=1) and the network, until none is left and the network is
# gone. No client can do the same work in less: it is what the engine itself takes on this machine.
# env: NS ("1 10 50")  RUNS (5; quick 2)  RUNS_BIG (runs for N >= 50; 5; quick 1)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init compose-up-down "$(q 240 1200)" "$@"
NS=${NS:-"1 10 50"}; RUNS=${RUNS:-$(q 2 5)}; RUNS_BIG=${RUNS_BIG:-$(q 1 5)}
need_engine || { PEER_FAIL="Docker engine not answering"; STACK_FAIL=$PEER_FAIL; }
PARG="2${TAG}1"; SARG="2${TAG}2"; FARG="2${TAG}3"; OWN_CMDS+=("sleep $PARG" "sleep $SARG" "sleep $FARG")
ENGINE_SOCK=${DOCKER_HOST:-unix:///var/run/docker.sock}; ENGINE_SOCK=${ENGINE_SOCK#unix://}; API="http://engine/v1.41"

peer_ud() { local n=$1 p=$2 f=$3 s
  s=${EPOCHREALTIME/./}; timeout 300 docker-compose -p "$p" -f "$f" up -d >/dev/null 2>&1 || { ERR="docker-compose up failed"; return 1; }
  wait_count "sleep $PARG" "$n" 60 || return 1; lap "$s"; PU+=("$LAP")
  s=${EPOCHREALTIME/./}; timeout 300 docker-compose -p "$p" -f "$f" down >/dev/null 2>&1 || { ERR="docker-compose down failed"; return 1; }
  wait_count "sleep $PARG" 0 60 le || return 1; lap "$s"; PD+=("$LAP"); }
# floor_ud N: the engine alone; samples in FU / FD, failures in FLOOR_FAIL (the other sides go on)
api() { curl -s --max-time 120 --unix-socket "$ENGINE_SOCK" "$@"; }
floor_ud() { local n=$1 s ids="" id i net="benchfloor$$" labels
  [ -z "$FLOOR_FAIL" ] || return 0
  labels="{\"${RUN_LABEL%%=*}\":\"${RUN_LABEL#*=}\"}"
  s=${EPOCHREALTIME/./}
  api -X POST -H 'Content-Type: application/json' -d "{\"Name\":\"$net\",\"Labels\":$labels}" \
    "$API/networks/create" | jq -e '.Id' >/dev/null || { FLOOR_FAIL="engine API: network create failed"; return 0; }
  ids=$(for i in $(seq 1 "$n"); do api -X POST -H 'Content-Type: application/json' \
      -d "{\"Image\":\"$BENCH_IMAGE\",\"Cmd\":[\"sleep\",\"$FARG\"],\"Labels\":$labels,\"HostConfig\":{\"NetworkMode\":\"$net\"}}" \
      "$API/containers/create" | jq -r '.Id // empty' & done; wait)
  [ "$(echo "$ids" | grep -c .)" -eq "$n" ] || { FLOOR_FAIL="engine API: create failed"; floor_rm "$net" $ids; return 0; }
  for id in $ids; do api -X POST "$API/containers/$id/start" >/dev/null & done; wait
  wait_count "sleep $FARG" "$n" 60 || { FLOOR_FAIL="engine API: $ERR"; floor_rm "$net" $ids; return 0; }; lap "$s"; FU+=("$LAP")
  s=${EPOCHREALTIME/./}; floor_rm "$net" $ids
  wait_count "sleep $FARG" 0 60 le || { FLOOR_FAIL="engine API: $ERR"; return 0; }; lap "$s"; FD+=("$LAP"); }
# floor_rm NETWORK IDS...: all containers removed at once, then the network
floor_rm() { local net=$1 id; shift; for id in "$@"; do api -X DELETE "$API/containers/$id?force=1" >/dev/null & done; wait
  api -X DELETE "$API/networks/$net" >/dev/null; }
peer_and_floor() { floor_ud "$1"; peer_ud "$@"; }
stack_ud() { local n=$1 f=$4 s rc
  s=${EPOCHREALTIME/./}; sk -f "$f" up --profile prod >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  wait_count "sleep $SARG" "$n" 60 || { ERR="stack up returned but $ERR"; return 1; }; lap "$s"; SU+=("$LAP")
  s=${EPOCHREALTIME/./}; sk -f "$f" down >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack down: $(sk_reason $rc)"; return 1; }
  wait_count "sleep $SARG" 0 60 le || { ERR="after stack down: $ERR"; return 1; }; lap "$s"; SD+=("$LAP"); }

for N in $NS; do
  P="benchup${N}x$$"; CF="$WORK/compose$N.yml"; SF="$WORK/stack$N.yaml"
  compose_file "$CF" "$N" "$PARG"; COMPOSE_PROJECTS+=("$P:$CF"); stack_containers "$SF" "$N" "$SARG" "benchup$N"
  timeout 300 docker-compose -p "$P" -f "$CF" down -t 0 >/dev/null 2>&1; stack_reset "$SF"
  PU=(); PD=(); SU=(); SD=(); FU=(); FD=(); PEER_FAIL=""; STACK_FAIL=""; FLOOR_FAIL=""
  alternate "$([ "$N" -ge 50 ] && echo "$RUNS_BIG" || echo "$RUNS")" peer_and_floor stack_ud "$N" "$P" "$CF" "$SF"
  case $N in 1) tu='{"ratio":"<=","value":0.6}';; *) tu='{"ratio":"<=","value":0.4}';; esac
  td=null; [ "$N" -ge 50 ] && td='{"ratio":"<=","value":0.4}'
  rec_pair "containers up, $N services, until all alive" ms "$tu" docker-compose PU SU
  rec_pair "containers down, $N services, until all gone" ms "$td" docker-compose PD SD
  for m in "up:until all alive:FU" "down:until all gone:FD"; do IFS=: read -r what until arr <<< "$m"
    if [ -n "$FLOOR_FAIL" ]; then record "containers $what, $N services, $until" peer "engine API alone" ms null failed "$FLOOR_FAIL"
    else declare -n _f=$arr; record "containers $what, $N services, $until" peer "engine API alone" ms null ok "" "${_f[@]}"; unset -n _f; fi
  done
done
