"""concord on Spark (local mode) against the CLI: the same report, byte for byte, on the seeds,
on a generated corpus (100 000 claims, or CONCORD_SPARK_CLAIMS) and on the imported flights
table; the same findings from a DataFrame of the flights table. They need pyspark and Java; with CONCORD_SPARK_TESTS=1 (as CI sets) they fail
rather than skip when either is missing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import concord
from conftest import REPOSITORY, concord_binary, run_cli, without_locations
from test_concord import flights_records, write_corpus

if os.environ.get("CONCORD_SPARK_TESTS") != "1":
    pytest.importorskip("pyspark")

import concord.spark as cspark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = SparkSession.builder.master("local[2]").appName("concord-tests").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def concord_gen() -> Path:
    if os.environ.get("CONCORD_GEN"):
        return Path(os.environ["CONCORD_GEN"])
    return concord_binary().with_name("concord-gen")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated") / "corpus"
    claims = os.environ.get("CONCORD_SPARK_CLAIMS", "100000")
    subprocess.run(
        [concord_gen(), "--claims", claims, "--seed", "7", "--out", root], check=True,
        capture_output=True,
    )
    return root


def test_the_module_prints_what_the_cli_prints_on_the_seeds():
    for flags in ([], ["--no-baseline"]):
        cli = subprocess.run(
            [concord_binary(), "check", "--format", "json", "--no-cache", *flags, REPOSITORY],
            capture_output=True, text=True,
        )
        ours = subprocess.run(
            [sys.executable, "-m", "concord.spark", REPOSITORY, "--master", "local[2]", *flags],
            capture_output=True, text=True,
        )
        assert ours.stdout == cli.stdout
        assert ours.returncode == cli.returncode


@pytest.mark.parametrize("full_report", [False, True])
def test_a_generated_corpus_reports_as_the_cli(spark, generated, full_report):
    command = "report" if full_report else "check"
    cli = run_cli(command, "--format", "json", "--no-cache", generated)
    ours = cspark.check_root(spark, generated, full_report=full_report)
    assert ours == cli
    fingerprints = [f["fingerprint"] for f in ours["findings"]]
    assert len(fingerprints) > 100 and fingerprints == [f["fingerprint"] for f in cli["findings"]]


def test_the_driver_uses_what_the_executors_parsed(spark, tmp_path):
    root = write_corpus(tmp_path, {
        "facts/a.yaml": "source: {id: a}\nclaims:\n  - {subject: Nvidia, property: revenue, value: 4.6}\n",
        "facts/b.yaml": "source: {id: b}\nclaims:\n  - {subject: Nvidia, property: revenue, value: 46}\n",
    })
    parsed = cspark.parsed_sources(spark, root)
    assert len(parsed) == 2
    assert concord.check(root)["findings"][0]["code"] == "value-conflict"
    # Each file's records stand in for parsing it: given b's records for both files, the
    # driver reads source `b` twice.
    b_payload = next(p for _, p in parsed if b"46" in p and b"4.6" not in p)
    swapped = [(key, b_payload) for key, _ in parsed]
    with pytest.raises(concord.InputError) as raised:
        concord._native.analyse_corpus(str(root), True, False, swapped)
    assert raised.value.message == "source id `b` is used twice"


def test_input_errors_are_the_clis(spark, tmp_path):
    root = write_corpus(tmp_path, {"facts/a.yaml": "source: {id: A}\nclaims: []\n"})
    with pytest.raises(concord.InputError) as raised:
        cspark.check_root(spark, root)
    with pytest.raises(concord.InputError) as direct:
        concord.check(root)
    assert raised.value.errors == direct.value.errors


@pytest.fixture(scope="module")
def flights(tmp_path_factory):
    """The flights table imported as a corpus, and its records."""
    root = tmp_path_factory.mktemp("flights")
    records, columns = flights_records()
    run_cli(
        "import", REPOSITORY / "bench/data/flights/flights_dirty.csv",
        "--source", "src", "--subject", "flight", "--values", ",".join(columns),
        "--out", root, json_out=False,
    )
    return root, records


def test_the_imported_flights_table_reports_as_the_cli(spark, flights):
    root, _ = flights
    cli = run_cli("report", "--format", "json", "--no-cache", root)
    assert cspark.check_root(spark, root, full_report=True) == cli


def test_a_dataframe_of_claims_reports_as_the_import_of_its_table(spark, flights):
    root, records = flights
    cli = run_cli("report", "--format", "json", "--no-cache", root)
    frame = spark.createDataFrame(records).repartition(4)
    ours = cspark.check(spark, frame.select("source", "subject", "property", "value"))
    assert without_locations(ours) == without_locations(cli)
    assert [f["fingerprint"] for f in ours["findings"]] == [
        f["fingerprint"] for f in cli["findings"]
    ]
