//! Raw-text mode on hand-made French and English articles (`tests/corpora/scan/articles`):
//! `scan` finds name, code and quotation variants with their places in the articles, and leaves
//! the look-alikes alone; `extract` drafts a source file that loads.

use serde_json::Value;
use std::path::Path;

mod common;
use common::{concord, copy_dir, repository};

/// A scratch folder with the test articles under `articles/` and, if given, a registry.
fn workspace(registry: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repository().join("tests/corpora/scan/articles"),
        &dir.path().join("articles"),
    );
    if let Some(registry) = registry {
        std::fs::create_dir(dir.path().join("facts")).unwrap();
        std::fs::write(dir.path().join("facts/registry.yaml"), registry).unwrap();
    }
    dir
}

fn scan_json(dir: &Path) -> (i32, Value) {
    let run = concord(&["scan", "articles", "--format", "json"], dir);
    assert_ne!(run.status, 2, "{}", run.stderr);
    (run.status, run.json())
}

/// Each finding as its code and its variants' texts, sorted.
fn findings(report: &Value) -> Vec<(String, Vec<String>)> {
    let mut found: Vec<(String, Vec<String>)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let mut texts: Vec<String> = f["variants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["text"].as_str().unwrap().to_string())
                .collect();
            texts.sort();
            (f["code"].as_str().unwrap().to_string(), texts)
        })
        .collect();
    found.sort();
    found
}

const REGISTRY: &str = "entities:\n  - {id: jon-smith, name: Jon Smith, kind: person}\n  - {id: john-smith, name: John Smith, kind: person}\n";

#[test]
fn scan_finds_the_variants_across_and_within_articles_and_no_look_alike() {
    let dir = workspace(Some(REGISTRY));
    let (status, report) = scan_json(dir.path());
    assert_eq!(status, 1);
    let found = findings(&report);
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        ["confusable-variant", "quote-variant", "spelling-variant"],
        "{found:?}"
    );
    assert_eq!(found[0].1, ["H20", "H2O"]);
    assert_eq!(found[2].1, ["Latnik", "Lutnick"]);
    // The reworded remark: across two French articles, and within lyon.txt.
    let quote = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "quote-variant")
        .unwrap();
    let files: Vec<&str> = quote["variants"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["locations"].as_array().unwrap())
        .map(|l| l["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files.iter().filter(|f| **f == "articles/lyon.txt").count(),
        2,
        "{files:?}"
    );
    assert!(files.contains(&"articles/paris.txt"), "{files:?}");
    // Look-alikes that are different things: not one finding names them.
    let all = serde_json::to_string(&report["findings"]).unwrap();
    for look_alike in [
        "H200", "H100", "A100", "B100", "B200", "GB200", "Jensen", "Huang", "Smith",
    ] {
        assert!(!all.contains(look_alike), "{look_alike} in {all}");
    }
}

#[test]
fn two_people_with_near_identical_names_are_flagged_only_until_registered() {
    let dir = workspace(None);
    let (_, report) = scan_json(dir.path());
    assert!(
        findings(&report).contains(&("spelling-variant".into(), vec!["John".into(), "Jon".into()])),
        "{:?}",
        findings(&report)
    );
    let dir = workspace(Some(REGISTRY));
    let (_, report) = scan_json(dir.path());
    assert!(!serde_json::to_string(&report).unwrap().contains("\"Jon\""));
}

