#!/usr/bin/env bash
# native-log-throughput - a native service writing `yes` lines (41 bytes: our tag + digits) as fast
# as it can for DUR_S seconds, method of the anchor pm2-log-throughput.sh:
# - throughput = payload bytes the WRITER got out, per second: delta of /proc/<yes>/io wchar over the
#   window (after 1 s of ramp-up). Never the stored file size, which would count timestamp prefixes.
# - then SIGSTOP the writer, wait until the store stops growing (1 s unchanged), and check EVERY stored
#   line: stack's straight from its store file, the format's header lines (docs/logs-format.md)
#   removed and nothing else, PM2's straight from its out file (timestamps stripped for time: true).
#   lost = written - stored. (`stack logs` itself is checked by the integration tests; through it,
#   the 3-4 GB a run now stores took longer than the scenario's time bound.)
# - supervisor CPU over the window: stack = every process stack adds (lib.sh stack_procs), PM2 = God.
# Sides, alternating per rep: stack (its per-line timestamps are always on), PM2 with `time: true`,
# PM2 without timestamps, and plain `yes > file` on the same disk.
# Then STOP_REPS times: the service is stopped (`stack -f F stop` / `pm2 stop`) while it writes; the
# writer's wchar is polled every 1 ms until it is gone (a lower bound of what it wrote) and compared
# with what was stored: target 0 bytes lost (PM2 is shown for reference; it loses the tail at times).
# Targets: stack >= 10x PM2 time:true, >= 1.0x PM2 plain, >= 0.8x `yes > file`; 0 lost, 0 torn.
# env: DUR_S (10; quick 3)  REPS (3; quick 1)  STOP_REPS (3; quick 1)  STOP_AFTER_S (5; quick 2)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-log-throughput "$(q 240 1500)" "$@"
DUR_S=${DUR_S:-$(q 3 10)}; REPS=${REPS:-$(q 1 3)}; STOP_REPS=${STOP_REPS:-$(q 1 3)}; STOP_AFTER_S=${STOP_AFTER_S:-$(q 2 5)}
LINE=$(printf 'b%s0123456789012345678901234567890123456789' "$TAG" | cut -c1-40)
YCMD="/usr/bin/yes $LINE"; PROBE="/bin/sleep 2${TAG}9"; OWN_CMDS+=("$YCMD" "$PROBE")
F="$WORK/stack.yaml"; STACK_FILES+=("$F"); SVC=""; RUNNO=0
# new_service: each stack run writes a service of its own name (y1, y2, ...) into the stack file, so
# reading it back never sees an earlier run's lines (stack may keep logs after `down`); the store of
# earlier runs is removed once the agent is stopped.
new_service() {
  RUNNO=$((RUNNO+1)); SVC="y$RUNNO"
  cat > "$F" <<Y
name: benchlog
services:
  $SVC: {command: [/usr/bin/yes, "$LINE"], restart: {policy: "no"}, stop: {signal: INT, timeout: 1600ms}, logs: {max_size: 64g, keep: 1}}
Y
}
stack_fresh() { stack_reset "$F"; rm -rf "$SH/logs"; new_service; }
cat > "$WORK/probe.yaml" <<Y
name: benchlogprobe
services:
  p1: {command: [/bin/sleep, "2${TAG}9"]}
Y
STACK_FILES+=("$WORK/probe.yaml")
pm2_app() { # pm2_app NAME OUT [extra]
  cat > "$WORK/$1.config.js" <<JS
module.exports = { apps: [ { name: '$1', script: '/usr/bin/yes', args: '$LINE', interpreter: 'none', exec_mode: 'fork',
  autorestart: false, out_file: '$2', error_file: '$WORK/$1-err.log' ${3:-} } ] };
JS
  timeout 60 pm2 start "$WORK/$1.config.js" >/dev/null 2>&1 || { ERR="pm2 start failed"; return 1; }
  wait_count "$YCMD" 1 30 || return 1; YP=$(pid_of "$YCMD"); }
