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

#[test]
fn write_baseline_sorts_an_unsorted_baseline_back_to_the_repositorys_own() {
    // The repository's baseline is what `--write-baseline` writes for the seeds: sorted by code
    // then forms, each entry pinned. Write its entries in reverse order, write again, and
    // the very same file comes back.
    let repository = common::repository();
    let dir = tempfile::tempdir().unwrap();
    for folder in ["facts", "seeds"] {
        common::copy_dir(&repository.join(folder), &dir.path().join(folder));
    }
    let sorted = std::fs::read_to_string(repository.join("facts/reviewed.yaml")).unwrap();
    let (comment, body) = sorted.split_at(sorted.find("reviewed:\n").unwrap());
    let mut entries: Vec<String> = Vec::new();
    for line in body["reviewed:\n".len()..].split_inclusive('\n') {
        if line.starts_with("  - ") || entries.is_empty() {
            entries.push(String::new());
        }
        entries.last_mut().unwrap().push_str(line);
    }
    assert_eq!(entries.len(), 4, "{body}");
    // The entries in reverse order.
    let mut shuffled = format!("{comment}reviewed:\n");
    for entry in entries.iter().rev() {
        shuffled.push_str(entry);
    }
    assert_ne!(shuffled, sorted);
    let facts = dir.path().join("facts/reviewed.yaml");
    std::fs::write(&facts, &shuffled).unwrap();
    assert_eq!(
        check(dir.path(), &[]).status,
        0,
        "the shuffled baseline still applies"
    );

    let run = check(dir.path(), &["--write-baseline"]);
    assert_eq!(run.status, 0, "{}", run.output());
    let written = std::fs::read_to_string(&facts).unwrap();
    let codes: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("  - code: "))
        .collect();
    assert_eq!(
        codes,
        [
            "case-variant",
            "confusable-variant",
            "quote-variant",
            "spelling-variant"
        ],
        "{written}"
    );
    assert_eq!(written, sorted, "sorted back to the repository's file");
}

#[test]
fn write_baseline_sorts_new_entries_among_the_existing_ones() {
    // Entries that arrive out of order (a `value-conflict` and a `case-variant` found after
    // the existing `spelling-variant` and `quote-variant` written in reverse) end up sorted by
    // code, then by forms.
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("facts");
    std::fs::create_dir_all(&facts).unwrap();
    std::fs::write(facts.join("a.yaml"), "source: {id: a}\nclaims:\n  - {subject: Acme, property: revenue, value: 46 milliards}\n  - {subject: NVIDIA, property: ceo, value: Jensen Huang}\n  - {subject: Globex, property: revenue, value: 3 millions}\n").unwrap();
    std::fs::write(facts.join("b.yaml"), "source: {id: b}\nclaims:\n  - {subject: Acme, property: revenue, value: '4,6 milliards'}\n  - {subject: Nvidia, property: ceo, value: Jensen Huang}\n  - {subject: Globex, property: revenue, value: 5 millions}\n").unwrap();
    let reviewed = "reviewed:\n  - code: spelling-variant\n    forms: [Zeta, Alpha]\n    note: stale, and its forms out of order\n  - code: quote-variant\n    forms: [gone]\n    note: stale\n";
    std::fs::write(facts.join("reviewed.yaml"), reviewed).unwrap();

    let run = check(dir.path(), &["--write-baseline"]);
    assert_eq!(run.status, 0, "{}", run.output());
    let written = std::fs::read_to_string(facts.join("reviewed.yaml")).unwrap();
    let entries: Vec<(String, Vec<String>)> = {
        let document: serde_yaml::Value = serde_yaml::from_str(&written).unwrap();
        document["reviewed"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|e| {
                let forms = e["forms"]
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap().to_string())
                    .collect();
                (e["code"].as_str().unwrap().to_string(), forms)
            })
            .collect()
    };
    let codes: Vec<&str> = entries.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "case-variant",
            "quote-variant",
            "spelling-variant",
            "value-conflict",
            "value-conflict"
        ],
        "{written}"
    );
    let mut sorted = entries.clone();
    sorted.sort();
    assert_eq!(entries, sorted, "sorted by code, then forms: {written}");
}
