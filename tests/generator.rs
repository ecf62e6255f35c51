//! `concord-gen`: the same seed writes the same corpus byte for byte, the corpus loads, and
//! `check` finds what `truth.json` says must be found and none of its traps (scored by
//! `tests/tools/score-findings`).

mod common;

use std::path::{Path, PathBuf};

use common::{check, concord_gen};

/// Generates a corpus of 3000 claims from `seed` into `out`.
fn generate(out: &Path, seed: u64) {
    let run = concord_gen(
        &[
            "--claims",
            "3000",
            "--seed",
            &seed.to_string(),
            "--error-rate",
            "0.02",
        ],
        out,
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
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
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.join("truth.json")).unwrap()).unwrap();
    let must_find = truth["must_find"].as_array().unwrap();
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
    assert!(truth["must_not"].as_array().unwrap().len() >= 10);

    let report = check(&corpus, &["--format", "json", "--no-baseline"]);
    assert_eq!(report.status, 1, "{}", report.stderr);
    let (passed, text) =
        common::score_findings(&corpus.join("truth.json"), report.stdout.as_bytes());
    assert!(passed, "{text}");
    assert!(
        text.trim_end().ends_with("unexplained serious findings 0"),
        "{text}"
    );
}