fsize() { stat -c %s "$1" 2>/dev/null || echo 0; }
dsize() { du -sb "$1" 2>/dev/null | cut -f1; }
# wait_stable CMD...: until the number CMD prints is unchanged for 1 s (50 ms polls, 120 s max)
wait_stable() { local last=-1 same=0 s k; for k in $(seq 1 2400); do s=$("$@")
  if [ "$s" = "$last" ]; then same=$((same+1)); [ $same -ge 20 ] && return 0; else same=0; fi; last=$s; sleep 0.05; done; return 1; }
# window PID SUPERVISOR_PIDS...: ramp 1 s, then DUR_S; sets RATE (MB/s of writer wchar) and CPU (% of a core)
window() { local yp=$1 w0 w1 c0 c1 t0; shift; sleep 1
  w0=$(wchar "$yp"); c0=$(sum_ticks "$@"); t0=${EPOCHREALTIME/./}
  sleep "$DUR_S"
  w1=$(wchar "$yp"); c1=$(sum_ticks "$@"); lap "$t0"
  RATE=$(awk -v d=$((w1-w0)) -v ms="$LAP" 'BEGIN{printf "%.1f", d/ms/1000}')
  CPU=$(awk -v d=$((c1-c0)) -v clk="$CLK" -v ms="$LAP" 'BEGIN{printf "%.0f", 100*d/clk/(ms/1000)}'); }
# check FILE: sets NL (lines), BAD (lines that are not exactly LINE), BYTES
check() { NL=$(wc -l < "$1"); BAD=$(grep -cvxF "$LINE" "$1"); BYTES=$(fsize "$1"); }
# freeze PID: SIGSTOP and wait until it is really stopped (state T), so that a write that was in
# progress has returned and is counted in wchar; prints the writer's wchar then
freeze() { local st k; kill -STOP "$1"
  for k in $(seq 1 1000); do st=""; { read -r st < "/proc/$1/stat"; } 2>/dev/null; st=${st##*) }; [ "${st%% *}" = T ] && break; read -t 0.001 -u "$SFD"; done
  wchar "$1"; }
pre_wchar() { local p; p=$(pid_of "$PROBE"); [ -n "$p" ] && wchar "$p"; }

# settle: every side starts on a quiet disk. Each side writes GBs and the one before it has just
# deleted or read back its own; without this, the kernel was still writing back (and throttling
# new writers after) the previous side's data while the next side ran: stack, which ran after PM2's
# 2.6 GB, measured 165-262 MB/s there and 291-317 MB/s with only itself in the rotation. `sync`,
# then wait until Dirty + Writeback in /proc/meminfo is under 64 MiB (30 s at most). Same for all sides.
settle() { local k d; sync
  for k in $(seq 1 300); do d=$(awk '/^(Dirty|Writeback):/{s+=$2} END{print s}' /proc/meminfo)
    [ "${d:-0}" -lt 65536 ] && return 0; read -t 0.1 -u "$SFD"; done; }
plain_once() { local out="$WORK/plain.out"
  settle
  yes "$LINE" > "$out" & YP=$!; OWN_PIDS+=("$YP")
  window "$YP"; kill -9 "$YP"; wait "$YP" 2>/dev/null; rm -f "$out"; YP=""; PLAIN+=("$RATE"); say "yes > file: $RATE MB/s"; }
pm2_once() { # pm2_once ts|plain
  local name="yes$1$RANDOM" out="$WORK/pm2-$1.out" extra="" wf g
  [ "$1" = ts ] && extra=", time: true"
  timeout 60 pm2 ping >/dev/null 2>&1; g=$(pm2_god); settle
  pm2_app "$name" "$out" "$extra" || return 1
  window "$YP" "$g"
  wf=$(( $(freeze "$YP") - PRE_PM2 ))
  wait_stable fsize "$out"; kill -9 "$YP"; YP=""; timeout 60 pm2 delete "$name" >/dev/null 2>&1
  if [ "$1" = ts ]; then   # strip PM2's "YYYY-MM-DDTHH:mm:ss: " prefix, then every payload must be LINE
    sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9:]+)?: //' "$out" > "$out.payload"; rm -f "$out"; mv "$out.payload" "$out"
    check "$out"; PTS+=("$RATE"); PTS_CPU+=("$CPU"); PTS_BAD+=("$BAD"); PTS_LOST+=("$(( wf > BYTES ? wf - BYTES : 0 ))")
  else
    check "$out"; PPL+=("$RATE"); PPL_CPU+=("$CPU"); PPL_BAD+=("$BAD"); PPL_LOST+=("$(( wf > BYTES ? wf - BYTES : 0 ))")
  fi
  say "pm2 $1: $RATE MB/s, God CPU $CPU %, $NL lines, $BAD not exact, written $wf B, stored $BYTES B"
  rm -f "$out"; timeout 60 pm2 kill >/dev/null 2>&1; }
