//! Helpers shared by the integration tests: running `concord` and `concord-gen`, the corpora
//! they run on (the repository's own, the hand-made ones of `tests/corpora/engine/`, scratch
//! ones), git, and the scorer.
//!
//! A test runs concord with [`concord`] (in a folder, the environment left as it is) or
//! [`concord_no_color`] (with `NO_COLOR=1`, for tests that read the text a person reads), and
//! reads the [`Run`]: its exit status, standard output and error, [`Run::json`] and
//! [`Run::output`] (both streams, as a terminal shows them).

// Each test crate compiles this module and uses only a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Running the binaries
// ---------------------------------------------------------------------------------------------

/// What one run of a binary gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The exit status.
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output parsed as one JSON document (a failure shows both streams).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "standard output is not JSON ({e}); exit status {}:\n{}\n{}",
                self.status, self.stdout, self.stderr
            )
        })
    }

    /// Standard output then standard error, as a person at a terminal reads them.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `command` and collects what it gave; a run killed by a signal or one that panicked
/// fails the test, whatever it was testing.
fn run(mut command: Command) -> Run {
    let output = command.output().expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 standard output");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 standard error");
    assert!(
        !stderr.contains("panicked"),
        "{command:?} panicked:\n{stderr}"
    );
    let status = output
        .status
        .code()
        .unwrap_or_else(|| panic!("{command:?} was killed by a signal:\n{stderr}"));
    Run {
        status,
        stdout,
        stderr,
    }
}

fn concord_command(args: &[&str], dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_concord"));
    command.current_dir(dir).args(args);
    command
}

/// Runs `concord ARGS…` in the folder `dir` (`"."` is the repository), the environment as it
/// is.
pub fn concord(args: &[&str], dir: impl AsRef<Path>) -> Run {
    run(concord_command(args, dir.as_ref()))
}

/// Runs `concord ARGS…` in the folder `dir` with `NO_COLOR=1`: for tests that read the text
/// output a person reads, so that it stays free of colour codes wherever the test runs.
pub fn concord_no_color(args: &[&str], dir: impl AsRef<Path>) -> Run {
    let mut command = concord_command(args, dir.as_ref());
    command.env("NO_COLOR", "1");
    run(command)
}

/// Runs `concord check ROOT ARGS…` from the repository.
pub fn check(root: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", path_arg(root)];
    all.extend_from_slice(args);
    concord(&all, ".")
}

/// Runs `concord-gen ARGS… --out OUT`.
pub fn concord_gen(args: &[&str], out: &Path) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_concord-gen"));
    command.args(args).arg("--out").arg(out);
    run(command)
}

/// A path as a command-line argument (the tests' paths are UTF-8).
pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

// ---------------------------------------------------------------------------------------------
// Corpora
// ---------------------------------------------------------------------------------------------

/// The repository, whose `facts/` and `seeds/` are the project's own corpus.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The hand-made corpus `tests/corpora/engine/NAME`.
pub fn corpus(name: &str) -> PathBuf {
    repository().join("tests/corpora/engine").join(name)
}

/// A scratch folder holding `files`, each a path inside it and its contents (the folders are
/// made as needed); nothing else.
pub fn scratch_corpus<P: AsRef<Path>, C: AsRef<[u8]>>(files: &[(P, C)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

/// Copies the folder `from`, with everything under it, to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Git and the scorer
// ---------------------------------------------------------------------------------------------

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
    let scorer = repository().join("tests/tools/score-findings");
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
