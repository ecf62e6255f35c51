"""Times concord on Spark against the CLI on one corpus, and where the Spark run's time goes.

    python bench/spark.py CORPUS [--master local[2]] [--concord target/release/concord]

Needs the Python package installed (pip install './python[spark]') and Java. Prints one line
per phase, in seconds, and whether the two reports are byte-identical.
"""

import argparse
import subprocess
import time

import concord._native as native
import concord.spark as cspark


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--concord", default="target/release/concord")
    args = parser.parse_args()

    start = time.perf_counter()
    cli = subprocess.run(
        [args.concord, "check", "--no-cache", "--format", "json", args.corpus],
        capture_output=True, text=True,
    ).stdout
    cli_seconds = time.perf_counter() - start

    from pyspark.sql import SparkSession

    start = time.perf_counter()
    spark = SparkSession.builder.master(args.master).appName("concord-bench").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter()
    parsed = cspark.parsed_sources(spark, args.corpus)
    parsing = time.perf_counter()
    text = native.analyse_corpus(args.corpus, True, False, parsed)
    driver = time.perf_counter()
    spark.stop()

    print(f"CLI (check --no-cache): {cli_seconds:.1f} s")
    print(f"Spark session start: {session - start:.1f} s")
    print(f"files read and parsed on the executors, records collected: {parsing - session:.1f} s"
          f" ({len(parsed)} files, {sum(len(p) for _, p in parsed) / 2**20:.0f} MiB of records)")
    print(f"driver: load with those records, then analyse: {driver - parsing:.1f} s")
    print(f"Spark total (session start excluded): {driver - session:.1f} s")
    print(f"reports byte-identical: {text == cli}")


if __name__ == "__main__":
    main()
