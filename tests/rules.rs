//! The catalogue of reconciliation rules: for each rule, what a user checks in
//! `concord report --format json` (which findings exist between which variant texts, their
//! severity, the suggestion, the exit status) and the look-alikes it must never flag.
//!
//! Sections: names, codes, values, dates, qualifiers, quotations, the baseline, fingerprints,
//! and all the traps together. Most tests run on a hand-made corpus of
//! `tests/corpora/engine/NAME` (a folder with `facts/` only, no articles); the others write a
//! scratch corpus of French and English sources, for cases that need no folder of their own
//! (a table of wordings, a registry given or not).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{copy_dir, corpus, path_arg, scratch_corpus};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// What one run of concord gave: its exit status and its JSON document.
struct Report {
    status: i32,
    json: Value,
}

/// Runs `concord COMMAND ROOT --format json ARGS…`, which must not fail on its input.
fn concord_json(command: &str, root: &Path, args: &[&str]) -> Report {
    let mut all = vec![command, path_arg(root), "--format", "json"];
    all.extend_from_slice(args);
    let run = common::concord(&all, ".");
    assert!(
        run.status < 2,
        "concord {command} {} exited {}:\n{}",
        root.display(),
        run.status,
        run.stderr
    );
    Report {
        status: run.status,
        json: run.json(),
    }
}

/// `concord report ROOT --format json --no-baseline`.
fn report_at(root: &Path) -> Report {
    concord_json("report", root, &["--no-baseline"])
}

/// The report of the engine corpus `tests/corpora/engine/NAME`.
fn report(name: &str) -> Report {
    report_at(&corpus(name))
}

/// The file `facts/ID.yaml` of a source in `language`, with `claims` in YAML flow style.
fn source(id: &str, language: &str, claims: &[&str]) -> (String, String) {
    published_source(id, language, "", claims)
}

/// The file `facts/ID.yaml` of a source in `language`, published on `published` (if not empty),
/// with `claims` in YAML flow style.
fn published_source(
    id: &str,
    language: &str,
    published: &str,
    claims: &[&str],
) -> (String, String) {
    let mut text = format!("source:\n  id: {id}\n  language: {language}\n");
    if !published.is_empty() {
        text.push_str(&format!("  published: {published}\n"));
    }
    text.push_str("claims:\n");
    for claim in claims {
        text.push_str(&format!("  - {claim}\n"));
    }
    (format!("facts/{id}.yaml"), text)
}

/// A scratch corpus of `sources` and, unless it is empty, the registry `registry`.
fn scratch(sources: &[(String, String)], registry: &str) -> tempfile::TempDir {
    let mut files = sources.to_vec();
    if !registry.is_empty() {
        files.push(("facts/registry.yaml".into(), registry.into()));
    }
    scratch_corpus(&files)
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

/// The texts of a finding's variants.
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

/// The findings of `code` whose variants hold each of `forms`, each in a different variant
/// (every finding of `code` when `forms` is empty).
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

/// Asserts that no `unaligned-fact` finding pairs any of `look_alikes` (two forms each).
fn no_alignment_between(json: &Value, look_alikes: &[[&str; 2]]) {
    for forms in look_alikes {
        assert!(
            !has_finding(json, "unaligned-fact", forms),
            "{forms:?}: {}",
            describe(json)
        );
    }
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

/// The error and warning findings.
fn serious(json: &Value) -> Vec<&Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error" || f["severity"] == "warning")
        .collect()
}

/// Error and warning findings, of any code, that put `a` and `b` in different variants.
fn serious_between<'a>(json: &'a Value, a: &str, b: &str) -> Vec<&'a Value> {
    serious(json)
        .into_iter()
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

/// The text a finding or a fact group suggests.
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

