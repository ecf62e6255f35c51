//! `concord diff` on scratch git repositories: a changed value shows as a word diff and the
//! finding it introduces fails the gate until it is reviewed; a reordering is no change; reading
//! a revision leaves the working tree and the index alone.

mod common;
use common::{concord_no_color, git};

// The word diffs are read as text: every run is `concord_no_color`.

const A: &str = "source: {id: a}\nclaims:\n  - {id: chip, subject: Nvidia, property: puce, value: H20}\n  - {id: ceo, subject: Nvidia, property: PDG, value: Jensen Huang}\n";
const B: &str =
    "source: {id: b}\nclaims:\n  - {subject: Nvidia, property: puce vendue en Chine, value: H20}\n";

fn git_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("facts")).unwrap();
    std::fs::write(dir.path().join("facts/a.yaml"), A).unwrap();
    std::fs::write(dir.path().join("facts/b.yaml"), B).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "corpus"]);
    dir
}

#[test]
fn a_look_alike_edit_is_shown_and_gated_until_reviewed() {
    let dir = git_repository();
    std::fs::write(
        dir.path().join("facts/a.yaml"),
        A.replace("value: H20}", "value: H2O}"),
    )
    .unwrap();
    git(dir.path(), &["commit", "-q", "-am", "H2O"]);

    let run = concord_no_color(&["diff", "--git", "HEAD~1"], dir.path());
    let output = run.output();
    assert_eq!(run.status, 1, "{output}");
    assert!(output.contains("[-H20-]{+H2O+}"), "{output}");
    assert!(
        output.contains("introduced facts/a.yaml:3:56 error[confusable-variant]"),
        "{output}"
    );
    assert!(output.contains("0 added, 0 removed, 1 changed"), "{output}");

    let run = concord_no_color(&["diff", "--git", "HEAD~1", "--format", "json"], dir.path());
    assert_eq!(run.status, 1);
    let json = run.json();
    assert_eq!(json["changed"][0]["old"]["value"], "H20");
    assert_eq!(json["changed"][0]["new"]["value"], "H2O");
    assert_eq!(json["introduced"][0]["code"], "confusable-variant");
    assert!(
        json["added"].as_array().unwrap().is_empty()
            && json["resolved"].as_array().unwrap().is_empty()
    );

    let status_before = git(dir.path(), &["status", "--porcelain"]);
    assert_eq!(
        concord_no_color(&["check", "--write-baseline"], dir.path()).status,
        0
    );
    let run = concord_no_color(&["diff", "--git", "HEAD~1"], dir.path());
    let output = run.output();
    assert_eq!(run.status, 0, "reviewed now: {output}");
    assert!(output.contains("(reviewed)"), "{output}");
    assert_eq!(
        git(dir.path(), &["status", "--porcelain"]),
        format!("{status_before}?? facts/reviewed.yaml\n"),
        "diff touched nothing"
    );
}

#[test]
fn reordering_claims_or_renaming_a_file_is_no_change() {
    let dir = git_repository();
    let reordered = "source: {id: a}\nclaims:\n  - {id: ceo, subject: Nvidia, property: PDG, value: Jensen Huang}\n  - {id: chip, subject: Nvidia, property: puce, value: H20}\n";
    std::fs::write(dir.path().join("facts/a.yaml"), reordered).unwrap();
    std::fs::rename(
        dir.path().join("facts/b.yaml"),
        dir.path().join("facts/renamed.yaml"),
    )
    .unwrap();
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "reorder"]);
    let run = concord_no_color(&["diff", "--git", "HEAD~1"], dir.path());
    let output = run.output();
    assert_eq!(run.status, 0, "{output}");
    assert!(
        output.contains("0 added, 0 removed, 0 changed; 0 findings introduced, 0 resolved"),
        "{output}"
    );
}

#[test]
fn two_folders_compare_and_one_root_or_an_unknown_revision_is_refused() {
    let dir = git_repository();
    let copy = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(copy.path().join("facts")).unwrap();
    std::fs::write(
        copy.path().join("facts/a.yaml"),
        A.replace(
            "value: Jensen Huang}",
            "value: Jensen Huang}\n  - {subject: Nvidia, property: siège, value: Santa Clara}",
        ),
    )
    .unwrap();
    let (old, new) = (dir.path().to_str().unwrap(), copy.path().to_str().unwrap());
    let run = concord_no_color(&["diff", old, new], dir.path());
    let output = run.output();
    assert_eq!(run.status, 0, "{output}");
    assert!(
        output.contains("1 added, 1 removed, 0 changed"),
        "b.yaml is gone, one claim is new: {output}"
    );
    assert_eq!(concord_no_color(&["diff", old], dir.path()).status, 2);
    assert_eq!(
        concord_no_color(&["diff", "--git", "no-such-revision"], dir.path()).status,
        2
    );
}
