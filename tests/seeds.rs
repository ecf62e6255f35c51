//! The repository's own corpus (the five seed articles and their facts): what issue 2 and 3
//! promise a user running concord on it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn concord(args: &[&str], root: &Path) -> (i32, String, String) {
    let output = Command::cargo_bin("concord")
        .expect("the binary is built")
        .args(args)
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("concord runs");
    (
        output.status.code().expect("exits with a status"),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        String::from_utf8(output.stderr).expect("UTF-8 diagnostics"),
    )
}

fn report_json(args: &[&str], root: &Path) -> Value {
    let (status, stdout, stderr) = concord(args, root);
    assert!(status == 0 || status == 1, "exit {status}: {stderr}");
    serde_json::from_str(&stdout).expect("one JSON document")
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings")
}

fn variant_texts(finding: &Value) -> Vec<&str> {
    finding["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect()
}

/// The finding of `code` whose variants include each of `forms` exactly.
fn finding_with<'a>(report: &'a Value, code: &str, forms: &[&str]) -> Option<&'a Value> {
    findings(report).iter().find(|f| {
        f["code"] == code
            && forms
                .iter()
                .all(|form| variant_texts(f).iter().any(|t| t.starts_with(form)))
    })
}

#[test]
fn the_corpus_loads_with_every_evidence_found() {
    let report = report_json(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    );
    assert!(
        report["summary"]["claims"].as_u64().unwrap() >= 60,
        "{}",
        report["summary"]
    );
    assert_eq!(report["summary"]["sources"], 5);
    let missing: Vec<_> = findings(&report)
        .iter()
        .filter(|f| f["code"] == "evidence-missing")
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn finds_the_genuine_variants_of_the_seeds() {
    let report = report_json(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    );

    let lutnick = finding_with(&report, "spelling-variant", &["Latnik", "Lutnick"])
        .expect("Latnik / Lutnick");
    assert_eq!(lutnick["suggestion"]["text"], "Lutnick");
    assert_eq!(lutnick["severity"], "error");

    let chip = finding_with(&report, "confusable-variant", &["H2O", "H20"]).expect("H2O / H20");
    assert_eq!(chip["suggestion"]["text"], "H20");

    let remark = finding_with(
        &report,
        "quote-variant",
        &[
            "Nous ne leur vendons pas nos meilleurs produits",
            "Nous ne leur vendons ni le meilleur",
        ],
    )
    .expect("the CNBC remark in two translations");
    let sources: Vec<&str> = remark["variants"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| {
            v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
        })
        .collect();
    assert!(
        sources.contains(&"cryptopolitan") && sources.contains(&"gate"),
        "{sources:?}"
    );
    assert_eq!(remark["severity"], "warning");

    let case =
        finding_with(&report, "case-variant", &["NVIDIA", "Nvidia"]).expect("NVIDIA / Nvidia");
    assert_eq!(case["severity"], "info");
}

#[test]
fn keeps_look_alikes_apart() {
    let report = report_json(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    );
    let traps = [
        ("H20", "H200"),
        ("H20", "H100"),
        ("H100", "H200"),
        ("A100", "H100"),
        ("B100", "B200"),
        ("GB200", "B200"),
        ("Huang", "Jensen Huang"),
        (
            "Secrétaire au Commerce des États-Unis",
            "secrétaire américain au Commerce",
        ),
        (
            "Secrétaire au Commerce des États-Unis",
            "ministre du Commerce",
        ),
        ("secrétaire américain au Commerce", "ministre du Commerce"),
    ];
    for finding in findings(&report).iter().filter(|f| f["severity"] != "info") {
        let texts = variant_texts(finding);
        for (a, b) in traps {
            assert!(
                !(texts.contains(&a) && texts.contains(&b)),
                "{} puts {a} and {b} together: {texts:?}",
                finding["code"]
            );
        }
    }
}

#[test]
fn the_score_findings_tool_agrees() {
    let (_, stdout, _) = concord(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    );
    let (passed, printed) = common::score_findings(
        &repository().join("tests/seeds.gold.json"),
        stdout.as_bytes(),
    );
    assert!(passed, "{printed}");
}

#[test]
fn the_gate_passes_with_the_baseline_and_fails_without() {
    let (status, stdout, stderr) = concord(&["check"], &repository());
    assert_eq!(status, 0, "{stdout}{stderr}");
    let (status, _, _) = concord(&["check", "--no-baseline"], &repository());
    assert_eq!(status, 1);
    let report = report_json(&["check", "--format", "json"], &repository());
    assert!(
        report.get("warnings").is_none(),
        "no stale baseline entry: {}",
        report["warnings"]
    );
    let reviewed = findings(&report)
        .iter()
        .filter(|f| f["reviewed"] == true)
        .count();
    assert!(reviewed >= 3, "the seeds' genuine findings are reviewed");
}

#[test]
fn text_report_shows_the_quotation_as_a_word_diff() {
    let (_, stdout, _) = concord(&["report", "--no-baseline"], &repository());
    let diff_line = stdout
        .lines()
        .find(|l| l.contains("diff:") && l.contains("vendons"))
        .expect("a diff line for the CNBC remark");
    assert!(
        diff_line.contains("[-") && diff_line.contains("{+"),
        "{diff_line}"
    );
    assert!(stdout.contains("warning[quote-variant]"));
}

#[test]
fn report_lists_groups_and_source_reliability() {
    let report = report_json(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    );
    let groups = report["groups"].as_array().expect("groups");
    assert_eq!(
        groups.len() as u64,
        report["summary"]["facts"].as_u64().unwrap()
    );
    let sources = report["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 5);
    for source in sources {
        let reliability = source["reliability"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&reliability), "{source}");
    }
    // The role claims of three articles, worded three ways, are one value of one fact.
    let role = groups
        .iter()
        .find(|g| {
            g["subject"] == "Howard Lutnick"
                && g["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v["sources"].as_array().unwrap().len() >= 3)
        })
        .expect("Lutnick's role, corroborated by three sources");
    assert_eq!(role["values"].as_array().unwrap().len(), 1, "{role}");
}

/// Copies the corpus into a scratch folder for a test to break.
fn scratch_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["facts", "seeds"] {
        let target = dir.path().join(folder);
        std::fs::create_dir_all(&target).unwrap();
        for entry in std::fs::read_dir(repository().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn broken_copies_of_the_corpus_are_located() {
    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/gate.yaml",
        "source:\n",
        "source:\n  outlett: Gate\n",
    );
    let (status, stdout, stderr) = concord(&["check"], copy.path());
    assert_eq!(status, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("facts/gate.yaml:2:3") && stderr.contains("did you mean `outlet`"),
        "{stderr}"
    );

    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/registry.yaml",
        "aliases: [Lutnick",
        "aliases: Lutnick\n    other: [x",
    );
    let (status, _, stderr) = concord(&["check"], copy.path());
    assert_eq!(status, 2);
    assert!(
        stderr.contains("facts/registry.yaml:") && stderr.contains("must be a list"),
        "{stderr}"
    );

    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/cryptopolitan.yaml",
        "article: seeds/000_",
        "article: seeds/999_",
    );
    let (status, _, stderr) = concord(&["check"], copy.path());
    assert_eq!(status, 2);
    assert!(
        stderr.contains("facts/cryptopolitan.yaml:") && stderr.contains("does not exist"),
        "{stderr}"
    );
}

#[test]
fn a_changed_evidence_is_an_evidence_missing_finding() {
    let copy = scratch_copy();
    let text = std::fs::read_to_string(copy.path().join("facts/cryptopolitan.yaml")).unwrap();
    let start = text.find("evidence: ").expect("an evidence") + "evidence: ".len();
    let line_end = start + text[start..].find('\n').unwrap();
    let evidence = &text[start..line_end];
    let changed = evidence.replacen(|c: char| c.is_alphabetic(), "Z", 1);
    std::fs::write(
        copy.path().join("facts/cryptopolitan.yaml"),
        text.replacen(evidence, &changed, 1),
    )
    .unwrap();
    let report = report_json(&["check", "--format", "json"], copy.path());
    let (status, _, _) = concord(&["check"], copy.path());
    assert_eq!(status, 1);
    let missing = findings(&report)
        .iter()
        .find(|f| f["code"] == "evidence-missing")
        .expect("evidence-missing");
    assert_eq!(
        missing["variants"][0]["locations"][0]["file"],
        "facts/cryptopolitan.yaml"
    );
}