# stored_lines: the service's stored lines (the rotated file first; keep is 1) without the headers ("@<time> out|err[ +]"), to stdout;
# any other line starting with @ (an escaped line or a piece: none for these lines) stays, and fails
# the exact-line check
HEADER_RE='^@[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z (out|err)( \+)?$'
stored_lines() { local f n=0; for f in "$SH/logs/benchlog/$SVC"-1.log.1 "$SH/logs/benchlog/$SVC"-1.log; do [ -f "$f" ] || continue; n=$((n+1)); grep -avE "$HEADER_RE" "$f"; done
  [ $n -gt 0 ]; }
stack_once() { local rb="$WORK/readback" wf rc pids
  stack_fresh; settle
  sk -f "$F" up --profile dev >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  wait_count "$YCMD" 1 30 || { ERR="stack up returned but $ERR"; return 1; }; YP=$(pid_of "$YCMD")
  pids=$(stack_procs "^/usr/bin/yes " | tr '\n' ' ')
  window "$YP" $pids
  wf=$(( $(freeze "$YP") - PRE_STACK ))
  wait_stable dsize "$SH"
  stored_lines > "$rb"; rc=$?
  kill -9 "$YP"; YP=""
  [ $rc -eq 0 ] || { ERR="no stored log file for $SVC in $SH/logs/benchlog"; return 1; }
  check "$rb"; rm -f "$rb"
  SRATE+=("$RATE"); SCPU+=("$CPU"); SBAD+=("$BAD"); SLOST+=("$(( wf > BYTES ? wf - BYTES : 0 ))")
  say "stack: $RATE MB/s, stack CPU $CPU % ($pids), $NL lines, $BAD not exact, written $wf B, read back $BYTES B"
  stack_fresh; }
# poll_gone PID: WB = last wchar seen before the process disappeared (1 ms fork-free polls)
poll_gone() { local w k v; WB=0; while :; do w=""; { while read -r k v; do [ "$k" = wchar: ] && w=$v; done < "/proc/$1/io"; } 2>/dev/null
  [ -n "$w" ] || break; WB=$w; read -t 0.001 -u "$SFD"; done; }
stack_stop_once() { local rb="$WORK/readback" rc sp
  stack_fresh; settle
  sk -f "$F" up --profile dev >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  wait_count "$YCMD" 1 30 || { ERR="stack up returned but $ERR"; return 1; }; YP=$(pid_of "$YCMD")
  sleep "$STOP_AFTER_S"
  ( STACK_HOME="$SH" timeout 120 "$STACK" -f "$F" stop >/dev/null 2>&1 ) & sp=$!
  poll_gone "$YP"; wait "$sp"; rc=$?; YP=""
  [ $rc -eq 0 ] || { ERR="stack stop exited $rc"; return 1; }
  wait_stable dsize "$SH"
  stored_lines > "$rb" || { ERR="no stored log file for $SVC in $SH/logs/benchlog"; return 1; }
  check "$rb"; rm -f "$rb"; WB=$(( WB - PRE_STACK ))
  SSTOP+=("$(( WB > BYTES ? WB - BYTES : 0 ))")
  say "stack stop while writing: wrote >= $WB B, read back $BYTES B, $NL lines, $BAD not exact"
  stack_fresh; }
