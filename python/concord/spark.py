"""concord on Spark: the corpus's source files parsed on the executors, the analysis on the
driver, the report equal to the CLI's (same findings, same fingerprints).

    python -m concord.spark ROOT [--master URL] [--no-baseline] [--format json|summary]

What is distributed and what is not (docs/python.md gives the design and the figures):

- ``check_root``: every YAML file under ``ROOT/facts`` is read and parsed on the executors
  (Spark's ``binaryFile`` source, then ``mapInArrow`` calling the Rust parser); each file comes
  back as its records (postcard, as concord's parse cache stores them), keyed by the hash of its
  text. The driver then runs concord's loader with those records standing in for parsing (it
  still lists the files, reads and hashes them, reads the articles and checks ids, so its
  errors are the CLI's), and the analysis, in Rust, on one machine.
- ``check``: the claims of a DataFrame are cast to text on the executors and come to the driver
  as Arrow, where ``concord.reconcile`` reads and analyses them.

Grouping by fact, the per-group comparison and source reliability are not distributed yet: the
engine's ``analyse`` runs whole on the driver.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, Iterator, List, Optional

from concord import _native, reconcile

#: The schema of what the executors send back for each source file.
_PARSED_SCHEMA = "key binary, payload binary"


def _parse_batches(batches: Iterator[Any]) -> Iterator[Any]:
    """On an executor: each batch of files (``content``) → the records of each file that reads
    without error."""
    import pyarrow as pa

    for batch in batches:
        files = batch.column("content").to_pylist()
        parsed = [e for e in _native.parse_sources(files) if e is not None]
        yield pa.RecordBatch.from_arrays(
            [pa.array([k for k, _ in parsed], pa.binary()),
             pa.array([p for _, p in parsed], pa.binary())],
            names=["key", "payload"],
        )


def parsed_sources(spark: Any, root: str) -> List[tuple]:
    """The records of every source file under ``root/facts``, parsed on the executors."""
    facts = os.path.join(os.path.abspath(root), "facts")
    files = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.{yaml,yml}")
        .load(facts)
        .select("content")
    )
    # Spark makes a partition of every few small files; a Python task costs far more than
    # parsing one file, so the files are taken in a few partitions per core.
    files = files.coalesce(2 * spark.sparkContext.defaultParallelism)
    parsed = files.mapInArrow(_parse_batches, _PARSED_SCHEMA)
    return [(row.key, row.payload) for row in parsed.toLocalIterator()]


def check_root(
    spark: Any, root: str, baseline: bool = True, full_report: bool = False
) -> Dict[str, Any]:
    """What ``concord check`` (``full_report``: ``concord report``) prints as JSON for the
    corpus at ``root``, its files parsed on the Spark executors. ``root`` must be readable at
    the same path by the driver and the executors (a shared file system)."""
    return json.loads(_report_text(spark, root, baseline, full_report))


def _report_text(spark: Any, root: str, baseline: bool, full_report: bool) -> str:
    """``check_root``'s report as the JSON text the CLI prints."""
    root = os.fspath(root)
    # Without facts/, the loader says why, as the CLI does.
    parsed = parsed_sources(spark, root) if os.path.isdir(os.path.join(root, "facts")) else None
    return _native.analyse_corpus(root, baseline, full_report, parsed)


def check(spark: Any, claims_df: Any, registry: Optional[str] = None) -> Dict[str, Any]:
    """The full report (as ``concord.reconcile``) on the claims of a Spark DataFrame with the
    columns of a claim; its columns are cast to text on the executors."""
    from pyspark.sql import functions as F

    del spark  # the DataFrame carries its session; kept for the documented call shape
    text = claims_df.select([F.col(c).cast("string").alias(c) for c in claims_df.columns])
    return reconcile(_to_arrow(text), registry)


def _to_arrow(df: Any) -> Any:
    """A Spark DataFrame collected as a pyarrow Table (``toArrow`` from Spark 4)."""
    if hasattr(df, "toArrow"):
        return df.toArrow()
    import pyarrow as pa

    return pa.Table.from_pandas(df.toPandas(), preserve_index=False)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m concord.spark",
        description="concord check on Spark: the corpus's files parsed on the executors",
    )
    parser.add_argument("root", help="the corpus root (facts/), on a file system every executor reads")
    parser.add_argument("--master", help="the Spark master URL (default: Spark's own, or local[*])")
    parser.add_argument("--no-baseline", action="store_true", help="ignore facts/reviewed.yaml")
    parser.add_argument("--report", action="store_true", help="the full report: every group and each source's reliability")
    parser.add_argument("--format", choices=["json", "summary"], default="json")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    # Python workers in local mode run this interpreter, which has the package (a cluster
    # names its own with spark.pyspark.python).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("concord")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        text = _report_text(spark, args.root, not args.no_baseline, args.report)
    except _native.InputError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        spark.stop()
    result = json.loads(text)
    if args.format == "json":
        sys.stdout.write(text)
    else:
        print(json.dumps(result["summary"]))
    # As the CLI's default `--fail-on error`: an unreviewed error fails the run.
    failed = any(f["severity"] == "error" and not f["reviewed"] for f in result["findings"])
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
