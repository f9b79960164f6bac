#!/usr/bin/env bash
# native-idle-cpu - CPU the supervisor burns while idle with 100 native services.
# Both supervisors run their 100 `/bin/sleep` services at the same time and are measured over the
# SAME windows (same machine noise for both): utime+stime ticks from /proc/PID/stat before and after
# each window of IDLE_S seconds. peer: the PM2 God daemon. stack: the sum over every process stack
# adds (lib.sh stack_procs: agent, watchdog, holders; not the services). Reported as CPU ms per
# minute, also from /proc/PID/task/*/schedstat (ns precision; live threads only). Target: stack/peer <= 1.0.   env: WINDOWS (5; quick 1)  IDLE_S (60; quick 15)  SETTLE_S (5)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-idle-cpu "$(q 120 500)" "$@"
WINDOWS=${WINDOWS:-$(q 1 5)}; IDLE_S=${IDLE_S:-$(q 15 60)}; SETTLE_S=${SETTLE_S:-$(q 3 5)}; N=${N:-100}
native_pair benchidle "$N"
native_up_both "$N"
GOD=$(pm2_god); SPIDS=""
if [ -z "$STACK_FAIL" ]; then SPIDS=$(stack_procs "^/bin/sleep $SARG\$" | tr '\n' ' '); [ -n "$SPIDS" ] || STACK_FAIL="no stack process found"; fi
sleep "$SETTLE_S"
P=(); S=(); PN=(); SN=()
for w in $(seq 1 "$WINDOWS"); do
  g0=$(ticks "$GOD"); s0=$(sum_ticks $SPIDS); gn0=$(run_ns "$GOD"); sn0=$(sum_run_ns $SPIDS); t0=${EPOCHREALTIME/./}
  sleep "$IDLE_S"
  g1=$(ticks "$GOD"); s1=$(sum_ticks $SPIDS); gn1=$(run_ns "$GOD"); sn1=$(sum_run_ns $SPIDS); lap "$t0"
  per_min() { awk -v d="$1" -v ms="$LAP" 'BEGIN{printf "%.2f", d*60000/ms}'; }   # CPU ms in the window -> per minute
  [ -z "$PEER_FAIL" ] && { P+=("$(per_min $(( (g1-g0) * 1000 / CLK )))"); PN+=("$(per_min "$(awk -v d=$((gn1-gn0)) 'BEGIN{print d/1e6}')")"); }
  [ -z "$STACK_FAIL" ] && { S+=("$(per_min $(( (s1-s0) * 1000 / CLK )))"); SN+=("$(per_min "$(awk -v d=$((sn1-sn0)) 'BEGIN{print d/1e6}')")"); }
done
[ -n "$SPIDS" ] && say "stack processes measured: $SPIDS"
rec_pair "supervisor CPU idle, $N services, utime+stime" "CPU ms/min" '{"ratio":"<=","value":1.0}' "pm2" P S
# the same from schedstat (ns): utime+stime counts 10 ms ticks, so a short QUICK window may read 0
rec_pair "supervisor CPU idle, $N services, schedstat" "CPU ms/min" '{"ratio":"<=","value":1.0}' "pm2" PN SN
