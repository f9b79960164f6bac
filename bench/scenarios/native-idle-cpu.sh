#!/usr/bin/env bash
# native-idle-cpu - CPU the supervisor burns while idle with 100 native services.
# Both supervisors run their 100 `/bin/sleep` services at the same time and are measured over the
# SAME windows (same machine noise for both): utime+stime ticks from /proc/PID/stat before and after
# each window of IDLE_S seconds. peer: the PM2 God daemon. stack: the sum over every process stack
# adds (lib.sh stack_procs: agent, watchdog, holders; not the services). Reported as CPU ms per
# minute. Target: stack/peer <= 1.0.   env: WINDOWS (5; quick 1)  IDLE_S (60; quick 15)  SETTLE_S (5)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-idle-cpu "$(q 120 500)" "$@"
WINDOWS=${WINDOWS:-$(q 1 5)}; IDLE_S=${IDLE_S:-$(q 15 60)}; SETTLE_S=${SETTLE_S:-$(q 3 5)}; N=${N:-100}
native_pair benchidle "$N"
native_up_both "$N"
GOD=$(pm2_god); SPIDS=""
if [ -z "$STACK_FAIL" ]; then SPIDS=$(stack_procs "^/bin/sleep $SARG\$" | tr '\n' ' '); [ -n "$SPIDS" ] || STACK_FAIL="no stack process found"; fi
sleep "$SETTLE_S"
P=(); S=()
for w in $(seq 1 "$WINDOWS"); do
  g0=$(ticks "$GOD"); s0=$(sum_ticks $SPIDS); t0=${EPOCHREALTIME/./}
  sleep "$IDLE_S"
  g1=$(ticks "$GOD"); s1=$(sum_ticks $SPIDS); lap "$t0"
  [ -z "$PEER_FAIL" ] && P+=("$(awk -v d=$((g1-g0)) -v clk="$CLK" -v ms="$LAP" 'BEGIN{printf "%.1f", d*1000/clk*60000/ms}')")
  [ -z "$STACK_FAIL" ] && S+=("$(awk -v d=$((s1-s0)) -v clk="$CLK" -v ms="$LAP" 'BEGIN{printf "%.1f", d*1000/clk*60000/ms}')")
done
[ -n "$SPIDS" ] && say "stack processes measured: $SPIDS"
rec_pair "supervisor CPU idle, $N services (CPU ms per minute)" "CPU ms/min" '{"ratio":"<=","value":1.0}' "pm2" P S
