//! Loading a corpus: every kind of bad input gets a located error and exit status 2 (never a
//! panic), every error of a run is reported, and the awkward files that are valid load.

mod common;

use std::path::Path;

use common::{Run, concord, concord_no_color, path_arg, scratch_corpus};

const ARTICLE: &str = "Howard Lutnick, le Secrétaire au Commerce des États-Unis, a parlé.\n\
La CAC a émis des « directives informelles » aux plateformes.\n";

const GOOD_SOURCE: &str = "source:\n  id: a\n  article: seeds/a.txt\nclaims:\n  - subject: Howard Lutnick\n    property: fonction\n    value: Secrétaire au Commerce des États-Unis\n    evidence: \"Howard Lutnick, le Secrétaire au Commerce\"\n";

/// A scratch corpus holding `files` (path, contents) and the article `seeds/a.txt`.
fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let mut all: Vec<(&str, &[u8])> = vec![("seeds/a.txt", ARTICLE.as_bytes())];
    all.extend_from_slice(files);
    scratch_corpus(&all)
}

/// `concord check ROOT` with `NO_COLOR=1`: the errors are read as a person reads them (the
/// runner fails the test on a panic).
fn check(root: &Path) -> Run {
    concord_no_color(&["check", path_arg(root)], ".")
}

