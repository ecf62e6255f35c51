//! Helpers shared by the integration tests.

// Each test crate compiles this module and uses only a part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

/// Runs `concord check ROOT ARGS…`; returns the exit status and standard output then error.
pub fn check(root: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("concord")
        .unwrap()
        .arg("check")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap(),
    )
}

/// Runs concord with `args` in the folder `dir`; returns the status, standard output and error.
pub fn concord_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("concord")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Runs `git ARGS…` in `dir` (with a test identity for commits), asserts it succeeded, and
/// returns its standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Scores a JSON report with the repository's copy of the spec's scorer
/// (`tests/tools/score-findings`) against `gold`; returns whether it passed and what it printed.
pub fn score_findings(gold: &Path, report: &[u8]) -> (bool, String) {
    use std::io::Write;
    use std::process::Stdio;
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/score-findings");
    let mut child = Command::new("python3")
        .arg(&scorer)
        .arg(gold)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run python3, which the scorer needs: {e}"));
    child.stdin.take().unwrap().write_all(report).unwrap();
    let output = child.wait_with_output().unwrap();
    let printed = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        printed.contains("score"),
        "the scorer did not score:\n{printed}"
    );
    (output.status.success(), printed)
}
