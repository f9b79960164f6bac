# lib.sh - shared by bench/scenarios/*.sh (sourced, not run).
#
# What it gives a scenario:
# - bench_init NAME LIMIT_S: re-runs the scenario under `timeout` (so it is bounded), makes its own
#   work dir, PM2_HOME and STACK_HOME, a unique tag for every process it starts, and a cleanup trap
#   that removes only what this scenario made (its PM2 daemon, its stack, its compose projects, its
#   containers by label, pids it started).
# - timing in microseconds from $EPOCHREALTIME (no fork), results in ms.
# - alternate RUNS PEER_FN STACK_FN: runs peer, stack, peer, stack, ... A failing stack side is
#   recorded once as "failed (reason)" and skipped from then on; the peer side goes on.
# - record ...: appends one JSON line (scenario, metric, side, runs, median, min, max, unit, target)
#   to $BENCH_RESULTS; bench/report.sh turns those lines into the table.
# - /proc-based probes: count live processes by exact command line, children of a pid, VmRSS and
#   utime+stime sums, writer bytes from /proc/PID/io.
#
# Error handling: scenarios run with `set -uo pipefail` and check each step themselves, because a
# failing command (the stack side, while stack is being finished) must be recorded, not abort the run.

BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
ROOT=${ROOT:-$(dirname "$BENCH_DIR")}
QUICK=${QUICK:-0}
STACK=${STACK:-$ROOT/bin/stack}
BENCH_IMAGE=${BENCH_IMAGE:-stack-busybox:1}
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH_DIR/results/raw/adhoc.jsonl}
CLK=$(getconf CLK_TCK)

# q QUICK_VALUE FULL_VALUE: the value for the current mode.
q() { if [ "$QUICK" = 1 ]; then echo "$1"; else echo "$2"; fi; }
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }
# lap START_US: sets LAP to the ms (1 decimal) elapsed since START_US; reads the clock first, no fork
lap() { local t=$EPOCHREALTIME d; t=${t/./}; d=$(( t - $1 )); LAP="$(( d / 1000 )).$(( d % 1000 / 100 ))"; }
say() { echo "[$SCENARIO $(date -u +%T)] $*" >&2; }

# ---------------------------------------------------------------- setup and cleanup
# bench_init NAME LIMIT_S "$@": call first; re-execs the scenario under timeout once.
bench_init() {
  SCENARIO=$1; local limit=${LIMIT_S:-$2}; shift 2   # LIMIT_S overrides the bound (seconds)
  if [ -z "${BENCH_BOUNDED:-}" ]; then
    export BENCH_BOUNDED=1
    exec timeout --kill-after=120 "$limit" bash "$0" "$@"   # cleanup gets up to 120 s more
  fi
  mkdir -p "$(dirname "$BENCH_RESULTS")"
  WORK=$(mktemp -d "/tmp/bench-$SCENARIO.XXXXXX")
  TAG=$(printf '%07d' $$)                # unique per scenario run; in every command line we start
  RUN_LABEL="bench.run=bench-$SCENARIO-$$"
  export PM2_HOME="$WORK/pm2home"        # PM2 reads it from the environment: our own daemon only
  SH="$WORK/stackhome"                   # passed to each stack call, never exported (see stack_procs)
  mkdir -p "$SH"
  STACK_FAIL=""; PEER_FAIL=""; ERR=""; V=""
  OWN_PIDS=(); OWN_CMDS=(); COMPOSE_PROJECTS=(); STACK_FILES=()
  exec {SFD}<> <(:)                      # fork-free sub-ms sleep: read -t 0.001 -u $SFD
  trap bench_cleanup EXIT; trap 'exit 143' INT TERM
  say "start (quick=$QUICK, work $WORK, load $(cut -d' ' -f1-3 /proc/loadavg))"
}