/// Asserts exit status 2, nothing on standard output, and each of `expected` on standard error.
fn assert_input_error(root: &Path, expected: &[&str]) {
    let Run {
        status,
        stdout,
        stderr,
    } = check(root);
    assert_eq!(status, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    for text in expected {
        assert!(stderr.contains(text), "expected {text:?} in:\n{stderr}");
    }
}

#[test]
fn wrong_keys_types_and_fields_are_located() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "unknown key under source",
            "source:\n  id: a\n  outlett: X\nclaims: []\n",
            &[
                "facts/x.yaml:3:3",
                "unknown key `outlett`",
                "did you mean `outlet`",
            ],
        ),
        (
            "unknown key in a claim",
            "source: {id: a}\nclaims:\n  - subject: s\n    property: p\n    valeu: v\n",
            &[
                "facts/x.yaml:5:5",
                "unknown key `valeu`",
                "did you mean `value`",
            ],
        ),
        (
            "unknown top-level key",
            "source: {id: a}\nclaim: []\n",
            &["facts/x.yaml:2:1", "did you mean `claims`"],
        ),
        (
            "unknown kind of file",
            "claimz: []\n",
            &[
                "facts/x.yaml:1:1",
                "not a top-level key",
                "did you mean `claims`",
            ],
        ),
        (
            "unknown key in an entity",
            "entities:\n  - id: e\n    name: E\n    alias: [x]\n",
            &["facts/x.yaml:4:5", "did you mean `aliases`"],
        ),
        (
            "accepted occurrences as a list",
            "reviewed:\n  - code: case-variant\n    forms: [a]\n    accepted: [x]\n",
            &["facts/x.yaml:4:15", "`accepted` must be a mapping"],
        ),
        (
            "an accepted count that is not a number",
            "reviewed:\n  - code: case-variant\n    forms: [a]\n    accepted: {a: two}\n",
            &["facts/x.yaml:4:19", "must be a whole number from 0 up"],
        ),
        (
            "an accepted count under a key that is no source id",
            "reviewed:\n  - code: case-variant\n    forms: [a]\n    accepted: {Not An Id: 1}\n",
            &["facts/x.yaml:4:16", "must be a source id"],
        ),
        (
            "unknown key in a reviewed entry",
            "reviewed:\n  - code: case-variant\n    forms: [a]\n    notes: x\n",
            &["facts/x.yaml:4:5", "did you mean `note`"],
        ),
        (
            "a string where a list belongs",
            "source: {id: a}\nclaims: hello\n",
            &["facts/x.yaml:2:9", "`claims` must be a list"],
        ),
        (
            "aliases as a string",
            "entities:\n  - id: e\n    name: E\n    aliases: Lutnick\n",
            &["facts/x.yaml:4:14", "`aliases` must be a list"],
        ),
        (
            "a list where a value belongs",
            "source: {id: a}\nclaims:\n  - {subject: s, property: p, value: [a, b]}\n",
            &["facts/x.yaml:3:38", "`value` must be a single value"],
        ),
        (
            "a mapping where a value belongs",
            "source: {id: a}\nclaims:\n  - {subject: {x: 1}, property: p, value: v}\n",
            &["facts/x.yaml:3:16", "`subject` must be a single value"],
        ),
        (
            "missing subject",
            "source: {id: a}\nclaims:\n  - property: p\n    value: v\n",
            &["facts/x.yaml:3:5", "a claim needs `subject`"],
        ),
        (
            "missing property",
            "source: {id: a}\nclaims:\n  - subject: s\n    value: v\n",
            &["facts/x.yaml:3:5", "a claim needs `property`"],
        ),
        (
            "missing value",
            "source: {id: a}\nclaims:\n  - subject: s\n    property: p\n",
            &["facts/x.yaml:3:5", "a claim needs `value`"],
        ),
        (
            "missing source id",
            "source: {outlet: X}\nclaims: []\n",
            &["facts/x.yaml:1:10", "needs `id`"],
        ),
        (
            "missing entity name",
            "entities:\n  - id: e\n",
            &["facts/x.yaml:2:5", "an entity needs `name`"],
        ),
        (
            "invalid source id",
            "source: {id: Gate}\nclaims: []\n",
            &["facts/x.yaml:1:14", "not of the form", "`gate`"],
        ),
        (
            "invalid published date",
            "source: {id: a, published: 2025-13}\nclaims: []\n",
            &["facts/x.yaml:1:28", "not an ISO date"],
        ),
        (
            "invalid kind",
            "source: {id: a}\nclaims:\n  - {subject: s, property: p, value: '1', kind: quantiti}\n",
            &["facts/x.yaml:3:49", "did you mean `quantity`"],
        ),
        (
            "invalid finding code",
            "reviewed:\n  - code: spelling-varient\n    forms: [a]\n",
            &["facts/x.yaml:2:11", "did you mean `spelling-variant`"],
        ),
        (
            "a key given twice",
            "source: {id: a}\nclaims:\n  - {subject: s, subject: t, property: p, value: v}\n",
            &["facts/x.yaml:3:18", "given twice"],
        ),
        (
            "a YAML syntax error",
            "source: {id: a\nclaims: []\n",
            &["facts/x.yaml:", "not valid YAML"],
        ),
        (
            "tab indentation",
            "source:\n\tid: a\nclaims: []\n",
            &["facts/x.yaml:2:", "not valid YAML", "tab"],
        ),
        (
            "two documents",
            "source: {id: a}\nclaims: []\n---\nreviewed: []\n",
            &["facts/x.yaml:3:", "one YAML document"],
        ),
        ("an empty file", "", &["facts/x.yaml", "the file is empty"]),
        (
            "a file with only a comment",
            "# nothing yet\n",
            &["facts/x.yaml", "the file is empty"],
        ),
    ];
    for (what, yaml, expected) in cases {
        let dir = corpus(&[("facts/x.yaml", yaml.as_bytes())]);
        let Run {
            status,
            stdout,
            stderr,
        } = check(dir.path());
        assert_eq!(status, 2, "{what}: {stderr}");
        assert!(stdout.is_empty(), "{what}");
        for text in *expected {
            assert!(
                stderr.contains(text),
                "{what}: expected {text:?} in:\n{stderr}"
            );
        }
    }
}

