#!/usr/bin/env bash
# Peak memory of `geokg build` (bulk path, --no-exports) against corpus size: for each K, the
# bundled articles K times with fresh ids and shifted dates (benches/corpus.py K --dates), built
# into a fresh store under GNU time. Prints one line per K: copies, articles, JSON Lines bytes,
# wall seconds, peak RSS in MB, and, from the build's GEOKG_MEMSTATS lines, the largest estimate
# of the tally sums held in memory and the sorted runs written to disk.
#
#   benches/memory.sh [DIR] [K...]        (default DIR /tmp/geokg-memory, K = 64 128 256 512)
#
# GEOKG_BIN chooses the binary (default $CARGO_TARGET_DIR/release/geokg); GEOKG_TALLY_SPILL_BYTES
# is passed through (the budget of tally sums before a run is written; default 32 MiB).
# With GEOKG_RSS_CURVE=PREFIX, the build's resident memory is also sampled once a second from
# /proc/PID/status into PREFIX.K.rss (seconds since start, VmRSS in KB), and its stderr (the
# memstats lines) kept as PREFIX.K.err.
# Each corpus and store is deleted after its run.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-/tmp/geokg-memory}"
shift || true
SIZES=("${@:-64 128 256 512}")
# shellcheck disable=SC2206
SIZES=(${SIZES[*]})
BIN="${GEOKG_BIN:-${CARGO_TARGET_DIR:-target}/release/geokg}"
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release, or set GEOKG_BIN)" >&2; exit 2; }
mkdir -p "$DIR"
echo "copies articles bytes seconds peak_rss_mb max_tally_mb spill_runs"
for k in "${SIZES[@]}"; do
  python3 benches/corpus.py "$k" "$DIR/c$k.jsonl" --dates
  rm -rf "$DIR/store"
  GEOKG_MEMSTATS=1 /usr/bin/time -f "%e %M" -o "$DIR/time" \
    "$BIN" build --no-exports --store "$DIR/store" "$DIR/c$k.jsonl" > /dev/null 2> "$DIR/err" &
  timer=$!
  if [ -n "${GEOKG_RSS_CURVE:-}" ]; then
    : > "$GEOKG_RSS_CURVE.$k.rss"
    t=0
    while kill -0 "$timer" 2> /dev/null; do
      pid=$(pgrep -P "$timer" | head -1 || true)
      if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
        rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2> /dev/null || true)
        [ -n "$rss" ] && echo "$t $rss" >> "$GEOKG_RSS_CURVE.$k.rss"
      fi
      sleep 1
      t=$((t + 1))
    done
  fi
  wait "$timer"
  [ -n "${GEOKG_RSS_CURVE:-}" ] && cp "$DIR/err" "$GEOKG_RSS_CURVE.$k.err"
  read -r secs kb < "$DIR/time"
  stats=$(grep "memstats" "$DIR/err" | sed 's/.*tally_bytes=\([0-9]*\) runs=\([0-9]*\).*/\1 \2/' \
    | sort -n | tail -1)
  runs=$(grep "memstats" "$DIR/err" | tail -1 | sed 's/.*runs=\([0-9]*\).*/\1/')
  echo "$k $(wc -l < "$DIR/c$k.jsonl") $(stat -c %s "$DIR/c$k.jsonl") $secs $(( kb / 1024 )) \
$(( ${stats%% *} / 1048576 )) ${runs:-0}"
  rm -rf "$DIR/store" "$DIR/c$k.jsonl"
done
