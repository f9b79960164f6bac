#!/usr/bin/env bash
# native-restart - kill -9 of a running native service until its new process has exec'd.
# Both sides run one `/bin/sleep <tag>` service at the same time, restart at once:
# peer: PM2 autorestart, restart_delay 0, min_uptime 1000, max_restarts 1000 (anchor pm2-restart.sh).
# stack: restart: {policy: always, backoff: 0s} (min_uptime 1s is the default).
# Each kill: read the victim's parent, `kill -9` it, then poll (fork-free, every 1 ms) that parent's
# children for a new pid whose command line is the service's (so it has exec'd); if none shows up
# under that parent within 200 ms, fall back to a /proc-wide search (pgrep) for the same command line.
# Kills alternate peer, stack, GAP_S apart (longer than min_uptime on both sides).
# Target: stack/peer <= 1.0.   env: KILLS (10; quick 3)  GAP_S (2)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-restart "$(q 90 240)" "$@"
KILLS=${KILLS:-$(q 3 10)}; GAP_S=${GAP_S:-2}
PARG="2${TAG}1"; SARG="2${TAG}2"; PCMD="/bin/sleep $PARG"; SCMD="/bin/sleep $SARG"; OWN_CMDS+=("$PCMD" "$SCMD")
cat > "$WORK/eco.config.js" <<JS
module.exports = { apps: [ { name: 'victim', script: '/bin/sleep', args: '$PARG', interpreter: 'none',
  exec_mode: 'fork', autorestart: true, restart_delay: 0, min_uptime: 1000, max_restarts: 1000 } ] };
JS
F="$WORK/stack.yaml"; stack_native "$F" 1 "$SARG" benchrestart
sed -i "s/backoff: 0s}/backoff: 0s, max_restarts: 1000, min_uptime: 1s}/" "$F"   # as PM2 is set up above

# new_exec PARENT OLD WANT: sets NP to a child of PARENT (or, after 200 ms, any process) != OLD
# whose full command line is WANT
cmdline_is() { local -a a; mapfile -d '' -t a < "/proc/$1/cmdline" 2>/dev/null; [ "${a[*]}" = "$2" ]; }
# new_child PARENT OLD CMD (fork-free): 0 if PARENT has a child != OLD that runs CMD (has exec'd)
new_child() { local f line p c
  for f in /proc/"$1"/task/*/children; do line=""; read -r line < "$f" 2>/dev/null
    for p in $line; do [ "$p" = "$2" ] && continue; c=""; read -r c < "/proc/$p/comm" 2>/dev/null
      [ "$c" = sleep ] && cmdline_is "$p" "$3" && return 0; done; done; return 1; }
kill_once() { # kill_once CMD -> sets V (ms) or ERR
  local cmd=$1 old ppid t0 dl fb now p
  old=$(pid_of "$cmd"); [ -n "$old" ] || { ERR="no live process for '$cmd'"; return 1; }
  ppid=$(awk '/^PPid:/{print $2}' "/proc/$old/status")
  t0=${EPOCHREALTIME/./}; kill -9 "$old"; dl=$(( t0 + 10000000 )); fb=$(( t0 + 200000 ))
  while :; do
    new_child "$ppid" "$old" "$cmd" && { lap "$t0"; V=$LAP; return 0; }
    now=$EPOCHREALTIME; now=${now/./}
    if [ "$now" -gt "$fb" ]; then p=$(pgrep -x -f "$cmd" | grep -vx "$old" | head -1); [ -n "$p" ] && { lap "$t0"; V=$LAP; return 0; }; fi
    [ "$now" -gt "$dl" ] && { ERR="no new process within 10 s of kill -9"; return 1; }
    read -t 0.001 -u "$SFD"
  done; }
# each service is killed only GAP_S after it last came back (the other side's kill runs meanwhile)
peer_kill() { gap_wait "$LAST_P" "$GAP_S"; kill_once "$PCMD" || return 1; P+=("$V"); LAST_P=${EPOCHREALTIME/./}; }
stack_kill() { gap_wait "$LAST_S" "$GAP_S"; kill_once "$SCMD" || return 1; S+=("$V"); LAST_S=${EPOCHREALTIME/./}; }

timeout 60 pm2 start "$WORK/eco.config.js" >/dev/null 2>&1; wait_count "$PCMD" 1 30 || PEER_FAIL="pm2 start: $ERR"
if sk -f "$F" up --profile dev >/dev/null; then wait_count "$SCMD" 1 30 || STACK_FAIL="stack up: $ERR"
else STACK_FAIL="stack up: $(sk_reason $?)"; fi
LAST_P=${EPOCHREALTIME/./}; LAST_S=$LAST_P
P=(); S=()
alternate "$KILLS" peer_kill stack_kill
rec_pair "kill -9 -> new process exec'd" ms '{"ratio":"<=","value":1.0}' "pm2" P S
