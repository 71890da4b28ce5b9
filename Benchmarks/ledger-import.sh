#!/usr/bin/env bash
# Ledger import benchmark (see README.md, section "Ledger").
#
# Builds `recoup` in release, writes a seeded bundle of N invoices (default 1,000,000) with
# peers/make_bundle.py, then RUNS times each (default 5):
#   - `recoup import BUNDLE` into a fresh store, under /usr/bin/time -v (wall time, peak RSS);
#   - the sqlite3 shell's `.import --csv` of the same CSV files into bare tables (the table
#     created from each header, no keys, no indexes, no checks) in one fresh database, WAL;
#   - `recoup report kpis --format json` over the imported store.
# and prints the medians, rows/s and the import/sqlite3 ratio.
#
# Usage: Benchmarks/ledger-import.sh [N] [RUNS]   (from the package root or anywhere)
# With BASELINE=/path/to/another/recoup, that binary's import is timed too in every run (an
# earlier build, for a before/after measured side by side).
set -euo pipefail
N=${1:-1000000}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/recoup-ledger-bench}
BUNDLE=$WORK/bundle-$N
mkdir -p "$WORK"

(cd "$ROOT" && swift build -c release --product recoup >/dev/null)
RECOUP=$ROOT/.build/release/recoup

if [ ! -f "$BUNDLE/invoices.csv" ]; then
  python3 "$ROOT/Benchmarks/peers/make_bundle.py" "$BUNDLE" --invoices "$N" --seed 42
fi
ROWS=0
for f in "$BUNDLE"/*.csv; do ROWS=$((ROWS + $(wc -l < "$f") - 1)); done
echo "bundle: $BUNDLE, $ROWS data rows, $(du -shL "$BUNDLE" | cut -f1)"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
elapsed() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ {print $2/1024}' "$1"; }
# CPU seconds (user + system): robust when the machine is shared and wall time is inflated.
cpu() { awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$1"; }

: > "$WORK/import.times"; : > "$WORK/import.rss"; : > "$WORK/sqlite.times"; : > "$WORK/kpis.times"; : > "$WORK/kpis.rss"
: > "$WORK/import.cpu"; : > "$WORK/sqlite.cpu"; : > "$WORK/kpis.cpu"; : > "$WORK/baseline.times"
for run in $(seq 1 "$RUNS"); do
  # recoup import
  rm -f "$WORK/recoup.db" "$WORK/recoup.db-wal" "$WORK/recoup.db-shm"
  sync
  /usr/bin/time -v "$RECOUP" import "$BUNDLE" --db "$WORK/recoup.db" >/dev/null 2>"$WORK/time.txt"
  elapsed "$WORK/time.txt" >> "$WORK/import.times"
  cpu "$WORK/time.txt" >> "$WORK/import.cpu"
  rss "$WORK/time.txt" >> "$WORK/import.rss"

  # the baseline binary's import, if any
  if [ -n "${BASELINE:-}" ]; then
    rm -f "$WORK/base.db" "$WORK/base.db-wal" "$WORK/base.db-shm"
    sync
    /usr/bin/time -v "$BASELINE" import "$BUNDLE" --db "$WORK/base.db" >/dev/null 2>"$WORK/time.txt"
    elapsed "$WORK/time.txt" >> "$WORK/baseline.times"
    echo "run $run: baseline import $(tail -1 "$WORK/baseline.times") s wall"
  fi

  # sqlite3 .import into bare tables
  rm -f "$WORK/bare.db" "$WORK/bare.db-wal" "$WORK/bare.db-shm"
  {
    echo "PRAGMA journal_mode=WAL;"
    echo "BEGIN;"
    for f in "$BUNDLE"/*.csv; do echo ".import --csv $f $(basename "$f" .csv)"; done
    echo "COMMIT;"
  } > "$WORK/import.sql"
  sync
  /usr/bin/time -v sqlite3 "$WORK/bare.db" < "$WORK/import.sql" >/dev/null 2>"$WORK/time.txt"
  elapsed "$WORK/time.txt" >> "$WORK/sqlite.times"
  cpu "$WORK/time.txt" >> "$WORK/sqlite.cpu"

  # KPI report over the imported store
  /usr/bin/time -v "$RECOUP" report kpis --db "$WORK/recoup.db" --format json >/dev/null 2>"$WORK/time.txt"
  elapsed "$WORK/time.txt" >> "$WORK/kpis.times"
  cpu "$WORK/time.txt" >> "$WORK/kpis.cpu"
  rss "$WORK/time.txt" >> "$WORK/kpis.rss"
  echo "run $run: import $(tail -1 "$WORK/import.times") s wall / $(tail -1 "$WORK/import.cpu") s CPU ($(tail -1 "$WORK/import.rss") MB), sqlite3 .import $(tail -1 "$WORK/sqlite.times") s / $(tail -1 "$WORK/sqlite.cpu") s CPU, kpis $(tail -1 "$WORK/kpis.times") s / $(tail -1 "$WORK/kpis.cpu") s CPU; load $(cut -d' ' -f1 /proc/loadavg)"
done

IMPORT=$(median < "$WORK/import.times")
SQLITE=$(median < "$WORK/sqlite.times")
KPIS=$(median < "$WORK/kpis.times")
RSS=$(sort -g "$WORK/import.rss" | tail -1)
KRSS=$(sort -g "$WORK/kpis.rss" | tail -1)
echo "median recoup import:     $IMPORT s  ($(awk -v r="$ROWS" -v t="$IMPORT" 'BEGIN {printf "%.0f", r/t}') rows/s, peak RSS max $RSS MB)"
echo "median sqlite3 .import:   $SQLITE s  ($(awk -v r="$ROWS" -v t="$SQLITE" 'BEGIN {printf "%.0f", r/t}') rows/s)"
echo "ratio import / sqlite3:   $(awk -v a="$IMPORT" -v b="$SQLITE" 'BEGIN {printf "%.2f", a/b}')"
echo "median report kpis:       $KPIS s  (peak RSS max $KRSS MB)"
ICPU=$(median < "$WORK/import.cpu"); SCPU=$(median < "$WORK/sqlite.cpu"); KCPU=$(median < "$WORK/kpis.cpu")
echo "CPU (user+sys) medians:   import $ICPU s ($(awk -v r="$ROWS" -v t="$ICPU" 'BEGIN {printf "%.0f", r/t}') rows/CPU-s), sqlite3 $SCPU s, ratio $(awk -v a="$ICPU" -v b="$SCPU" 'BEGIN {printf "%.2f", a/b}'), kpis $KCPU s"
if [ -n "${BASELINE:-}" ]; then
  BASE=$(median < "$WORK/baseline.times")
  echo "median baseline import:   $BASE s  ($(awk -v r="$ROWS" -v t="$BASE" 'BEGIN {printf "%.0f", r/t}') rows/s), ratio to sqlite3 $(awk -v a="$BASE" -v b="$SQLITE" 'BEGIN {printf "%.2f", a/b}')"
fi