/// The fingerprints of a report's findings, in the report's order.
fn fingerprint_list(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect()
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
// Names
// ---------------------------------------------------------------------------------------------

/// Howard Lutnick (alias Lutnick), two near-identical people, and Jensen Huang (alias Huang).
const PEOPLE: &str = "entities:\n  - {id: howard-lutnick, name: Howard Lutnick, kind: person, aliases: [Lutnick]}\n  - {id: zhang-wei, name: Zhang Wei, kind: person}\n  - {id: zhang-wen, name: Zhang Wen, kind: person}\n  - {id: jensen-huang, name: Jensen Huang, kind: person, aliases: [Huang]}\n";

#[test]
fn a_misspelt_name_is_an_error_that_suggests_the_majority_spelling() {
    // Latnik once, Lutnick twice; with the name registered or not.
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
fn a_misspelling_beside_the_surname_alone_is_one_spelling_variant() {
    // `Howard Lutnick`, `Lutnick` alone (another language, another property) and
    // `Howard Latnik`: one finding, whether the registry knows Lutnick or not.
    let sources = [
        source(
            "a",
            "fr",
            &["{subject: Howard Lutnick, property: fonction, value: ministre}"],
        ),
        source(
            "b",
            "en",
            &["{subject: Lutnick, property: role, value: secretary}"],
        ),
        source(
            "c",
            "fr",
            &["{subject: Howard Latnik, property: fonction, value: ministre}"],
        ),
    ];
    for registry in [PEOPLE, ""] {
        let dir = scratch(&sources, registry);
        let json = report_at(dir.path()).json;
        let spelling = findings_with(&json, "spelling-variant", &[]);
        assert_eq!(
            spelling.len(),
            1,
            "registry {registry:?}: {:#?}",
            json["findings"]
        );
        assert_eq!(spelling[0]["suggestion"]["text"], "Lutnick");
        assert!(variant_texts(spelling[0]).contains(&"Latnik"));
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
fn a_name_translated_into_another_language_is_no_misspelling() {
    // `Chine` (fr) and `China` (en): a translation.
    let dir = scratch(
        &[
            source(
                "a",
                "fr",
                &["{subject: Chine, property: population, value: '1,4 milliard'}"],
            ),
            source(
                "b",
                "en",
                &["{subject: China, property: population, value: 1.4 billion}"],
            ),
        ],
        "",
    );
    let translated = report_at(dir.path());
    assert_eq!(translated.status, 0, "{:#?}", translated.json["findings"]);
    // In one language, the same two spellings are a misspelling.
    let dir = scratch(
        &[
            source(
                "a",
                "fr",
                &["{subject: Chine, property: population, value: '1,4 milliard'}"],
            ),
            source(
                "b",
                "fr",
                &["{subject: Chine, property: capitale, value: Pékin}"],
            ),
            source(
                "c",
                "fr",
                &["{subject: China, property: population, value: '1,4 milliard'}"],
            ),
        ],
        "",
    );
    let json = report_at(dir.path()).json;
    assert_eq!(
        findings_with(&json, "spelling-variant", &[])[0]["suggestion"]["text"],
        "Chine"
    );
}

#[test]
fn a_missing_accent_is_an_info_case_variant_that_fails_only_fail_on_info() {
    // `François Bayrou` and `Francois Bayrou`.
    let run = report("names-accents");
    let json = &run.json;
    let found = finding(json, "case-variant", &["François", "Francois"]);
    assert_eq!(found["severity"], "info");
    assert_eq!(
        findings_with(json, "case-variant", &[]).len(),
        1,
        "{}",
        describe(json)
    );
    assert!(
        !has_finding(json, "spelling-variant", &["François", "Francois"]),
        "{}",
        describe(json)
    );
    assert_eq!(run.status, 0, "info does not fail the default --fail-on");
    let strict = concord_json(
        "report",
        &corpus("names-accents"),
        &["--no-baseline", "--fail-on", "info"],
    );
    assert_eq!(strict.status, 1);
}

#[test]
fn a_bare_dollar_between_two_countries_dollars_conflicts_whatever_the_order() {
    // `$2 million` agrees with `US$2 million` and with `C$2 million`, which do not agree with
    // each other: the fine is in conflict whichever file is read first.
    for ids in [["a", "b", "c"], ["c", "b", "a"], ["b", "a", "c"]] {
        let values = ["\"$2 million\"", "\"US$2 million\"", "\"C$2 million\""];
        let sources: Vec<(String, String)> = ids
            .iter()
            .zip(values)
            .map(|(id, value)| {
                source(
                    id,
                    "en",
                    &[&format!(
                        "{{id: x, subject: Acme, property: fine, value: {value}}}"
                    )],
                )
            })
            .collect();
        let dir = scratch(&sources, "");
        let run = report_at(dir.path());
        let conflict = finding(
            &run.json,
            "value-conflict",
            &["US$2 million", "C$2 million"],
        );
        assert_eq!(conflict["severity"], "error", "{ids:?}: {conflict}");
    }
    // A bare dollar whose claim declares the country's unit is that country's.
    let dir = scratch(
        &[
            source(
                "a",
                "en",
                &["{id: x, subject: Acme, property: fine, value: \"$2 million\", unit: CAD}"],
            ),
            source(
                "b",
                "en",
                &["{id: x, subject: Acme, property: fine, value: \"US$2 million\"}"],
            ),
        ],
        "",
    );
    let run = report_at(dir.path());
    finding(&run.json, "value-conflict", &["$2 million", "US$2 million"]);
}

#[test]
fn huang_alone_is_jensen_huang_and_no_finding() {
    // Unregistered: `Huang` is the short form of `Jensen Huang`, not a variant.
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
fn zhang_wei_and_zhang_wen_registered_are_two_people_and_no_finding() {
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
fn zhang_wei_and_zhang_wen_unregistered_are_never_a_spelling_variant() {
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

#[test]
fn names_romanised_by_other_conventions_are_one_person_and_their_look_alikes_are_not() {
    // tests/corpora/engine/names-romanised/EXPECTED.md describes the corpus.
    let run = report("names-romanised");
    let json = &run.json;
    for forms in [
        ["Choe", "Choi"],
        ["Pak", "Park"],
        ["Abdul Aziz", "Abdelaziz"],
        ["Muhammad", "Mohammed"],
        ["Zelenskyy", "Zelensky"],
    ] {
        finding(json, "spelling-variant", &forms);
    }
    // Once the spellings are one person, the remarks quoted under each are compared.
    finding(
        json,
        "quote-variant",
        &[
            "Nos chantiers navals peuvent livrer",
            "Nos chantiers peuvent livrer",
        ],
    );
    finding(
        json,
        "quote-variant",
        &[
            "We will keep supplying gas",
            "We will continue supplying gas",
        ],
    );
    assert_eq!(
        json["findings"].as_array().unwrap().len(),
        7,
        "{}",
        describe(json)
    );
    // Look-alikes (a name variant shows the words that differ): masculine and feminine names,
    // a real letter, two registered people, a father and his daughter.
    for forms in [
        ["Jean", "Jeanne"],
        ["Daniel", "Danielle"],
        ["Kim", "Kam"],
        ["Jae-won", "Jae-woon"],
        ["Ji-ho", "Seo-yeon"],
    ] {
        let between: Vec<_> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| forms_in_distinct_variants(f, &forms))
            .collect();
        assert!(between.is_empty(), "{forms:?}: {between:#?}");
    }
    // Park Ji-ho's and Park Seo-yeon's nearly identical remarks are two speakers' remarks.
    assert!(!has_finding(
        json,
        "quote-variant",
        &["Hanbit embauchera", "Hanbit va embaucher"]
    ));
    assert!(findings_with(json, "value-conflict", &[]).is_empty());
    assert_eq!(run.status, 1);
}

#[test]
fn huang_and_the_zhangs_across_languages_are_never_serious_with_or_without_a_registry() {
    // `Huang` (fr) and `Jensen Huang` (en), `Zhang Wei` (fr) and `Zhang Wen` (en).
    let sources = [
        source(
            "a",
            "fr",
            &[
                "{subject: Huang, property: voyage, value: Chine}",
                "{subject: Zhang Wei, property: fonction, value: ingénieur}",
            ],
        ),
        source(
            "b",
            "en",
            &[
                "{subject: Jensen Huang, property: trip, value: China}",
                "{subject: Zhang Wen, property: fonction, value: ingénieur}",
            ],
        ),
    ];
    for registry in [PEOPLE, ""] {
        let dir = scratch(&sources, registry);
        let json = report_at(dir.path()).json;
        let serious: Vec<&Value> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "info")
            .collect();
        assert!(serious.is_empty(), "registry {registry:?}: {serious:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

#[test]
fn a_letter_o_in_a_chip_code_is_a_confusable_variant() {
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
fn a_confusable_code_suggests_the_registered_spelling() {
    // One source writes H20, one H2O; the registry lists H20.
    let run = report("codes-confusable-registered");
    let found = finding(&run.json, "confusable-variant", &["H20", "H2O"]);
    assert_eq!(suggestion(found), "H20");
    assert_eq!(run.status, 1);
}

#[test]
fn the_registered_code_is_suggested_even_when_no_source_writes_it() {
    let run = report("codes-confusable-registry-only");
    let found = finding(&run.json, "confusable-variant", &["H20", "H2O"]);
    assert_eq!(suggestion(found), "H20", "{}", describe(&run.json));
}

#[test]
fn a_cyrillic_letter_in_a_chip_code_is_a_confusable_variant() {
    let run = report("codes-cyrillic");
    let found = finding(&run.json, "confusable-variant", &["\u{41d}20", "H20"]);
    assert_eq!(found["severity"], "error");
    assert_eq!(run.status, 1);
}

#[test]
fn chip_codes_one_character_apart_like_h20_and_h200_are_never_flagged() {
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

#[test]
fn a_letter_o_and_a_cyrillic_h_are_one_confusable_finding_among_the_other_chip_codes() {
    // One source names nine chips; another writes H2O and Н20 (Cyrillic En).
    let chips = [
        "H20",
        "H200",
        "H100",
        "A100",
        "B100",
        "B200",
        "GB200",
        "Ascend 910B",
        "Ascend 910C",
    ];
    let claims: Vec<String> = chips
        .iter()
        .map(|c| format!("{{subject: \"{c}\", property: fabricant, value: Acme}}"))
        .collect();
    let claims: Vec<&str> = claims.iter().map(String::as_str).collect();
    let dir = scratch(
        &[
            source("a", "en", &claims),
            source(
                "b",
                "fr",
                &[
                    "{subject: H2O, property: fabricant, value: Acme}",
                    "{subject: \"\u{41d}20\", property: fabricant, value: Acme}",
                ],
            ),
        ],
        "",
    );
    let json = report_at(dir.path()).json;
    let confusable = findings_with(&json, "confusable-variant", &[]);
    assert_eq!(confusable.len(), 1, "{:#?}", json["findings"]);
    let forms = variant_texts(confusable[0]);
    assert!(
        forms.contains(&"H20") && forms.contains(&"H2O") && forms.contains(&"\u{41d}20"),
        "{forms:?}"
    );
    assert_eq!(confusable[0]["suggestion"]["text"], "H20");
    // No finding of any severity joins two different chips.
    for finding in json["findings"].as_array().unwrap() {
        let forms = variant_texts(finding);
        for (a, b) in [
            ("H20", "H200"),
            ("H100", "H200"),
            ("A100", "H100"),
            ("B100", "B200"),
            ("GB200", "B200"),
            ("Ascend 910B", "Ascend 910C"),
        ] {
            assert!(
                !(forms.contains(&a) && forms.contains(&b)),
                "{} joins {a} and {b}",
                finding["code"]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// Two values of one figure, from a French and an English source, with no registry: do they
/// conflict?
fn figures_conflict(french: &str, english: &str) -> bool {
    let dir = scratch(
        &[
            source(
                "fr",
                "fr",
                &[&format!(
                    "{{subject: Acme, property: revenue, value: \"{french}\"}}"
                )],
            ),
            source(
                "en",
                "en",
                &[&format!(
                    "{{subject: Acme, property: revenue, value: \"{english}\"}}"
                )],
            ),
        ],
        "",
    );
    has_finding(&report_at(dir.path()).json, "value-conflict", &[])
}

#[test]
fn the_same_figure_written_several_ways_is_one_value_and_no_conflict() {
    let run = report("quantities-agree");
    let json = &run.json;
    assert!(
        findings_with(json, "value-conflict", &[]).is_empty(),
        "{}",
        describe(json)
    );
    // The claims did meet: each pair or triple is one fact.
    // A length in metres, in kilometres and in centimetres, as each language writes it
    // (`2,143 m` is metres, not a million).
    let cases: [(&str, &str, &[&str]); 6] = [
        ("Acme", "revenue", &["les-echos", "reuters", "le-monde"]),
        ("Nvidia", "revenus en Chine", &["les-echos", "reuters"]),
        ("Huawei", "puces vendues", &["les-echos", "le-monde"]),
        ("Capgemini", "effectif", &["les-echos", "reuters"]),
        (
            "Pont de Normandie",
            "longueur",
            &["les-echos", "reuters", "le-monde"],
        ),
        ("Belle-Île II", "tirant d'eau", &["reuters", "le-monde"]),
    ];
    for (subject, property, sources) in cases {
        assert_eq!(
            group_sources(group(json, subject, property)),
            set(sources),
            "{subject} / {property}"
        );
    }
    // Equal values after normalisation are one value: in French `1,5 million` and
    // `1 500 000` are 1.5 million, and `12 milliards de dollars` is `$12 billion`.
    let acme = group(json, "Acme", "revenue");
    let values = acme["values"].as_array().unwrap();
    assert_eq!(values.len(), 1, "{acme:#}");
    let sources: BTreeSet<String> = values[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources, set(&["les-echos", "reuters", "le-monde"]));
    let nvidia = group(json, "Nvidia", "revenus en Chine");
    assert_eq!(nvidia["values"].as_array().unwrap().len(), 1, "{nvidia:#}");
    assert_eq!(run.status, 0);
}

#[test]
fn a_figure_written_the_french_and_the_english_way_agrees() {
    for (french, english) in [
        ("1,5 million", "1.5 million"),
        ("1 500 000", "1.5 million"),
        ("1\u{a0}500\u{a0}000", "1,500,000"),
        ("12 milliards de dollars", "$12 billion"),
        ("plus de 400 000", "420,000"),
        ("plus de 40 000 salariés", "more than 42,000 people"),
        ("deux millions", "2 million"),
    ] {
        assert!(!figures_conflict(french, english), "{french} / {english}");
    }
}

#[test]
fn figures_that_cannot_both_hold_are_error_value_conflicts() {
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
fn figures_that_cannot_both_hold_conflict_across_languages() {
    for (french, english) in [
        ("un billion", "one billion"),
        ("plus de 400 000", "300,000"),
        ("46 milliards", "4.6 billion"),
        ("12 milliards de dollars", "12 billion euros"),
        ("moins de 100", "150"),
    ] {
        assert!(figures_conflict(french, english), "{french} / {english}");
    }
}

#[test]
fn a_value_conflict_suggests_the_value_most_sources_give() {
    let run = report("quantities-conflict");
    let conflict = finding(&run.json, "value-conflict", &["3 millions", "5 millions"]);
    assert_eq!(suggestion(conflict), "3 millions");
    assert!(
        conflict["suggestion"]["confidence"].as_f64().unwrap() > 0.5,
        "{conflict:#}"
    );
    // `3 millions` (fr, twice) and `3 million` (en) are one value of three sources.
    let majority = conflict["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["text"] == "3 millions")
        .unwrap();
    assert_eq!(majority["sources"].as_array().unwrap().len(), 3);
    assert_eq!(run.status, 1);
}

#[test]
fn a_registered_tolerance_lets_close_figures_agree() {
    // Tolerance 5 %: 100 and 104 agree, 100 and 120 do not.
    let run = report("tolerance");
    let json = &run.json;
    assert!(
        !has_finding(json, "value-conflict", &["100", "104"]),
        "{}",
        describe(json)
    );
    assert_eq!(group_sources(group(json, "Acme", "revenue")).len(), 2);
    finding(json, "value-conflict", &["100", "120"]);
    assert_eq!(
        findings_with(json, "value-conflict", &[]).len(),
        1,
        "{}",
        describe(json)
    );
    assert_eq!(run.status, 1);
}

#[test]
fn an_empty_value_never_conflicts_or_outvotes_a_real_one() {
    // `N/A`, `Not Available`, `non communiqué` and `""` beside real figures.
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
fn a_multiple_property_takes_several_values_without_conflict() {
    // Alibaba uses the H20, the H100 and the Ascend 910B (`multiple: true`), and has its
    // headquarters in Hangzhou or Shenzhen (not multiple: the control).
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
    // The control: `siège` is not `multiple`, so two headquarters conflict; and that is the
    // only serious finding.
    assert!(
        has_finding(json, "value-conflict", &["Hangzhou", "Shenzhen"]),
        "{}",
        describe(json)
    );
    let errors_and_warnings = serious(json);
    assert_eq!(errors_and_warnings.len(), 1, "{}", describe(json));
    assert!(
        forms_in_distinct_variants(errors_and_warnings[0], &["Hangzhou", "Shenzhen"]),
        "{}",
        describe(json)
    );
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

#[test]
fn the_same_date_written_several_ways_is_one_value() {
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
fn dates_that_differ_are_value_conflicts() {
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

#[test]
fn dates_agree_in_french_english_and_iso_and_different_days_conflict_with_no_registry() {
    // Each source (id, language, published, value) claims Acme's launch date; the number of
    // value conflicts.
    let conflicts = |sources: &[(&str, &str, &str, &str)]| -> usize {
        let files: Vec<(String, String)> = sources
            .iter()
            .map(|(id, language, published, value)| {
                published_source(
                    id,
                    language,
                    published,
                    &[&format!(
                        "{{subject: Acme, property: date de lancement, value: \"{value}\"}}"
                    )],
                )
            })
            .collect();
        let dir = scratch(&files, "");
        findings_with(&report_at(dir.path()).json, "value-conflict", &[]).len()
    };
    assert_eq!(
        conflicts(&[
            ("a", "fr", "", "15 janvier 2025"),
            ("b", "en", "", "January 15, 2025"),
            ("c", "en", "", "2025-01-15")
        ]),
        0
    );
    assert_eq!(
        conflicts(&[
            ("a", "fr", "", "T4 2024"),
            ("b", "en", "", "Q4 2024"),
            ("c", "fr", "", "quatrième trimestre 2024")
        ]),
        0
    );
    assert_eq!(
        conflicts(&[
            ("a", "fr", "2025-08", "le mois dernier"),
            ("b", "fr", "", "juillet 2025")
        ]),
        0
    );
    assert_eq!(
        conflicts(&[
            ("a", "fr", "2025-08", "le mois dernier"),
            ("b", "fr", "", "mars 2025")
        ]),
        1
    );
    assert_eq!(
        conflicts(&[
            ("a", "fr", "", "15 janvier 2025"),
            ("b", "en", "", "January 16, 2025")
        ]),
        1
    );
}

#[test]
fn numeric_dates_agree_with_written_ones_in_the_order_of_their_source() {
    // tests/corpora/engine/dates-numeric: le-progres (French, day first), daily-courier
    // (en-US, month first), the-chronicle (en-GB, day first), the-herald (English, no locale).
    let run = report("dates-numeric");
    let json = &run.json;
    // 14/07/2025 = July 14, 2025 = 07/14/25 (a part above 12 is the day): one value.
    let festival = group(json, "Festival Rivages", "date d'ouverture");
    assert_eq!(
        festival["values"].as_array().unwrap().len(),
        1,
        "{festival:#}"
    );
    assert!(festival["findings"].as_array().unwrap().is_empty());
    // 03/09/2025 in French and 09/03/2025 in US English are 3 September; the-herald's
    // 03/09/2025, read both ways, is one of them: one value.
    let bridge = group(json, "Pont Vauban", "date de réouverture");
    assert_eq!(bridge["values"].as_array().unwrap().len(), 1, "{bridge:#}");
    assert_eq!(
        group_sources(bridge),
        set(&["le-progres", "daily-courier", "the-herald"])
    );
    // A day off is one conflict of two values, not three.
    let concert = finding(json, "value-conflict", &["07/13/2025", "12"]);
    assert_eq!(variant_texts(concert).len(), 2, "{concert:#}");
    assert!(["12 juillet 2025", "July 12, 2025"].contains(&suggestion(concert)));
    // 03/06/2025 with no locale is 3 June or 6 March: neither is 5 March.
    let premiere = finding(json, "value-conflict", &["03/06/2025", "5"]);
    assert_eq!(variant_texts(premiere).len(), 2, "{premiere:#}");
    // The locale decides: 04/05/2025 is 5 April in en-US, 4 May in en-GB.
    let museum = finding(json, "value-conflict", &["04/05/2025", "4 mai 2025"]);
    let us = museum["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["text"] == "04/05/2025")
        .unwrap();
    assert_eq!(
        us["sources"],
        serde_json::json!(["daily-courier"]),
        "{museum:#}"
    );
    assert_eq!(suggestion(museum), "4 mai 2025");
    // Numeric dates in the evidence: 07/14/2025 supports July 14, 2025, and 12/07/25 supports
    // 12 juillet 2025; 07/21/2025 does not support July 12, 2025.
    let unsupported = findings_with(json, "value-unsupported", &[]);
    assert_eq!(unsupported.len(), 1, "{}", describe(json));
    assert!(forms_in_distinct_variants(
        unsupported[0],
        &["July 12, 2025", "07/21/2025"]
    ));
    // A version number, a score and a fraction are no dates: 10.12.24 is not 10 December in
    // French and 12 October in US English.
    assert_eq!(
        findings_with(json, "value-conflict", &[]).len(),
        3,
        "{}",
        describe(json)
    );
    for (subject, property) in [
        ("Kestrel", "version"),
        ("Olympique Rivages", "score"),
        ("Festival Rivages", "part des billets vendus"),
    ] {
        let fact = group(json, subject, property);
        assert_eq!(fact["values"].as_array().unwrap().len(), 1, "{fact:#}");
        assert!(fact["findings"].as_array().unwrap().is_empty(), "{fact:#}");
    }
    assert_eq!(run.status, 1);
}

#[test]
fn a_numeric_date_is_read_only_where_the_value_is_a_date() {
    // Each source (id, language, locale, value) claims one value of Acme's `property`; the
    // number of value conflicts.
    let conflicts = |property: &str, kind: &str, sources: &[(&str, &str, &str, &str)]| -> usize {
        let files: Vec<(String, String)> = sources
            .iter()
            .map(|(id, language, locale, value)| {
                let mut file = published_source(
                    id,
                    language,
                    "2025-08",
                    &[&format!(
                        "{{subject: Acme, property: {property}, value: \"{value}\"{kind}}}"
                    )],
                );
                if !locale.is_empty() {
                    file.1 = file
                        .1
                        .replace("  published:", &format!("  locale: {locale}\n  published:"));
                }
                file
            })
            .collect();
        let dir = scratch(&files, "");
        findings_with(&report_at(dir.path()).json, "value-conflict", &[]).len()
    };
    let date = ", kind: date";
    // Declared dates: two-digit years, every separator, either order.
    assert_eq!(
        conflicts(
            "lancement",
            date,
            &[
                ("a", "fr", "", "14.07.25"),
                ("b", "en", "en-US", "7/14/25"),
                ("c", "en", "", "2025/07/14"),
                ("d", "fr", "", "14-07-2025"),
            ]
        ),
        0
    );
    assert_eq!(
        conflicts(
            "lancement",
            date,
            &[("a", "fr", "", "14.07.25"), ("b", "en", "en-US", "7/15/25")]
        ),
        1
    );
    // Ambiguous in English with no locale: either reading agrees, neither conflicts.
    for (other, expected) in [("6 mars 2025", 0), ("3 juin 2025", 0), ("4 juin 2025", 1)] {
        assert_eq!(
            conflicts(
                "lancement",
                date,
                &[("a", "en", "", "03/06/2025"), ("b", "fr", "", other)]
            ),
            expected,
            "{other}"
        );
    }
    // With no kind declared, a two-digit year is read only beside other dates: alone, two
    // sources writing 10.12.24 in French and US English are one text, not two days.
    assert_eq!(
        conflicts(
            "version",
            "",
            &[
                ("a", "fr", "", "10.12.24"),
                ("b", "en", "en-US", "10.12.24")
            ]
        ),
        0
    );
    assert_eq!(
        conflicts(
            "lancement",
            "",
            &[
                ("a", "fr", "", "10.12.24"),
                ("b", "en", "en-US", "10.12.24"),
                ("c", "fr", "", "10 décembre 2024")
            ]
        ),
        1
    );
    // An ambiguous date that can be one of the written dates joins it: a day off is then one
    // conflict of two values.
    let dir = scratch(
        &[
            source(
                "a",
                "fr",
                &["{subject: Acme, property: lancement, value: 3 juillet 2025}"],
            ),
            source(
                "b",
                "en",
                &["{subject: Acme, property: lancement, value: 07/03/2025, kind: date}"],
            ),
            source(
                "c",
                "fr",
                &["{subject: Acme, property: lancement, value: 4 juillet 2025}"],
            ),
        ],
        "",
    );
    let json = report_at(dir.path()).json;
    let conflict = finding(
        &json,
        "value-conflict",
        &["3 juillet 2025", "4 juillet 2025"],
    );
    assert_eq!(variant_texts(conflict).len(), 2, "{conflict:#}");
    assert_eq!(
        conflict["variants"][0]["sources"],
        serde_json::json!(["a", "b"]),
        "{conflict:#}"
    );
    // Scores and fractions stay text.
    for value in ["3-2", "3/4", "1.2.3"] {
        assert_eq!(
            conflicts(
                "résultat",
                "",
                &[("a", "fr", "", value), ("b", "en", "en-US", value)]
            ),
            0,
            "{value}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Lists of people
// ---------------------------------------------------------------------------------------------

#[test]
fn an_author_list_suggests_the_fullest_list_and_reads_html_entities() {
    // tests/corpora/engine/names-authors: eight publications, their author lists written in
    // full, as the first author alone, `et al.`, with initials, and copied from web pages with
    // HTML entities; gold.json gives each one's right suggestions and whether its lists conflict.
    let root = corpus("names-authors");
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("gold.json")).unwrap()).unwrap();
    let json = report_at(&root).json;
    let publications = gold["publications"].as_object().unwrap();
    let mut wrong = Vec::new();
    for (subject, expected) in publications {
        let fact = group(&json, subject, "auteurs");
        let suggested = fact["suggestion"]["text"].as_str().unwrap();
        let right: Vec<&str> = expected["right"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        if !right.contains(&suggested) {
            wrong.push(format!("{subject}: suggests {suggested:?}"));
        }
        let conflict = fact["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f.as_str().unwrap().starts_with("value-conflict"));
        if conflict != expected["conflict"].as_bool().unwrap() {
            wrong.push(format!("{subject}: conflict {conflict}: {fact:#}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The partial lists and the entity-laden copies are one value with the fullest list.
    let glaciers = group(&json, "Atlas des glaciers", "auteurs");
    assert_eq!(
        glaciers["values"].as_array().unwrap().len(),
        1,
        "{glaciers:#}"
    );
    assert_eq!(group_sources(glaciers).len(), 5);
    // Two people sharing a surname stay two people; two lists that differ still conflict, and a
    // part of both stays its own value.
    assert!(has_finding(
        &json,
        "value-conflict",
        &["Marie Curie", "Pierre Curie"]
    ));
    let garonne = finding(&json, "value-conflict", &["Luc Girard", "Marc Girard"]);
    assert_eq!(variant_texts(garonne).len(), 3, "{garonne:#}");
}

/// Each relative wording concord reads, in French and in English, in an article of language
/// `language` published on `published`: the first and last day it covers, worked out by hand.
const RELATIVE_DATES: [(&str, &str, &str, &str, &str); 24] = [
    ("fr", "2025-03-01", "hier", "2025-02-28", "2025-02-28"),
    ("en", "2024-03-01", "yesterday", "2024-02-29", "2024-02-29"),
    ("fr", "2025-01-01", "hier", "2024-12-31", "2024-12-31"),
    ("en", "2025-01-01", "yesterday", "2024-12-31", "2024-12-31"),
    (
        "fr",
        "2025-03-01",
        "aujourd'hui",
        "2025-03-01",
        "2025-03-01",
    ),
    ("en", "2024-02-29", "today", "2024-02-29", "2024-02-29"),
    ("fr", "2024-12-31", "demain", "2025-01-01", "2025-01-01"),
    ("en", "2025-02-28", "tomorrow", "2025-03-01", "2025-03-01"),
    (
        "fr",
        "2025-03-03",
        "la semaine dernière",
        "2025-02-24",
        "2025-03-02",
    ),
    ("en", "2025-01-03", "last week", "2024-12-27", "2025-01-02"),
    (
        "fr",
        "2025-12-29",
        "la semaine prochaine",
        "2025-12-30",
        "2026-01-05",
    ),
    ("en", "2024-02-25", "next week", "2024-02-26", "2024-03-03"),
    ("fr", "2025-02-10", "ce mois-ci", "2025-02-01", "2025-02-28"),
    ("en", "2024-02", "this month", "2024-02-01", "2024-02-29"),
    (
        "fr",
        "2025-01-10",
        "le mois dernier",
        "2024-12-01",
        "2024-12-31",
    ),
    ("en", "2025-03", "last month", "2025-02-01", "2025-02-28"),
    (
        "fr",
        "2024-12-15",
        "le mois prochain",
        "2025-01-01",
        "2025-01-31",
    ),
    ("en", "2025-01-31", "next month", "2025-02-01", "2025-02-28"),
    (
        "fr",
        "2025-06-01",
        "cette année",
        "2025-01-01",
        "2025-12-31",
    ),
    ("en", "2025-06", "this year", "2025-01-01", "2025-12-31"),
    (
        "fr",
        "2025-01-01",
        "l'année dernière",
        "2024-01-01",
        "2024-12-31",
    ),
    ("en", "2025-12", "last year", "2024-01-01", "2024-12-31"),
    (
        "fr",
        "2024-12-31",
        "l'année prochaine",
        "2025-01-01",
        "2025-12-31",
    ),
    ("en", "2025-01-01", "next year", "2026-01-01", "2026-12-31"),
];

/// The day before and the day after an ISO date, by hand (enough for the dates above).
fn neighbours(iso: &str) -> (String, String) {
    let (y, m, d): (i32, u32, u32) = (
        iso[..4].parse().unwrap(),
        iso[5..7].parse().unwrap(),
        iso[8..].parse().unwrap(),
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let length = |m: u32| match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let before = match (m, d) {
        (1, 1) => format!("{}-12-31", y - 1),
        (_, 1) => format!("{y}-{:02}-{:02}", m - 1, length(m - 1)),
        _ => format!("{y}-{m:02}-{:02}", d - 1),
    };
    let after = match (m, d) {
        (12, 31) => format!("{}-01-01", y + 1),
        _ if d == length(m) => format!("{y}-{:02}-01", m + 1),
        _ => format!("{y}-{m:02}-{:02}", d + 1),
    };
    (before, after)
}

#[test]
fn every_relative_date_lands_on_its_days_in_french_and_english() {
    // One corpus: for each wording, four facts in which its article states the wording and
    // another source an ISO date: its first day, its last day (both agree), the day before the
    // first and the day after the last (both conflict).
    let mut files = vec![];
    let mut dates = String::from("source:\n  id: calendar\n  language: en\nclaims:\n");
    let mut expected_conflicts = BTreeSet::new();
    for (i, (language, published, wording, first, last)) in RELATIVE_DATES.iter().enumerate() {
        let (before, _) = neighbours(first);
        let (_, after) = neighbours(last);
        let mut claims = vec![];
        for (check, iso, conflicts) in [
            ("first", first.to_string(), false),
            ("last", last.to_string(), false),
            ("before", before, true),
            ("after", after, true),
        ] {
            let subject = format!("case {i} {check}");
            claims.push(format!(
                "{{subject: {subject}, property: date, value: \"{wording}\"}}"
            ));
            dates.push_str(&format!(
                "  - {{subject: {subject}, property: date, value: \"{iso}\"}}\n"
            ));
            if conflicts {
                expected_conflicts.insert(subject);
            }
        }
        let claims: Vec<&str> = claims.iter().map(String::as_str).collect();
        files.push(published_source(
            &format!("article-{i}"),
            language,
            published,
            &claims,
        ));
    }
    files.push(("facts/calendar.yaml".into(), dates));
    let dir = scratch(&files, "");
    let json = report_at(dir.path()).json;
    assert_eq!(
        json["groups"].as_array().unwrap().len(),
        RELATIVE_DATES.len() * 4,
        "each wording met its dates"
    );
    let conflicts: BTreeSet<String> = findings_with(&json, "value-conflict", &[])
        .iter()
        .map(|f| f["subject"].as_str().unwrap().to_string())
        .collect();
    let wrong: Vec<String> = expected_conflicts
        .symmetric_difference(&conflicts)
        .map(|subject| {
            let i: usize = subject.split(' ').nth(1).unwrap().parse().unwrap();
            let (language, published, wording, first, last) = RELATIVE_DATES[i];
            let verdict = if conflicts.contains(subject) {
                "conflicts but should not"
            } else {
                "should conflict but does not"
            };
            format!("{subject}: {wording:?} ({language}, published {published}, {first} to {last}) {verdict}")
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}\n{}", describe(&json));
}

#[test]
fn more_than_a_figure_agrees_with_any_larger_figure_and_conflicts_with_a_smaller_one() {
    // Two values of one figure, each from a source in its own language: do they conflict?
    let conflict = |(a_language, a): (&str, &str), (b_language, b): (&str, &str)| {
        let claim = |value: &str| {
            format!("{{subject: Huawei, property: puces vendues, value: \"{value}\"}}")
        };
        let dir = scratch(
            &[
                source("a", a_language, &[&claim(a)]),
                source("b", b_language, &[&claim(b)]),
            ],
            "",
        );
        has_finding(&report_at(dir.path()).json, "value-conflict", &[])
    };
    for (a, b) in [
        (("fr", "plus de 400 000"), ("fr", "1 000 000")),
        (("fr", "plus de 400 000"), ("fr", "2 millions")),
        (("fr", "plus de 400 000"), ("fr", "400 000")),
        (("en", "more than 400,000"), ("en", "1,000,000")),
        (("en", "more than 400,000"), ("en", "3 million")),
        (("fr", "plus de 400 000"), ("en", "1,000,000")),
        (("en", "more than 400,000"), ("fr", "1 000 000")),
        (("fr", "au moins 400 000"), ("fr", "5 000 000")),
        (("en", "at least 400,000"), ("en", "5,000,000")),
        (("fr", "moins de 400 000"), ("fr", "10 000")),
        (("en", "less than 400,000"), ("en", "10,000")),
    ] {
        assert!(!conflict(a, b), "{a:?} / {b:?} agree");
    }
    for (a, b) in [
        (("fr", "plus de 400 000"), ("fr", "300 000")),
        (("en", "more than 400,000"), ("en", "300,000")),
        (("fr", "plus de 400 000"), ("en", "399,000")),
        (("fr", "moins de 400 000"), ("fr", "1 000 000")),
        (("en", "less than 400,000"), ("en", "1,000,000")),
    ] {
        assert!(conflict(a, b), "{a:?} / {b:?} conflict");
    }
}

// ---------------------------------------------------------------------------------------------
// Qualifiers
// ---------------------------------------------------------------------------------------------

#[test]
fn a_qualifier_makes_another_fact_and_2024_quoted_or_not_is_one_qualifier() {
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

// ---------------------------------------------------------------------------------------------
// Quotations
// ---------------------------------------------------------------------------------------------

#[test]
fn one_remark_in_two_wordings_is_a_warning_quote_variant() {
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
    let strict = concord_json(
        "report",
        &corpus("quotes-reworded"),
        &["--no-baseline", "--fail-on", "warning"],
    );
    assert_eq!(strict.status, 1);
}

#[test]
fn a_remark_reworded_under_a_misspelt_speaker_is_one_quote_variant_of_its_two_wordings() {
    // Lutnick and Latnik (one person) say the same thing in two wordings; Lutnick also says
    // something else, and Huang says something close to the first remark.
    let registry = "properties:\n  - {id: said, name: a déclaré, kind: quote, multiple: true}\n";
    let dir = scratch(
        &[
            source(
                "a",
                "fr",
                &[
                    "{subject: Lutnick, property: a déclaré, value: \"Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs, ni même nos troisièmes meilleurs\", where: CNBC}",
                    "{subject: Lutnick, property: a déclaré, value: \"Les droits de douane resteront en place\"}",
                ],
            ),
            source(
                "b",
                "fr",
                &[
                    "{subject: Latnik, property: a déclaré, value: \"Nous ne leur vendons ni le meilleur, ni le deuxième meilleur, ni même le troisième. Seulement le quatrième\", where: CNBC}",
                    "{subject: Huang, property: a déclaré, value: \"Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs\"}",
                ],
            ),
        ],
        registry,
    );
    let json = report_at(dir.path()).json;
    let quotes = findings_with(&json, "quote-variant", &[]);
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(quotes[0]["severity"], "warning");
    let forms = variant_texts(quotes[0]);
    assert!(
        forms.iter().all(|f| f.starts_with("Nous ne leur vendons")) && forms.len() == 2,
        "{forms:?}"
    );
}

#[test]
fn a_remark_translated_in_other_words_or_quoted_in_part_is_one_remark_and_its_look_alikes_are_not()
{
    let run = report("quotes-retranslated");
    let json = &run.json;
    let quotes = findings_with(json, "quote-variant", &[]);
    // A re-translation (`ne cédera pas aux grévistes` / `ne cèdera pas face aux grévistes`) and
    // an excerpt (the first sentence of a two-sentence remark) are each one remark…
    finding(
        json,
        "quote-variant",
        &[
            "Le gouvernement ne cèdera pas face aux grévistes",
            "Le gouvernement ne cédera pas aux grévistes",
        ],
    );
    finding(
        json,
        "quote-variant",
        &[
            "Les ferries reprendront leur service vendredi.",
            "Les écoles resteront fermées",
        ],
    );
    // …while the same words with another figure, or without the negation, are other remarks.
    assert_eq!(quotes.len(), 2, "{}", describe(json));
    for quote in &quotes {
        let forms = variant_texts(quote);
        assert_eq!(forms.len(), 2, "{forms:?}");
        assert!(
            !forms
                .iter()
                .any(|f| f.contains("millions") || f.contains("si leurs")),
            "{forms:?}"
        );
        // Each finding explains its own pair, not the speaker's other remarks.
        let explain = quote["explain"].as_array().unwrap();
        assert_eq!(explain.len(), 1, "{explain:?}");
    }
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
// The baseline
// ---------------------------------------------------------------------------------------------

#[test]
fn a_reviewed_finding_does_not_fail_check_and_a_stale_entry_warns() {
    let root = corpus("baseline");
    let run = concord_json("check", &root, &[]);
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

    let unreviewed = concord_json("check", &root, &["--no-baseline"]);
    let found = finding(&unreviewed.json, "spelling-variant", &["Latnik", "Lutnick"]);
    assert_eq!(found["reviewed"], false);
    assert_eq!(unreviewed.status, 1);
}

// ---------------------------------------------------------------------------------------------
// Fingerprints
// ---------------------------------------------------------------------------------------------

#[test]
fn a_fingerprint_is_the_rule_and_the_fact_whatever_the_file_name_or_claim_order() {
    let claims: &[&str] = &[
        "{subject: Howard Latnik, property: fonction, value: ministre}",
        "{subject: Acme, property: revenue, value: 46 milliards}",
    ];
    let reversed: Vec<&str> = claims.iter().rev().copied().collect();
    let others: &[&str] = &[
        "{subject: Howard Lutnick, property: fonction, value: ministre}",
        "{subject: Acme, property: revenue, value: '4,6 milliards'}",
    ];
    let one = scratch(
        &[
            source("a", "fr", claims),
            source("b", "fr", others),
            source("c", "fr", others),
        ],
        "",
    );
    let two = scratch(
        &[
            source("a", "fr", &reversed),
            source("b", "fr", others),
            source("c", "fr", others),
        ],
        "",
    );
    std::fs::rename(
        two.path().join("facts/a.yaml"),
        two.path().join("facts/zz-renamed.yaml"),
    )
    .unwrap();
    let fingerprints = |root: &Path| {
        let mut prints = fingerprint_list(&report_at(root).json);
        prints.sort();
        prints
    };
    let first = fingerprints(one.path());
    assert_eq!(
        first,
        vec!["spelling-variant:lutnick", "value-conflict:acme/revenue"]
    );
    assert_eq!(first, fingerprints(one.path()), "the same across runs");
    assert_eq!(
        first,
        fingerprints(two.path()),
        "the same after renaming a file and reordering claims"
    );
}

#[test]
fn fingerprints_come_in_the_same_order_on_every_run() {
    let first = report("traps");
    let second = report("traps");
    assert!(
        fingerprint_list(&first.json).len() >= 5,
        "{}",
        describe(&first.json)
    );
    assert_eq!(
        fingerprint_list(&first.json),
        fingerprint_list(&second.json)
    );
}

#[test]
fn fingerprints_survive_renaming_moving_and_reordering_source_files() {
    let fingerprints =
        |json: &Value| -> BTreeSet<String> { fingerprint_list(json).into_iter().collect() };
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
    let run = common::concord(
        &[
            "report",
            path_arg(&corpus("traps")),
            "--no-baseline",
            "--format",
            "json",
        ],
        ".",
    );
    assert!(run.status < 2, "{}", run.stderr);
    let (passed, printed) =
        common::score_findings(&corpus("traps").join("gold.json"), run.stdout.as_bytes());
    assert!(passed, "{printed}");
}

// ---------------------------------------------------------------------------------------------
// Facts that should meet
// ---------------------------------------------------------------------------------------------

/// The report of a labelled story, `tests/labelled/alignment/NAME`.
fn story(name: &str) -> Report {
    report_at(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/labelled/alignment")
            .join(name),
    )
}

#[test]
fn a_property_worded_in_two_languages_is_suggested_with_the_conflict_it_hides() {
    let run = story("storm-cevennes");
    let found = finding(
        &run.json,
        "unaligned-fact",
        &["death toll", "bilan des morts"],
    );
    assert_eq!(found["severity"], "info");
    let alignment = &found["alignment"];
    assert_eq!(alignment["property_alias"], "death toll", "{alignment}");
    assert_eq!(alignment["property"], "bilan des morts", "{alignment}");
    assert!(alignment.get("subject_alias").is_none(), "{alignment}");
    // Five towns meet; one of them (4 dead or 5) conflicts.
    assert_eq!(alignment["pairs"].as_array().unwrap().len(), 5);
    assert_eq!(
        (alignment["agree"].as_u64(), alignment["conflict"].as_u64()),
        (Some(4), Some(1))
    );
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("4 agree, 1 conflict")
    );
    // Look-alikes: meeting and phoning one person, the number of dead and the number of injured.
    for forms in [
        ["a rencontré", "phoned"],
        ["bilan des morts", "nombre de blessés"],
    ] {
        assert!(
            !has_finding(&run.json, "unaligned-fact", &forms),
            "{forms:?}"
        );
    }
    // An information finding fails only --fail-on info.
    assert_eq!(run.status, 0, "{}", describe(&run.json));
}

#[test]
fn a_subject_described_rather_than_named_is_suggested_and_two_codes_never_are() {
    let run = story("battery-dunkirk");
    let found = finding(
        &run.json,
        "unaligned-fact",
        &[
            "usine de Dunkerque / cellule produite",
            "site de Dunkerque / modèle de cellule",
        ],
    );
    // Both the subject and the property differ; the code the plant makes is no coincidence.
    assert!(found["alignment"]["subject_alias"].is_string(), "{found}");
    assert!(found["alignment"]["property_alias"].is_string(), "{found}");
    // HX20 and HX200 are two cells; the revenue at risk is not the revenue.
    assert!(!has_finding(
        &run.json,
        "unaligned-fact",
        &["HX20", "HX200"]
    ));
    assert!(!has_finding(
        &run.json,
        "unaligned-fact",
        &["revenus menacés", "revenus en Europe"]
    ));
    // Nor does the qualified wording join the plain one's fact group.
    assert!(findings_with(&run.json, "value-conflict", &["600 millions"]).is_empty());
}

/// The report of a hand-made corpus of facts that should meet, `tests/corpora/alignment/NAME`.
fn alignment_corpus(name: &str) -> Report {
    report_at(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpora/alignment")
            .join(name),
    )
}

#[test]
fn two_wordings_of_one_subject_meet_and_subjects_of_two_places_or_two_names_do_not() {
    let run = alignment_corpus("subjects");
    // `hauts dirigeants` and `hauts responsables` are one group of Chinese officials.
    let officials = finding(
        &run.json,
        "unaligned-fact",
        &["hauts dirigeants chinois", "hauts responsables chinois"],
    );
    assert_eq!(officials["alignment"]["agree"], 1, "{officials}");
    // A third wording meets both: only a description meeting two names is ambiguous.
    for other in ["hauts dirigeants chinois", "hauts responsables chinois"] {
        finding(
            &run.json,
            "unaligned-fact",
            &["hauts leaders chinois", other],
        );
    }
    // The Korean officials who said the same are other officials, even though officials of no
    // country named meet both (and the Chinese wordings meet each other through them).
    assert!(!has_finding(
        &run.json,
        "unaligned-fact",
        &["coréens", "chinois"]
    ));
    finding(
        &run.json,
        "unaligned-fact",
        &["hauts responsables coréens", "hauts responsables"],
    );
    // A description meets the one name with its figure; with two names of one figure (240
    // sailors), it cannot tell which, and with another figure (14 routes, 9) it is no match.
    let carrier = finding(
        &run.json,
        "unaligned-fact",
        &["the Norwegian carrier / ferries in service", "Nordvik Line"],
    );
    assert_eq!(
        carrier["alignment"]["pairs"].as_array().map(Vec::len),
        Some(1)
    );
    no_alignment_between(
        &run.json,
        &[
            ["sailors employed", "sailors employed"],
            ["routes", "routes"],
        ],
    );
    assert!(findings_with(&run.json, "unaligned-fact", &["Baltic Link"]).is_empty());
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(8));
}

#[test]
fn a_month_or_a_minute_shared_across_languages_is_no_coincidence_unless_three_facts_share_it() {
    let run = alignment_corpus("dates");
    for forms in [
        ["retour des machines", "target for getting the mill running"],
        ["heure du départ de feu", "time the fire broke out"],
    ] {
        let found = finding(&run.json, "unaligned-fact", &forms);
        assert_eq!(found["alignment"]["agree"], 1, "{found}");
    }
    // Three facts of Tulle's plant give March 2026: the month says nothing about which are one.
    assert!(
        findings_with(&run.json, "unaligned-fact", &["Cartonnerie de Tulle"]).is_empty(),
        "{}",
        describe(&run.json)
    );
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(2));
}

#[test]
fn one_named_value_across_languages_meets_unless_the_wordings_contrast() {
    let run = alignment_corpus("named-values");
    let found = finding(
        &run.json,
        "unaligned-fact",
        &[
            "sous-traitant chargé de l'entretien",
            "maintenance contractor",
        ],
    );
    assert_eq!(found["alignment"]["agree"], 1, "{found}");
    // One person met and phoned: two facts; two subjects one paper reported: two subjects.
    assert!(!has_finding(
        &run.json,
        "unaligned-fact",
        &["a rencontré", "phoned"]
    ));
    assert!(!has_finding(
        &run.json,
        "unaligned-fact",
        &["baisse des commandes", "départ du directeur"]
    ));
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_figure_mistyped_a_description_standing_for_a_name_and_wordings_meeting_through_a_third() {
    let run = alignment_corpus("slips-and-thirds");
    // Across languages, one figure ten times the other is one cost mistyped: the facts would
    // conflict, which is the point of making them meet.
    let cost = finding(
        &run.json,
        "unaligned-fact",
        &["coût des travaux", "construction cost"],
    );
    assert_eq!(cost["alignment"]["agree"], 0, "{cost}");
    // A description stands for a name across languages when a telling figure says so, and it
    // is found though the two share no word (1 250 employees).
    finding(
        &run.json,
        "unaligned-fact",
        &["le gestionnaire de l'aéroport", "Vallon Airport Services"],
    );
    // Two English wordings that share no word, each aligned with the French one, meet.
    let third = finding(
        &run.json,
        "unaligned-fact",
        &["compensation", "payments to residents"],
    );
    assert_eq!(third["alignment"]["agree"], 1, "{third}");
    // Look-alikes: figures ten thousand times apart, small figures swapped, a slip within one
    // language between wordings that share nothing, a day shared by a description and a name
    // when the French article gives it for another fact too, and a small figure (23 %) that two
    // English wordings share through a French one.
    no_alignment_between(
        &run.json,
        &[
            ["passagers attendus", "parking spaces"],
            ["portes d'embarquement", "check-in desks"],
            ["rallonge votée par le conseil", "subvention régionale"],
            ["le chantier", "Vallon Airport Services"],
            ["conseil régional", "Vallon Airport Services"],
            ["stake", "undertaking to sell"],
        ],
    );
    // What the small figure does say across languages stands: `part du capital` with each.
    for english in ["stake", "undertaking to sell"] {
        finding(&run.json, "unaligned-fact", &["part du capital", english]);
    }
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(7));
}

#[test]
fn a_figure_that_eight_facts_share_stands_for_none_of_them() {
    // A description in French meets an English name by a figure they share (1 250 employees),
    // until eight facts share it; the others are names written by the French source itself.
    let others = [
        ("Ryder Air", "passagers par heure"),
        ("Parkwell", "places de parking"),
        ("Orbis Lines", "sièges par semaine"),
        ("Baggio Handling", "bagages par heure"),
        ("Trolley Co", "chariots"),
        ("Skychef", "repas par jour"),
    ];
    let run = |others: &[(&str, &str)]| {
        let mut french = vec![
            "{subject: le gestionnaire de l'aéroport, property: salariés, value: 1 250}"
                .to_string(),
        ];
        french.extend(others.iter().map(|(name, property)| {
            format!("{{subject: {name}, property: {property}, value: 1 250}}")
        }));
        let french: Vec<&str> = french.iter().map(String::as_str).collect();
        let english = ["{subject: Vallon Airport Services, property: employees, value: \"1,250\"}"];
        let dir = scratch(
            &[
                source("depeche", "fr", &french),
                source("weekly", "en", &english),
            ],
            "",
        );
        report_at(dir.path()).json
    };
    let pair = ["le gestionnaire de l'aéroport", "Vallon Airport Services"];
    let seven = run(&others[..5]);
    finding(&seven, "unaligned-fact", &pair);
    let eight = run(&others);
    assert!(
        findings_with(&eight, "unaligned-fact", &[]).is_empty(),
        "{}",
        describe(&eight)
    );
}

#[test]
fn a_description_that_meets_two_names_across_languages_stands_for_neither() {
    let run = |english: &[&str]| {
        let french = ["{subject: le transporteur régional, property: passagers, value: 86 400}"];
        let dir = scratch(
            &[
                source("depeche", "fr", &french),
                source("weekly", "en", english),
            ],
            "",
        );
        report_at(dir.path()).json
    };
    let ryder = "{subject: Ryder Air, property: passengers, value: \"86,400\"}";
    let one = run(&[ryder]);
    finding(
        &one,
        "unaligned-fact",
        &["le transporteur régional", "Ryder Air"],
    );
    let orbis = "{subject: Orbis Lines, property: travellers carried, value: \"86,400\"}";
    let two = run(&[ryder, orbis]);
    assert!(
        findings_with(&two, "unaligned-fact", &[]).is_empty(),
        "{}",
        describe(&two)
    );
}

#[test]
fn values_that_pair_one_fact_with_one_other_and_no_rival_align_their_wordings() {
    let run = alignment_corpus("paired-values");
    // `abandons` / `did not finish`: 37 in each article, and no other 37 of the race in either.
    let dropped = finding(&run.json, "unaligned-fact", &["abandons", "did not finish"]);
    assert_eq!(dropped["alignment"]["agree"], 1, "{dropped}");
    assert!(
        dropped["explain"][0]
            .as_str()
            .is_some_and(|e| e.contains("no other fact of the subject")),
        "{dropped}"
    );
    // A day apart, and no other day of the race a day from either: one date, slipped.
    let start = finding(
        &run.json,
        "unaligned-fact",
        &["départ de la course", "race day"],
    );
    assert_eq!(start["alignment"]["conflict"], 1, "{start}");
    // Look-alikes: two French wordings give 6, so which is `aid stations` is a guess, as two
    // English wordings give 12; and two days apart are two events.
    no_alignment_between(
        &run.json,
        &[
            ["ravitaillements", "aid stations"],
            ["postes de secours", "aid stations"],
            ["meneurs d'allure", "balloon pacers"],
            ["meneurs d'allure", "drink stations"],
            ["clôture des inscriptions", "bib collection opens"],
        ],
    );
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_telling_day_told_of_two_subjects_and_of_no_rival_aligns_them() {
    let run = alignment_corpus("told-of-another-subject");
    // The verdict's day, under the case in one article and the trial in the other, and no
    // other fact of that day in either: one fact. The English day has no year and follows its
    // weekday; it is read against the article's publication.
    let verdict = finding(
        &run.json,
        "unaligned-fact",
        &["jugement rendu le", "verdict delivered"],
    );
    assert_eq!(verdict["alignment"]["agree"], 1, "{verdict}");
    assert!(
        verdict["explain"][0]
            .as_str()
            .is_some_and(|e| e.contains("nor any with this value")),
        "{verdict}"
    );
    // Look-alikes: the French article gives the trial's first day for two facts, so which is
    // `trial opened` is a guess; a small figure is no sign across subjects, nor one that only
    // its unit makes telling (3 years); and a name and a description alike in nothing (Jean
    // Ducros, the trial) are not one subject, whatever day they share.
    no_alignment_between(
        &run.json,
        &[
            ["ouverture du procès", "trial opened"],
            ["placé sous contrôle judiciaire le", "trial opened"],
            ["prévenus", "wards closed"],
            ["durée de l'enquête", "suspended sentence"],
            ["condamné le", "appeal deadline"],
        ],
    );
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(1));
}

#[test]
fn times_of_day_and_lengths_meet_as_written_in_each_language() {
    let run = alignment_corpus("times-and-measures");
    // `6 h 35` / `6.35am`, `46 mètres` / `46 m`, `2,10 m` / `210 cm`, and a day after its
    // weekday: each one fact, on which the two articles agree.
    for forms in [
        ["a quitté Quiberon à", "left Quiberon at"],
        ["longueur hors tout", "overall length"],
        ["tirant d'eau", "draught"],
        ["reprend du service", "back in service on"],
    ] {
        let found = finding(&run.json, "unaligned-fact", &forms);
        assert_eq!(found["alignment"]["agree"], 1, "{found}");
    }
    // Look-alikes: two other times of that morning worded like the departure (a scheduled
    // departure, the return), and 120 tonnes of freight beside a gangway of 120 m.
    no_alignment_between(
        &run.json,
        &[
            ["scheduled departure from Quiberon", "left Quiberon at"],
            ["docked back in Quiberon at", "left Quiberon at"],
            ["scheduled departure from Quiberon", "a quitté Quiberon à"],
            ["docked back in Quiberon at", "a quitté Quiberon à"],
            ["fret embarqué", "new gangway length"],
        ],
    );
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(4));
}

#[test]
fn one_fact_told_of_two_entities_is_suggested_for_restating_not_as_an_alias() {
    let run = alignment_corpus("two-entities");
    // The fee, told of the player in one article and of the club in the other, and no other
    // 12 million euros in either: one fact, but no alias can make a player a club.
    let fee = finding(
        &run.json,
        "unaligned-fact",
        &["indemnité de transfert", "fee paid for Karamba"],
    );
    let alignment = &fee["alignment"];
    assert_eq!(alignment["restate"], true, "{fee}");
    assert_eq!(alignment["agree"], 1, "{fee}");
    for field in ["subject_alias", "subject", "property_alias", "property"] {
        assert!(alignment.get(field).is_none(), "{field}: {fee}");
    }
    assert!(
        fee["message"]
            .as_str()
            .is_some_and(|m| m.contains("told of two entities")),
        "{fee}"
    );
    // The ground's capacity, told of the club and of the ground, which a fact of the club
    // names as its value.
    let capacity = finding(
        &run.json,
        "unaligned-fact",
        &["capacité de son stade", "Brennec Park / capacity"],
    );
    assert_eq!(capacity["alignment"]["restate"], true, "{capacity}");
    // Look-alikes: the French article gives 2 million euros for two facts, so which is the
    // club's `wage bill increase` is a guess; two clubs' attendances of the same figure, under
    // wordings that read as one, are a like fact of each; and so are two clubs' season tickets
    // under two wordings that agree club after club (which are one property: that is
    // suggested); and two clubs that nothing links, with the same telling figure, though each
    // wording holds a word of the other's name in lower case.
    no_alignment_between(
        &run.json,
        &[
            ["budget de la saison", "wage bill"],
            ["town grant", "grant from the city"],
            ["salaire annuel", "wage bill increase"],
            ["prime à la signature", "wage bill increase"],
            ["home games attendance", "attendance at home games"],
            ["Karr United", "Lanby City"],
        ],
    );
    finding(
        &run.json,
        "unaligned-fact",
        &["abonnés", "season-ticket holders"],
    );
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(3));
}

#[test]
fn a_qualified_wording_with_a_slip_and_no_rival_is_one_fact_in_conflict() {
    let run = alignment_corpus("qualified-slips");
    // One article qualifies the wording and writes ten times the fine, and neither gives
    // another value so related: one fact, in conflict, which is what making them meet is for.
    let slip = finding(
        &run.json,
        "unaligned-fact",
        &["amende", "amende infligée à la société"],
    );
    assert_eq!(slip["alignment"]["conflict"], 1, "{slip}");
    // Look-alikes: a slip that the other article's other figure rivals (1 400 staff, 140 on
    // permanent contracts, 1 400 temps), a qualified wording of another figure, and, within
    // one language, a day off and two digits swapped, which a qualifier may well explain.
    no_alignment_between(
        &run.json,
        &[
            ["salariés", "salariés en CDI"],
            ["chiffre d'affaires", "chiffre d'affaires à l'export"],
            ["fermeture du site", "fermeture définitive du site"],
            ["bénéfice en Chine", "bénéfice menacé en Chine"],
        ],
    );
    assert_eq!(run.json["findings"].as_array().map(Vec::len), Some(1));
}

#[test]
fn two_wordings_whose_values_differ_subject_after_subject_are_two_properties() {
    // `clients` and `employees` agree on one utility (130 100, beyond coincidence, across
    // languages) and differ on the three others: the one agreement is a coincidence.
    let run = alignment_corpus("instances-differ");
    assert!(
        findings_with(&run.json, "unaligned-fact", &["clients"]).is_empty(),
        "{}",
        describe(&run.json)
    );
}