#[test]
fn article_paths_must_stay_in_the_corpus_and_exist() {
    let source = |article: &str| format!("source:\n  id: a\n  article: {article}\nclaims: []\n");
    let cases = [
        ("seeds/b.txt", "does not exist"),
        ("seeds/a.tx", "did you mean `seeds/a.txt`"),
        ("../../etc/passwd", "outside the corpus root"),
        ("/etc/passwd", "outside the corpus root"),
    ];
    for (article, message) in cases {
        let text = source(article);
        let dir = corpus(&[("facts/x.yaml", text.as_bytes())]);
        assert_input_error(dir.path(), &["facts/x.yaml:3:12", message]);
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_may_not_lead_out_of_the_corpus_or_loop() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let text = "source:\n  id: a\n  article: seeds/link.txt\nclaims: []\n";
    let dir = corpus(&[("facts/x.yaml", text.as_bytes())]);
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("seeds/link.txt"),
    )
    .unwrap();
    assert_input_error(
        dir.path(),
        &["facts/x.yaml:3:12", "leads out of the corpus root"],
    );

    let dir = corpus(&[("facts/a.yaml", GOOD_SOURCE.as_bytes())]);
    std::os::unix::fs::symlink(dir.path().join("facts"), dir.path().join("facts/again")).unwrap();
    assert_input_error(dir.path(), &["facts/again", "loop"]);

    let dir = corpus(&[("facts/a.yaml", GOOD_SOURCE.as_bytes())]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("facts/outside")).unwrap();
    assert_input_error(
        dir.path(),
        &["facts/outside", "leads out of the corpus root"],
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    let one = "source: {id: a}\nclaims:\n  - {id: c1, subject: s, property: p, value: v}\n  - {id: c1, subject: s, property: q, value: w}\n";
    let two = "source: {id: a}\nclaims: []\n";
    let registry = "entities:\n  - {id: e, name: E}\n  - {id: e, name: F}\n";
    let dir = corpus(&[
        ("facts/one.yaml", one.as_bytes()),
        ("facts/two.yaml", two.as_bytes()),
        ("facts/registry.yaml", registry.as_bytes()),
    ]);
    assert_input_error(
        dir.path(),
        &[
            "facts/two.yaml:1:14",
            "source id `a` is used twice",
            "facts/one.yaml:1:14",
            "facts/one.yaml:4:10",
            "claim id `c1` is used twice",
            "facts/registry.yaml:3:10",
            "entity id `e` is used twice",
        ],
    );
}

#[test]
fn every_error_of_a_run_is_reported() {
    let dir = corpus(&[
        (
            "facts/a.yaml",
            b"source:\n  id: a\n  outlett: X\nclaims: []\n",
        ),
        ("facts/b.yaml", b"source: {id: b}\nclaims: hello\n"),
        (
            "facts/deeper/c.yaml",
            b"source: {id: c, article: seeds/none.txt}\nclaims:\n  - {subject: s, value: v}\n",
        ),
    ]);
    let Run { status, stderr, .. } = check(dir.path());
    assert_eq!(status, 2);
    for place in [
        "facts/a.yaml:3:3",
        "facts/b.yaml:2:9",
        "facts/deeper/c.yaml:1:26",
        "facts/deeper/c.yaml:3:6",
    ] {
        assert!(stderr.contains(place), "{place} in:\n{stderr}");
    }
    assert!(stderr.contains("4 problems"), "{stderr}");
}

#[test]
fn files_that_are_not_utf8_are_located() {
    let dir = corpus(&[(
        "facts/x.yaml",
        b"source: {id: a}\nclaims:\n  - {subject: caf\xe9, property: p, value: v}\n",
    )]);
    assert_input_error(dir.path(), &["facts/x.yaml:3:18", "not UTF-8"]);

    let dir = corpus(&[
        (
            "facts/x.yaml",
            b"source: {id: a, article: seeds/latin1.txt}\nclaims: []\n",
        ),
        ("seeds/latin1.txt", b"caf\xe9\n"),
    ]);
    assert_input_error(dir.path(), &["seeds/latin1.txt:1:4", "not UTF-8"]);
}

#[test]
fn hostile_yaml_is_refused_quickly() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let dir = corpus(&[("facts/bomb.yaml", bomb.as_bytes())]);
    assert_input_error(dir.path(), &["facts/bomb.yaml:", "expands to more than"]);

    let deep = "[".repeat(100_000);
    let dir = corpus(&[("facts/deep.yaml", deep.as_bytes())]);
    assert_input_error(dir.path(), &["facts/deep.yaml:1:"]);

    let long_line = format!(
        "source: {{id: a, outlet: \"{}\"}}\nclaims: []\n",
        "x".repeat(50 * 1024 * 1024)
    );
    let dir = corpus(&[("facts/long.yaml", long_line.as_bytes())]);
    assert_input_error(dir.path(), &["facts/long.yaml", "at most 16 MiB"]);
}

