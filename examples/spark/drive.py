"""Drive quotedrift from Apache Spark: extraction in parallel over JSON Lines partitions
through RDD.pipe, then one `quotedrift merge` of the per-partition documents.

    python drive.py QUOTEDRIFT_BINARY CORPUS.jsonl WORKERS PARTITIONS OUT_DIR

Each partition's records go to one `quotedrift quotes - --jsonl --format json` process on its
standard input; the process writes one quotedrift/quotes@1 document (every source with its
text, quotes and speakers). The documents are saved as shard files and merged: `merge` aligns
the quotes of all shards as one corpus. Prints the seconds each step took, as JSON.
"""

import json
import os
import shlex
import subprocess
import sys
import time

from pyspark import SparkConf, SparkContext


def main() -> None:
    binary, corpus, workers, partitions, out_dir = sys.argv[1:6]
    os.makedirs(out_dir, exist_ok=True)
    conf = (
        SparkConf()
        .setMaster(f"local[{int(workers)}]")
        .setAppName("quotedrift")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.memory", "2g")
        .set("spark.ui.showConsoleProgress", "false")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        started = time.perf_counter()
        records = sc.textFile(corpus, minPartitions=int(partitions))
        # One quotedrift process per partition, one thread each: Spark's workers are the
        # parallelism. The pretty-printed document comes back as lines; join them per partition.
        command = f"{shlex.quote(binary)} --threads 1 quotes - --jsonl --format json"
        documents = records.pipe(command).mapPartitions(lambda lines: ["\n".join(lines)]).collect()
        extracted = time.perf_counter() - started
        shards = []
        for n, document in enumerate(documents):
            if not document.strip():
                continue  # an empty partition
            path = os.path.join(out_dir, f"shard-{n:04}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(document)
            shards.append(path)
    finally:
        sc.stop()
    started = time.perf_counter()
    merged = os.path.join(out_dir, "merged.json")
    subprocess.run(
        [binary, "merge", *shards, "--format", "json", "--out", merged],
        check=True,
    )
    merging = time.perf_counter() - started
    print(json.dumps({
        "workers": int(workers),
        "partitions": len(shards),
        "extract_seconds": round(extracted, 2),
        "merge_seconds": round(merging, 2),
        "report": merged,
    }))


if __name__ == "__main__":
    main()