pm2_stop_once() { local name="yesstop$RANDOM" out="$WORK/pm2-stop.out" sp
  timeout 60 pm2 ping >/dev/null 2>&1; settle
  pm2_app "$name" "$out" || return 1
  sleep "$STOP_AFTER_S"
  ( timeout 60 pm2 stop "$name" >/dev/null 2>&1 ) & sp=$!
  poll_gone "$YP"; wait "$sp"; YP=""
  wait_stable fsize "$out"; check "$out"; WB=$(( WB - PRE_PM2 ))
  PSTOP+=("$(( WB > BYTES ? WB - BYTES : 0 ))")
  say "pm2 stop while writing: wrote >= $WB B, stored $BYTES B, $NL lines, $BAD not exact"
  rm -f "$out"; timeout 60 pm2 delete "$name" >/dev/null 2>&1; }

# A spawned child may have written a few bytes before exec (PM2: 1; node's spawn handshake):
# measure it on an idle probe for each side and subtract it from the writer's wchar.
PRE_PM2=0; PRE_STACK=0
echo "module.exports = { apps: [ { name: 'probe', script: '/bin/sleep', args: '2${TAG}9', interpreter: 'none' } ] };" > "$WORK/probe.config.js"
timeout 60 pm2 start "$WORK/probe.config.js" >/dev/null 2>&1 && wait_count "$PROBE" 1 30 && PRE_PM2=$(pre_wchar); PRE_PM2=${PRE_PM2:-0}
timeout 60 pm2 kill >/dev/null 2>&1; wait_count "$PROBE" 0 30 le
if sk -f "$WORK/probe.yaml" up --profile dev >/dev/null && wait_count "$PROBE" 1 30; then PRE_STACK=$(pre_wchar); PRE_STACK=${PRE_STACK:-0}
else STACK_FAIL="stack up: $(sk_reason 1)"; fi
stack_reset "$WORK/probe.yaml"
say "bytes written before exec: pm2 $PRE_PM2, stack $PRE_STACK"

PLAIN=(); PTS=(); PTS_CPU=(); PTS_BAD=(); PTS_LOST=(); PPL=(); PPL_CPU=(); PPL_BAD=(); PPL_LOST=()
SRATE=(); SCPU=(); SBAD=(); SLOST=(); SSTOP=(); PSTOP=()
peer_all() { plain_once && pm2_once ts && pm2_once plain; }
alternate "$REPS" peer_all stack_once
M="log throughput, payload MB/s"
rec_side "$M" peer "pm2 time:true" MB/s '{"ratio":">=","value":10}' PTS
rec_side "$M" peer "pm2 (no timestamps)" MB/s '{"ratio":">=","value":1.0}' PPL
rec_side "$M" peer "yes > file" MB/s '{"ratio":">=","value":0.8}' PLAIN
rec_side "$M" stack stack MB/s null SRATE
rec_side "supervisor CPU while logging, % of one core" peer "pm2 time:true" % null PTS_CPU
rec_side "supervisor CPU while logging, % of one core" peer "pm2 (no timestamps)" % null PPL_CPU
rec_side "supervisor CPU while logging, % of one core" stack stack % null SCPU
rec_side "log lines torn or not exact" peer "pm2 time:true" lines null PTS_BAD
rec_side "log lines torn or not exact" peer "pm2 (no timestamps)" lines null PPL_BAD
rec_side "log lines torn or not exact" stack stack lines '{"abs":"==","value":0}' SBAD
# PM2 time:true drops the unterminated tail of each pipe read (prefixLogWithDate pops it), so it loses bytes
rec_side "log bytes lost (written - stored)" peer "pm2 time:true" bytes null PTS_LOST
rec_side "log bytes lost (written - stored)" peer "pm2 (no timestamps)" bytes null PPL_LOST
rec_side "log bytes lost (written - stored)" stack stack bytes '{"abs":"==","value":0}' SLOST
PEER_FAIL=""; STACK_FAIL=""
alternate "$STOP_REPS" pm2_stop_once stack_stop_once
rec_side "log bytes lost when stopped while writing" peer "pm2 (pm2 stop)" bytes null PSTOP
rec_side "log bytes lost when stopped while writing" stack stack bytes '{"abs":"==","value":0}' SSTOP
