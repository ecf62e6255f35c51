//! Reconciliation on small hand-made French and English corpora: each rule that flags a
//! variant or a conflict, and the look-alikes it must not flag.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// A scratch corpus of source files, each `(id, language, published, claims in YAML flow style)`.
fn corpus(sources: &[(&str, &str, &str, &[&str])], registry: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("facts")).unwrap();
    for (id, language, published, claims) in sources {
        let mut text = format!("source:\n  id: {id}\n  language: {language}\n");
        if !published.is_empty() {
            text.push_str(&format!("  published: {published}\n"));
        }
        text.push_str("claims:\n");
        for claim in *claims {
            text.push_str(&format!("  - {claim}\n"));
        }
        std::fs::write(dir.path().join(format!("facts/{id}.yaml")), text).unwrap();
    }
    if !registry.is_empty() {
        std::fs::write(dir.path().join("facts/registry.yaml"), registry).unwrap();
    }
    dir
}

fn report(root: &Path) -> (i32, Value) {
    let output = Command::cargo_bin("concord")
        .unwrap()
        .args(["report", "--format", "json", "--no-baseline"])
        .arg(root)
        .output()
        .unwrap();
    let status = output.status.code().unwrap();
    assert!(status < 2, "{}", String::from_utf8_lossy(&output.stderr));
    (status, serde_json::from_slice(&output.stdout).unwrap())
}

fn findings<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

