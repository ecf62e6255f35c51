//! `check --write-baseline`: reviewed findings are added to `facts/reviewed.yaml`, existing
//! entries and their notes are kept, the file is sorted and stable, and stale entries warned.

mod common;
use common::check;

#[test]
fn write_baseline_adds_the_new_findings_sorted_keeps_every_note_and_is_stable() {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("facts");
    std::fs::create_dir_all(&facts).unwrap();
    std::fs::write(facts.join("a.yaml"), "source: {id: a}\nclaims:\n  - {subject: Howard Lutnick, property: role, value: secretary}\n  - {subject: Acme, property: revenue, value: 46 milliards}\n  - {subject: NVIDIA, property: ceo, value: Jensen Huang}\n").unwrap();
    std::fs::write(facts.join("b.yaml"), "source: {id: b}\nclaims:\n  - {subject: Howard Lutnick, property: role, value: secretary}\n  - {subject: Acme, property: revenue, value: '4,6 milliards'}\n  - {subject: Nvidia, property: ceo, value: Jensen Huang}\n").unwrap();
    std::fs::write(facts.join("c.yaml"), "source: {id: c}\nclaims:\n  - {subject: Howard Latnik, property: role, value: secretary}\n").unwrap();
    let reviewed = "reviewed:\n  - code: case-variant\n    forms: [NVIDIA, Nvidia]\n    note: the logo is in capitals\n  - code: quote-variant\n    forms: [gone]\n    note: a stale entry\n";
    std::fs::write(facts.join("reviewed.yaml"), reviewed).unwrap();

    assert_eq!(check(dir.path(), &[]).status, 1);
    let run = check(dir.path(), &["--write-baseline"]);
    let output = run.output();
    assert_eq!(run.status, 0, "{output}");
    assert!(output.contains("added 2 findings"), "{output}");
    let written = std::fs::read_to_string(facts.join("reviewed.yaml")).unwrap();
    assert!(
        written.contains("note: the logo is in capitals")
            && written.contains("note: a stale entry"),
        "{written}"
    );
    let codes: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("  - code: "))
        .collect();
    assert_eq!(
        codes,
        [
            "case-variant",
            "quote-variant",
            "spelling-variant",
            "value-conflict"
        ],
        "sorted: {written}"
    );

    let run = check(dir.path(), &[]);
    let output = run.output();
    assert_eq!(run.status, 0, "{output}");
    assert!(
        output.contains("matches no finding"),
        "the stale entry is warned about: {output}"
    );

    let output = check(dir.path(), &["--write-baseline"]).output();
    assert!(output.contains("added 0 findings"), "{output}");
    assert_eq!(
        std::fs::read_to_string(facts.join("reviewed.yaml")).unwrap(),
        written,
        "a second run changes nothing"
    );
}
