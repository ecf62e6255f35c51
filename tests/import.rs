//! `concord import`: tables of claims (wide or long, with or without a header, UTF-8 or Latin-1)
//! become corpora of one source file per source that `check` and `report` read; a broken row or
//! an unknown column is located and writes nothing, and an existing file is kept unless forced.

mod common;

use std::path::Path;

use common::{Run, concord_no_color, path_arg};
use serde_json::Value;

/// Writes `text` into `dir/name`; returns the path as an argument.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The JSON report of an imported corpus, which must load.
fn report(root: &Path) -> Value {
    let run = concord_no_color(
        &[
            "report",
            path_arg(root),
            "--format",
            "json",
            "--no-baseline",
        ],
        ".",
    );
    assert!(run.status < 2, "{}", run.stderr);
    run.json()
}

const FLIGHTS: &str = "src,flight,dep,arr\n\
aa,AA-1,7:10 a.m.,9:40 a.m.\n\
flightstats,AA-1,7:10 a.m.,9:41 a.m.\n\
\"gofox, inc.\",AA-1,7:10aDec 1,Not Available\n\
panynj,AA-1,Contact Airline,9:40 a.m.\n";

#[test]
fn wide_tables_become_one_source_file_per_source() {
    let dir = tempfile::tempdir().unwrap();
    let table = write(dir.path(), "flights.csv", FLIGHTS);
    let out = dir.path().join("corpus");
    let Run {
        status,
        stdout,
        stderr,
    } = concord_no_color(
        &[
            "import",
            &table,
            "--source",
            "src",
            "--subject",
            "flight",
            "--values",
            "dep,arr",
            "--kind",
            "date",
            "--out",
            out.to_str().unwrap(),
        ],
        ".",
    );
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stdout.contains("wrote 4 source files (8 claims)"),
        "{stdout}"
    );
    let mut files: Vec<String> = std::fs::read_dir(out.join("facts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "aa.yaml",
            "flightstats.yaml",
            "gofox-inc.yaml",
            "panynj.yaml"
        ]
    );

    // The imported corpus reads back; dirty times normalise, and empty values never conflict.
    let report = report(&out);
    let groups = report["groups"].as_array().unwrap();
    let departure = groups.iter().find(|g| g["property"] == "dep").unwrap();
    assert_eq!(
        departure["values"].as_array().unwrap().len(),
        1,
        "7:10 a.m. and 7:10aDec 1 are one time: {departure}"
    );
    let arrival = groups.iter().find(|g| g["property"] == "arr").unwrap();
    assert_eq!(arrival["suggestion"]["text"], "9:40 a.m.");
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] == "value-conflict")
    );
}

#[test]
fn long_tables_without_header_take_column_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let table = write(
        dir.path(),
        "population.tsv",
        "paris_2000\talice\t2125246\t2000\nparis_2000\tbob\t2125246\t2000\nparis_2000\tcarol\t212524\t2000\n",
    );
    let out = dir.path().join("corpus");
    let Run { status, stderr, .. } = concord_no_color(
        &[
            "import",
            &table,
            "--no-header",
            "--source",
            "2",
            "--subject",
            "1",
            "--value",
            "3",
            "--property",
            "population",
            "--kind",
            "quantity",
            "--out",
            out.to_str().unwrap(),
        ],
        ".",
    );
    assert_eq!(status, 0, "{stderr}");
    let report = report(&out);
    let conflict = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "value-conflict")
        .expect("a figure ten times too small");
    assert_eq!(conflict["suggestion"]["text"], "2125246");
}

#[test]
fn a_broken_row_is_located_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let table = write(
        dir.path(),
        "t.csv",
        "src,subject,value\na,x,1\nb,x\nc,x,3\n,x,4\n",
    );
    let out = dir.path().join("corpus");
    let Run {
        status,
        stdout,
        stderr,
    } = concord_no_color(
        &[
            "import",
            &table,
            "--source",
            "src",
            "--subject",
            "subject",
            "--value",
            "value",
            "--property",
            "p",
            "--out",
            out.to_str().unwrap(),
        ],
        ".",
    );
    assert_eq!(status, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("t.csv:3:1") && stderr.contains("2 fields"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing half-written");
}

#[test]
fn an_unknown_column_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let table = write(dir.path(), "t.csv", "src,subject,value\na,x,1\n");
    let Run { status, stderr, .. } = concord_no_color(
        &[
            "import",
            &table,
            "--source",
            "src",
            "--subject",
            "subjet",
            "--value",
            "value",
            "--property",
            "p",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        ".",
    );
    assert_eq!(status, 2);
    assert!(stderr.contains("did you mean `subject`"), "{stderr}");
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let table = write(dir.path(), "t.csv", "src,subject,value\na,x,1\nb,x,2\n");
    let out = dir.path().join("corpus");
    let out_arg = out.to_str().unwrap();
    let import = [
        "import",
        &table,
        "--source",
        "src",
        "--subject",
        "subject",
        "--value",
        "value",
        "--property",
        "p",
        "--out",
        out_arg,
    ];
    assert_eq!(concord_no_color(&import, ".").status, 0);

    let edited = "source: {id: a}\nclaims: []\n";
    std::fs::write(out.join("facts/a.yaml"), edited).unwrap();
    let Run { status, stderr, .. } = concord_no_color(&import, ".");
    assert_eq!(status, 2);
    assert!(
        stderr.contains("a.yaml") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("facts/a.yaml")).unwrap(),
        edited
    );

    let forced: Vec<&str> = import.iter().copied().chain(["--force"]).collect();
    assert_eq!(concord_no_color(&forced, ".").status, 0);
    assert!(
        std::fs::read_to_string(out.join("facts/a.yaml"))
            .unwrap()
            .contains("value: '1'")
    );
}

#[test]
fn a_latin1_table_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, b"src,subject,value\nle-monde,Bogot\xe1,1\n").unwrap();
    let out = dir.path().join("corpus");
    let Run { status, stderr, .. } = concord_no_color(
        &[
            "import",
            path.to_str().unwrap(),
            "--source",
            "src",
            "--subject",
            "subject",
            "--value",
            "value",
            "--property",
            "p",
            "--out",
            out.to_str().unwrap(),
        ],
        ".",
    );
    assert_eq!(status, 0);
    assert!(
        stderr.contains("not UTF-8") && stderr.contains("Latin-1"),
        "{stderr}"
    );
    assert!(
        std::fs::read_to_string(out.join("facts/le-monde.yaml"))
            .unwrap()
            .contains("Bogotá")
    );
}

#[test]
fn author_lists_compare_as_people() {
    let dir = tempfile::tempdir().unwrap();
    let table = write(
        dir.path(),
        "books.csv",
        "source,book,authors\na,TAOCP,\"Knuth, Donald E.\"\nb,TAOCP,Donald E. Knuth\nc,TAOCP,D. Knuth\na,Paper,Dupont et al.\nb,Paper,Jean Dupont; Marie Curie\nc,Paper,Edsger Dijkstra\n",
    );
    let out = dir.path().join("corpus");
    let Run { status, stderr, .. } = concord_no_color(
        &[
            "import",
            &table,
            "--source",
            "source",
            "--subject",
            "book",
            "--values",
            "authors",
            "--kind",
            "names",
            "--out",
            out.to_str().unwrap(),
        ],
        ".",
    );
    assert_eq!(status, 0, "{stderr}");
    let report = report(&out);
    let conflicts: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "value-conflict")
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert_eq!(conflicts[0]["subject"], "Paper");
}
