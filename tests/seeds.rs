//! The repository's own corpus (the five seed articles and their facts): what a user running
//! concord on it is promised (issues 2 and 3): it loads, its genuine variants are found and its
//! look-alikes left alone (scored against `tests/seeds.gold.json`), the gate passes with the
//! baseline, and a broken copy gets located errors.

mod common;

use std::path::Path;

use common::{Run, concord_no_color, copy_dir, path_arg, repository};
use serde_json::Value;

/// `concord ARGS… ROOT`, with `NO_COLOR=1`: the text report is read as a person reads it.
fn concord_at(args: &[&str], root: &Path) -> Run {
    let mut all = args.to_vec();
    all.push(path_arg(root));
    concord_no_color(&all, ".")
}

/// The JSON document of `concord ARGS… ROOT`, which must not fail on its input.
fn report_json(args: &[&str], root: &Path) -> Value {
    let run = concord_at(args, root);
    assert!(
        run.status == 0 || run.status == 1,
        "exit {}: {}",
        run.status,
        run.stderr
    );
    run.json()
}

/// `concord report --no-baseline --format json` on the seeds.
fn seeds_report() -> Value {
    report_json(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    )
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings")
}

fn variant_texts(finding: &Value) -> Vec<&str> {
    finding["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect()
}

/// The exact texts of a finding's variants, sorted.
fn sorted_variant_texts(finding: &Value) -> Vec<&str> {
    let mut texts = variant_texts(finding);
    texts.sort_unstable();
    texts
}

/// The finding of `code` whose variants are exactly `forms`, in any order: each text matched
/// whole (`H20` is not `H200`), none missing and none more.
fn finding_with<'a>(report: &'a Value, code: &str, forms: &[&str]) -> Option<&'a Value> {
    let mut forms = forms.to_vec();
    forms.sort_unstable();
    let found: Vec<&Value> = findings(report)
        .iter()
        .filter(|f| f["code"] == code && sorted_variant_texts(f) == forms)
        .collect();
    assert!(found.len() <= 1, "two {code} findings of {forms:?}");
    found.first().copied()
}

/// The CNBC remark, in the two French translations the seeds give it.
const REMARK: [&str; 2] = [
    "Nous ne leur vendons ni le meilleur, ni le deuxième meilleur, ni même le troisième. Seulement le quatrième",
    "Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs, ni même nos troisièmes meilleurs",
];

/// The four findings of the seeds, as the README lists them: code, severity, the exact forms,
/// and the suggested form.
const SEEDS_FINDINGS: [(&str, &str, [&str; 2], &str); 4] = [
    ("case-variant", "info", ["NVIDIA", "Nvidia"], "Nvidia"),
    ("confusable-variant", "error", ["H20", "H2O"], "H20"),
    ("quote-variant", "warning", REMARK, REMARK[1]),
    (
        "spelling-variant",
        "error",
        ["Latnik", "Lutnick"],
        "Lutnick",
    ),
];

#[test]
fn finding_with_matches_whole_forms_not_prefixes() {
    let report: Value = serde_json::json!({"findings": [
        {"code": "confusable-variant", "variants": [{"text": "H200"}, {"text": "H2O"}]},
        {"code": "spelling-variant", "variants": [{"text": "Lutnick"}, {"text": "Latnik"}, {"text": "Lutnik"}]},
    ]});
    assert!(finding_with(&report, "confusable-variant", &["H20", "H2O"]).is_none());
    assert!(finding_with(&report, "confusable-variant", &["H2O", "H200"]).is_some());
    assert!(finding_with(&report, "spelling-variant", &["Latnik", "Lutnick"]).is_none());
    assert!(
        finding_with(
            &report,
            "spelling-variant",
            &["Latnik", "Lutnick", "Lutnik"]
        )
        .is_some()
    );
}

