"""The Python package against the CLI: the same reports on the repository's corpus, on small
hand-made corpora and on tables of claims; input errors located and raised, never a crash."""

import csv
import textwrap

import pandas as pd
import pyarrow as pa
import pytest

import concord
from conftest import REPOSITORY, run_cli, without_locations

CORPUS = {
    "facts/registry.yaml": """
        entities:
          - id: howard-lutnick
            name: Howard Lutnick
            kind: person
        properties:
          - id: revenue
            name: revenue
            kind: quantity
    """,
    "facts/wired.yaml": """
        source: {id: wired, outlet: Wired, language: en}
        claims:
          - {subject: Howard Lutnick, property: role, value: Commerce Secretary}
          - {subject: Nvidia, property: revenue, value: $4.6 billion}
          - {subject: Nvidia, property: founded, value: April 1993, kind: date}
    """,
    "facts/afp.yaml": """
        source: {id: afp, outlet: AFP, language: en}
        claims:
          - {subject: Howard Lutnik, property: role, value: Commerce Secretary}
          - {subject: Nvidia, property: revenue, value: $46 billion}
          - {subject: Nvidia, property: founded, value: 1993-04-05, kind: date}
    """,
    "facts/lemonde.yaml": """
        source: {id: lemonde, outlet: Le Monde, language: fr}
        claims:
          - {subject: Howard Lutnick, property: role, value: secrétaire au Commerce}
          - {subject: Nvidia, property: revenue, value: "4,6 milliards de dollars"}
    """,
}