fn texts(finding: &Value) -> Vec<&str> {
    finding["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect()
}

/// Two values of one figure from a French and an English source: do they conflict?
fn conflicts(french: &str, english: &str) -> bool {
    let dir = corpus(
        &[
            (
                "fr",
                "fr",
                "",
                &[&format!(
                    "{{subject: Acme, property: revenue, value: \"{french}\"}}"
                )],
            ),
            (
                "en",
                "en",
                "",
                &[&format!(
                    "{{subject: Acme, property: revenue, value: \"{english}\"}}"
                )],
            ),
        ],
        "",
    );
    !findings(&report(dir.path()).1, "value-conflict").is_empty()
}

#[test]
fn figures_written_in_french_and_english_agree() {
    for (french, english) in [
        ("1,5 million", "1.5 million"),
        ("1 500 000", "1.5 million"),
        ("1\u{a0}500\u{a0}000", "1,500,000"),
        ("12 milliards de dollars", "$12 billion"),
        ("plus de 400 000", "420,000"),
        ("plus de 40 000 salariés", "more than 42,000 people"),
        ("deux millions", "2 million"),
    ] {
        assert!(!conflicts(french, english), "{french} / {english}");
    }
}

#[test]
fn figures_that_cannot_both_hold_conflict() {
    for (french, english) in [
        ("un billion", "one billion"),
        ("plus de 400 000", "300,000"),
        ("46 milliards", "4.6 billion"),
        ("12 milliards de dollars", "12 billion euros"),
        ("moins de 100", "150"),
    ] {
        assert!(conflicts(french, english), "{french} / {english}");
    }
}

#[test]
fn a_registered_tolerance_widens_agreement() {
    let registry =
        "properties:\n  - {id: revenue, name: revenue, kind: quantity, tolerance: 0.05}\n";
    let close = corpus(
        &[
            (
                "a",
                "en",
                "",
                &["{subject: Acme, property: revenue, value: '100'}"],
            ),
            (
                "b",
                "en",
                "",
                &["{subject: Acme, property: revenue, value: '104'}"],
            ),
        ],
        registry,
    );
    assert!(findings(&report(close.path()).1, "value-conflict").is_empty());
    let far = corpus(
        &[
            (
                "a",
                "en",
                "",
                &["{subject: Acme, property: revenue, value: '100'}"],
            ),
            (
                "b",
                "en",
                "",
                &["{subject: Acme, property: revenue, value: '120'}"],
            ),
        ],
        registry,
    );
    assert_eq!(findings(&report(far.path()).1, "value-conflict").len(), 1);
}

#[test]
fn the_majority_backed_value_is_suggested() {
    let dir = corpus(
        &[
            (
                "a",
                "fr",
                "",
                &["{subject: Acme, property: salariés, value: 46 milliards}"],
            ),
            (
                "b",
                "fr",
                "",
                &["{subject: Acme, property: salariés, value: 46 milliards}"],
            ),
            (
                "c",
                "en",
                "",
                &["{subject: Acme, property: salariés, value: 46 billion}"],
            ),
            (
                "d",
                "fr",
                "",
                &["{subject: Acme, property: salariés, value: '4,6 milliards'}"],
            ),
        ],
        "",
    );
    let (status, report) = report(dir.path());
    assert_eq!(status, 1);
    let conflict = findings(&report, "value-conflict")[0];
    assert_eq!(conflict["suggestion"]["text"], "46 milliards");
    assert!(conflict["suggestion"]["confidence"].as_f64().unwrap() > 0.5);
}

#[test]
fn dates_in_every_form_agree_and_different_days_conflict() {
    let launch = |id: &'static str,
                  language: &'static str,
                  published: &'static str,
                  value: &str|
     -> (String, &'static str, &'static str, String) {
        (
            id.to_string(),
            language,
            published,
            format!("{{subject: Acme, property: date de lancement, value: \"{value}\"}}"),
        )
    };
    let check = |values: &[(&'static str, &'static str, &'static str, &str)]| {
        let owned: Vec<_> = values
            .iter()
            .map(|(id, l, p, v)| launch(id, l, p, v))
            .collect();
        let claims: Vec<[&str; 1]> = owned.iter().map(|(_, _, _, c)| [c.as_str()]).collect();
        let sources: Vec<(&str, &str, &str, &[&str])> = owned
            .iter()
            .zip(&claims)
            .map(|((id, l, p, _), c)| (id.as_str(), *l, *p, c.as_slice()))
            .collect();
        let dir = corpus(&sources, "");
        findings(&report(dir.path()).1, "value-conflict").len()
    };
    assert_eq!(
        check(&[
            ("a", "fr", "", "15 janvier 2025"),
            ("b", "en", "", "January 15, 2025"),
            ("c", "en", "", "2025-01-15")
        ]),
        0
    );
    assert_eq!(
        check(&[
            ("a", "fr", "", "T4 2024"),
            ("b", "en", "", "Q4 2024"),
            ("c", "fr", "", "quatrième trimestre 2024")
        ]),
        0
    );
    assert_eq!(
        check(&[
            ("a", "fr", "2025-08", "le mois dernier"),
            ("b", "fr", "", "juillet 2025")
        ]),
        0
    );
    assert_eq!(
        check(&[
            ("a", "fr", "2025-08", "le mois dernier"),
            ("b", "fr", "", "mars 2025")
        ]),
        1
    );
    assert_eq!(
        check(&[
            ("a", "fr", "", "15 janvier 2025"),
            ("b", "en", "", "January 16, 2025")
        ]),
        1
    );
}

#[test]
fn qualifiers_make_different_facts_and_empty_values_never_conflict() {
    let dir = corpus(
        &[
            (
                "a",
                "fr",
                "",
                &[
                    "{subject: Acme, property: revenus, value: 12 milliards, when: 2024}",
                    "{subject: Acme, property: effectif, value: N/A}",
                ],
            ),
            (
                "b",
                "fr",
                "",
                &[
                    "{subject: Acme, property: revenus, value: 15 milliards, when: 2025}",
                    "{subject: Acme, property: effectif, value: '300'}",
                ],
            ),
            (
                "c",
                "en",
                "",
                &[
                    "{subject: Acme, property: revenus, value: 12 billion, when: \"2024\"}",
                    "{subject: Acme, property: effectif, value: Not Available}",
                ],
            ),
            (
                "d",
                "fr",
                "",
                &[
                    "{subject: Acme, property: effectif, value: non communiqué}",
                    "{subject: Acme, property: effectif, value: ''}",
                ],
            ),
        ],
        "",
    );
    let (status, report) = report(dir.path());
    assert_eq!(status, 0, "{:#?}", report["findings"]);
    let revenue_2024 = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["property"] == "revenus" && g["when"] == "2024")
        .unwrap();
    assert_eq!(
        revenue_2024["values"].as_array().unwrap().len(),
        1,
        "when: 2024 and when: \"2024\" are one fact"
    );
}

#[test]
fn a_multiple_property_never_conflicts() {
    let registry =
        "properties:\n  - {id: uses, name: utilise la puce, kind: entity, multiple: true}\n";
    let dir = corpus(
        &[
            (
                "a",
                "fr",
                "",
                &["{subject: ByteDance, property: utilise la puce, value: H20}"],
            ),
            (
                "b",
                "fr",
                "",
                &["{subject: ByteDance, property: utilise la puce, value: Ascend 910B}"],
            ),
        ],
        registry,
    );
    assert_eq!(report(dir.path()).0, 0);
}

const PEOPLE: &str = "entities:\n  - {id: howard-lutnick, name: Howard Lutnick, kind: person, aliases: [Lutnick]}\n  - {id: zhang-wei, name: Zhang Wei, kind: person}\n  - {id: zhang-wen, name: Zhang Wen, kind: person}\n  - {id: jensen-huang, name: Jensen Huang, kind: person, aliases: [Huang]}\n";

#[test]
fn misspelled_names_are_found_with_or_without_a_registry() {
    let sources: &[(&str, &str, &str, &[&str])] = &[
        (
            "a",
            "fr",
            "",
            &["{subject: Howard Lutnick, property: fonction, value: ministre}"],
        ),
        (
            "b",
            "en",
            "",
            &["{subject: Lutnick, property: role, value: secretary}"],
        ),
        (
            "c",
            "fr",
            "",
            &["{subject: Howard Latnik, property: fonction, value: ministre}"],
        ),
    ];
    for registry in [PEOPLE, ""] {
        let dir = corpus(sources, registry);
        let (_, report) = report(dir.path());
        let spelling = findings(&report, "spelling-variant");
        assert_eq!(
            spelling.len(),
            1,
            "registry {registry:?}: {:#?}",
            report["findings"]
        );
        assert_eq!(spelling[0]["suggestion"]["text"], "Lutnick");
        assert!(texts(spelling[0]).contains(&"Latnik"));
    }
}

#[test]
fn accents_and_case_are_an_info_not_an_error() {
    let dir = corpus(
        &[
            (
                "a",
                "fr",
                "",
                &["{subject: François Bayrou, property: fonction, value: Premier ministre}"],
            ),
            (
                "b",
                "en",
                "",
                &["{subject: Francois Bayrou, property: fonction, value: Premier ministre}"],
            ),
        ],
        "",
    );
    let (status, report) = report(dir.path());
    assert_eq!(status, 0);
    let case = findings(&report, "case-variant");
    assert_eq!(case.len(), 1);
    assert_eq!(case[0]["severity"], "info");
}

#[test]
fn short_forms_and_registered_near_homonyms_are_not_variants() {
    let sources: &[(&str, &str, &str, &[&str])] = &[
        (
            "a",
            "fr",
            "",
            &[
                "{subject: Huang, property: voyage, value: Chine}",
                "{subject: Zhang Wei, property: fonction, value: ingénieur}",
            ],
        ),
        (
            "b",
            "en",
            "",
            &[
                "{subject: Jensen Huang, property: trip, value: China}",
                "{subject: Zhang Wen, property: fonction, value: ingénieur}",
            ],
        ),
    ];
    for registry in [PEOPLE, ""] {
        let dir = corpus(sources, registry);
        let (_, report) = report(dir.path());
        let serious: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "info")
            .collect();
        assert!(serious.is_empty(), "registry {registry:?}: {serious:#?}");
    }
}

