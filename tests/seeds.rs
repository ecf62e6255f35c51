//! The repository's own corpus (the five seed articles and their facts): what a user running
//! concord on it is promised (issues 2 and 3): it loads, its genuine variants are found and its
//! look-alikes left alone (scored against `tests/seeds.gold.json`), the gate passes with the
//! baseline, and a broken copy gets located errors.

mod common;

use std::path::Path;

use common::{Run, concord_no_color, copy_dir, path_arg, repository};
use serde_json::Value;

/// `concord ARGS… ROOT`, with `NO_COLOR=1`: the text report is read as a person reads it.
fn concord_at(args: &[&str], root: &Path) -> Run {
    let mut all = args.to_vec();
    all.push(path_arg(root));
    concord_no_color(&all, ".")
}

/// The JSON document of `concord ARGS… ROOT`, which must not fail on its input.
fn report_json(args: &[&str], root: &Path) -> Value {
    let run = concord_at(args, root);
    assert!(
        run.status == 0 || run.status == 1,
        "exit {}: {}",
        run.status,
        run.stderr
    );
    run.json()
}

/// `concord report --no-baseline --format json` on the seeds.
fn seeds_report() -> Value {
    report_json(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    )
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
    let report = seeds_report();
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
fn the_seeds_genuine_variants_are_found_with_their_severity_and_suggestion() {
    let report = seeds_report();

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
fn the_seeds_look_alikes_like_h20_and_h200_are_never_put_together() {
    let report = seeds_report();
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
fn the_seeds_report_scores_clean_against_seeds_gold_json() {
    let run = concord_at(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    );
    let (passed, printed) = common::score_findings(
        &repository().join("tests/seeds.gold.json"),
        run.stdout.as_bytes(),
    );
    assert!(passed, "{printed}");
}

#[test]
fn the_gate_passes_with_the_baseline_and_fails_without() {
    let run = concord_at(&["check"], &repository());
    assert_eq!(run.status, 0, "{}", run.output());
    assert_eq!(
        concord_at(&["check", "--no-baseline"], &repository()).status,
        1
    );
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
fn the_text_report_shows_the_reworded_quotation_as_a_word_diff() {
    let stdout = concord_at(&["report", "--no-baseline"], &repository()).stdout;
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
    let report = seeds_report();
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
        copy_dir(&repository().join(folder), &dir.path().join(folder));
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
fn a_broken_copy_of_the_seeds_gets_a_located_error() {
    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/gate.yaml",
        "source:\n",
        "source:\n  outlett: Gate\n",
    );
    let run = concord_at(&["check"], copy.path());
    assert_eq!(run.status, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("facts/gate.yaml:2:3") && run.stderr.contains("did you mean `outlet`"),
        "{}",
        run.stderr
    );

    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/registry.yaml",
        "aliases: [Lutnick",
        "aliases: Lutnick\n    other: [x",
    );
    let run = concord_at(&["check"], copy.path());
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("facts/registry.yaml:") && run.stderr.contains("must be a list"),
        "{}",
        run.stderr
    );

    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/cryptopolitan.yaml",
        "article: seeds/000_",
        "article: seeds/999_",
    );
    let run = concord_at(&["check"], copy.path());
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("facts/cryptopolitan.yaml:") && run.stderr.contains("does not exist"),
        "{}",
        run.stderr
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
    assert_eq!(concord_at(&["check"], copy.path()).status, 1);
    let missing = findings(&report)
        .iter()
        .find(|f| f["code"] == "evidence-missing")
        .expect("evidence-missing");
    assert_eq!(
        missing["variants"][0]["locations"][0]["file"],
        "facts/cryptopolitan.yaml"
    );
}