/// The mentions of `kind` that `scan` reports for `file`, as (text, line, column, speaker).
fn mentions(report: &Value, kind: &str, file: &str) -> Vec<(String, u64, u64, Option<String>)> {
    report["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == kind && m["location"]["file"] == file)
        .map(|m| {
            (
                m["text"].as_str().unwrap().to_string(),
                m["location"]["line"].as_u64().unwrap(),
                m["location"]["column"].as_u64().unwrap(),
                m["speaker"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn texts(list: &[(String, u64, u64, Option<String>)]) -> Vec<&str> {
    list.iter().map(|m| m.0.as_str()).collect()
}

#[test]
fn each_kind_of_mention_is_found_with_its_place() {
    let dir = workspace(None);
    let (_, report) = scan_json(dir.path());
    let paris = "articles/paris.txt";
    let names = mentions(&report, "name", paris);
    let names = texts(&names);
    // Particles inside a name, hyphens, sentence-initial words that are not names.
    for name in [
        "Charles de Gaulle",
        "Jean-Pierre Martin",
        "Howard Lutnick",
        "États-Unis",
    ] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    for not_a_name in ["Selon", "Bien", "Le", "Il", "Charles", "Gaulle"] {
        assert!(!names.contains(&not_a_name), "{not_a_name} in {names:?}");
    }
    let codes = mentions(&report, "code", paris);
    assert_eq!(
        texts(&codes),
        [
            "H20",
            "H20",
            "H20",
            "Ascend 910B",
            "NXT:2000i",
            "GB200",
            "B200",
            "H200"
        ]
    );
    let figures = mentions(&report, "figure", paris);
    assert_eq!(
        texts(&figures),
        ["4,6 milliards de dollars", "plus de 400 000", "15 %"]
    );
    assert_eq!((figures[0].1, figures[0].2), (7, 60));
    let dates = mentions(&report, "date", paris);
    assert_eq!(texts(&dates), ["7 juillet 2025"]);
    let quotes = mentions(&report, "quote", paris);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].3.as_deref(), Some("Howard Lutnick"));
    assert!(quotes[0].0.starts_with("Nous ne leur vendons pas"));

    let boston = "articles/boston.txt";
    assert_eq!(texts(&mentions(&report, "date", boston)), ["July 7, 2025"]);
    assert_eq!(
        texts(&mentions(&report, "figure", boston)),
        ["more than $12 billion"]
    );
    let quotes = mentions(&report, "quote", boston);
    let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.3.as_deref()).collect();
    // "…," Lutnick told CNBC; ‘…,’ said Huang (a curly single quotation).
    assert_eq!(speakers, [Some("Lutnick"), Some("Huang")]);
    assert!(quotes[1].0.starts_with("It is a good day"));
}

#[test]
fn scan_speaks_every_format_and_names_a_missing_path() {
    let dir = workspace(Some(REGISTRY));
    let github = concord(&["scan", "articles", "--format", "github"], dir.path());
    assert_eq!(github.status, 1);
    assert!(
        github
            .stdout
            .contains("::error file=articles/lyon.txt,line=3,col=85"),
        "{}",
        github.stdout
    );
    let sarif = concord(&["scan", "articles", "--format", "sarif"], dir.path()).json();
    assert_eq!(sarif["version"], "2.1.0");
    let missing = concord(&["scan", "articles", "nowhere"], dir.path());
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("nowhere"), "{}", missing.stderr);
}

#[test]
fn the_baseline_in_facts_applies_to_scan() {
    let dir = workspace(Some(REGISTRY));
    std::fs::write(
        dir.path().join("facts/reviewed.yaml"),
        "reviewed:\n  - {code: confusable-variant, forms: [H20, H2O], note: checked}\n  - {code: spelling-variant, forms: [Latnik, Lutnick], note: checked}\n",
    )
    .unwrap();
    let run = concord(&["scan", "articles"], dir.path());
    assert_eq!(run.status, 0, "{}", run.output());
    let run = concord(&["scan", "articles", "--no-baseline"], dir.path());
    assert_eq!(run.status, 1);
}

#[test]
fn extract_drafts_a_source_file_that_loads() {
    let dir = workspace(None);
    let run = concord(&["extract", "articles/paris.txt"], dir.path());
    assert_eq!(run.status, 0, "{}", run.stderr);
    let draft = run.stdout;
    assert!(draft.starts_with("# DRAFT"), "{draft}");
    assert!(
        draft.contains("id: paris\n  article: articles/paris.txt\n  language: fr\n"),
        "{draft}"
    );
    // A figure with its subject and property, a quotation with its speaker, an apposition.
    assert!(
        draft.contains("- subject: Nvidia\n  property: chiffre d'affaires\n  value: 4,6 milliards de dollars\n  kind: quantity\n"),
        "{draft}"
    );
    assert!(
        draft.contains(
            "- subject: Howard Lutnick\n  property: a déclaré\n  value: Nous ne leur vendons pas"
        ),
        "{draft}"
    );
    assert!(
        draft.contains("- subject: Howard Lutnick\n  property: fonction\n  value: secrétaire au Commerce des États-Unis\n"),
        "{draft}"
    );
    let english = concord(&["extract", "articles/boston.txt"], dir.path()).stdout;
    assert!(
        english.contains("language: en\n") && english.contains("property: said\n"),
        "{english}"
    );

    // Written into a corpus, every draft loads, and its evidence is found in the article.
    std::fs::create_dir(dir.path().join("facts")).unwrap();
    for name in ["paris", "lyon", "boston"] {
        let run = concord(
            &[
                "extract",
                &format!("articles/{name}.txt"),
                "--write",
                &format!("facts/{name}.yaml"),
            ],
            dir.path(),
        );
        assert_eq!(run.status, 0, "{}", run.stderr);
    }
    let output = common::check(dir.path(), &["--format", "json"]);
    assert_ne!(output.status, 2, "{}", output.output());
    assert!(
        !output.output().contains("evidence-missing"),
        "{}",
        output.output()
    );
}

#[test]
fn extract_refuses_to_overwrite_without_force() {
    let dir = workspace(None);
    let target = dir.path().join("draft.yaml");
    std::fs::write(&target, "kept").unwrap();
    let run = concord(
        &["extract", "articles/lyon.txt", "--write", "draft.yaml"],
        dir.path(),
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");
    let run = concord(
        &[
            "extract",
            "articles/lyon.txt",
            "--write",
            "draft.yaml",
            "--force",
        ],
        dir.path(),
    );
    assert_eq!(run.status, 0);
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# DRAFT")
    );
}

#[test]
fn scanning_the_seed_articles_alone_finds_their_three_variants_and_no_look_alike() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repository().join("seeds"), &dir.path().join("seeds"));
    let run = concord(&["scan", "--format", "json"], dir.path());
    assert_eq!(run.status, 1, "{}", run.stderr);
    let report = run.json();
    let found = findings(&report);
    assert!(found.contains(&(
        "spelling-variant".into(),
        vec!["Latnik".into(), "Lutnick".into()]
    )));
    assert!(found.contains(&(
        "confusable-variant".into(),
        vec!["H20".into(), "H2O".into()]
    )));
    let quote = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "quote-variant")
        .expect("Lutnick's CNBC remark in two wordings");
    assert!(
        quote["variants"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Nous ne leur vendons")
    );
    let serious: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    assert_eq!(serious.len(), 3, "{serious:?}");
    let text = serde_json::to_string(&serious).unwrap();
    for look_alike in [
        "H200", "H100", "A100", "B100", "B200", "GB200", "Jensen", "Huang",
    ] {
        assert!(!text.contains(look_alike), "{look_alike} in {text}");
    }
}
