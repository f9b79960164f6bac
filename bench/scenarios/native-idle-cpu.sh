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
# Both ends of a window must sum the same live processes and threads: a thread that ends inside
# the window (an idle pool thread of the JVM, a short-lived helper of the watchdog) takes its
# schedstat time with it, and a plain "sum at the end - sum at the start" then reads negative.
# So each end is a list of "pid/tid value", and a window counts, per key, end - start for keys
# alive at both ends and the whole value for keys born inside it; keys gone by the end are left
# out (their last part of a window is lost: an undercount, never a negative).
# task_ns PIDS: "pid/tid ns" for every live thread (schedstat's first field)
task_ns() { local p f a t; for p in "$@"; do for f in /proc/"$p"/task/*/schedstat; do a=""
  { read -r a _ < "$f"; } 2>/dev/null; [ -n "$a" ] && { t=${f%/schedstat}; echo "$p/${t##*/} $a"; }; done; done; }
# proc_ticks PIDS: "pid ticks" for every live process (utime+stime, ended threads included)
proc_ticks() { local p t; for p in "$@"; do t=$(ticks "$p"); [ -d "/proc/$p" ] && echo "$p $t"; done; }
# grown START END: the sum over keys of END of (value - value in START, 0 for a key born since)
grown() { awk 'NR==FNR { if (NF == 2) b[$1] = $2; next } NF == 2 { d = $2 - (($1 in b) ? b[$1] : 0); if (d > 0) t += d } END { printf "%d\n", t }' \
  <(printf '%s\n' "$1") <(printf '%s\n' "$2"); }
native_pair benchidle "$N"
native_up_both "$N"
GOD=$(pm2_god); SPIDS=""
if [ -z "$STACK_FAIL" ]; then SPIDS=$(stack_procs "^/bin/sleep $SARG\$" | tr '\n' ' '); [ -n "$SPIDS" ] || STACK_FAIL="no stack process found"; fi
sleep "$SETTLE_S"
P=(); S=(); PN=(); SN=()
for w in $(seq 1 "$WINDOWS"); do
  g0=$(proc_ticks "$GOD"); s0=$(proc_ticks $SPIDS); gn0=$(task_ns "$GOD"); sn0=$(task_ns $SPIDS); t0=${EPOCHREALTIME/./}
  sleep "$IDLE_S"
  g1=$(proc_ticks "$GOD"); s1=$(proc_ticks $SPIDS); gn1=$(task_ns "$GOD"); sn1=$(task_ns $SPIDS); lap "$t0"
  per_min() { awk -v d="$1" -v ms="$LAP" 'BEGIN{printf "%.2f", d*60000/ms}'; }   # CPU ms in the window -> per minute
  [ -z "$PEER_FAIL" ] && { P+=("$(per_min $(( $(grown "$g0" "$g1") * 1000 / CLK )))"); PN+=("$(per_min "$(awk -v d="$(grown "$gn0" "$gn1")" 'BEGIN{print d/1e6}')")"); }
  [ -z "$STACK_FAIL" ] && { S+=("$(per_min $(( $(grown "$s0" "$s1") * 1000 / CLK )))"); SN+=("$(per_min "$(awk -v d="$(grown "$sn0" "$sn1")" 'BEGIN{print d/1e6}')")"); }
done
[ -n "$SPIDS" ] && say "stack processes measured: $SPIDS"
rec_pair "supervisor CPU idle, $N services, utime+stime" "CPU ms/min" '{"ratio":"<=","value":1.0}' "pm2" P S
# the same from schedstat (ns): utime+stime counts 10 ms ticks, so a short QUICK window may read 0
rec_pair "supervisor CPU idle, $N services, schedstat" "CPU ms/min" '{"ratio":"<=","value":1.0}' "pm2" PN SN
