//! `concord-gen`: the same seed writes the same corpus byte for byte, the corpus loads, and
//! `check` finds what `truth.json` says must be found and none of its traps (scored by
//! `tests/tools/score-findings`); the facts it writes under two wordings are suggested for
//! alignment (`unaligned-fact`) as often and as rightly as issue 19 asks.

mod common;

use std::path::{Path, PathBuf};

use common::{check, concord_gen};
use serde_json::Value;

/// Generates a corpus of 3000 claims from `seed` into `out`, with `more` arguments.
fn generate_with(out: &Path, seed: u64, more: &[&str]) {
    let seed = seed.to_string();
    let mut args = vec!["--claims", "3000", "--seed", &seed, "--error-rate", "0.02"];
    args.extend(more);
    let run = concord_gen(&args, out);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

/// Generates a corpus of 3000 claims from `seed` into `out`.
fn generate(out: &Path, seed: u64) {
    generate_with(out, seed, &[]);
}

/// The gold items of `truth.json` under `list`, split: those of `unaligned-fact`, and the rest.
fn split_by_alignment(truth: &Value, list: &str) -> (Vec<Value>, Vec<Value>) {
    truth[list]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .partition(|item| item["codes"] == serde_json::json!(["unaligned-fact"]))
}

/// Every file under `dir` with its bytes, sorted by path.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_same_seed_gives_the_same_corpus_and_a_folder_in_use_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    generate(&a, 3);
    generate(&b, 3);
    generate(&c, 4);
    assert_eq!(contents(&a), contents(&b));
    assert_ne!(contents(&a), contents(&c));
    // It refuses to write into a folder that is not empty.
    assert_eq!(concord_gen(&["--claims", "100"], &a).status, 2);
}

#[test]
fn check_finds_what_truth_json_lists_and_no_trap() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    generate(&corpus, 11);
    let truth: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("truth.json")).unwrap()).unwrap();
    let (_, must_find) = split_by_alignment(&truth, "must_find");
    assert!(must_find.len() >= 20, "{}", must_find.len());
    let kinds: std::collections::BTreeSet<&str> = must_find
        .iter()
        .map(|item| item["codes"][0].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "confusable-variant",
            "quote-variant",
            "spelling-variant",
            "value-conflict"
        ]
    );
    let (_, must_not) = split_by_alignment(&truth, "must_not");
    assert!(must_not.len() >= 10);

    // The errors and their traps, scored by score-findings; the alignment suggestions are info
    // and some are missed (below), so their items are scored apart.
    let errors = dir.path().join("errors.json");
    let gold = serde_json::json!({"must_find": must_find, "must_not": must_not});
    std::fs::write(&errors, gold.to_string()).unwrap();
    let report = check(&corpus, &["--format", "json", "--no-baseline"]);
    assert_eq!(report.status, 1, "{}", report.stderr);
    let (passed, text) = common::score_findings(&errors, report.stdout.as_bytes());
    assert!(passed, "{text}");
    assert!(
        text.trim_end().ends_with("unexplained serious findings 0"),
        "{text}"
    );
}

/// The pairs of facts the `unaligned-fact` findings of a JSON report suggest aligning, each as
/// the texts of its two variants (`subject / wording: values`).
fn suggested_pairs(report: &Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for finding in report["findings"].as_array().unwrap() {
        if finding["code"] != "unaligned-fact" {
            continue;
        }
        let text = |i: &Value| {
            finding["variants"][i.as_u64().unwrap() as usize]["text"]
                .as_str()
                .unwrap()
                .to_string()
        };
        for pair in finding["alignment"]["pairs"].as_array().unwrap() {
            pairs.push((text(&pair[0]), text(&pair[1])));
        }
    }
    pairs
}

/// Whether a variant's text is the side a gold form writes: the same subject and wording, and a
/// value that starts with the form's.
fn is_side(text: &str, form: &str) -> bool {
    text.starts_with(form)
}

#[test]
fn facts_written_under_two_wordings_are_suggested_for_alignment_and_traps_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    generate(&corpus, 11);
    let truth: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("truth.json")).unwrap()).unwrap();
    let (planted, _) = split_by_alignment(&truth, "must_find");
    let (traps, _) = split_by_alignment(&truth, "must_not");
    // Both kinds of planted pairs: agreeing, and hiding a figure ten times too large.
    let hiding = planted
        .iter()
        .filter(|item| item["what"].as_str().unwrap().contains("ten times"))
        .count();
    assert!(planted.len() >= 20 && hiding >= 2, "{planted:?}");
    assert!(traps.len() >= 5, "{traps:?}");

    let report = check(&corpus, &["--format", "json", "--no-baseline"]).json();
    let suggested = suggested_pairs(&report);
    let mut explained = vec![false; suggested.len()];
    let (mut found, mut found_hiding) = (0, 0);
    for item in &planted {
        let (a, b) = (
            item["forms"][0].as_str().unwrap(),
            item["forms"][1].as_str().unwrap(),
        );
        let mut hit = false;
        for (k, (x, y)) in suggested.iter().enumerate() {
            if (is_side(x, a) && is_side(y, b)) || (is_side(x, b) && is_side(y, a)) {
                explained[k] = true;
                hit = true;
            }
        }
        found += usize::from(hit);
        if hit && item["what"].as_str().unwrap().contains("ten times") {
            found_hiding += 1;
        }
    }
    let right = explained.iter().filter(|&&e| e).count();
    let trapped = traps
        .iter()
        .filter(|trap| {
            let form = trap["forms"][0].as_str().unwrap();
            suggested
                .iter()
                .any(|(x, y)| is_side(x, form) || is_side(y, form))
        })
        .count();
    // Issue 19's goals: recall at least 0.7 (of the hidden conflicts too, the point of
    // aligning), precision at least 0.9. A suggestion that pairs a trap is one that no planted
    // pair explains.
    let (recall, recall_hiding, precision) = (
        found as f64 / planted.len() as f64,
        found_hiding as f64 / hiding as f64,
        right as f64 / suggested.len().max(1) as f64,
    );
    assert!(
        recall >= 0.7 && recall_hiding >= 0.7 && precision >= 0.9,
        "recall {recall:.2} ({found}/{}), of hidden conflicts {recall_hiding:.2} \
         ({found_hiding}/{hiding}), precision {precision:.2} ({right}/{}), traps paired \
         {trapped}",
        planted.len(),
        suggested.len()
    );
}

#[test]
fn one_wording_per_property_gives_no_alignment_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    generate_with(&corpus, 11, &["--wording-rate", "0"]);
    let truth: Value =
        serde_json::from_slice(&std::fs::read(corpus.join("truth.json")).unwrap()).unwrap();
    assert!(split_by_alignment(&truth, "must_find").0.is_empty());
    assert!(split_by_alignment(&truth, "must_not").0.is_empty());
    let report = check(&corpus, &["--format", "json", "--no-baseline"]).json();
    assert_eq!(suggested_pairs(&report), []);
}
