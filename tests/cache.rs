//! The parse cache in `.concord-cache/`: a warm run reports exactly what a cold one does, an edit
//! is seen at once, and a damaged cache is never trusted (misplaced and left-over entries are
//! tested in `src/load/cache.rs`). Also the progress line, shown only on a terminal.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{check, concord_gen, git, scratch_corpus};

/// A corpus of three sources, one of which disagrees with the others on a spelling and on a
/// figure.
fn corpus() -> tempfile::TempDir {
    let sources = [
        ("a", "Howard Lutnick", "12 %"),
        ("b", "Howard Lutnick", "12 %"),
        ("c", "Howard Latnik", "120 %"),
    ];
    let files: Vec<(String, String)> = sources
        .iter()
        .map(|(id, name, share)| {
            (
                format!("facts/{id}.yaml"),
                format!(
                    "source:\n  id: {id}\n  language: en\nclaims:\n  - {{subject: {name}, property: role, value: Commerce Secretary}}\n  - {{subject: Nvidia, property: share of revenue in China, value: \"{share}\", kind: quantity}}\n"
                ),
            )
        })
        .collect();
    scratch_corpus(&files)
}

fn pack(root: &Path) -> PathBuf {
    root.join(".concord-cache/parsed.bin")
}

fn json(root: &Path, extra: &[&str]) -> String {
    let mut args = vec!["--format", "json", "--no-baseline"];
    args.extend(extra);
    let run = check(root, &args);
    let output = run.output();
    assert_eq!(run.status, 1, "{output}");
    output
}

#[test]
fn a_warm_run_reports_what_a_cold_one_does() {
    let dir = corpus();
    let cold = json(dir.path(), &["--no-cache"]);
    assert!(
        !dir.path().join(".concord-cache").exists(),
        "--no-cache writes nothing"
    );
    let first = json(dir.path(), &[]);
    assert!(pack(dir.path()).is_file());
    let warm = json(dir.path(), &[]);
    assert_eq!(cold, first);
    assert_eq!(cold, warm);
    assert!(warm.contains("Latnik") && warm.contains("120 %"));
    // Locations taken from the cache still name their file.
    assert!(warm.contains("\"file\": \"facts/c.yaml\""), "{warm}");
}

#[test]
fn an_edit_is_seen_at_once() {
    let dir = corpus();
    json(dir.path(), &[]);
    let c = dir.path().join("facts/c.yaml");
    fs::write(&c, fs::read_to_string(&c).unwrap().replace("120 %", "12 %")).unwrap();
    let after = json(dir.path(), &[]);
    assert!(!after.contains("120 %"), "{after}");
    assert_eq!(after, json(dir.path(), &["--no-cache"]));
}

#[test]
fn a_damaged_cache_is_rebuilt_not_trusted() {
    let dir = corpus();
    let cold = json(dir.path(), &[]);
    let sound = fs::read(pack(dir.path())).unwrap();
    let mut truncated = sound.clone();
    truncated.pop();
    let mut flipped = sound.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let garbage = vec![0x5a; sound.len()];
    for damaged in [truncated, flipped, garbage, Vec::new()] {
        fs::write(pack(dir.path()), &damaged).unwrap();
        assert_eq!(json(dir.path(), &[]), cold);
        // The damaged entries were parsed again and the pack written whole.
        assert_eq!(fs::read(pack(dir.path())).unwrap().len(), sound.len());
        assert_eq!(json(dir.path(), &[]), cold);
    }
}

#[test]
fn the_cache_keeps_out_of_git_and_a_file_with_errors_out_of_the_cache() {
    let dir = corpus();
    fs::write(
        dir.path().join("facts/broken.yaml"),
        "source:\n  id: broken\nclaims:\n  - {subject: X, property: y}\n",
    )
    .unwrap();
    let first = check(dir.path(), &[]);
    let output = first.output();
    assert_eq!(first.status, 2, "{output}");
    assert!(output.contains("facts/broken.yaml:4"), "{output}");
    // The error is reported again: it was not stored.
    assert_eq!(check(dir.path(), &[]), first);
    git(dir.path(), &["init", "--quiet"]);
    let untracked = git(
        dir.path(),
        &["status", "--porcelain", "--untracked-files=all"],
    );
    assert!(pack(dir.path()).is_file());
    assert!(!untracked.contains(".concord-cache"), "{untracked}");
    assert!(untracked.contains("facts/a.yaml"), "{untracked}");
}

/// Runs `concord check ROOT` on a pseudo-terminal; returns all it wrote there.
fn check_on_a_terminal(root: &Path) -> String {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_concord"));
    command
        .arg("check")
        .arg(root)
        .args(["--no-cache", "--no-baseline", "--format", "json"]);
    let mut session = rexpect::session::spawn_command(command, Some(300_000)).unwrap();
    session.exp_eof().unwrap()
}

#[test]
fn a_long_run_on_a_terminal_shows_its_progress_then_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let large = dir.path().join("corpus");
    // Large enough to take several seconds in a debug build, on a fast machine too.
    let generated = concord_gen(&["--claims", "100000", "--seed", "3"], &large);
    assert_eq!(generated.status, 0, "{}", generated.stderr);
    let screen = check_on_a_terminal(&large);
    let report = screen.find('{').expect("the JSON report");
    let (progress, report) = screen.split_at(report);
    assert!(
        progress.contains("reading files") || progress.contains("comparing"),
        "{progress:?}"
    );
    // The line is cleared before the report, which is whole.
    assert!(progress.ends_with("\u{1b}[2K"), "{progress:?}");
    assert!(report.contains("\"findings\""));

    // A short run shows nothing but its report, and neither does a run whose standard error is
    // not a terminal.
    let small = corpus();
    let short = check_on_a_terminal(small.path());
    assert!(short.trim_start().starts_with('{'), "{short:?}");
    let output = check(&large, &["--format", "json"]).output();
    assert!(
        !output.contains("\u{1b}"),
        "no escape sequences off a terminal"
    );
}
