#!/usr/bin/env bash
# End-to-end scale benchmark: `quotedrift report --format json` on generated corpora of 1k, 4k
# and 16k articles, against the floor (read and tokenize the same bytes: the read_tokenize
# example) and against the obvious Python alternative (benches/python/baseline.py: regular
# expressions, scikit-learn TF-IDF cosine, rapidfuzz), installed from PyPI into a throwaway
# virtual environment. Prints a Markdown table: time, throughput, peak memory (GNU time's
# maximum resident set size), the growth exponent of time, and both ratios.
#
#   benches/scale.sh [SIZES...]        (default: 1000 4000 16000; NO_PYTHON=1 skips Python)
#   CORPUS=syndicated benches/scale.sh  (wire stories carried by many outlets, copies of copies
#                                        lightly edited, some translated: generate_corpus
#                                        --syndicated; the default is CORPUS=stories)
#
# quotedrift and the floor are timed in turn RUNS times (default 3), medians kept; the Python
# baseline, which takes minutes at 16k, once.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 4000 16000}")
read -r -a sizes <<< "${sizes[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case "${CORPUS:-stories}" in
  stories) kind=() ;;
  syndicated) kind=(--syndicated) ;;
  *) echo "CORPUS must be stories or syndicated" >&2; exit 2 ;;
esac

cargo build --release --quiet --bin quotedrift --example generate_corpus --example read_tokenize
bin=target/release/quotedrift
if [ -z "${NO_PYTHON:-}" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet scikit-learn rapidfuzz
fi

# Runs a command under GNU time; prints "seconds peak_MB".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$work/time"
}

# quotedrift and the floor, RUNS times (default 3) in turn, each as a whole process under GNU
# time; prints the medians "seconds peak_MB floor_seconds ratio", the ratio being the median of
# each turn's own ratio, so that a machine whose speed drifts (a shared one can be a third
# slower from one minute to the next) still gives a fair comparison.
paired() {
  local corpus=$1 out=$2
  for _ in $(seq "${RUNS:-3}"); do
    read -r secs peak < <(measure "$bin" report "$corpus" --format json --out "$out")
    read -r floor _ < <(measure target/release/examples/read_tokenize "$corpus")
    echo "$secs $peak $floor"
  done | awk '{t[NR] = $1; p[NR] = $2; f[NR] = $3; r[NR] = $1 / $3}
    function median(a, n,   i, j, x) {
      for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j > 0 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
      return a[int((n + 1) / 2)]
    }
    END { print median(t, NR), median(p, NR), median(f, NR), median(r, NR) }'
}

echo "| articles | MB | quotes | time s | MB/s | quotes/s | peak MB | exponent | floor s | × floor | Python s | Python peak MB | × faster than Python |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
previous=""
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n.jsonl"
  target/release/examples/generate_corpus "$n" "${kind[@]}" > "$corpus"
  mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN {printf "%.1f", b / 1e6}')
  read -r secs peak floor ratio < <(paired "$corpus" "$work/report-$n.json")
  quotes=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['quotes']))" "$work/report-$n.json")
  exponent="–"
  if [ -n "$previous" ]; then
    read -r pn psecs <<< "$previous"
    exponent=$(awk -v t="$secs" -v pt="$psecs" -v n="$n" -v pn="$pn" 'BEGIN {printf "%.2f", log(t / pt) / log(n / pn)}')
  fi
  previous="$n $secs"
  py="–"; pypeak="–"; speedup="–"
  if [ -z "${NO_PYTHON:-}" ]; then
    read -r py pypeak < <(measure "$work/venv/bin/python" benches/python/baseline.py "$corpus" "$work/python-$n.json")
    speedup=$(awk -v a="$py" -v b="$secs" 'BEGIN {printf "%.1f", a / b}')
  fi
  awk -v n="$n" -v mb="$mb" -v q="$quotes" -v t="$secs" -v p="$peak" -v e="$exponent" -v f="$floor" \
      -v r="$ratio" -v py="$py" -v pp="$pypeak" -v s="$speedup" 'BEGIN {
    printf "| %d | %s | %d | %.2f | %.1f | %.0f | %d | %s | %.2f | %.1f | %s | %s | %s |\n",
      n, mb, q, t, mb / t, q / t, p, e, f, r, py, pp, s
  }'
done
