#!/usr/bin/env bash
# report.sh - build the results table from one run's raw records.
# Usage: bench/report.sh RAW_DIR [OUT_PREFIX]     (OUT_PREFIX default bench/results/latest)
# RAW_DIR holds meta.json (machine, versions, date, quick), wall.json and results.jsonl (one record
# per scenario, metric and side; see lib.sh `record`). Writes OUT_PREFIX.md and OUT_PREFIX.json.
# A row pairs the stack record of a metric with one peer record of the same metric:
#   ratio = stack median / peer median; the target (on the peer record) says <= or >= a ratio.
# Stack records with an absolute target ({"abs": "<", "value": 1000}) get a row of their own.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
RAW=${1:?usage: report.sh RAW_DIR [OUT_PREFIX]}; OUT=${2:-$BENCH_DIR/results/latest}
[ -s "$RAW/meta.json" ] || { echo "error: $RAW/meta.json missing" >&2; exit 2; }
wall='{}'; [ -s "$RAW/wall.json" ] && wall=$(cat "$RAW/wall.json")
jq -s --slurpfile meta "$RAW/meta.json" --argjson wall "$wall" '
  def num: if . == null then null elif (fabs) >= 100 then (. * 1 | round) elif (fabs) >= 10 then ((. * 10 | round) / 10) else ((. * 100 | round) / 100) end;
  def cmp($op; $a; $b): if $op == "<=" then $a <= $b elif $op == ">=" then $a >= $b elif $op == "<" then $a < $b
                        elif $op == ">" then $a > $b elif $op == "==" then $a == $b else null end;
  def ok: .status == "ok" and .median != null;
  . as $recs
  | [ $recs[] | select(.side == "peer") as $p
      | ([ $recs[] | select(.side == "stack" and .scenario == $p.scenario and .metric == $p.metric) ][0]) as $s
      | { scenario: $p.scenario, metric: $p.metric, peer: $p.label, unit: $p.unit,
          stack: (if $s == null then null else {median: $s.median, min: $s.min, max: $s.max, n: $s.n, status: $s.status, reason: $s.reason} end),
          peer_value: {median: $p.median, min: $p.min, max: $p.max, n: $p.n, status: $p.status, reason: $p.reason},
          ratio: (if $s != null and ($s|ok) and ($p|ok) and $p.median != 0 then ($s.median / $p.median) else null end),
          target: (if $p.target.ratio then "ratio \($p.target.ratio) \($p.target.value)" else null end) }
      | .met = (if .target == null or .ratio == null then null else cmp($p.target.ratio; .ratio; $p.target.value) end) ]
    + [ $recs[] | select(.side == "stack" and .target.abs != null)
      | { scenario, metric, peer: null, unit,
          stack: {median, min, max, n, status, reason}, peer_value: null, ratio: null,
          target: "\(.target.abs) \(.target.value) \(.unit)",
          met: (if ok then cmp(.target.abs; .median; .target.value) and cmp(.target.abs; .max; .target.value) else null end) } ]
    + [ $recs[] | select(.side == "both") | {scenario, metric, peer: null, unit: null, stack: null, peer_value: null, ratio: null, target: null, met: null, reason} ]
  | { meta: $meta[0], wall: $wall, rows: ., records: $recs }
' "$RAW/results.jsonl" > "$OUT.json"

jq -r '
  def num: if . == null then "–" elif (fabs) >= 100 then (. | round | tostring) elif (fabs) >= 10 then ((. * 10 | round) / 10 | tostring) else ((. * 100 | round) / 100 | tostring) end;
  def cell: if . == null then "–" elif .status != "ok" then "failed (\(.reason // "?"))"
            else "\(.median|num) [\(.min|num)–\(.max|num)] (n=\(.n))" end;
  .meta as $m |
  "# stack benchmarks: \(if $m.quick then "QUICK run (indicative only)" elif ($m.partial // false) then "partial run of \($m.scenarios) (not a full run: do not commit)" else "full run" end)",
  "",
  "| item | value |", "|---|---|",
  "| date | \($m.date) |",
  "| commit | \($m.commit) |",
  "| machine | \($m.machine.nproc) CPU (\($m.machine.cpu)), \($m.machine.memory) RAM, kernel \($m.machine.kernel), \($m.machine.os) |",
  "| load average at start / end | \($m.load_at_start) / \(.wall.load_at_end // "?") |",
  "| wall time | \(.wall.wall_seconds // "?") s |",
  ( if $m.note then "| note | \($m.note) |" else empty end ),
  ( $m.versions | to_entries[] | "| \(.key) | \(.value) |" ),
  "",
  "Medians with [min–max] and the number of runs; ratio = stack median / peer median. Sides ran alternately (peer, stack, peer, ...) in this same run.",
  "",
  "| scenario | metric | stack | peer | peer value | unit | ratio | target | met |",
  "|---|---|---|---|---|---|---|---|---|",
  ( .rows[] | "| \(.scenario) | \(.metric) | \(.stack|cell) | \(.peer // "–") | \(.peer_value|cell) | \(.unit // "–") | \(if .ratio == null then "–" else (.ratio|num) end) | \(.target // "info") | \(if .met == null then (if .target == null then "–" else "not measured" end) elif .met then "met" else "**missed**" end)\(if .reason then " (\(.reason))" else "" end) |" ),
  "",
  "Targets: \([.rows[] | select(.met == true)] | length) met, \([.rows[] | select(.met == false)] | length) missed, \([.rows[] | select(.target != null and .met == null)] | length) not measured (a side failed).",
  ( [.rows[] | select(.metric == "(scenario)")] | if length > 0 then "", "Scenarios that did not finish: \(map("\(.scenario) (\(.reason))") | join(", "))." else empty end )
' "$OUT.json" > "$OUT.md"
cat "$OUT.md"
