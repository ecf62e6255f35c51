//! Properties that must hold for any input: folding is idempotent, a figure or a date written
//! in French and in English normalises alike, and findings do not depend on how the corpus is
//! laid out (file names, file order, claim order, indentation).

use std::collections::BTreeSet;
use std::path::Path;

use concord_engine::normalise::date::{self, Moment};
use concord_engine::normalise::quantity::{self, Language};
use concord_engine::normalise::text::{fold_evidence, fold_key};
use proptest::prelude::*;

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Digits grouped by three with `separator`.
fn grouped(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn folding_is_idempotent(text in "\\PC{0,40}") {
        let key = fold_key(&text);
        prop_assert_eq!(fold_key(&key), key.clone());
        let evidence = fold_evidence(&text);
        prop_assert_eq!(fold_evidence(&evidence), evidence.clone());
    }

    #[test]
    fn whole_numbers_read_alike_in_french_and_english(n in 1000u64..10_000_000_000, space in prop::sample::select(vec![" ", "\u{a0}", "\u{202f}"])) {
        let french = quantity::parse(&grouped(n, space), Some(Language::French), None).unwrap();
        let english = quantity::parse(&grouped(n, ","), Some(Language::English), None).unwrap();
        prop_assert_eq!(french, english);
    }

    #[test]
    fn decimal_millions_read_alike(whole in 1u32..999, tenth in 0u32..10) {
        let french = quantity::parse(&format!("{whole},{tenth} millions"), Some(Language::French), None).unwrap();
        let english = quantity::parse(&format!("{whole}.{tenth} million"), Some(Language::English), None).unwrap();
        prop_assert!((french.low - english.low).abs() < 1e-6 && (french.high - english.high).abs() < 1e-6);
    }

    #[test]
    fn dates_read_alike_in_french_english_and_iso(year in 1900i32..2100, month in 1usize..=12, day in 1u8..=28) {
        let french = date::parse(&format!("{day} {} {year}", FRENCH_MONTHS[month - 1]), None);
        let english = date::parse(&format!("{} {day}, {year}", ENGLISH_MONTHS[month - 1]), None);
        let iso = date::parse(&format!("{year:04}-{month:02}-{day:02}"), None);
        let one_day = matches!(iso, Some(Moment::Days { first, last }) if first == last);
        prop_assert!(one_day, "{:?}", iso);
        prop_assert_eq!(french, iso);
        prop_assert_eq!(english, iso);
    }
}

/// The fingerprints of `concord check` on a corpus root.
fn fingerprints(root: &Path) -> BTreeSet<String> {
    let loaded = concord::load::load(root);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let options = concord_engine::Options {
        baseline: concord_engine::Baseline::Ignore,
        full_report: true,
    };
    concord_engine::analyse(&loaded.corpus, &options, &())
        .findings
        .into_iter()
        .map(|f| f.fingerprint)
        .collect()
}

/// A copy of the repository's corpus with its files renamed (by `names`), its claims in another
/// order (by `order`), and its YAML indented by `indent` more spaces.
fn rearranged_copy(names: &[u32], order: u64, indent: usize) -> tempfile::TempDir {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("facts/nested")).unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    for entry in std::fs::read_dir(repository.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("seeds").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    let mut files: Vec<_> = std::fs::read_dir(repository.join("facts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (i, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let text = reorder_claims(&text, order);
        let pad = " ".repeat(indent);
        let text: String = text
            .lines()
            .map(|l| {
                if l.starts_with("  ") {
                    format!("{pad}{l}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        let folder = if names[i % names.len()].is_multiple_of(2) {
            "facts"
        } else {
            "facts/nested"
        };
        std::fs::write(
            dir.path()
                .join(folder)
                .join(format!("f{}-{i}.yaml", names[i % names.len()])),
            text,
        )
        .unwrap();
    }
    dir
}

/// Rotates the list items under `claims:` by `order` places.
fn reorder_claims(text: &str, order: u64) -> String {
    let Some(start) = text.find("\nclaims:\n") else {
        return text.to_string();
    };
    let (head, body) = text.split_at(start + "\nclaims:\n".len());
    let mut items: Vec<String> = Vec::new();
    for line in body.lines() {
        if line.starts_with("  - ") || items.is_empty() {
            items.push(String::new());
        }
        items.last_mut().unwrap().push_str(line);
        items.last_mut().unwrap().push('\n');
    }
    if items.is_empty() {
        return text.to_string();
    }
    let shift = (order as usize) % items.len();
    items.rotate_left(shift);
    format!("{head}{}", items.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn findings_do_not_depend_on_layout(names in prop::collection::vec(0u32..1000, 7), order in 0u64..1000, indent in 0usize..4) {
        let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
        let copy = rearranged_copy(&names, order, indent);
        prop_assert_eq!(fingerprints(copy.path()), fingerprints(repository));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn a_corpus_diffed_with_a_rearranged_copy_of_itself_is_empty(names in prop::collection::vec(0u32..1000, 7), order in 0u64..1000, indent in 0usize..4) {
        let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
        let copy = rearranged_copy(&names, order, indent);
        let (old, new) = (concord::load::load(repository), concord::load::load(copy.path()));
        let diff = concord::commands::diff::compare(&old.corpus, &new.corpus, true);
        prop_assert!(diff.added.is_empty() && diff.removed.is_empty() && diff.changed.is_empty());
        prop_assert!(diff.introduced.is_empty() && diff.resolved.is_empty());
    }
}