#[test]
fn the_seeds_have_exactly_112_claims_and_exactly_their_four_findings() {
    let report = seeds_report();
    let summary = &report["summary"];
    assert_eq!(
        (&summary["sources"], &summary["claims"], &summary["facts"]),
        (&Value::from(5), &Value::from(112), &Value::from(86)),
        "{summary}"
    );
    let mut found: Vec<(&str, &str, Vec<&str>, &str)> = findings(&report)
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                sorted_variant_texts(f),
                f["suggestion"]["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    found.sort();
    let expected: Vec<(&str, &str, Vec<&str>, &str)> = SEEDS_FINDINGS
        .iter()
        .map(|(code, severity, forms, suggestion)| {
            let mut forms = forms.to_vec();
            forms.sort_unstable();
            (*code, *severity, forms, *suggestion)
        })
        .collect();
    assert_eq!(found, expected);
    assert_eq!(
        summary["findings"],
        serde_json::json!({"error": 2, "warning": 1, "info": 1})
    );
}

#[test]
fn the_seeds_baseline_has_exactly_four_entries_and_reviews_exactly_the_four_findings() {
    let report = report_json(&["check", "--format", "json"], &repository());
    assert_eq!(report["summary"]["reviewed"], 4, "{}", report["summary"]);
    assert_eq!(findings(&report).len(), 4);
    for (code, _, forms, _) in SEEDS_FINDINGS {
        let finding =
            finding_with(&report, code, &forms).unwrap_or_else(|| panic!("{code} {forms:?}"));
        assert_eq!(finding["reviewed"], true, "{code} {forms:?}");
    }
    // The baseline file: four entries, one per finding, each with its exact forms.
    let text = std::fs::read_to_string(repository().join("facts/reviewed.yaml")).unwrap();
    let baseline: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let mut entries: Vec<(String, Vec<String>)> = baseline["reviewed"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| {
            let mut forms: Vec<String> = e["forms"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect();
            forms.sort();
            (e["code"].as_str().unwrap().to_string(), forms)
        })
        .collect();
    entries.sort();
    let expected: Vec<(String, Vec<String>)> = [
        ("case-variant", vec!["NVIDIA", "Nvidia"]),
        ("confusable-variant", vec!["H20", "H2O"]),
        (
            "quote-variant",
            vec![
                "Nous ne leur vendons ni le meilleur",
                "Nous ne leur vendons pas nos meilleurs produits",
            ],
        ),
        ("spelling-variant", vec!["Latnik", "Lutnick"]),
    ]
    .into_iter()
    .map(|(code, forms)| {
        (
            code.to_string(),
            forms.into_iter().map(String::from).collect(),
        )
    })
    .collect();
    assert_eq!(entries, expected);
}

#[test]
fn the_corpus_loads_with_every_evidence_found() {
    let report = seeds_report();
    assert_eq!(report["summary"]["claims"], 112, "{}", report["summary"]);
    assert_eq!(report["summary"]["sources"], 5);
    let missing: Vec<_> = findings(&report)
        .iter()
        .filter(|f| f["code"] == "evidence-missing")
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn the_seeds_genuine_variants_are_found_with_their_severity_and_suggestion() {
    let report = seeds_report();

    let lutnick = finding_with(&report, "spelling-variant", &["Latnik", "Lutnick"])
        .expect("Latnik / Lutnick");
    assert_eq!(lutnick["suggestion"]["text"], "Lutnick");
    assert_eq!(lutnick["severity"], "error");

    let chip = finding_with(&report, "confusable-variant", &["H2O", "H20"]).expect("H2O / H20");
    assert_eq!(chip["suggestion"]["text"], "H20");

    let remark = finding_with(&report, "quote-variant", &REMARK)
        .expect("the CNBC remark in two translations");
    let sources: Vec<&str> = remark["variants"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| {
            v["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
        })
        .collect();
    assert!(
        sources.contains(&"cryptopolitan") && sources.contains(&"gate"),
        "{sources:?}"
    );
    assert_eq!(remark["severity"], "warning");

    let case =
        finding_with(&report, "case-variant", &["NVIDIA", "Nvidia"]).expect("NVIDIA / Nvidia");
    assert_eq!(case["severity"], "info");
}

#[test]
fn the_seeds_look_alikes_like_h20_and_h200_are_never_put_together() {
    let report = seeds_report();
    let traps = [
        ("H20", "H200"),
        ("H20", "H100"),
        ("H100", "H200"),
        ("A100", "H100"),
        ("B100", "B200"),
        ("GB200", "B200"),
        ("Huang", "Jensen Huang"),
        (
            "Secrétaire au Commerce des États-Unis",
            "secrétaire américain au Commerce",
        ),
        (
            "Secrétaire au Commerce des États-Unis",
            "ministre du Commerce",
        ),
        ("secrétaire américain au Commerce", "ministre du Commerce"),
    ];
    for finding in findings(&report).iter().filter(|f| f["severity"] != "info") {
        let texts = variant_texts(finding);
        for (a, b) in traps {
            assert!(
                !(texts.contains(&a) && texts.contains(&b)),
                "{} puts {a} and {b} together: {texts:?}",
                finding["code"]
            );
        }
    }
}

#[test]
fn the_seeds_report_scores_clean_against_seeds_gold_json() {
    let run = concord_at(
        &["report", "--no-baseline", "--format", "json"],
        &repository(),
    );
    let (passed, printed) = common::score_findings(
        &repository().join("tests/seeds.gold.json"),
        run.stdout.as_bytes(),
    );
    assert!(passed, "{printed}");
}

#[test]
fn the_gate_passes_with_the_baseline_and_fails_without() {
    let run = concord_at(&["check"], &repository());
    assert_eq!(run.status, 0, "{}", run.output());
    assert_eq!(
        concord_at(&["check", "--no-baseline"], &repository()).status,
        1
    );
    let report = report_json(&["check", "--format", "json"], &repository());
    assert!(
        report.get("warnings").is_none(),
        "no stale baseline entry: {}",
        report["warnings"]
    );
    let reviewed = findings(&report)
        .iter()
        .filter(|f| f["reviewed"] == true)
        .count();
    assert_eq!(reviewed, 4, "the seeds' four genuine findings are reviewed");
}

#[test]
fn the_text_report_shows_the_reworded_quotation_as_a_word_diff() {
    let stdout = concord_at(&["report", "--no-baseline"], &repository()).stdout;
    let diff_line = stdout
        .lines()
        .find(|l| l.contains("diff:") && l.contains("vendons"))
        .expect("a diff line for the CNBC remark");
    assert!(
        diff_line.contains("[-") && diff_line.contains("{+"),
        "{diff_line}"
    );
    assert!(stdout.contains("warning[quote-variant]"));
}

#[test]
fn report_lists_groups_and_source_reliability() {
    let report = seeds_report();
    let groups = report["groups"].as_array().expect("groups");
    assert_eq!(
        groups.len() as u64,
        report["summary"]["facts"].as_u64().unwrap()
    );
    let sources = report["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 5);
    for source in sources {
        let reliability = source["reliability"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&reliability), "{source}");
    }
    // The role claims of three articles, worded three ways, are one value of one fact.
    let role = groups
        .iter()
        .find(|g| {
            g["subject"] == "Howard Lutnick"
                && g["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v["sources"].as_array().unwrap().len() >= 3)
        })
        .expect("Lutnick's role, corroborated by three sources");
    assert_eq!(role["values"].as_array().unwrap().len(), 1, "{role}");
}

/// The sources whose claims a fact group holds, sorted.
fn group_sources(group: &Value) -> Vec<&str> {
    let mut sources: Vec<&str> = group["values"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["sources"].as_array().unwrap())
        .map(|s| s.as_str().unwrap())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    sources
}

#[test]
fn the_facts_the_articles_share_meet_in_one_group_each() {
    let report = seeds_report();
    let groups = report["groups"].as_array().expect("groups");
    let shared: Vec<&Value> = groups
        .iter()
        .filter(|g| group_sources(g).len() >= 2)
        .collect();
    assert_eq!(shared.len(), 16, "{shared:#?}");
    // Every shared fact agrees: one value stated by two sources or more.
    assert_eq!(
        report["summary"]["corroborated"], 16,
        "{}",
        report["summary"]
    );

    let group = |subject: &str, property: &str| {
        groups
            .iter()
            .find(|g| g["subject"] == subject && g["property"] == property)
            .unwrap_or_else(|| panic!("no fact {subject} / {property}"))
    };
    // Worded differently by the articles, met through the registry's aliases.
    for (subject, property, sources) in [
        (
            "hauts responsables chinois",
            "jugent les remarques de Lutnick",
            &["cryptopolitan", "journaldugeek"][..],
        ),
        ("Jensen Huang", "visite", &["businessam", "cryptopolitan"]),
        (
            "Chine",
            "capacités de production accrues",
            &["cryptopolitan", "journaldugeek"],
        ),
        (
            "puces nationales",
            "fournisseur",
            &["article-004", "cryptopolitan", "journaldugeek"],
        ),
    ] {
        assert_eq!(
            group_sources(group(subject, property)),
            sources,
            "{subject} / {property}"
        );
    }
    // The order cuts: journaldugeek's look-alike H2O is one value with cryptopolitan's H20 (the
    // confusable-variant finding still reports it).
    let orders = group(
        "entreprises chinoises",
        "ont réduit leurs commandes de puces",
    );
    assert_eq!(orders["values"].as_array().unwrap().len(), 1, "{orders}");
    assert_eq!(group_sources(orders), ["cryptopolitan", "journaldugeek"]);
    // The quotation gate files after "a ajouté le ministre du Commerce" is Lutnick's.
    let said = group("Howard Lutnick", "a déclaré");
    assert!(
        said["values"].as_array().unwrap().iter().any(|v| v["text"]
            .as_str()
            .unwrap()
            .starts_with("Il faut vendre aux Chinois")),
        "{said}"
    );
}

/// Copies the corpus into a scratch folder for a test to break.
fn scratch_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["facts", "seeds"] {
        copy_dir(&repository().join(folder), &dir.path().join(folder));
    }
    dir
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_broken_copy_of_the_seeds_gets_a_located_error() {
    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/gate.yaml",
        "source:\n",
        "source:\n  outlett: Gate\n",
    );
    let run = concord_at(&["check"], copy.path());
    assert_eq!(run.status, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("facts/gate.yaml:2:3") && run.stderr.contains("did you mean `outlet`"),
        "{}",
        run.stderr
    );

    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/registry.yaml",
        "aliases: [Lutnick",
        "aliases: Lutnick\n    other: [x",
    );
    let run = concord_at(&["check"], copy.path());
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("facts/registry.yaml:") && run.stderr.contains("must be a list"),
        "{}",
        run.stderr
    );

    let copy = scratch_copy();
    edit(
        copy.path(),
        "facts/cryptopolitan.yaml",
        "article: seeds/000_",
        "article: seeds/999_",
    );
    let run = concord_at(&["check"], copy.path());
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("facts/cryptopolitan.yaml:") && run.stderr.contains("does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_changed_evidence_is_an_evidence_missing_finding() {
    let copy = scratch_copy();
    let text = std::fs::read_to_string(copy.path().join("facts/cryptopolitan.yaml")).unwrap();
    let start = text.find("evidence: ").expect("an evidence") + "evidence: ".len();
    let line_end = start + text[start..].find('\n').unwrap();
    let evidence = &text[start..line_end];
    let changed = evidence.replacen(|c: char| c.is_alphabetic(), "Z", 1);
    std::fs::write(
        copy.path().join("facts/cryptopolitan.yaml"),
        text.replacen(evidence, &changed, 1),
    )
    .unwrap();
    let report = report_json(&["check", "--format", "json"], copy.path());
    assert_eq!(concord_at(&["check"], copy.path()).status, 1);
    let missing = findings(&report)
        .iter()
        .find(|f| f["code"] == "evidence-missing")
        .expect("evidence-missing");
    assert_eq!(
        missing["variants"][0]["locations"][0]["file"],
        "facts/cryptopolitan.yaml"
    );
}