def write_corpus(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return root


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize("baseline", [True, False])
def test_the_repository_corpus_reports_as_the_cli(command, baseline):
    flags = [] if baseline else ["--no-baseline"]
    cli = run_cli(command, "--format", "json", *flags, REPOSITORY)
    ours = getattr(concord, command)(REPOSITORY, baseline=baseline)
    assert ours == cli
    assert ours["findings"], "the seeds have findings"


def test_a_hand_made_corpus_reports_as_the_cli(tmp_path):
    root = write_corpus(tmp_path, CORPUS)
    for command in ("check", "report"):
        cli = run_cli(command, "--format", "json", root)
        assert getattr(concord, command)(root) == cli
    codes = {f["code"] for f in concord.check(root)["findings"]}
    assert {"spelling-variant", "value-conflict"} <= codes


def test_check_writes_nothing_under_the_root(tmp_path):
    root = write_corpus(tmp_path, CORPUS)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    concord.check(root)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_a_bad_corpus_raises_every_error_located(tmp_path):
    root = write_corpus(tmp_path, {
        "facts/a.yaml": """
            source: {id: a}
            claims:
              - {subject: X, property: p, vlaue: 1}
        """,
        "facts/b.yaml": "source: {id: B}\nclaims: [\n",
    })
    with pytest.raises(concord.InputError) as raised:
        concord.check(root)
    error = raised.value
    assert isinstance(error, ValueError)
    places = [(e["file"], e["line"], e["column"]) for e in error.errors]
    assert places == [("facts/a.yaml", 3, 31), ("facts/a.yaml", 3, 6), ("facts/b.yaml", 3, 1)]
    assert (error.file, error.line, error.column) == places[0]
    assert error.message == "unknown key `vlaue` in a claim"
    assert error.help == "did you mean `value`?"
    # The message is what the CLI prints on standard error.
    cli = run_cli("check", root, expect=(2,))
    assert str(error) == cli.stderr.replace("nothing was checked", "nothing was analysed").strip()


def test_a_missing_root_is_an_input_error(tmp_path):
    with pytest.raises(concord.InputError) as raised:
        concord.report(tmp_path / "nowhere")
    assert raised.value.errors[0]["line"] is None
    assert "no such folder" in str(raised.value)


def flights_records():
    """The flights table as `concord import --values …` reads it: per row, each time column."""
    path = REPOSITORY / "bench/data/flights/flights_dirty.csv"
    columns = ["sched_dep_time", "act_dep_time", "sched_arr_time", "act_arr_time"]
    with open(path, newline="") as f:
        return [
            {"source": row["src"], "subject": row["flight"], "property": c, "value": row[c]}
            for row in csv.DictReader(f)
            for c in columns
        ], columns


def test_a_table_reconciles_as_its_import(tmp_path):
    records, columns = flights_records()
    run_cli(
        "import", REPOSITORY / "bench/data/flights/flights_dirty.csv",
        "--source", "src", "--subject", "flight", "--values", ",".join(columns),
        "--out", tmp_path, json_out=False,
    )
    cli = run_cli("report", "--format", "json", tmp_path)
    ours = concord.reconcile(records)
    assert without_locations(ours) == without_locations(cli)
    assert len(ours["findings"]) > 10
    # Every form of the table gives the same report.
    frame = pd.DataFrame(records)
    assert concord.reconcile(frame) == ours
    assert concord.reconcile(pa.Table.from_pandas(frame)) == ours
    polars = pytest.importorskip("polars")
    assert concord.reconcile(polars.from_pandas(frame)) == ours


def test_findings_point_at_rows_and_columns():
    records = [
        {"source": "Wired", "subject": "Nvidia", "property": "revenue", "value": "$4.6 billion"},
        {"source": "AFP", "subject": "Nvidia", "property": "revenue", "value": "$46 billion"},
    ]
    report = concord.reconcile(records)
    [finding] = report["findings"]
    assert finding["code"] == "value-conflict"
    places = {
        (v["text"], l["file"], l["line"], l["column"])
        for v in finding["variants"] for l in v["locations"]
    }
    assert places == {("$4.6 billion", "<claims>", 1, 4), ("$46 billion", "<claims>", 2, 4)}
    assert [s["id"] for s in report["sources"]] == ["afp", "wired"]


def test_a_registry_file_is_used(tmp_path):
    registry = write_corpus(tmp_path, {"registry.yaml": """
        entities:
          - {id: jensen-huang, name: Jensen Huang, kind: person, aliases: [le patron de Nvidia]}
    """})
    records = [
        {"source": "a", "subject": "Jensen Huang", "property": "role", "value": "x"},
        {"source": "b", "subject": "le patron de Nvidia", "property": "role", "value": "x"},
    ]
    without = concord.reconcile(records)
    with_registry = concord.reconcile(records, registry=registry / "registry.yaml")
    assert len(without["groups"]) == 2
    assert len(with_registry["groups"]) == 1


def test_bad_cells_raise_every_error_by_row_and_column():
    frame = pd.DataFrame({
        "source": ["a", "", "c", "d"],
        "subject": ["x", "x", "", "x"],
        "property": ["p", "p", "p", "p"],
        "value": ["1", "2", "3", "4"],
        "kind": [None, None, None, "quantiti"],
    })
    with pytest.raises(concord.InputError) as raised:
        concord.reconcile(frame)
    found = [(e["row"], e["column"], e["message"]) for e in raised.value.errors]
    assert found == [
        (1, "source", "this row names no source"),
        (2, "subject", "this row names no subject"),
        (3, "kind", "`kind: quantiti` is not a kind concord knows"),
    ]
    assert (raised.value.row, raised.value.column, raised.value.file) == (1, "source", None)


def test_bad_columns_raise_with_a_hint():
    with pytest.raises(concord.InputError) as raised:
        concord.reconcile([{"source": "a", "subject": "x", "property": "p", "valeu": "1"}])
    messages = [(e["message"], e["help"]) for e in raised.value.errors]
    assert ("`valeu` is not a column of a claim", "did you mean `value`?") in messages
    assert any(m == "the table has no `value` column" for m, _ in messages)


def test_numbers_and_missing_cells_read_as_text():
    frame = pd.DataFrame({
        "source": ["a", "b", "c"], "subject": ["x", "x", "x"], "property": ["n"] * 3,
        "value": [1200, 1200, 1300], "unit": [None, None, None],
    })
    report = concord.reconcile(frame)
    assert [f["code"] for f in report["findings"]] == ["value-conflict"]


def test_frames_of_findings_and_groups():
    report = concord.report(REPOSITORY)
    findings = concord.findings_frame(report)
    assert set(findings["fingerprint"]) == {f["fingerprint"] for f in report["findings"]}
    assert len(findings) == sum(len(f["variants"]) for f in report["findings"])
    groups = concord.groups_frame(report)
    assert len(groups) == sum(len(g["values"]) for g in report["groups"])
    with pytest.raises(ValueError):
        concord.groups_frame(concord.check(REPOSITORY))


def test_wrong_arguments_raise_type_errors():
    with pytest.raises(TypeError):
        concord.reconcile("claims.csv")
    with pytest.raises(TypeError):
        concord.reconcile([("a", "x", "p", "1")])


def test_an_arrow_column_that_is_not_text_is_an_input_error():
    table = pa.table({"source": ["a"], "subject": ["x"], "property": ["p"], "value": [1]})
    with pytest.raises(concord.InputError) as raised:
        concord._native.reconcile_arrow(table)
    assert raised.value.message == "column `value` holds Int64; concord reads text"
    # Through `reconcile`, pyarrow casts it first.
    assert concord.reconcile(table)["summary"]["claims"] == 1


def locked_versions(path):
    """Each package of a Cargo.lock with its versions."""
    import re

    versions = {}
    for name, version in re.findall(r'name = "([^"]+)"\nversion = "([^"]+)"', path.read_text()):
        versions.setdefault(name, set()).add(version)
    return versions


def test_the_extension_builds_the_versions_the_cli_builds():
    """python/Cargo.lock was seeded from the CLI's: the loader and engine compile against the
    same crates (a YAML parser of another version could read a file otherwise). After updating
    Cargo.lock, copy it to python/Cargo.lock and build."""
    cli = locked_versions(REPOSITORY / "Cargo.lock")
    extension = locked_versions(REPOSITORY / "python" / "Cargo.lock")

    def compatible(version):  # the semver range cargo would pick a version within
        major, minor = version.split(".")[:2]
        return (major, minor) if major == "0" else (major,)

    differ = sorted(
        (name, version)
        for name, versions in extension.items()
        for version in versions
        if version not in cli.get(name, set())
        and compatible(version) in {compatible(v) for v in cli.get(name, set())}
    )
    assert differ == []
