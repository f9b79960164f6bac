#!/usr/bin/env bash
# The stack watchdog: a tiny process beside the agent (not a second JVM: it counts in the memory
# budget). It
#  - starts the agent (the command in $STACK_HOME/agent.cmd, one argument per line) and starts it
#    again at once when it dies, unless it stopped on request;
#  - holds named FIFOs open read-write for the agent, so a service writing its output never gets
#    SIGPIPE while the agent is down, and the next agent reads on where the last one stopped.
# Control lines on the FIFO $STACK_HOME/watchdog.ctl:
#   hold PATH | release PATH | start (start the agent if it is not running)
# and, from the agent's waiter: pid N | exit RC
# Agent exit codes: 0 or 143 (SIGTERM) stopped on request; 75 restart now (upgrade);
# 73 another agent runs; anything else (a crash, kill -9) restart, with a back-off when it
# keeps dying within 2 s (given up after 10 in a row). The watchdog exits once the agent is stopped and no FIFO is held
# (a held FIFO whose path is gone does not count: it is let go when an agent starts or ends).
# Usage: watchdog STACK_HOME
set -u
home=$1
ctl=$home/watchdog.ctl
trap '' HUP PIPE INT QUIT
exec </dev/null
# Close what the starter left open: bin/stack starts this script from the user's shell, whose other
# descriptors (a CI runner's pipes, say) this process and the agent would otherwise hold for their
# whole life (the JDK's start passes none on). Not the one bash reads this script from.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  (( fd > 2 )) && ! [[ /proc/$$/fd/$fd -ef $0 ]] && exec {fd}>&-
done

log() { printf '%(%Y-%m-%dT%H:%M:%S)T watchdog[%d]: %s\n' -1 "$$" "$*"; }

exec {lock}>"$home/watchdog.lock"
if command -v flock >/dev/null 2>&1 && ! flock -n "$lock"; then
  log "another watchdog runs for $home"
  exit 0
fi
if [ ! -p "$ctl" ]; then
  rm -f "$ctl"
  mkfifo -m 600 "$ctl" || exit 1
fi
# read-write: never blocks, never sees end-of-file when writers come and go
exec {ctlfd}<>"$ctl"
echo $$ >"$home/watchdog.pid"

declare -A held=()
agent=''     # the agent's pid, once its waiter reported it
running=0    # a waiter (and so an agent) is alive
stopped=0
started=0
delay=0
fast=0       # deaths in a row, each within 2 s of its start

# The agent runs under a small waiter subshell that reports its pid and its exit on the control
# FIFO: bash runs no trap while blocked in read, so a SIGCHLD trap would only be seen late.
start_agent() {
  local argv
  mapfile -t argv <"$home/agent.cmd" || { log "cannot read $home/agent.cmd"; stopped=1; return; }
  (( ${#argv[@]} )) || { log "empty $home/agent.cmd"; stopped=1; return; }
  # keep the last agent's output (a crash report) beside the new one's
  [ -s "$home/agent.out" ] && mv -f "$home/agent.out" "$home/agent.out.1"
  (
    trap - TERM
    "${argv[@]}" >"$home/agent.out" 2>&1 &
    printf 'pid %d\n' "$!" >&$ctlfd
    wait "$!"
    printf 'exit %d\n' "$?" >&$ctlfd
  ) &
  running=1
  started=$EPOCHSECONDS
  stopped=0
}

trap 'stopped=1; [ -n "$agent" ] && kill -TERM "$agent" 2>/dev/null' TERM

let_go() {
  local fd=${held[$1]}
  exec {fd}>&-
  unset 'held[$1]'
}

# Lets go of held FIFOs whose path is gone or is another file now: their folder was removed (or
# made again) while no agent was there to say release. Nobody can read them on, and they would
# keep this process alive after its agent stopped. Checked when an agent starts or ends.
let_go_stale() {
  local p
  for p in "${!held[@]}"; do
    [[ /proc/$$/fd/${held[$p]} -ef $p ]] || let_go "$p"
  done
}

on_agent_exit() {
  local rc=$1 pid=$agent
  agent=''
  running=0
  let_go_stale
  case $rc in
    0|143) log "agent $pid stopped"; stopped=1 ;;
    73) log "agent $pid found another agent running"; stopped=1 ;;
    75) log "agent $pid restarts for an upgrade"; delay=0; start_agent ;;
    *)
      if (( stopped )); then
        log "agent $pid ended with $rc after a stop request"
        return
      fi
      if (( EPOCHSECONDS - started < 2 )); then
        # dying again right after a start: back off, up to 5 s, so a broken agent is no storm;
        # one that cannot start at all (a bad home, a broken install) is given up on
        delay=$(( delay == 0 ? 1 : (delay * 2 > 50 ? 50 : delay * 2) ))
        if (( ++fast >= 10 )); then
          log "agent $pid died ($rc) $fast times in a row right after starting: giving up, see $home/agent.out"
          stopped=1
          return
        fi
      else
        delay=0
        fast=0
      fi
      if (( delay )); then
        log "agent $pid died ($rc) again, starting it in $((delay * 100)) ms"
        sleep "$((delay / 10)).$((delay % 10))"
      else
        log "agent $pid died ($rc), starting it again"
      fi
      start_agent
      ;;
  esac
}

start_agent
while :; do
  if (( stopped && !running && ${#held[@]} == 0 )); then
    log "agent stopped and no FIFO held: exiting"
    rm -f "$home/watchdog.pid"
    exit 0
  fi
  read -r -u "$ctlfd" line || continue
  case $line in
    'pid '*)
      agent=${line#pid }
      log "started agent $agent"
      let_go_stale
      ;;
    'exit '*)
      on_agent_exit "${line#exit }"
      ;;
    'hold '*)
      p=${line#hold }
      # held already, but the path is another FIFO now (its folder was made again): hold the new one
      [ -n "${held[$p]+x}" ] && ! [[ /proc/$$/fd/${held[$p]} -ef $p ]] && let_go "$p"
      if [ -z "${held[$p]+x}" ] && [ -p "$p" ]; then
        exec {fd}<>"$p" && held[$p]=$fd
      fi
      ;;
    'release '*)
      p=${line#release }
      [ -n "${held[$p]+x}" ] && let_go "$p"
      ;;
    start)
      fast=0
      (( running )) || start_agent
      ;;
  esac
done
