//! The gate cannot be walked around: what comes from the data or the command line never runs as
//! an option, and paths built from input stay inside the corpus.

mod common;

use std::path::Path;

use common::{concord, git};

/// A git repository whose `corpus/` folder holds a two-source corpus, committed once.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("corpus/facts");
    std::fs::create_dir_all(&facts).unwrap();
    std::fs::write(
        facts.join("a.yaml"),
        "source: {id: a}\nclaims:\n  - {subject: Nvidia, property: chip, value: H20}\n",
    )
    .unwrap();
    std::fs::write(
        facts.join("b.yaml"),
        "source: {id: b}\nclaims:\n  - {subject: Nvidia, property: chip, value: H20}\n",
    )
    .unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "corpus"]);
    dir
}

#[test]
fn a_revision_that_looks_like_an_option_runs_nothing() {
    let dir = repository();
    let target = dir.path().join("written-by-git");
    for rev in [
        format!("--output={}", target.display()),
        "-o".to_string(),
        "--".to_string(),
        String::new(),
    ] {
        let run = concord(
            &["diff", &format!("--git={rev}"), "."],
            dir.path().join("corpus"),
        );
        let (status, stdout, stderr) = (run.status, run.stdout, run.stderr);
        assert_eq!(status, 2, "{rev}: {stdout}{stderr}");
        assert!(stderr.contains("is not a git revision"), "{rev}: {stderr}");
        assert!(stdout.is_empty(), "{rev}: {stdout}");
        assert!(!target.exists(), "{rev}: git wrote {}", target.display());
    }
}

#[test]
fn a_revision_that_names_nothing_is_a_clear_error() {
    let dir = repository();
    let corpus = dir.path().join("corpus");
    for rev in ["no-such-branch", "HEAD~5", "HEAD:nowhere"] {
        let run = concord(&["diff", "--git", rev, "."], &corpus);
        let (status, stderr) = (run.status, run.stderr);
        assert_eq!(status, 2, "{rev}: {stderr}");
        assert!(
            stderr.contains(&format!("`{rev}` names no commit or tree")),
            "{rev}: {stderr}"
        );
    }
    // A revision in which the corpus folder did not exist yet.
    std::fs::write(dir.path().join("README"), "x").unwrap();
    git(dir.path(), &["add", "README"]);
    git(dir.path(), &["commit", "-q", "-m", "readme"]);
    let run = concord(&["diff", "--git", "HEAD", "."], &corpus);
    let (status, stderr) = (run.status, run.stderr);
    assert_eq!(status, 0, "the corpus folder exists at HEAD: {stderr}");
}

#[test]
fn a_revision_whose_tree_lacks_the_corpus_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README"), "x").unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "readme"]);
    let facts = dir.path().join("corpus/facts");
    std::fs::create_dir_all(&facts).unwrap();
    std::fs::write(facts.join("a.yaml"), "source: {id: a}\nclaims: []\n").unwrap();
    let run = concord(&["diff", "--git", "HEAD", "."], dir.path().join("corpus"));
    let (status, stderr) = (run.status, run.stderr);
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.contains("revision `HEAD` has no folder `corpus/`"),
        "{stderr}"
    );
}

#[test]
fn source_names_from_a_table_never_leave_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("claims.csv");
    std::fs::write(
        &table,
        "source,subject,value\n../../escape,Nvidia,H20\n/etc/passwd,Nvidia,H20\n.hidden,Nvidia,H20\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = concord(
        &[
            "import",
            "claims.csv",
            "--source",
            "source",
            "--subject",
            "subject",
            "--value",
            "value",
            "--property",
            "chip",
            "--out",
            "out",
        ],
        dir.path(),
    );
    let (status, stderr) = (run.status, run.stderr);
    assert_eq!(status, 0, "{stderr}");
    let mut written: Vec<String> = std::fs::read_dir(out.join("facts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written.len(), 3, "{written:?}");
    for name in &written {
        assert!(
            !name.starts_with('.') && !name.contains('/') && name.ends_with(".yaml"),
            "{name}"
        );
    }
    let outside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(outside.len(), 2, "only the table and out/: {outside:?}");
    assert!(!Path::new("/etc/passwd.yaml").exists());
}