#[test]
fn a_missing_facts_folder_or_root_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_input_error(dir.path(), &["no `facts/` folder"]);
    assert_input_error(&dir.path().join("nowhere"), &["no such folder"]);
}

#[test]
fn awkward_but_valid_files_load() {
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(GOOD_SOURCE.as_bytes());
    let crlf = GOOD_SOURCE.replace('\n', "\r\n");
    let empty_and_numbers = "source: {id: b}\nclaims:\n  - {subject: s, property: p, value: \"\"}\n  - {subject: s, property: q, value: 12, when: 2024}\n  - {subject: s, property: q, value: '12', when: \"2024\"}\n";
    for (what, files) in [
        ("a byte-order mark", vec![("facts/a.yaml", bom.as_slice())]),
        ("CRLF line endings", vec![("facts/a.yaml", crlf.as_bytes())]),
        (
            "an empty value and numbers",
            vec![("facts/b.yaml", empty_and_numbers.as_bytes())],
        ),
    ] {
        let dir = corpus(&files);
        let Run { status, stderr, .. } = check(dir.path());
        assert_eq!(status, 0, "{what}: {stderr}");
    }

    // Line numbers stay right in a CRLF file.
    let broken = "source:\r\n  id: a\r\n  outlett: X\r\nclaims: []\r\n";
    let dir = corpus(&[("facts/a.yaml", broken.as_bytes())]);
    assert_input_error(dir.path(), &["facts/a.yaml:3:3"]);
}

#[test]
fn a_40_megabyte_article_loads() {
    let dir = corpus(&[("facts/a.yaml", b"source: {id: a, article: seeds/big.txt}\nclaims:\n  - {subject: s, property: p, value: v, evidence: \"the needle is here\"}\n")]);
    let mut article = "Une phrase de remplissage parmi d'autres.\n".repeat(40 * 1024 * 1024 / 42);
    article.push_str("Et enfin, the needle   is\u{a0}here.\n");
    std::fs::write(dir.path().join("seeds/big.txt"), article).unwrap();
    let Run { status, stderr, .. } = check(dir.path());
    assert_eq!(status, 0, "{stderr}");
}

#[test]
fn evidence_is_found_after_folding_and_missed_after_an_edit() {
    let article = "Il a dit\u{a0}: « Nous ne leur vendons pas nos meilleurs produits » l’an dernier,\nà 400\u{202f}000 exemplaires.\n";
    let facts = "source: {id: a, article: seeds/q.txt}\nclaims:\n  - {id: q, subject: s, property: p, value: v, evidence: \"dit : \\\"Nous ne leur vendons pas nos meilleurs produits\\\" l'an dernier, à 400 000 exemplaires\"}\n";
    let dir = corpus(&[
        ("facts/a.yaml", facts.as_bytes()),
        ("seeds/q.txt", article.as_bytes()),
    ]);
    let Run {
        status,
        stdout,
        stderr,
    } = check(dir.path());
    assert_eq!(status, 0, "{stdout}{stderr}");

    std::fs::write(
        dir.path().join("facts/a.yaml"),
        facts.replace("meilleurs produits", "pires produits"),
    )
    .unwrap();
    let run = concord(&["check", "--format", "json", path_arg(dir.path())], ".");
    assert_eq!(run.status, 1);
    let report = run.json();
    let finding = &report["findings"][0];
    assert_eq!(finding["code"], "evidence-missing");
    assert_eq!(
        finding["variants"][0]["locations"][0]["file"],
        "facts/a.yaml"
    );
    assert_eq!(finding["variants"][0]["locations"][0]["line"], 3);
    assert_eq!(
        finding["variants"][1]["locations"][0]["file"],
        "seeds/q.txt"
    );
    assert!(
        finding["suggestion"]["text"]
            .as_str()
            .unwrap()
            .contains("meilleurs produits")
    );
}

/// Found by fuzzing: a file whose lines end in a lone `\r` is numbered as YAML numbers it.
#[test]
fn lone_carriage_returns_number_lines_like_yaml() {
    let dir = corpus(&[(
        "facts/a.yaml",
        b"source:\r  id: a\r  outlett: X\rclaims: []\r",
    )]);
    assert_input_error(dir.path(), &["facts/a.yaml:3:3", "  outlett: X"]);
}
