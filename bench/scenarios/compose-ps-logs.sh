#!/usr/bin/env bash
# compose-ps-logs - status listing and logs with 10 running containers (anchor compose-ps-logs.sh):
# s1 prints 1000 lines then execs `sleep`, s2..s10 run `sleep <tag>`. Both projects run at the same
# time; calls alternate peer, stack after WARMUP untimed calls each (output discarded, not a tty).
# peer: `docker-compose ps`, `docker-compose logs --no-color s1`.
# stack: `stack -f F ps`, `stack -f F logs s1` (after checking both print the 1000 lines once).
# Targets: ps <= 0.5, logs <= 0.5.   env: RUNS (10; quick 3)  WARMUP (2; quick 1)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init compose-ps-logs "$(q 150 400)" "$@"
RUNS=${RUNS:-$(q 3 10)}; WARMUP=${WARMUP:-$(q 1 2)}
need_engine || { PEER_FAIL="Docker engine not answering"; STACK_FAIL=$PEER_FAIL; }
PARG="2${TAG}1"; SARG="2${TAG}2"; OWN_CMDS+=("sleep $PARG" "sleep $SARG")
P="benchps$$"; CF="$WORK/compose.yml"; SF="$WORK/stack.yaml"
# the same shell loop on both sides; $$ is a literal $ in both compose and stack files
S1CMD='["sh", "-c", "i=0; while [ $$i -lt 1000 ]; do echo line $$i; i=$$((i+1)); done; exec sleep ARG"]'
{ echo 'version: "2.4"'; echo 'services:'
  printf '  s1:\n    image: %s\n    command: %s\n    stop_signal: SIGKILL\n    labels: ["%s"]\n' "$BENCH_IMAGE" "${S1CMD/ARG/$PARG}" "$RUN_LABEL"
  for i in $(seq 2 10); do printf '  s%d:\n    image: %s\n    command: ["sleep", "%s"]\n    stop_signal: SIGKILL\n    labels: ["%s"]\n' "$i" "$BENCH_IMAGE" "$PARG" "$RUN_LABEL"; done
  printf 'networks:\n  default:\n    labels: ["%s"]\n' "$RUN_LABEL"; } > "$CF"
COMPOSE_PROJECTS+=("$P:$CF")
{ echo "name: benchps"; echo "services:"
  echo "  s1: {image: \"$BENCH_IMAGE\", command: ${S1CMD/ARG/$SARG}, stop: {signal: KILL}, init: false}"
  for i in $(seq 2 10); do echo "  s$i: {image: \"$BENCH_IMAGE\", command: [sleep, \"$SARG\"], stop: {signal: KILL}, init: false}"; done; } > "$SF"
STACK_FILES+=("$SF")

timeout 300 docker-compose -p "$P" -f "$CF" up -d >/dev/null 2>&1 && wait_count "sleep $PARG" 10 60 || PEER_FAIL="docker-compose up: ${ERR:-failed}"
if sk -f "$SF" up --profile prod >/dev/null; then wait_count "sleep $SARG" 10 60 || STACK_FAIL="stack up: $ERR"
else STACK_FAIL="stack up: $(sk_reason $?)"; fi
sleep 1
if [ -z "$PEER_FAIL" ]; then n=$(timeout 60 docker-compose -p "$P" -f "$CF" logs --no-color s1 2>/dev/null | grep -c 'line [0-9]'); [ "$n" -eq 1000 ] || PEER_FAIL="docker-compose logs s1 shows $n of 1000 lines"; fi
if [ -z "$STACK_FAIL" ]; then n=$(sk -f "$SF" logs s1 | grep -c 'line [0-9]'); [ "$n" -eq 1000 ] || STACK_FAIL="stack logs s1 shows $n of 1000 lines ($(sk_reason 1))"; fi
PF0=$PEER_FAIL; SF0=$STACK_FAIL
timed() { # timed ARRAY CMD...: run CMD, output discarded, push ms
  local -n _a=$1; shift; local s rc; s=${EPOCHREALTIME/./}; "$@" >/dev/null 2>&1; rc=$?; lap "$s"
  [ $rc -eq 0 ] || { ERR="$* exited $rc"; return 1; }; _a+=("$LAP"); }
WARM=()
peer_ps() { timed "${1:-PP}" timeout 60 docker-compose -p "$P" -f "$CF" ps; }
stack_ps() { timed "${1:-SP}" sk -f "$SF" ps || { ERR="stack ps: $(sk_reason 1)"; return 1; }; }
peer_logs() { timed "${1:-PL}" timeout 60 docker-compose -p "$P" -f "$CF" logs --no-color s1; }
stack_logs() { timed "${1:-SL}" sk -f "$SF" logs s1 || { ERR="stack logs s1: $(sk_reason 1)"; return 1; }; }
PP=(); SP=(); PL=(); SL=()
alternate "$WARMUP" peer_ps stack_ps WARM; alternate "$RUNS" peer_ps stack_ps
rec_pair "container status listing, 10 services" ms '{"ratio":"<=","value":0.5}' docker-compose PP SP
PEER_FAIL=$PF0; STACK_FAIL=$SF0
alternate "$WARMUP" peer_logs stack_logs WARM; alternate "$RUNS" peer_logs stack_logs
rec_pair "container logs of a 1000-line service" ms '{"ratio":"<=","value":0.5}' docker-compose PL SL
