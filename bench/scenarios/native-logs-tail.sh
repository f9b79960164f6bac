#!/usr/bin/env bash
# native-logs-tail - `stack -f F logs -n 100 SERVICE` over a large stored log: a native `yes`
# service writes until stack's store ($STACK_HOME) holds SIZE_MB (1024; quick 256) or WRITE_S passed,
# is stopped, then `stack logs -n 100 yes1` is timed RUNS times (after one untimed call) and must print
# exactly 100 lines. Absolute target: under 1000 ms. No peer (shown: `tail -n 100` of the largest
# stored file, for reference). env: SIZE_MB  WRITE_S (120)  RUNS (5; quick 3)
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
bench_init native-logs-tail "$(q 150 400)" "$@"
SIZE_MB=${SIZE_MB:-$(q 256 1024)}; WRITE_S=${WRITE_S:-120}; RUNS=${RUNS:-$(q 3 5)}
LINE=$(printf 'b%s0123456789012345678901234567890123456789' "$TAG" | cut -c1-40); YCMD="/usr/bin/yes $LINE"; OWN_CMDS+=("$YCMD")
F="$WORK/stack.yaml"; STACK_FILES+=("$F")
cat > "$F" <<Y
name: benchtail
services:
  yes1: {command: [/usr/bin/yes, "$LINE"], restart: {policy: "no"}, logs: {max_size: 64g, keep: 1}}
Y
S=(); T=(); stored=0
one() { local s rc n; s=${EPOCHREALTIME/./}; sk -f "$F" logs -n 100 yes1 > "$WORK/out"; rc=$?; lap "$s"
  [ $rc -eq 0 ] || { STACK_FAIL="stack logs -n 100: $(sk_reason $rc)"; return 1; }
  n=$(wc -l < "$WORK/out"); [ "$n" -eq 100 ] || { STACK_FAIL="stack logs -n 100 printed $n lines"; return 1; }
  [ "${1:-}" = warm ] || S+=("$LAP"); }
if sk -f "$F" up --profile dev >/dev/null; then
  dl=$(( $(date +%s) + WRITE_S ))
  while :; do stored=$(du -sbm "$SH" | cut -f1); [ "$stored" -ge "$SIZE_MB" ] && break; [ "$(date +%s)" -ge "$dl" ] && break; sleep 0.5; done
  sk -f "$F" stop >/dev/null || STACK_FAIL="stack stop: $(sk_reason $?)"
  stored=$(du -sbm "$SH" | cut -f1); say "stored log: $stored MiB (wanted $SIZE_MB)"
  [ -z "$STACK_FAIL" ] && one warm && for r in $(seq 1 "$RUNS"); do one || break; done
  big=$(find "$SH" -type f -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
  if [ -n "$big" ]; then for r in $(seq 1 "$RUNS"); do s=${EPOCHREALTIME/./}; tail -n 100 "$big" >/dev/null; lap "$s"; T+=("$LAP"); done; fi
else STACK_FAIL="stack up: $(sk_reason $?)"; fi
[ -n "$STACK_FAIL" ] || [ "$stored" -ge "$SIZE_MB" ] || STACK_FAIL="only $stored MiB stored in ${WRITE_S}s (wanted $SIZE_MB)"
record "logs -n 100 over ${SIZE_MB} MiB stored" peer "tail -n 100 (largest stored file)" ms null "$([ ${#T[@]} -gt 0 ] && echo ok || echo failed)" "$([ ${#T[@]} -gt 0 ] || echo 'no stored file')" "${T[@]}"
rec_side "logs -n 100 over ${SIZE_MB} MiB stored" stack stack ms '{"abs":"<","value":1000}' S
