#!/usr/bin/env bash
# native-memory - resident memory of the supervisor with 0, 10 and 100 native services.
# peer: VmRSS of the PM2 God daemon ($PM2_HOME/pm2.pid), as the anchor pm2-daemon-rss-cpu.sh.
# stack: the SUM of VmRSS over every process stack adds (see stack_procs in lib.sh: agent and
# watchdog from `stack daemon status --json`, their descendants and anything carrying our
# STACK_HOME, minus the services themselves). Services (/bin/sleep) are never counted.
# Each sample: a fresh supervisor (pm2 kill / stack down + daemon stop), then N services started;
# 0 services: `pm2 ping` starts PM2's daemon; stack's agent is started by an `up` of one service
# followed by `down` (a stack file needs at least one service). Settle SETTLE_S, then SAMPLES
# readings 1 s apart, median kept. Alternating peer, stack, REPS times per N.
# Target: stack/peer <= 1.0.   env: REPS (3; quick 1)  SETTLE_S (5; quick 2)  SAMPLES (5; quick 3)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-memory "$(q 150 600)" "$@"
REPS=${REPS:-$(q 1 3)}; SETTLE_S=${SETTLE_S:-$(q 2 5)}; SAMPLES=${SAMPLES:-$(q 3 5)}
PARG="2${TAG}1"; SARG="2${TAG}2"; OWN_CMDS+=("/bin/sleep $PARG" "/bin/sleep $SARG")
SVC_RE="^/bin/sleep $SARG\$"
median() { sort -n | awk '{a[NR]=$1} END{if(NR==0){print "";exit} print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }

peer_mem() { local n=$1 g k s=()
  timeout 60 pm2 kill >/dev/null 2>&1
  if [ "$n" -eq 0 ]; then timeout 60 pm2 ping >/dev/null 2>&1; else timeout 120 pm2 start "$WORK/eco$n.config.js" >/dev/null 2>&1; fi
  [ "$n" -eq 0 ] || wait_count "/bin/sleep $PARG" "$n" 60 || return 1
  sleep "$SETTLE_S"; g=$(pm2_god); [ -n "$g" ] || { ERR="no PM2 daemon"; return 1; }
  for k in $(seq 1 "$SAMPLES"); do s+=("$(rss_kb "$g")"); sleep 1; done
  P+=("$(printf '%s\n' "${s[@]}" | median | awk '{printf "%.1f", $1/1024}')")
  timeout 60 pm2 kill >/dev/null 2>&1; }
stack_mem() { local n=$1 f k s=() pids rc; f="$WORK/stack$n.yaml"
  stack_reset "$f"
  sk -f "$f" up --profile dev >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack up: $(sk_reason $rc)"; return 1; }
  if [ "$n" -eq 0 ]; then sk -f "$f" down >/dev/null; rc=$?; [ $rc -eq 0 ] || { ERR="stack down: $(sk_reason $rc)"; return 1; }
  else wait_count "/bin/sleep $SARG" "$n" 60 || return 1; fi
  sleep "$SETTLE_S"
  pids=$(stack_procs "$SVC_RE" | tr '\n' ' '); [ -n "$pids" ] || { ERR="no stack process found (daemon status --json: $(sk_reason 1))"; return 1; }
  say "stack processes counted with $n services: $(for p in $pids; do printf '%s(%s) ' "$p" "$(cat /proc/$p/comm 2>/dev/null)"; done)"
  for k in $(seq 1 "$SAMPLES"); do s+=("$(sum_rss_kb $pids)"); sleep 1; done
  S+=("$(printf '%s\n' "${s[@]}" | median | awk '{printf "%.1f", $1/1024}')")
  stack_reset "$f"; }

for N in 0 10 100; do
  pm2_eco "$WORK/eco$N.config.js" "$N" "$PARG"; stack_native "$WORK/stack$N.yaml" "$([ "$N" -eq 0 ] && echo 1 || echo "$N")" "$SARG" "benchmem$N"
  P=(); S=(); PEER_FAIL=""; STACK_FAIL=""
  alternate "$REPS" peer_mem stack_mem "$N"
  rec_pair "supervisor resident memory, $N services" MiB '{"ratio":"<=","value":1.0}' "pm2" P S
done
