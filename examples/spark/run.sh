#!/usr/bin/env bash
# quotedrift on Apache Spark, end to end: generate a corpus, extract it in Spark partitions
# (local mode, 1 then 2 workers) through RDD.pipe, merge the shards, and check that the merged
# report is the report of one run over the whole corpus.
#
#   examples/spark/run.sh [ARTICLES] [PARTITIONS]      (default 4000 articles, 8 partitions)
#
# Needs Java 17 or later and Python 3 with pip; pyspark is installed from PyPI into a
# throwaway virtual environment under the work folder (WORK, default a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
articles=${1:-4000}
partitions=${2:-8}
work=${WORK:-$(mktemp -d)}
echo "== work folder: $work"

cargo build --release --quiet --bin quotedrift --example generate_corpus
bin=$PWD/target/release/quotedrift
target/release/examples/generate_corpus "$articles" > "$work/corpus.jsonl"
echo "== corpus: $articles articles, $(du -h "$work/corpus.jsonl" | cut -f1)"

if [ ! -x "$work/venv/bin/python" ]; then
  echo "== installing pyspark into $work/venv"
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet pyspark
fi

echo "== one run over everything"
start=$(date +%s.%N)
"$bin" report "$work/corpus.jsonl" --format json --out "$work/one.json"
echo "{\"one_run_seconds\": $(echo "$(date +%s.%N) - $start" | bc)}"

for workers in 1 2; do
  echo "== Spark, local[$workers], $partitions partitions"
  "$work/venv/bin/python" examples/spark/drive.py "$bin" "$work/corpus.jsonl" "$workers" \
    "$partitions" "$work/spark-$workers"
  "$work/venv/bin/python" examples/spark/compare.py "$work/one.json" "$work/spark-$workers/merged.json"
done
