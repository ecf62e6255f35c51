//! The output options every reporting command shares (`check`, `report`, `scan`, `diff`):
//! `--fail-on never` never fails on findings, whatever is unreviewed, and `-q` / `--quiet`
//! prints nothing on standard output for text while the exit status still tells the result.

mod common;

use std::path::PathBuf;

use common::{Run, concord_no_color, corpus, path_arg, repository};

/// A command line of each reporting command on a corpus with unreviewed errors: the seeds
/// without their baseline (two errors), the scan articles, and a diff that introduces a
/// misspelling.
fn commands_with_unreviewed_errors() -> Vec<(&'static str, Vec<String>, PathBuf)> {
    let seeds = path_arg(&repository()).to_string();
    vec![
        (
            "check",
            vec!["check".into(), seeds.clone(), "--no-baseline".into()],
            repository(),
        ),
        (
            "report",
            vec!["report".into(), seeds, "--no-baseline".into()],
            repository(),
        ),
        (
            "scan",
            vec!["scan".into(), "articles".into(), "--no-baseline".into()],
            repository().join("tests/corpora/scan"),
        ),
        (
            "diff",
            vec![
                "diff".into(),
                path_arg(&corpus("empty")).into(),
                path_arg(&corpus("names-misspelling")).into(),
            ],
            repository(),
        ),
    ]
}

fn run(args: &[String], extra: &[&str], dir: &PathBuf) -> Run {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.extend_from_slice(extra);
    concord_no_color(&all, dir)
}

#[test]
fn each_command_fails_on_its_unreviewed_errors_by_default() {
    // The premise of the tests below: without options, each of these exits 1 and says why.
    for (name, args, dir) in commands_with_unreviewed_errors() {
        let plain = run(&args, &[], &dir);
        assert_eq!(plain.status, 1, "{name}: {}", plain.output());
        assert!(
            plain.stdout.contains("error["),
            "{name} prints its errors: {}",
            plain.stdout
        );
    }
}

#[test]
fn fail_on_never_exits_0_with_unreviewed_errors_in_every_command_and_format() {
    for (name, args, dir) in commands_with_unreviewed_errors() {
        for format in ["text", "json", "sarif", "github"] {
            let never = run(&args, &["--fail-on", "never", "--format", format], &dir);
            assert_eq!(
                never.status,
                0,
                "{name} --fail-on never --format {format}: {}",
                never.output()
            );
            // It still reports them: `never` changes the status, not the report.
            assert!(
                never.stdout.contains("error"),
                "{name} --fail-on never --format {format} still prints its findings: {}",
                never.stdout
            );
        }
    }
}

#[test]
fn fail_on_never_exits_0_even_with_a_stale_baseline_entry_and_every_severity() {
    let dir = common::scratch_corpus(&[
        (
            "facts/a.yaml",
            "source: {id: a}\nclaims:\n  - {subject: Howard Lutnick, property: role, value: secretary}\n  - {subject: NVIDIA, property: ceo, value: Jensen Huang}\n  - {subject: Acme, property: revenue, value: 46 milliards}\n",
        ),
        (
            "facts/b.yaml",
            "source: {id: b}\nclaims:\n  - {subject: Howard Latnik, property: role, value: secretary}\n  - {subject: Nvidia, property: ceo, value: Jensen Huang}\n  - {subject: Acme, property: revenue, value: '4,6 milliards'}\n",
        ),
        (
            "facts/reviewed.yaml",
            "reviewed:\n  - {code: quote-variant, forms: [gone], note: a stale entry}\n",
        ),
    ]);
    let root = path_arg(dir.path());
    let strict = concord_no_color(&["check", root, "--fail-on", "info"], ".");
    assert_eq!(strict.status, 1, "{}", strict.output());
    assert!(
        strict.output().contains("matches no finding"),
        "{}",
        strict.output()
    );
    let never = concord_no_color(&["check", root, "--fail-on", "never"], ".");
    assert_eq!(never.status, 0, "{}", never.output());
}

#[test]
fn quiet_prints_nothing_on_stdout_and_the_status_still_tells() {
    for (name, args, dir) in commands_with_unreviewed_errors() {
        for quiet in ["-q", "--quiet"] {
            let failing = run(&args, &[quiet], &dir);
            assert_eq!(failing.status, 1, "{name} {quiet}: {}", failing.output());
            assert_eq!(failing.stdout, "", "{name} {quiet} prints no report");
            let passing = run(&args, &[quiet, "--fail-on", "never"], &dir);
            assert_eq!(passing.status, 0, "{name} {quiet}: {}", passing.output());
            assert_eq!(passing.stdout, "", "{name} {quiet} prints no report");
        }
    }
    // On a clean corpus the status is 0, and still nothing is printed.
    let clean = concord_no_color(&["check", "-q"], repository());
    assert_eq!((clean.status, clean.stdout.as_str()), (0, ""));
}

#[test]
fn quiet_leaves_the_machine_formats_alone() {
    // `-q` silences the text report only: a JSON or SARIF document asked for is still written.
    let seeds = path_arg(&repository()).to_string();
    for format in ["json", "sarif"] {
        let run = concord_no_color(
            &["check", &seeds, "--no-baseline", "-q", "--format", format],
            ".",
        );
        assert_eq!(run.status, 1);
        let document = run.json();
        assert!(document.is_object(), "{format}");
    }
}