bench_cleanup() {
  # ignore the time bound's TERM from here on: cleanup must finish (timeout's KILL comes 120 s later)
  trap - EXIT; trap '' INT TERM
  local p f ids nets g
  for p in "${OWN_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  # our PM2 daemon and its apps, by pid: quicker than `pm2 kill` on a loaded machine, same effect
  g=$(pm2_god)
  if [ -n "$g" ] && kill -0 "$g" 2>/dev/null; then
    for p in $(children "$g"); do kill -9 "$p" 2>/dev/null; done; kill -9 "$g" 2>/dev/null; fi
  # containers first, in one call each: a `down` of 50 under heavy load can outlast the 120 s
  # before timeout's KILL, and a killed cleanup once left 50 compose containers running
  if [ ${#COMPOSE_PROJECTS[@]} -gt 0 ] || [ -n "${CONTAINERS_USED:-}" ]; then
    ids=$(docker ps -aq --filter "label=$RUN_LABEL" 2>/dev/null); [ -n "$ids" ] && timeout 60 docker rm -f $ids >/dev/null 2>&1
    # stack's own containers carry no label of ours: find them by our tag in their command line
    ids=$(docker ps -a --no-trunc --format '{{.ID}} {{.Command}}' 2>/dev/null | awk -v t="$TAG" 'index($0,t){print $1}')
    [ -n "$ids" ] && timeout 60 docker rm -f $ids >/dev/null 2>&1
  fi
  for f in "${STACK_FILES[@]}"; do [ -x "$STACK" ] && SK_TIMEOUT=30 sk -f "$f" down >/dev/null 2>&1; done
  [ -x "$STACK" ] && [ -d "$SH" ] && SK_TIMEOUT=30 sk daemon stop >/dev/null 2>&1
  for p in "${COMPOSE_PROJECTS[@]}"; do
    timeout 60 docker-compose -p "${p%%:*}" -f "${p#*:}" down -t 0 --remove-orphans >/dev/null 2>&1; done
  if [ ${#COMPOSE_PROJECTS[@]} -gt 0 ] || [ -n "${CONTAINERS_USED:-}" ]; then
    nets=$(docker network ls -q --filter "label=$RUN_LABEL" 2>/dev/null); [ -n "$nets" ] && docker network rm $nets >/dev/null 2>&1
  fi
  # anything still carrying our STACK_HOME or one of our tagged command lines (an agent or a service
  # that outlived `daemon stop`): these processes exist only because this scenario started them.
  for p in $(stack_env_pids) $(own_cmd_pids); do [ "$p" != $$ ] && kill -9 "$p" 2>/dev/null; done
  rm -rf "$WORK"
  say "cleaned up"
}

# need_engine: the Docker engine answers and the image exists (started / built if not; see setup.sh)
need_engine() { CONTAINERS_USED=1; bash "$BENCH_DIR/setup.sh" --engine 2>&1 | sed "s/^/[$SCENARIO] /" >&2; timeout 20 docker info >/dev/null 2>&1; }

# ---------------------------------------------------------------- the stack CLI
# sk ARGS...: stack with this scenario's STACK_HOME; stderr kept in $WORK/sk.err for failure reasons
sk() {
  if [ ! -x "$STACK" ]; then echo "$STACK not found (make build)" > "$WORK/sk.err"; return 127; fi
  STACK_HOME="$SH" timeout "${SK_TIMEOUT:-60}" "$STACK" "$@" 2> "$WORK/sk.err"
}
# sk_reason: one line saying why the last sk call failed
sk_reason() { local r; r=$(grep -v '^\s*$' "$WORK/sk.err" 2>/dev/null | head -1 | cut -c1-160); echo "${r:-exit status $1}"; }
# stack_reset FILE: no services and no agent left for this STACK_HOME (untimed housekeeping)
stack_reset() {
  [ -x "$STACK" ] || return 0
  sk -f "$1" down >/dev/null 2>&1; sk daemon stop >/dev/null 2>&1
  local p; for p in $(stack_env_pids); do kill -9 "$p" 2>/dev/null; done; return 0
}
# stack_env_pids: live processes whose environment holds our STACK_HOME (agent, watchdog, holders,
# and services if the agent passes its environment on). Our own shells never export STACK_HOME.
stack_env_pids() { grep -lszxF "STACK_HOME=$SH" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3; }
# own_cmd_pids: live processes whose exact command line is one this scenario made (they carry $TAG)
own_cmd_pids() { local c; for c in "${OWN_CMDS[@]}"; do pgrep -x -f "$c" 2>/dev/null; done; }

# ---------------------------------------------------------------- /proc probes
# alive_count CMDLINE: live processes whose full command line is exactly CMDLINE (zombies have none)
alive_count() { pgrep -c -x -f "$1" 2>/dev/null || true; }
# wait_count CMDLINE N TIMEOUT_S [le]: poll every 2 ms until count >= N (or <= N with "le")
wait_count() {
  local dl=$(( ${EPOCHREALTIME/./} + $3 * 1000000 )) c
  while :; do
    c=$(alive_count "$1"); c=${c:-0}
    if [ "${4:-ge}" = le ]; then [ "$c" -le "$2" ] && return 0; else [ "$c" -ge "$2" ] && return 0; fi
    [ "${EPOCHREALTIME/./}" -gt "$dl" ] && { ERR="$c of $2 processes after $3 s"; return 1; }
    read -t 0.002 -u "$SFD"
  done
}
# gap_wait LAST_US SECONDS: sleep until SECONDS have passed since LAST_US
gap_wait() { local left=$(( $1 + $2 * 1000000 - ${EPOCHREALTIME/./} )); [ "$left" -gt 0 ] && sleep "$(awk -v u="$left" 'BEGIN{printf "%.3f", u/1e6}')"; return 0; }
pid_of() { pgrep -x -f "$1" 2>/dev/null | head -1; }
rss_kb() { local k v r=0; { while read -r k v _; do [ "$k" = VmRSS: ] && r=$v; done < "/proc/$1/status"; } 2>/dev/null; echo "$r"; }
ticks() { local s=""; { read -r s < "/proc/$1/stat"; } 2>/dev/null; [ -n "$s" ] || { echo 0; return; }; s=${s##*) }; set -- $s; echo $(( ${12} + ${13} )); }
wchar() { local k v w=""; { while read -r k v; do [ "$k" = wchar: ] && w=$v; done < "/proc/$1/io"; } 2>/dev/null; echo "$w"; }
# run_ns PID: nanoseconds on CPU of the live threads of PID (first field of /proc/PID/task/*/schedstat);
# far finer than utime+stime (10 ms ticks) for an idle process, but forgets threads that have exited
run_ns() { local f a t=0; for f in /proc/"$1"/task/*/schedstat; do a=""; { read -r a _ < "$f"; } 2>/dev/null; t=$(( t + ${a:-0} )); done; echo $t; }
sum_run_ns() { local p t=0; for p in "$@"; do t=$(( t + $(run_ns "$p") )); done; echo $t; }
sum_rss_kb() { local p t=0; for p in "$@"; do t=$(( t + $(rss_kb "$p") )); done; echo $t; }
sum_ticks() { local p t=0; for p in "$@"; do t=$(( t + $(ticks "$p") )); done; echo $t; }
# children PID: pids of live children (all threads)
children() { local f line; for f in /proc/"$1"/task/*/children; do line=""; { read -r line < "$f"; } 2>/dev/null; [ -n "$line" ] && echo $line; done | tr ' ' '\n'; }
pm2_god() { local p=""; { read -r p < "$PM2_HOME/pm2.pid"; } 2>/dev/null; echo "$p"; }

# stack_procs SERVICE_CMDLINE_REGEX: every process stack adds for this STACK_HOME, one pid a line.
# Definition (used for memory and CPU): the agent and watchdog pids named by
# `stack daemon status --json` (pid, watchdog_pid), all their descendants, and every process
# whose environment holds STACK_HOME=<ours> (this catches holders that were re-parented to init),
# MINUS the service processes themselves (command line matching SERVICE_CMDLINE_REGEX) and their
# descendants. The CLI calls are short-lived and gone when we sample.
stack_procs() {
  local st roots
  st=$(sk daemon status --json 2>/dev/null)
  roots=$( { jq -r '(.pid // empty), (.watchdog_pid // .watchdog.pid // empty)' <<< "$st" 2>/dev/null; stack_env_pids; } | grep -E '^[0-9]+$' | sort -u | tr '\n' ' ')
  [ -n "$roots" ] || return 0
  ps -e -o pid=,ppid=,args= | awk -v roots="$roots" -v svc="$1" -v self=$$ '
    { pid=$1; pp[pid]=$2; a=$0; sub(/^ *[0-9]+ +[0-9]+ /, "", a); args[pid]=a; kids[$2]=kids[$2] " " pid }
    END {
      n=split(roots, r, " "); for (i=1;i<=n;i++) if (r[i] in args) { q[++qn]=r[i]; take[r[i]]=1 }
      for (i=1;i<=qn;i++) { p=q[i]; if (args[p] ~ svc) { take[p]=0; continue }   # a service: skip it and its subtree
        m=split(kids[p], k, " "); for (j=1;j<=m;j++) if (!(k[j] in take)) { take[k[j]]=1; q[++qn]=k[j] } }
      for (p in take) if (take[p] && p != self) print p }'
}

# ---------------------------------------------------------------- alternation and recording
# alternate RUNS PEER_FN STACK_FN [ARGS...]: PEER_FN and STACK_FN run with ARGS, return 0 on
# success and set ERR on failure; they push their own samples into arrays. The first failure of a
# side stops that side (recorded as failed with ERR); the other side keeps going.
alternate() {
  local runs=$1 pf=$2 sf=$3 r; shift 3
  for r in $(seq 1 "$runs"); do
    if [ -z "$PEER_FAIL" ]; then ERR=""; "$pf" "$@" || { PEER_FAIL="${ERR:-failed}"; say "peer failed: $PEER_FAIL"; }; fi
    if [ -z "$STACK_FAIL" ]; then ERR=""; "$sf" "$@" || { STACK_FAIL="${ERR:-failed}"; say "stack failed: $STACK_FAIL"; }; fi
  done
}

# record METRIC SIDE LABEL UNIT TARGET_JSON STATUS REASON [VALUES...]
#   SIDE: stack | peer.  LABEL: who (pm2, docker-compose, "yes > file", stack).
#   TARGET_JSON: null, {"ratio":"<=","value":0.5} (on the peer record: stack/peer medians),
#   or {"abs":"<","value":1000} (on the stack record). STATUS: ok | failed.
record() {
  local metric=$1 side=$2 label=$3 unit=$4 target=${5:-null} status=$6 reason=$7; shift 7
  local vals; vals=$(printf '%s\n' "$@" | grep -E '^-?[0-9.]+$' | jq -s -c 'map(tonumber)')
  jq -n -c --arg sc "$SCENARIO" --arg m "$metric" --arg side "$side" --arg lab "$label" --arg unit "$unit" \
     --argjson target "$target" --arg status "$status" --arg reason "$reason" --argjson runs "$vals" --argjson quick "$QUICK" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" '
    ($runs|sort) as $s | ($s|length) as $n |
    {scenario:$sc, metric:$m, side:$side, label:$lab, unit:$unit, target:$target,
     status:(if $n==0 and $status=="ok" then "failed" else $status end),
     reason:(if $reason=="" then (if $n==0 then "no samples" else null end) else $reason end),
     runs:$runs, n:$n, quick:($quick==1), load:$load,
     median:(if $n==0 then null elif $n%2==1 then $s[($n-1)/2] else ($s[$n/2-1]+$s[$n/2])/2 end),
     min:$s[0], max:$s[-1]}' >> "$BENCH_RESULTS"
  local med; med=$(printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{if(NR==0){print "-";exit} print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')
  say "$(printf '%-48s %-6s %-22s median %s %s (%d runs)%s' "$metric" "$side" "$label" "$med" "$unit" "$#" "$( [ "$status" = ok ] || echo " FAILED: $reason")")"
}
# rec_side METRIC SIDE LABEL UNIT TARGET ARRAY_NAME: record an array; status from STACK_FAIL/PEER_FAIL
rec_side() {
  local -n _arr=$6; local fail
  if [ "$2" = stack ]; then fail=$STACK_FAIL; else fail=$PEER_FAIL; fi
  if [ -n "$fail" ]; then record "$1" "$2" "$3" "$4" "$5" failed "$fail" "${_arr[@]}"
  else record "$1" "$2" "$3" "$4" "$5" ok "" "${_arr[@]}"; fi
}
# rec_pair METRIC UNIT TARGET PEER_LABEL PEER_ARRAY STACK_ARRAY
rec_pair() { rec_side "$1" peer "$4" "$2" "$3" "$5"; rec_side "$1" stack stack "$2" null "$6"; }

# ---------------------------------------------------------------- file generators
# pm2_eco FILE N SLEEP_ARG [extra js props]: N apps /bin/sleep SLEEP_ARG
pm2_eco() {
  { echo "module.exports = { apps: ["
    for i in $(seq 1 "$2"); do
      echo "  { name: 's$i', script: '/bin/sleep', args: '$3', interpreter: 'none', exec_mode: 'fork', autorestart: true ${4:-} },"
    done
    echo "] };"; } > "$1"
}
# stack_native FILE N SLEEP_ARG NAME [extra yaml flow-map entries]: N native services /bin/sleep SLEEP_ARG
stack_native() {
  { echo "name: $4"; echo "services:"
    for i in $(seq 1 "$2"); do
      echo "  s$i: {command: [/bin/sleep, \"$3\"], restart: {policy: always, backoff: 0s}${5:+, $5}}"
    done; } > "$1"
  STACK_FILES+=("$1")
}
# native_pair NAME N [stack extra]: the usual pair of native stacks for a scenario: sets PARG/SARG
# (each side's sleep argument, carrying our tag), ECO (PM2 ecosystem file) and F (stack file).
native_pair() {
  PARG="2${TAG}1"; SARG="2${TAG}2"; OWN_CMDS+=("/bin/sleep $PARG" "/bin/sleep $SARG")
  ECO="$WORK/eco.config.js"; F="$WORK/stack.yaml"
  pm2_eco "$ECO" "$2" "$PARG"; stack_native "$F" "$2" "$SARG" "$1" "${3:-}"
}
# native_up_both N: start both stacks (untimed) and wait until all alive; failures go to
# PEER_FAIL / STACK_FAIL
native_up_both() {
  timeout 120 pm2 start "$ECO" >/dev/null 2>&1 && wait_count "/bin/sleep $PARG" "$1" 60 || PEER_FAIL="pm2 start: ${ERR:-failed}"
  if sk -f "$F" up --profile dev >/dev/null; then wait_count "/bin/sleep $SARG" "$1" 60 || STACK_FAIL="stack up: $ERR"
  else STACK_FAIL="stack up: $(sk_reason $?)"; fi
}
# compose_file FILE N SLEEP_ARG [extra yaml lines per service]: version 2.4, stop_signal SIGKILL, labelled
compose_file() {
  { echo 'version: "2.4"'; echo 'services:'
    for i in $(seq 1 "$2"); do
      printf '  s%d:\n    image: %s\n    command: ["sleep", "%s"]\n    stop_signal: SIGKILL\n    labels: ["%s"]\n' "$i" "$BENCH_IMAGE" "$3" "$RUN_LABEL"
      [ -n "${4:-}" ] && printf '%s\n' "$4"
    done
    printf 'networks:\n  default:\n    labels: ["%s"]\n' "$RUN_LABEL"; } > "$1"
}
# stack_containers FILE N SLEEP_ARG NAME [extra]: the same N services for stack's docker backend.
# init: false because compose runs none either (sleep is PID 1 on both sides); stop KILL = SIGKILL.
stack_containers() {
  { echo "name: $4"; echo "services:"
    for i in $(seq 1 "$2"); do
      echo "  s$i: {image: \"$BENCH_IMAGE\", command: [sleep, \"$3\"], stop: {signal: KILL}, init: false${5:+, $5}}"
    done; } > "$1"
  STACK_FILES+=("$1")
}
