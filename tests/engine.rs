//! The reconciliation engine, rule by rule, on the small hand-made corpora of
//! `tests/corpora/engine/`: what a user checks in `concord report --format json` (which findings
//! exist between which variant texts, the suggestions, the exit status).
//!
//! Each corpus is a folder with `facts/` only (no articles).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The folder of an engine corpus.
fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora/engine")
        .join(name)
}

/// What one run of concord gave: its exit status and its JSON document.
struct Run {
    status: i32,
    json: Value,
}

/// Runs `concord COMMAND ROOT --format json ARGS…` and parses standard output as JSON.
fn concord(command: &str, root: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("concord")
        .unwrap()
        .arg(command)
        .arg(root)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let status = output
        .status
        .code()
        .expect("concord was killed by a signal (a panic?)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        status < 2,
        "concord {command} {} exited {status}:\n{stderr}",
        root.display()
    );
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "standard output is not JSON ({e}):\n{}\n{stderr}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    Run { status, json }
}

/// `concord report ROOT --no-baseline --format json`.
fn report_at(root: &Path) -> Run {
    concord("report", root, &["--no-baseline"])
}

/// The report of a named engine corpus.
fn report(name: &str) -> Run {
    report_at(&corpus(name))
}

/// True when `text` is `form`, or holds it as whole words (`Ascend 910B` holds `910B`, `H200`
/// does not hold `H20`).
fn text_has(text: &str, form: &str) -> bool {
    if form.is_empty() {
        return text.is_empty();
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(form).any(|(i, _)| {
        !is_word(text[..i].chars().next_back()) && !is_word(text[i + form.len()..].chars().next())
    })
}

fn variant_texts(finding: &Value) -> Vec<&str> {
    finding["variants"]
        .as_array()
        .expect("a finding has variants")
        .iter()
        .map(|v| v["text"].as_str().expect("a variant has a text"))
        .collect()
}

/// True when each form sits in a different variant of `finding`.
fn forms_in_distinct_variants(finding: &Value, forms: &[&str]) -> bool {
    fn assign(texts: &[&str], forms: &[&str], used: &mut Vec<bool>) -> bool {
        let Some((form, rest)) = forms.split_first() else {
            return true;
        };
        for (i, text) in texts.iter().enumerate() {
            if !used[i] && text_has(text, form) {
                used[i] = true;
                if assign(texts, rest, used) {
                    return true;
                }
                used[i] = false;
            }
        }
        false
    }
    let texts = variant_texts(finding);
    assign(&texts, forms, &mut vec![false; texts.len()])
}

/// The findings of `code` whose variants hold each of `forms`, each in a different variant.
fn findings_with<'a>(json: &'a Value, code: &str, forms: &[&str]) -> Vec<&'a Value> {
    json["findings"]
        .as_array()
        .expect("the report has findings")
        .iter()
        .filter(|f| f["code"] == code && forms_in_distinct_variants(f, forms))
        .collect()
}

/// True when a finding of `code` has variants holding each of `forms`.
fn has_finding(json: &Value, code: &str, forms: &[&str]) -> bool {
    !findings_with(json, code, forms).is_empty()
}

/// The one finding of `code` between `forms`.
fn finding<'a>(json: &'a Value, code: &str, forms: &[&str]) -> &'a Value {
    let found = findings_with(json, code, forms);
    assert_eq!(
        found.len(),
        1,
        "expected one {code} between {forms:?}; findings:\n{}",
        describe(json)
    );
    found[0]
}

/// Error and warning findings, of any code, that put `a` and `b` in different variants.
fn serious_between<'a>(json: &'a Value, a: &str, b: &str) -> Vec<&'a Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error" || f["severity"] == "warning")
        .filter(|f| forms_in_distinct_variants(f, &[a, b]))
        .collect()
}

/// The findings, one per line, for assertion messages.
fn describe(json: &Value) -> String {
    let lines: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "  {} {} {:?} suggestion {}",
                f["severity"],
                f["code"],
                variant_texts(f),
                f["suggestion"]["text"]
            )
        })
        .collect();
    if lines.is_empty() {
        "  (none)".into()
    } else {
        lines.join("\n")
    }
}

