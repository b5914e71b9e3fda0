#!/usr/bin/env bash
# Builds a store of ARTICLES articles (default 1,000,000: the bundled corpora repeated with
# fresh ids, dates shifted per copy, about 5.6 GB of JSON Lines) with the command-line
# binary on this machine, then times the comparison commands on it. Prints, as `key value`
# lines: the corpus size, the build's wall time, articles/s, quads, store size on disk, peak
# memory (maximum RSS) of the build, and the wall time and peak memory of profile, compare,
# matrix, dyad and blocs.
#
#   benches/million.sh [ARTICLES] [DIR]
#
# DIR (default /tmp/geokg-million) receives the corpus and the store; it is emptied first.
# GEOKG_BIN chooses the binary (default: $CARGO_TARGET_DIR/release/geokg, built with
# `cargo build --release`). Needs python3 and GNU time (/usr/bin/time).
# Then `geokg optimize` compacts the store (timed) and the five commands are timed again on the
# compacted store (`*_compacted_seconds`); GEOKG_OPTIMIZE=0 skips that part.
# Smaller sizes give the growth curve: `for n in 10000 100000 1000000; do benches/million.sh $n; done`.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
DIR="${2:-/tmp/geokg-million}"
BIN="${GEOKG_BIN:-${CARGO_TARGET_DIR:-target}/release/geokg}"
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release, or set GEOKG_BIN)" >&2; exit 2; }
rm -rf "$DIR"
mkdir -p "$DIR"

BUNDLED=$(python3 -c 'import sys; sys.path.insert(0, "benches"); import corpus, os; print(len(corpus.bundled(".")))')
COPIES=$(( (N + BUNDLED - 1) / BUNDLED ))
python3 benches/corpus.py "$COPIES" "$DIR/all.jsonl" --dates
head -n "$N" "$DIR/all.jsonl" > "$DIR/corpus.jsonl"
rm "$DIR/all.jsonl"
echo "articles $N"
echo "corpus_bytes $(stat -c %s "$DIR/corpus.jsonl")"

# seconds and peak RSS (KB) of a command, from GNU time
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$DIR/$name.time" "$@" > "$DIR/$name.out" 2> "$DIR/$name.err" || {
    echo "$name failed:" >&2; tail -5 "$DIR/$name.err" >&2; return 1; }
  read -r secs kb < "$DIR/$name.time"
  echo "${name}_seconds $secs"
  echo "${name}_peak_rss_mb $(( kb / 1024 ))"
}

timed build "$BIN" build --store "$DIR/store" --no-exports "$DIR/corpus.jsonl"
grep -h "^geokg: loaded" "$DIR/build.err" | sed 's/^geokg: //'
echo "statements $(awk '/^statements/ {print $2}' "$DIR/build.out")"
echo "store_bytes $(du -sb "$DIR/store" | cut -f1)"
timed quads "$BIN" query --store "$DIR/store" --format tsv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
echo "quads $(tail -1 "$DIR/quads.out" | sed 's/"//g; s/\^\^.*//')"

S=(--store "$DIR/store")
timed profile "$BIN" profile USA "${S[@]}"
timed compare "$BIN" compare USA RUS "${S[@]}"
timed matrix "$BIN" matrix "${S[@]}"
timed dyad "$BIN" dyad USA RUS "${S[@]}"
timed blocs "$BIN" blocs "${S[@]}"

if [ "${GEOKG_OPTIMIZE:-1}" != 0 ]; then
  timed optimize "$BIN" optimize "${S[@]}"
  echo "store_bytes_compacted $(du -sb "$DIR/store" | cut -f1)"
  timed profile_compacted "$BIN" profile USA "${S[@]}"
  timed compare_compacted "$BIN" compare USA RUS "${S[@]}"
  timed matrix_compacted "$BIN" matrix "${S[@]}"
  timed dyad_compacted "$BIN" dyad USA RUS "${S[@]}"
  timed blocs_compacted "$BIN" blocs "${S[@]}"
fi
