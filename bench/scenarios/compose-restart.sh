#!/usr/bin/env bash
# compose-restart - a container whose process is killed -9 from the host, until it runs again
# (anchor compose-restart.sh). Both sides run one `sleep <tag>` container with restart policy always:
# peer: docker-compose `restart: always`; stack: `restart: {policy: always}` on the prod profile.
# Each kill: the container's main pid (found by its command line in /proc), `kill -9`, then its cgroup's
# cgroup.procs (from /proc/PID/cgroup) is polled every 1 ms for a new pid whose comm is sleep.
# Docker doubles its 100 ms restart delay unless the container ran >= 10 s, so each container is
# killed only after GAP_S (11) s of uptime; kills alternate peer, stack.
# Target: stack/peer <= 1.0.   env: KILLS (6; quick 2)  GAP_S (11)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init compose-restart "$(q 120 400)" "$@"
KILLS=${KILLS:-$(q 2 6)}; GAP_S=${GAP_S:-11}
need_engine || { PEER_FAIL="Docker engine not answering"; STACK_FAIL=$PEER_FAIL; }
PARG="2${TAG}1"; SARG="2${TAG}2"; OWN_CMDS+=("sleep $PARG" "sleep $SARG")
P="benchrs$$"; CF="$WORK/compose.yml"; SF="$WORK/stack.yaml"
compose_file "$CF" 1 "$PARG" "    restart: always"; COMPOSE_PROJECTS+=("$P:$CF")
stack_containers "$SF" 1 "$SARG" benchrestart "restart: {policy: always}"

procs_file() { # procs_file PID: the cgroup.procs file of PID's container (pids controller, v1 or v2)
  local line path c
  while IFS= read -r line; do
    case $line in *:pids:*) path=${line#*:pids:}; c="/sys/fs/cgroup/pids$path/cgroup.procs";;
                  0::*) path=${line#0::}; c="/sys/fs/cgroup$path/cgroup.procs";; *) continue;; esac
    [ -f "$c" ] && { echo "$c"; return 0; }
  done < "/proc/$1/cgroup"; return 1; }
new_sleep() { local p c; NP=""; { while read -r p; do [ "$p" = "$2" ] && continue; c=""; read -r c < "/proc/$p/comm"
  [ "$c" = sleep ] && { NP=$p; return 0; }; done < "$1"; } 2>/dev/null; return 1; }
kill_once() { # kill_once CMD -> V ms
  local old pf t0 dl; old=$(pid_of "$1"); [ -n "$old" ] || { ERR="no live '$1'"; return 1; }
  pf=$(procs_file "$old") || { ERR="no cgroup.procs for pid $old"; return 1; }
  t0=${EPOCHREALTIME/./}; kill -9 "$old"; dl=$(( t0 + 15000000 ))
  while ! new_sleep "$pf" "$old"; do [ "${EPOCHREALTIME/./}" -gt "$dl" ] && { ERR="not running again 15 s after kill -9"; return 1; }
    read -t 0.001 -u "$SFD"; done
  lap "$t0"; V=$LAP; }
# each container is killed only GAP_S after it last came back (the other side's kill runs meanwhile)
peer_kill() { gap_wait "$LAST_P" "$GAP_S"; kill_once "sleep $PARG" || return 1; PK+=("$V"); LAST_P=${EPOCHREALTIME/./}; }
stack_kill() { gap_wait "$LAST_S" "$GAP_S"; kill_once "sleep $SARG" || return 1; SK+=("$V"); LAST_S=${EPOCHREALTIME/./}; }

timeout 300 docker-compose -p "$P" -f "$CF" up -d >/dev/null 2>&1 && wait_count "sleep $PARG" 1 60 || PEER_FAIL="docker-compose up: ${ERR:-failed}"
if sk -f "$SF" up --profile prod >/dev/null; then wait_count "sleep $SARG" 1 60 || STACK_FAIL="stack up: $ERR"
else STACK_FAIL="stack up: $(sk_reason $?)"; fi
LAST_P=${EPOCHREALTIME/./}; LAST_S=$LAST_P   # the first restart delay is the 100 ms minimum anyway
PK=(); SK=()
alternate "$KILLS" peer_kill stack_kill
rec_pair "container restart after kill -9, until running again" ms '{"ratio":"<=","value":1.0}' docker-compose PK SK