#[test]
fn look_alike_codes_are_found_and_different_codes_kept_apart() {
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
    let dir = corpus(
        &[
            ("a", "en", "", &claims),
            (
                "b",
                "fr",
                "",
                &[
                    "{subject: H2O, property: fabricant, value: Acme}",
                    "{subject: \"\u{41d}20\", property: fabricant, value: Acme}",
                ],
            ),
        ],
        "",
    );
    let (_, report) = report(dir.path());
    let confusable = findings(&report, "confusable-variant");
    assert_eq!(confusable.len(), 1, "{:#?}", report["findings"]);
    let forms = texts(confusable[0]);
    assert!(
        forms.contains(&"H20") && forms.contains(&"H2O") && forms.contains(&"\u{41d}20"),
        "{forms:?}"
    );
    assert_eq!(confusable[0]["suggestion"]["text"], "H20");
    for finding in report["findings"].as_array().unwrap() {
        let forms = texts(finding);
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

#[test]
fn one_remark_in_two_wordings_is_a_quote_variant() {
    let registry = "properties:\n  - {id: said, name: a déclaré, kind: quote, multiple: true}\n";
    let dir = corpus(
        &[
            (
                "a",
                "fr",
                "",
                &[
                    "{subject: Lutnick, property: a déclaré, value: \"Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs, ni même nos troisièmes meilleurs\", where: CNBC}",
                    "{subject: Lutnick, property: a déclaré, value: \"Les droits de douane resteront en place\"}",
                ],
            ),
            (
                "b",
                "fr",
                "",
                &[
                    "{subject: Latnik, property: a déclaré, value: \"Nous ne leur vendons ni le meilleur, ni le deuxième meilleur, ni même le troisième. Seulement le quatrième\", where: CNBC}",
                    "{subject: Huang, property: a déclaré, value: \"Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs\"}",
                ],
            ),
        ],
        registry,
    );
    let (_, report) = report(dir.path());
    let quotes = findings(&report, "quote-variant");
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(quotes[0]["severity"], "warning");
    let forms = texts(quotes[0]);
    assert!(
        forms.iter().all(|f| f.starts_with("Nous ne leur vendons")) && forms.len() == 2,
        "{forms:?}"
    );
}

#[test]
fn fingerprints_do_not_depend_on_file_names_or_claim_order() {
    let claims: &[&str] = &[
        "{subject: Howard Latnik, property: fonction, value: ministre}",
        "{subject: Acme, property: revenue, value: 46 milliards}",
    ];
    let reversed: Vec<&str> = claims.iter().rev().copied().collect();
    let others: &[&str] = &[
        "{subject: Howard Lutnick, property: fonction, value: ministre}",
        "{subject: Acme, property: revenue, value: '4,6 milliards'}",
    ];
    let one = corpus(
        &[
            ("a", "fr", "", claims),
            ("b", "fr", "", others),
            ("c", "fr", "", others),
        ],
        "",
    );
    let two = corpus(
        &[
            ("a", "fr", "", &reversed),
            ("b", "fr", "", others),
            ("c", "fr", "", others),
        ],
        "",
    );
    std::fs::rename(
        two.path().join("facts/a.yaml"),
        two.path().join("facts/zz-renamed.yaml"),
    )
    .unwrap();
    let fingerprints = |root: &Path| {
        let (_, report) = report(root);
        let mut prints: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
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
fn a_name_in_two_languages_is_a_translation_not_a_misspelling() {
    let dir = corpus(
        &[
            (
                "a",
                "fr",
                "",
                &["{subject: Chine, property: population, value: '1,4 milliard'}"],
            ),
            (
                "b",
                "en",
                "",
                &["{subject: China, property: population, value: 1.4 billion}"],
            ),
        ],
        "",
    );
    let (status, translated) = report(dir.path());
    assert_eq!(status, 0, "{:#?}", translated["findings"]);
    // In one language, the same two spellings are a misspelling.
    let dir = corpus(
        &[
            (
                "a",
                "fr",
                "",
                &["{subject: Chine, property: population, value: '1,4 milliard'}"],
            ),
            (
                "b",
                "fr",
                "",
                &["{subject: Chine, property: capitale, value: Pékin}"],
            ),
            (
                "c",
                "fr",
                "",
                &["{subject: China, property: population, value: '1,4 milliard'}"],
            ),
        ],
        "",
    );
    let (_, report) = report(dir.path());
    assert_eq!(
        findings(&report, "spelling-variant")[0]["suggestion"]["text"],
        "Chine"
    );
}