fn suggestion(finding: &Value) -> &str {
    finding["suggestion"]["text"]
        .as_str()
        .expect("the finding has a suggestion")
}

/// The fact groups of `subject` and `property`.
fn groups<'a>(json: &'a Value, subject: &str, property: &str) -> Vec<&'a Value> {
    json["groups"]
        .as_array()
        .expect("report prints groups")
        .iter()
        .filter(|g| g["subject"] == subject && g["property"] == property)
        .collect()
}

/// The one fact group of `subject` and `property`.
fn group<'a>(json: &'a Value, subject: &str, property: &str) -> &'a Value {
    let found = groups(json, subject, property);
    assert_eq!(
        found.len(),
        1,
        "expected one group {subject} / {property}; groups: {:#}",
        json["groups"]
    );
    found[0]
}

/// Every source behind any value of a group.
fn group_sources(group: &Value) -> BTreeSet<String> {
    group["values"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["sources"].as_array().unwrap())
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn fingerprints(json: &Value) -> BTreeSet<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
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

/// A scratch copy of an engine corpus.
fn scratch_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&corpus(name), dir.path());
    dir
}

#[test]
fn the_helpers_match_whole_words_in_distinct_variants() {
    let finding = serde_json::json!({
        "variants": [{"text": "H200"}, {"text": "Ascend 910B"}, {"text": "H2O"}]
    });
    assert!(forms_in_distinct_variants(&finding, &["H200", "910B"]));
    assert!(forms_in_distinct_variants(
        &finding,
        &["H2O", "Ascend 910B"]
    ));
    assert!(!forms_in_distinct_variants(&finding, &["H20", "H200"]));
    assert!(!forms_in_distinct_variants(&finding, &["H200", "H200"]));
    assert!(!forms_in_distinct_variants(&finding, &["910"]));
}

// ---------------------------------------------------------------------------------------------
// 1–3. Quantities
// ---------------------------------------------------------------------------------------------

#[test]
fn quantities_that_agree_do_not_conflict() {
    let run = report("quantities-agree");
    let json = &run.json;
    assert!(
        findings_with(json, "value-conflict", &[]).is_empty(),
        "{}",
        describe(json)
    );
    // The claims did meet: each pair or triple is one fact.
    let cases: [(&str, &str, &[&str]); 4] = [
        ("Acme", "revenue", &["les-echos", "reuters", "le-monde"]),
        ("Nvidia", "revenus en Chine", &["les-echos", "reuters"]),
        ("Huawei", "puces vendues", &["les-echos", "le-monde"]),
        ("Capgemini", "effectif", &["les-echos", "reuters"]),
    ];
    for (subject, property, sources) in cases {
        assert_eq!(
            group_sources(group(json, subject, property)),
            set(sources),
            "{subject} / {property}"
        );
    }
    // `12 milliards de dollars` and `$12 billion` are even the same value.
    let nvidia = group(json, "Nvidia", "revenus en Chine");
    assert_eq!(nvidia["values"].as_array().unwrap().len(), 1, "{nvidia:#}");
    assert_eq!(run.status, 0);
}

#[test]
fn equal_quantities_are_one_value_of_their_fact() {
    // CLI.md: "equal values after normalisation are one value"; FORMAT.md: in French
    // `1,5 million` is 1 500 000.
    let run = report("quantities-agree");
    let acme = group(&run.json, "Acme", "revenue");
    let values = acme["values"].as_array().unwrap();
    assert_eq!(values.len(), 1, "{acme:#}");
    let sources: BTreeSet<String> = values[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources, set(&["les-echos", "reuters", "le-monde"]));
}

#[test]
fn quantities_that_conflict_are_value_conflicts() {
    let run = report("quantities-conflict");
    let json = &run.json;
    for pair in [
        ["un billion", "one billion"],
        ["plus de 400 000", "300 000"],
        ["46 milliards", "4,6 milliards"],
        ["12 milliards de dollars", "12 milliards d'euros"],
    ] {
        let conflict = finding(json, "value-conflict", &pair);
        assert_eq!(conflict["severity"], "error", "{pair:?}");
    }
    assert_eq!(run.status, 1);
}

