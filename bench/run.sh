#!/usr/bin/env bash
# run.sh - `make bench`: stack against PM2 (native) and docker-compose v1 (containers).
# Usage: bench/run.sh [--quick] [--no-setup] [scenario ...]      (default: every scenario)
#   --quick     fewer runs, lower N, shorter windows: the whole run in about 5 minutes on a quiet machine
#   --no-setup  skip bench/setup.sh (installs pm2, docker-compose, hyperfine; starts dockerd; image; jar)
# Each scenario is bench/scenarios/NAME.sh: self-bounded (timeout), own temp dirs and cleanup; it
# appends JSON lines to $BENCH_RESULTS. A scenario that fails or times out is reported and the run
# goes on. At the end bench/report.sh writes bench/results/latest.md and latest.json.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$BENCH_DIR")
QUICK=0; SETUP=1; want=()
for a in "$@"; do
  case $a in
    --quick) QUICK=1;; --no-setup) SETUP=0;;
    -h|--help) sed -n '2,9p' "$0"; exit 0;;
    -*) echo "error: unknown option $a" >&2; exit 2;;
    *) want+=("${a%.sh}");;
  esac
done
ALL=(native-cold-start native-warm-start native-ps native-restart native-memory native-idle-cpu
     native-log-throughput native-stop-all native-logs-tail compose-up-down compose-ps-logs compose-restart)
[ ${#want[@]} -gt 0 ] || want=("${ALL[@]}")
for s in "${want[@]}"; do [ -f "$BENCH_DIR/scenarios/$s.sh" ] || { echo "error: no scenario $s (have: ${ALL[*]})" >&2; exit 2; }; done

[ "$SETUP" = 1 ] && bash "$BENCH_DIR/setup.sh"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW="$BENCH_DIR/results/raw/$STAMP"; mkdir -p "$RAW"
export QUICK ROOT BENCH_DIR BENCH_RESULTS="$RAW/results.jsonl"
export STACK=${STACK:-$ROOT/bin/stack}
: > "$BENCH_RESULTS"

# what the table header says about this run
ver() { "$@" 2>/dev/null | head -1 || true; }
partial=$([ ${#want[@]} -lt ${#ALL[@]} ] && echo true || echo false)
jq -n --arg date "$(date -u +%FT%TZ)" --argjson quick "$QUICK" --argjson partial "$partial" --arg only "${want[*]}" \
  --arg nproc "$(nproc)" --arg mem "$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)" \
  --arg cpu "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" --arg kernel "$(uname -r)" \
  --arg os "$(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-?}")" \
  --arg java "$(java -version 2>&1 | head -1)" --arg pm2 "$(jq -r .version "$(npm root -g 2>/dev/null)/pm2/package.json" 2>/dev/null)" \
  --arg node "$(ver node -v)" --arg compose "$(ver docker-compose version --short)" \
  --arg engine "$(docker version -f '{{.Server.Version}}' 2>/dev/null)" --arg hyperfine "$(ver hyperfine --version)" \
  --arg stack "$( [ -x "$STACK" ] && ver "$STACK" --version || echo "not built")" \
  --arg commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{date:$date, quick:($quick==1), partial:$partial, scenarios:$only, commit:$commit, load_at_start:$load,
    machine:{nproc:($nproc|tonumber), memory:$mem, cpu:$cpu, kernel:$kernel, os:$os},
    versions:{stack:$stack, java:$java, pm2:$pm2, node:$node, "docker-compose":$compose, "docker engine":$engine, hyperfine:$hyperfine}}' \
  > "$RAW/meta.json"

t0=$(date +%s)
for s in "${want[@]}"; do
  echo "== $s ($(date -u +%T), load $(cut -d' ' -f1 /proc/loadavg))" >&2
  rc=0; bash "$BENCH_DIR/scenarios/$s.sh" 2> >(tee -a "$RAW/$s.log" >&2) || rc=$?
  if [ $rc -ne 0 ]; then
    echo "   $s exited $rc$([ $rc -eq 124 ] && echo ' (time bound reached)')" >&2
    jq -n -c --arg sc "$s" --arg r "scenario exited $rc$([ $rc -eq 124 ] && echo ' (time bound reached)')" \
      '{scenario:$sc, metric:"(scenario)", side:"both", status:"failed", reason:$r, runs:[], n:0}' >> "$BENCH_RESULTS"
  fi
done
jq -n --argjson wall "$(( $(date +%s) - t0 ))" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{wall_seconds:$wall, load_at_end:$load}' > "$RAW/wall.json"
bash "$BENCH_DIR/report.sh" "$RAW" "$BENCH_DIR/results/latest"
echo "wall time: $(( $(date +%s) - t0 )) s; raw results in ${RAW#$ROOT/}" >&2
