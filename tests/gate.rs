//! The gate cannot be walked around: what comes from the data or the command line never runs as
//! an option, and paths built from input stay inside the corpus.

mod common;

use std::path::Path;

use common::{concord, concord_no_color, copy_dir, git, repository};

/// A git repository whose `corpus/` folder holds a two-source corpus, committed once.
fn scratch_repository() -> tempfile::TempDir {
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
    let dir = scratch_repository();
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
    let dir = scratch_repository();
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

// ---------------------------------------------------------------------------------------------
// An accepted variant must not spread unseen
// ---------------------------------------------------------------------------------------------

/// A git repository holding a copy of the project's corpus (facts and seeds), committed.
fn project_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["facts", "seeds"] {
        copy_dir(&repository().join(folder), &dir.path().join(folder));
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "corpus"]);
    dir
}

/// Cryptopolitan now writes the look-alike H2O once, at line 23 of its facts.
fn cryptopolitan_writes_h2o(root: &Path) {
    let path = root.join("facts/cryptopolitan.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines[22], "    value: H20", "the line the edit changes");
    std::fs::write(
        &path,
        text.replacen("    value: H20\n", "    value: H2O\n", 1),
    )
    .unwrap();
}

#[test]
fn a_second_source_writing_an_accepted_look_alike_fails_the_gate_where_it_writes_it() {
    let dir = project_repository();
    assert_eq!(concord(&["check"], dir.path()).status, 0);
    cryptopolitan_writes_h2o(dir.path());

    let check = concord_no_color(&["check"], dir.path());
    assert_eq!(check.status, 1, "{}", check.output());
    assert!(
        check.stdout.starts_with(
            "error[confusable-variant]: \"H2O\" and \"H20\" are the same once look-alike characters are folded\n  --> facts/cryptopolitan.yaml:23:12\n"
        ),
        "located at the new occurrence:\n{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("not reviewed: cryptopolitan writes the accepted forms 1 time where the baseline entry at facts/reviewed.yaml:"),
        "{}",
        check.stdout
    );

    let diff = concord_no_color(&["diff", "--git", "HEAD"], dir.path());
    assert_eq!(diff.status, 1, "{}", diff.output());
    assert!(
        diff.stdout
            .contains("introduced facts/cryptopolitan.yaml:23:12 error[confusable-variant]"),
        "{}",
        diff.stdout
    );
    // The edit also makes the claim say what its evidence (`… puce … H20 de Nvidia`) does not.
    assert!(
        diff.stdout
            .contains("introduced facts/cryptopolitan.yaml:23:12 error[value-unsupported]"),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout
            .contains("1 changed; 2 findings introduced, 0 resolved"),
        "{}",
        diff.stdout
    );

    let json = concord(&["diff", "--git", "HEAD", "--format", "json"], dir.path()).json();
    let introduced = json["introduced"].as_array().unwrap();
    assert_eq!(introduced.len(), 2, "{json}");
    assert_eq!(introduced[0]["code"], "confusable-variant");
    let excess = &introduced[0]["beyond_baseline"]["sources"][0];
    assert_eq!(excess["source"], "cryptopolitan");
    assert_eq!(
        (excess["accepted"].as_u64(), excess["found"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(excess["locations"][0]["line"], 23);

    let sarif = concord(&["diff", "--git", "HEAD", "--format", "sarif"], dir.path()).json();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{sarif}");
    assert_eq!(results[0]["ruleId"], "confusable-variant");
    let place = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "facts/cryptopolitan.yaml");
    assert_eq!(place["region"]["startLine"], 23);

    let github = concord(&["diff", "--git", "HEAD", "--format", "github"], dir.path());
    assert_eq!(github.status, 1);
    assert!(
        github.stdout.starts_with("::error file=facts/cryptopolitan.yaml,line=23,col=12,title=concord confusable-variant::"),
        "{}",
        github.stdout
    );
}

#[test]
fn write_baseline_pins_the_spread_and_tightens_once_it_is_gone() {
    let dir = project_repository();
    let baseline = || std::fs::read_to_string(dir.path().join("facts/reviewed.yaml")).unwrap();
    cryptopolitan_writes_h2o(dir.path());
    let written = concord(&["check", "--write-baseline"], dir.path());
    assert_eq!(written.status, 0, "{}", written.output());
    // The value-unsupported finding of the edited claim is new: it gets an entry of its own.
    assert!(
        written.stderr.contains("added 1 findings"),
        "{}",
        written.stderr
    );
    assert!(
        written.stderr.contains("pinned 1 entries"),
        "{}",
        written.stderr
    );
    assert!(
        baseline().contains("    forms:\n    - H2O\n    - H20\n    accepted:\n      cryptopolitan: 1\n      journaldugeek: 2\n    note:"),
        "{}",
        baseline()
    );
    assert!(
        baseline().starts_with("# Findings of the seed articles"),
        "the comment is kept"
    );
    assert_eq!(concord(&["check"], dir.path()).status, 0);

    // The edit is undone: fewer occurrences than accepted pass, and the entry is tightened.
    git(dir.path(), &["checkout", "--", "facts/cryptopolitan.yaml"]);
    assert_eq!(concord(&["check"], dir.path()).status, 0);
    let tightened = concord(&["check", "--write-baseline"], dir.path());
    assert!(
        tightened.stderr.contains("pinned 1 entries"),
        "{}",
        tightened.stderr
    );
    assert!(
        baseline().contains(
            "    forms:\n    - H2O\n    - H20\n    accepted:\n      journaldugeek: 2\n    note:"
        ),
        "{}",
        baseline()
    );
}

#[test]
fn an_unpinned_entry_still_accepts_but_warns_and_fails_a_strict_gate() {
    let dir = project_repository();
    let path = dir.path().join("facts/reviewed.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let unpinned = text.replace("    accepted:\n      gate: 8\n", "");
    assert_ne!(unpinned, text, "the Latnik entry's record is removed");
    std::fs::write(&path, unpinned).unwrap();

    let check = concord_no_color(&["check"], dir.path());
    assert_eq!(check.status, 0, "{}", check.output());
    assert!(
        check
            .stdout
            .contains("warning: reviewed entry spelling-variant [Latnik, Lutnick] is unpinned"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("4 reviewed; 1 baseline warning"),
        "{}",
        check.stdout
    );
    assert_eq!(
        concord(&["check", "--fail-on", "warning"], dir.path()).status,
        1
    );
    let json = concord(&["check", "--format", "json"], dir.path()).json();
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1, "{json}");
}

#[test]
fn the_repository_baseline_is_pinned() {
    let baseline = std::fs::read_to_string(repository().join("facts/reviewed.yaml")).unwrap();
    let entries = baseline.matches("- code: ").count();
    assert_eq!(entries, 4, "{baseline}");
    assert_eq!(
        baseline.matches("  accepted:\n").count(),
        entries,
        "{baseline}"
    );
    // No unpinned or stale entry, and every finding reviewed: a strict gate passes.
    let strict = concord(&["check", "--fail-on", "info"], repository());
    assert_eq!(strict.status, 0, "{}", strict.output());
}

// ---------------------------------------------------------------------------------------------
// A claim's value must be what its evidence says
// ---------------------------------------------------------------------------------------------

/// The fingerprints of the `value-unsupported` findings of `concord check ROOT`.
fn unsupported(root: &Path) -> Vec<String> {
    let json = concord(&["check", "--format", "json", "--no-baseline"], root).json();
    let mut prints: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "value-unsupported")
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    prints.sort();
    prints
}

#[test]
fn a_value_its_evidence_carries_another_way_passes_and_every_edited_value_fails() {
    // tests/corpora/support: le-monde (French) writes each value as its evidence does not
    // literally (another scale word, a relative date, an alias in another script, another case,
    // other quotation marks, words for a figure); reuters (English) holds the edits.
    assert_eq!(
        unsupported(&repository().join("tests/corpora/support")),
        [
            "value-unsupported:reuters/code-look-alike",
            "value-unsupported:reuters/code-swapped",
            "value-unsupported:reuters/day-shifted",
            "value-unsupported:reuters/digit-changed",
            "value-unsupported:reuters/name-swapped",
            "value-unsupported:reuters/quote-reworded",
        ]
    );
}

#[test]
fn the_repository_values_are_what_their_evidence_says() {
    assert_eq!(unsupported(&repository()), Vec::<String>::new());
}

#[test]
fn a_code_swapped_for_its_registered_look_alike_fails_where_the_value_is() {
    let dir = project_repository();
    let path = dir.path().join("facts/cryptopolitan.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("    value: H20\n", "    value: H200\n", 1),
    )
    .unwrap();

    let check = concord_no_color(&["check", "--explain"], dir.path());
    assert_eq!(check.status, 1, "{}", check.output());
    let finding = check
        .stdout
        .split("\n\n")
        .find(|f| f.starts_with("error[value-unsupported]"))
        .unwrap_or_else(|| panic!("no value-unsupported finding:\n{}", check.stdout));
    assert!(
        finding.contains("the value \"H200\" of \"Pékin / freine la vente de la puce\" is not what its evidence says\n  --> facts/cryptopolitan.yaml:23:12\n"),
        "{finding}"
    );
    assert!(
        finding.contains("\"Pékin a pris des mesures pour freiner la vente de la puce d'intelligence artificielle H20 de Nvidia\": cryptopolitan at facts/cryptopolitan.yaml:25:15"),
        "the evidence is shown beside the value: {finding}"
    );
    assert!(
        finding.contains("explain: looked for as words in the evidence: h200"),
        "{finding}"
    );
}