#[test]
fn a_conflict_suggests_the_value_more_sources_give() {
    let run = report("quantities-conflict");
    let conflict = finding(&run.json, "value-conflict", &["3 millions", "5 millions"]);
    assert_eq!(suggestion(conflict), "3 millions");
    // `3 millions` (fr, twice) and `3 million` (en) are one value of three sources.
    let majority = conflict["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["text"] == "3 millions")
        .unwrap();
    assert_eq!(majority["sources"].as_array().unwrap().len(), 3);
}

#[test]
fn a_registered_tolerance_widens_agreement() {
    let run = report("tolerance");
    let json = &run.json;
    assert!(
        !has_finding(json, "value-conflict", &["100", "104"]),
        "{}",
        describe(json)
    );
    assert_eq!(group_sources(group(json, "Acme", "revenue")).len(), 2);
    assert!(
        has_finding(json, "value-conflict", &["100", "120"]),
        "{}",
        describe(json)
    );
    assert_eq!(run.status, 1);
}

// ---------------------------------------------------------------------------------------------
// 4. Dates
// ---------------------------------------------------------------------------------------------

#[test]
fn dates_that_agree_do_not_conflict() {
    let run = report("dates-agree");
    let json = &run.json;
    assert!(
        findings_with(json, "value-conflict", &[]).is_empty(),
        "{}",
        describe(json)
    );
    let cases: [(&str, &[&str]); 3] = [
        // 15 janvier 2025 = January 15, 2025 = 2025-01-15
        ("Acme", &["les-echos", "reuters", "le-monde"]),
        // T4 2024 = Q4 2024
        ("Globex", &["les-echos", "reuters"]),
        // `le mois dernier`, published 2025-08 = juillet 2025
        ("Initech", &["les-echos", "le-monde"]),
    ];
    for (subject, sources) in cases {
        let fact = group(json, subject, "date de lancement");
        assert_eq!(group_sources(fact), set(sources), "{subject}");
        assert_eq!(
            fact["values"].as_array().unwrap().len(),
            1,
            "{subject}: one date, one value: {fact:#}"
        );
    }
    assert_eq!(run.status, 0);
}

#[test]
fn dates_that_differ_conflict() {
    let run = report("dates-conflict");
    let json = &run.json;
    assert!(
        has_finding(
            json,
            "value-conflict",
            &["15 janvier 2025", "16 janvier 2025"]
        ),
        "{}",
        describe(json)
    );
    // Published 2025-08, `le mois dernier` is July, not March.
    assert!(
        has_finding(json, "value-conflict", &["le mois dernier", "mars 2025"]),
        "{}",
        describe(json)
    );
    assert_eq!(run.status, 1);
}

// ---------------------------------------------------------------------------------------------
// 5–7. Qualifiers, empty values, several values
// ---------------------------------------------------------------------------------------------

#[test]
fn qualifiers_make_different_facts() {
    let run = report("qualifiers");
    let json = &run.json;
    // Acme's revenue in 2024 and in 2025: two facts, no conflict.
    assert!(
        !has_finding(json, "value-conflict", &["10 millions", "12 million"]),
        "{}",
        describe(json)
    );
    let acme = groups(json, "Acme", "revenue");
    assert_eq!(acme.len(), 2, "{:#}", json["groups"]);
    // `when: 2024` and `when: "2024"` are one qualifier: one fact, whose values conflict.
    let globex = group(json, "Globex", "revenue");
    assert_eq!(group_sources(globex), set(&["les-echos", "reuters"]));
    assert!(
        has_finding(json, "value-conflict", &["5 millions", "9 million"]),
        "{}",
        describe(json)
    );
}

#[test]
fn empty_values_never_conflict_or_outvote() {
    let run = report("empty");
    let json = &run.json;
    assert!(
        findings_with(json, "value-conflict", &[]).is_empty(),
        "{}",
        describe(json)
    );
    // Hooli: two sources say `N/A` / `Not Available`, one says `3 millions`.
    assert_eq!(
        suggestion(group(json, "Hooli", "revenue")),
        "3 millions",
        "an empty value never outvotes a real one"
    );
    for subject in ["Acme", "Globex", "Initech", "Umbrella"] {
        let fact = group(json, subject, "revenue");
        let text = suggestion(fact);
        assert!(
            text.chars().next().is_some_and(|c| c.is_ascii_digit()),
            "{subject}: suggests {text:?}"
        );
    }
    assert_eq!(run.status, 0);
}

#[test]
fn a_multiple_property_takes_several_values() {
    let run = report("multiple");
    let json = &run.json;
    assert!(
        !has_finding(json, "value-conflict", &["H20", "H100"]),
        "{}",
        describe(json)
    );
    assert!(
        !has_finding(json, "value-conflict", &["H20", "Ascend 910B"]),
        "{}",
        describe(json)
    );
    assert_eq!(
        group_sources(group(json, "Alibaba", "utilise la puce")),
        set(&["les-echos", "reuters"])
    );
    // The control: `siège` is not `multiple`, so two headquarters conflict.
    assert!(
        has_finding(json, "value-conflict", &["Hangzhou", "Shenzhen"]),
        "{}",
        describe(json)
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Names
// ---------------------------------------------------------------------------------------------

#[test]
fn a_misspelt_name_is_a_spelling_variant() {
    for name in ["names-misspelling", "names-misspelling-registered"] {
        let run = report(name);
        let json = &run.json;
        let found = finding(json, "spelling-variant", &["Latnik", "Lutnick"]);
        assert_eq!(found["severity"], "error", "{name}");
        assert_eq!(suggestion(found), "Lutnick", "{name}");
        assert_eq!(run.status, 1, "{name}");
    }
}

#[test]
fn a_misspelling_in_another_language_is_still_a_spelling_variant() {
    // Two French sources write `Howard Lutnick` (registered, alias `Lutnick`); an English one
    // writes `Howard Latnik`. A surname is not translated: `Latnik` is a misspelling.
    let run = report("names-misspelling-other-language");
    let json = &run.json;
    let found = finding(json, "spelling-variant", &["Latnik", "Lutnick"]);
    assert_eq!(suggestion(found), "Lutnick");
    assert_eq!(run.status, 1);
}

#[test]
fn accents_alone_are_an_info_case_variant() {
    let run = report("names-accents");
    let json = &run.json;
    let found = finding(json, "case-variant", &["François", "Francois"]);
    assert_eq!(found["severity"], "info");
    assert!(
        !has_finding(json, "spelling-variant", &["François", "Francois"]),
        "{}",
        describe(json)
    );
    assert_eq!(run.status, 0, "info does not fail the default --fail-on");
    let strict = concord(
        "report",
        &corpus("names-accents"),
        &["--no-baseline", "--fail-on", "info"],
    );
    assert_eq!(strict.status, 1);
}

#[test]
fn a_surname_is_a_short_form_not_a_variant() {
    let run = report("names-short-form");
    let json = &run.json;
    assert!(
        json["findings"].as_array().unwrap().is_empty(),
        "{}",
        describe(json)
    );
    assert_eq!(
        group_sources(group(json, "Jensen Huang", "fonction")),
        set(&["les-echos", "reuters"]),
        "`Huang` is Jensen Huang"
    );
    assert_eq!(run.status, 0);
}

#[test]
fn registered_near_homonyms_are_two_people() {
    let run = report("names-homonyms-registered");
    let json = &run.json;
    assert!(
        json["findings"].as_array().unwrap().is_empty(),
        "{}",
        describe(json)
    );
    assert_eq!(groups(json, "Zhang Wei", "fonction").len(), 1);
    assert_eq!(groups(json, "Zhang Wen", "fonction").len(), 1);
    assert_eq!(run.status, 0);
}

#[test]
fn unregistered_near_homonyms_are_not_spelling_variants() {
    let run = report("names-homonyms");
    let json = &run.json;
    assert!(
        !has_finding(json, "spelling-variant", &["Wei", "Wen"]),
        "{}",
        describe(json)
    );
    assert!(
        serious_between(json, "Zhang Wei", "Zhang Wen").is_empty(),
        "{}",
        describe(json)
    );
    assert_eq!(run.status, 0);
}

// ---------------------------------------------------------------------------------------------
// 9. Codes
// ---------------------------------------------------------------------------------------------

#[test]
fn a_letter_o_for_a_zero_is_a_confusable_variant() {
    let run = report("codes-confusable");
    let found = finding(&run.json, "confusable-variant", &["H20", "H2O"]);
    assert_eq!(found["severity"], "error");
    assert_eq!(
        suggestion(found),
        "H20",
        "H20 is written by two sources of three"
    );
    assert_eq!(run.status, 1);
}

#[test]
fn a_confusable_variant_suggests_the_registered_code() {
    // One source writes H20, one H2O; the registry lists H20.
    let run = report("codes-confusable-registered");
    let found = finding(&run.json, "confusable-variant", &["H20", "H2O"]);
    assert_eq!(suggestion(found), "H20");
    assert_eq!(run.status, 1);
}

#[test]
fn a_registered_code_is_suggested_even_when_no_source_writes_it() {
    let run = report("codes-confusable-registry-only");
    let found = finding(&run.json, "confusable-variant", &["H20", "H2O"]);
    assert_eq!(suggestion(found), "H20", "{}", describe(&run.json));
}

#[test]
fn a_cyrillic_letter_is_a_confusable_variant() {
    let run = report("codes-cyrillic");
    let found = finding(&run.json, "confusable-variant", &["\u{41d}20", "H20"]);
    assert_eq!(found["severity"], "error");
    assert_eq!(run.status, 1);
}

#[test]
fn codes_that_differ_by_a_digit_or_letter_are_different_things() {
    let run = report("codes-lookalikes");
    let json = &run.json;
    for (a, b) in [
        ("H20", "H200"),
        ("H100", "H200"),
        ("A100", "H100"),
        ("B100", "B200"),
        ("GB200", "B200"),
        ("Ascend 910B", "Ascend 910C"),
        ("H20", "H100"),
        ("B200", "H200"),
    ] {
        assert!(
            serious_between(json, a, b).is_empty(),
            "{a} / {b}:\n{}",
            describe(json)
        );
    }
    // Each code as a subject stays its own fact.
    for code in ["H20", "H200", "H100", "A100", "B100", "B200", "GB200"] {
        assert_eq!(groups(json, code, "mémoire").len(), 1, "{code}");
    }
    assert_eq!(run.status, 0);
}

// ---------------------------------------------------------------------------------------------
// 10. Quotations
// ---------------------------------------------------------------------------------------------

#[test]
fn one_remark_in_two_wordings_is_a_quote_variant() {
    let run = report("quotes-reworded");
    let json = &run.json;
    let found = finding(
        json,
        "quote-variant",
        &[
            "Nous ne leur vendons pas nos meilleurs produits",
            "Nous ne leur vendons ni le meilleur",
        ],
    );
    assert_eq!(found["severity"], "warning");
    assert_eq!(findings_with(json, "quote-variant", &[]).len(), 1);
    assert!(
        findings_with(json, "value-conflict", &[]).is_empty(),
        "quotations never conflict: {}",
        describe(json)
    );
    assert_eq!(
        run.status, 0,
        "a warning does not fail the default --fail-on"
    );
    let strict = concord(
        "report",
        &corpus("quotes-reworded"),
        &["--no-baseline", "--fail-on", "warning"],
    );
    assert_eq!(strict.status, 1);
}

#[test]
fn unrelated_quotations_of_one_speaker_are_no_finding() {
    let run = report("quotes-unrelated");
    assert!(
        run.json["findings"].as_array().unwrap().is_empty(),
        "{}",
        describe(&run.json)
    );
    assert_eq!(run.status, 0);
}

#[test]
fn one_remark_attributed_to_two_speakers_is_no_quote_variant() {
    let run = report("quotes-two-speakers");
    assert!(
        findings_with(&run.json, "quote-variant", &[]).is_empty(),
        "{}",
        describe(&run.json)
    );
    assert_eq!(run.status, 0);
}

// ---------------------------------------------------------------------------------------------
// 11. The baseline
// ---------------------------------------------------------------------------------------------

#[test]
fn a_reviewed_finding_does_not_fail_check_and_a_stale_entry_warns() {
    let root = corpus("baseline");
    let run = concord("check", &root, &[]);
    let json = &run.json;
    let found = finding(json, "spelling-variant", &["Latnik", "Lutnick"]);
    assert_eq!(found["reviewed"], true);
    assert_eq!(json["summary"]["reviewed"], 1);
    // The second entry (confusable-variant H2O / H20) matches nothing: a warning, not a failure.
    let warnings = json["warnings"]
        .as_array()
        .expect("the stale entry is reported under `warnings`");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let stale = &warnings[0];
    assert_eq!(stale["location"]["file"], "facts/reviewed.yaml");
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .contains("confusable-variant"),
        "{stale:#}"
    );
    assert_eq!(run.status, 0);

    let unreviewed = concord("check", &root, &["--no-baseline"]);
    let found = finding(&unreviewed.json, "spelling-variant", &["Latnik", "Lutnick"]);
    assert_eq!(found["reviewed"], false);
    assert_eq!(unreviewed.status, 1);
}

// ---------------------------------------------------------------------------------------------
// 12. Fingerprints
// ---------------------------------------------------------------------------------------------

#[test]
fn fingerprints_are_stable_across_runs() {
    let first = report("traps");
    let second = report("traps");
    let list = |json: &Value| -> Vec<String> {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(list(&first.json).len() >= 5, "{}", describe(&first.json));
    assert_eq!(list(&first.json), list(&second.json));
}

#[test]
fn fingerprints_survive_renaming_a_file_and_reordering_claims() {
    let before = fingerprints(&report("traps").json);
    let dir = scratch_copy("traps");
    let facts = dir.path().join("facts");
    // Rename a source file (its id stays `gate`), and move it into a subfolder.
    std::fs::create_dir_all(facts.join("translations")).unwrap();
    std::fs::rename(
        facts.join("gate.yaml"),
        facts.join("translations/gate-traduction.yaml"),
    )
    .unwrap();
    // Reverse the order of the claims of every source file (one claim per line).
    for path in [
        facts.join("cryptopolitan.yaml"),
        facts.join("reuters.yaml"),
        facts.join("journaldugeek.yaml"),
        facts.join("translations/gate-traduction.yaml"),
    ] {
        let text = std::fs::read_to_string(&path).unwrap();
        let (head, claims) = text.split_at(text.find("claims:\n").unwrap() + "claims:\n".len());
        let mut lines: Vec<&str> = claims.lines().collect();
        assert!(lines.iter().all(|l| l.starts_with("  - {")), "{path:?}");
        lines.reverse();
        std::fs::write(&path, format!("{head}{}\n", lines.join("\n"))).unwrap();
    }
    let after = fingerprints(&report_at(dir.path()).json);
    assert_eq!(before, after);
}

#[test]
fn fixing_an_unrelated_misspelling_keeps_the_quote_fingerprint() {
    let quote_fingerprint = |json: &Value| -> String {
        finding(
            json,
            "quote-variant",
            &[
                "Nous ne leur vendons pas nos meilleurs produits",
                "Nous ne leur vendons ni le meilleur",
            ],
        )["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let before = quote_fingerprint(&report("traps").json);
    let dir = scratch_copy("traps");
    let gate = dir.path().join("facts/gate.yaml");
    let text = std::fs::read_to_string(&gate).unwrap();
    std::fs::write(&gate, text.replace("Howard Latnik", "Howard Lutnick")).unwrap();
    let after = quote_fingerprint(&report_at(dir.path()).json);
    assert_eq!(before, after);
}

// ---------------------------------------------------------------------------------------------
// All the traps together, scored by the shared tool
// ---------------------------------------------------------------------------------------------

#[test]
fn the_look_alike_traps_score_clean() {
    let output = Command::cargo_bin("concord")
        .unwrap()
        .arg("report")
        .arg(corpus("traps"))
        .args(["--no-baseline", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c < 2));
    let (passed, printed) =
        common::score_findings(&corpus("traps").join("gold.json"), &output.stdout);
    assert!(passed, "{printed}");
}
