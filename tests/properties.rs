//! Properties that must hold for any input: folding is idempotent, a figure or a date written
//! in French and in English normalises alike, and findings do not depend on how the corpus is
//! laid out (file names, file order, claim order, indentation).

use std::collections::BTreeSet;
use std::path::Path;

use concord_engine::model::PartialDate;
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
        memo: None,
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

// ---------------------------------------------------------------------------------------------
// Figures and dates against an independent oracle: the expected number or day is computed here
// by plain arithmetic, never with the parser or the calendar under test.
// ---------------------------------------------------------------------------------------------

/// Every scale word, in the language it is read in, and the power of ten it stands for:
/// French `billion` is 10^12 and `trillion` 10^18 (the long scale), English `billion` 10^9 and
/// `trillion` 10^12.
const SCALE_WORDS: [(&str, Language, u32); 18] = [
    ("mille", Language::French, 3),
    ("million", Language::French, 6),
    ("millions", Language::French, 6),
    ("milliard", Language::French, 9),
    ("milliards", Language::French, 9),
    ("billion", Language::French, 12),
    ("billions", Language::French, 12),
    ("trillion", Language::French, 18),
    ("trillions", Language::French, 18),
    ("thousand", Language::English, 3),
    ("million", Language::English, 6),
    ("millions", Language::English, 6),
    ("billion", Language::English, 9),
    ("billions", Language::English, 9),
    ("trillion", Language::English, 12),
    ("trillions", Language::English, 12),
    ("milliard", Language::English, 9),
    ("milliards", Language::English, 9),
];

/// True when `a` and `b` are equal up to the rounding of floating point.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The oracle's number of days from 1970-01-01 to `year-month-day`, counted year by year and
/// month by month (years from 1970 on).
fn oracle_day(year: i32, month: u8, day: u8) -> i64 {
    assert!(year >= 1970);
    let mut days: i64 = (1970..year).map(|y| 365 + i64::from(oracle_leap(y))).sum();
    days += (1..month)
        .map(|m| i64::from(oracle_month_length(year, m)))
        .sum::<i64>();
    days + i64::from(day) - 1
}

fn oracle_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn oracle_month_length(year: i32, month: u8) -> u8 {
    match month {
        2 if oracle_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The month `offset` months after `year-month`.
fn oracle_shift_month(year: i32, month: u8, offset: i32) -> (i32, u8) {
    let (mut year, mut month, mut offset) = (year, i32::from(month), offset);
    while offset > 0 {
        month += 1;
        if month == 13 {
            (year, month) = (year + 1, 1);
        }
        offset -= 1;
    }
    while offset < 0 {
        month -= 1;
        if month == 0 {
            (year, month) = (year - 1, 12);
        }
        offset += 1;
    }
    (year, month as u8)
}

/// The days of a whole month.
fn oracle_month(year: i32, month: u8) -> (i64, i64) {
    (
        oracle_day(year, month, 1),
        oracle_day(year, month, oracle_month_length(year, month)),
    )
}

/// The days of a whole year.
fn oracle_year(year: i32) -> (i64, i64) {
    (oracle_day(year, 1, 1), oracle_day(year, 12, 31))
}

/// Each relative wording concord reads, in French and in English, and the days it covers in an
/// article published on `year-month-day` (`None`: published on some day of the month only).
fn relative_wordings(year: i32, month: u8, day: Option<u8>) -> Vec<(&'static str, (i64, i64))> {
    let month_by = |offset| {
        let (y, m) = oracle_shift_month(year, month, offset);
        oracle_month(y, m)
    };
    let mut cases = vec![
        ("cette année", oracle_year(year)),
        ("this year", oracle_year(year)),
        ("l'année en cours", oracle_year(year)),
        ("l'année dernière", oracle_year(year - 1)),
        ("l'an dernier", oracle_year(year - 1)),
        ("l'année passée", oracle_year(year - 1)),
        ("last year", oracle_year(year - 1)),
        ("l'année prochaine", oracle_year(year + 1)),
        ("next year", oracle_year(year + 1)),
        ("ce mois-ci", month_by(0)),
        ("le mois en cours", month_by(0)),
        ("this month", month_by(0)),
        ("le mois dernier", month_by(-1)),
        ("le mois passé", month_by(-1)),
        ("last month", month_by(-1)),
        ("le mois prochain", month_by(1)),
        ("next month", month_by(1)),
    ];
    if let Some(day) = day {
        let today = oracle_day(year, month, day);
        cases.extend([
            ("hier", (today - 1, today - 1)),
            ("yesterday", (today - 1, today - 1)),
            ("aujourd'hui", (today, today)),
            ("today", (today, today)),
            ("demain", (today + 1, today + 1)),
            ("tomorrow", (today + 1, today + 1)),
            ("la semaine dernière", (today - 7, today - 1)),
            ("la semaine passée", (today - 7, today - 1)),
            ("last week", (today - 7, today - 1)),
            ("la semaine prochaine", (today + 1, today + 7)),
            ("next week", (today + 1, today + 7)),
        ]);
    }
    cases
}

/// A day of `year-month`: the first (`0`), the last (`99`), or `pick` (at most the last).
fn day_of(year: i32, month: u8, pick: u8) -> u8 {
    let last = oracle_month_length(year, month);
    match pick {
        0 => 1,
        99 => last,
        _ => pick.min(last),
    }
}

fn days_of(moment: Option<Moment>) -> Option<(i64, i64)> {
    match moment? {
        Moment::Days { first, last } => Some((first, last)),
        // A numeric date read both ways is no written date's reading.
        Moment::TimeOfDay { .. } | Moment::EitherDay { .. } => None,
    }
}

/// Picks month ends, month starts and any day, as often as each other.
fn day_pick() -> impl Strategy<Value = u8> {
    prop_oneof![Just(0u8), Just(99u8), 1u8..=31]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_scale_word_multiplies_by_its_power_of_ten(
        n in 1u64..1000,
        tenths in prop::option::of(0u64..10),
        word in prop::sample::select(SCALE_WORDS.to_vec()),
    ) {
        let (word, language, power) = word;
        let figure = match (tenths, language) {
            (None, _) => n.to_string(),
            (Some(t), Language::French) => format!("{n},{t}"),
            (Some(t), Language::English) => format!("{n}.{t}"),
        };
        let text = format!("{figure} {word}");
        let parsed = quantity::parse(&text, Some(language), None)
            .unwrap_or_else(|| panic!("{text} reads as a figure"));
        // The oracle, in whole numbers: the figure in tenths, the scale as a power of ten.
        let tenths_value = n * 10 + tenths.unwrap_or(0);
        let scale = 10u128.pow(power);
        let step = if tenths.is_some() { 1 } else { 10 }; // in tenths
        let low = (u128::from(tenths_value) * 2 - step) * scale / 20;
        let high = (u128::from(tenths_value) * 2 + step) * scale / 20;
        prop_assert!(close(parsed.low, low as f64) && close(parsed.high, high as f64),
            "{}: {:?}, expected {} to {}", text, parsed, low, high);
        prop_assert_eq!(parsed.unit, None);
    }

    #[test]
    fn french_billion_is_a_thousand_english_billions(n in 1u64..1000) {
        let fr = |text: String| quantity::parse(&text, Some(Language::French), None).unwrap();
        let en = |text: String| quantity::parse(&text, Some(Language::English), None).unwrap();
        let same = |french: &str, english: &str| {
            fr(format!("{n} {french}")).same_value(&en(format!("{n} {english}")))
        };
        prop_assert!(same("milliards", "billion"), "{} milliards", n);
        prop_assert!(same("billions", "trillion"), "{} billions", n);
        prop_assert!(same("mille", "thousand"), "{} mille", n);
        let french_billions = fr(format!("{n} billions"));
        prop_assert!(!french_billions.agrees_with(&en(format!("{n} billion")), 0.0), "{} billions", n);
    }

    #[test]
    fn more_than_agrees_with_every_figure_above_and_less_than_with_every_figure_below(
        n in 1u64..10_000_000,
        m in 1u64..10_000_000,
        english in any::<bool>(),
    ) {
        let (language, more, less, separator) = if english {
            (Language::English, "more than", "less than", ",")
        } else {
            (Language::French, "plus de", "moins de", " ")
        };
        let figure = |x: u64| grouped(x, separator);
        let read = |text: String| quantity::parse(&text, Some(language), None).unwrap();
        let other = read(figure(m));
        // Whole figures stand for m ± 0.5: `more than n` holds for m ≥ n, `less than n` for m ≤ n.
        prop_assert_eq!(read(format!("{more} {}", figure(n))).agrees_with(&other, 0.0), m >= n,
            "{} {} / {}", more, n, m);
        prop_assert_eq!(read(format!("{less} {}", figure(n))).agrees_with(&other, 0.0), m <= n,
            "{} {} / {}", less, n, m);
    }

    #[test]
    fn dates_up_to_the_last_day_of_each_month_land_on_their_day(
        year in 1970i32..2100,
        month in 1u8..=12,
        pick in day_pick(),
    ) {
        let day = day_of(year, month, pick);
        let expected = Some((oracle_day(year, month, day), oracle_day(year, month, day)));
        let m = usize::from(month) - 1;
        for text in [
            format!("{day} {} {year}", FRENCH_MONTHS[m]),
            format!("{} {day}, {year}", ENGLISH_MONTHS[m]),
            format!("{year:04}-{month:02}-{day:02}"),
        ] {
            prop_assert_eq!(days_of(date::parse(&text, None)), expected, "{}", text);
        }
        // The month and the day after its last are what the oracle says.
        let whole = Some(oracle_month(year, month));
        prop_assert_eq!(days_of(date::parse(&format!("{} {year}", FRENCH_MONTHS[m]), None)), whole);
        prop_assert_eq!(days_of(date::parse(&format!("{} {year}", ENGLISH_MONTHS[m]), None)), whole);
        let after_last = oracle_month_length(year, month) + 1;
        prop_assert_eq!(date::parse(&format!("{after_last} {} {year}", FRENCH_MONTHS[m]), None), None);
    }

    #[test]
    fn relative_dates_land_where_they_should_across_month_and_year_ends(
        year in 1971i32..2099,
        month in prop_oneof![Just(1u8), Just(12u8), 1u8..=12],
        pick in day_pick(),
    ) {
        let day = day_of(year, month, pick);
        let published = PartialDate { year, month: Some(month), day: Some(day) };
        for (wording, expected) in relative_wordings(year, month, Some(day)) {
            prop_assert_eq!(days_of(date::parse(wording, Some(published))), Some(expected),
                "{} published {}-{:02}-{:02}", wording, year, month, day);
        }
        // Published in a month, the day unknown: the month and year wordings still land.
        let published = PartialDate { year, month: Some(month), day: None };
        for (wording, expected) in relative_wordings(year, month, None) {
            prop_assert_eq!(days_of(date::parse(wording, Some(published))), Some(expected),
                "{} published {}-{:02}", wording, year, month);
        }
    }
}

#[test]
fn the_date_oracle_agrees_with_known_days() {
    // The oracle itself, checked on days anyone can look up.
    assert_eq!(oracle_day(1970, 1, 1), 0);
    assert_eq!(oracle_day(2000, 3, 1), 11_017);
    assert_eq!(oracle_day(2024, 12, 31) - oracle_day(2024, 1, 1), 365);
    assert_eq!(oracle_day(2025, 3, 1) - oracle_day(2025, 2, 28), 1);
    assert_eq!(oracle_day(2024, 3, 1) - oracle_day(2024, 2, 28), 2);
    assert_eq!(oracle_shift_month(2024, 12, 1), (2025, 1));
    assert_eq!(oracle_shift_month(2025, 1, -1), (2024, 12));
}

#[test]
fn relative_dates_in_both_languages_on_a_few_days_worked_out_by_hand() {
    // The examples of docs/findings.md and the month and year ends, written out by hand.
    let on = |y, m, d| {
        Some(PartialDate {
            year: y,
            month: Some(m),
            day: Some(d),
        })
    };
    let days = |text: &str, published| days_of(date::parse(text, published));
    let day = |y, m, d| {
        let n = oracle_day(y, m, d);
        Some((n, n))
    };
    assert_eq!(days("yesterday", on(2025, 8, 3)), day(2025, 8, 2));
    assert_eq!(days("hier", on(2025, 3, 1)), day(2025, 2, 28));
    assert_eq!(days("yesterday", on(2024, 3, 1)), day(2024, 2, 29));
    assert_eq!(days("hier", on(2025, 1, 1)), day(2024, 12, 31));
    assert_eq!(days("demain", on(2024, 12, 31)), day(2025, 1, 1));
    assert_eq!(days("tomorrow", on(2025, 2, 28)), day(2025, 3, 1));
    let august = PartialDate {
        year: 2025,
        month: Some(8),
        day: None,
    };
    assert_eq!(
        days("le mois dernier", Some(august)),
        Some(oracle_month(2025, 7))
    );
    assert_eq!(
        days("le mois prochain", Some(august)),
        Some(oracle_month(2025, 9))
    );
    assert_eq!(
        days("next month", Some(august)),
        Some(oracle_month(2025, 9))
    );
    assert_eq!(
        days("le mois prochain", on(2024, 12, 31)),
        Some(oracle_month(2025, 1))
    );
    assert_eq!(
        days("next month", on(2025, 1, 31)),
        Some(oracle_month(2025, 2))
    );
    assert_eq!(
        days("last month", on(2025, 1, 1)),
        Some(oracle_month(2024, 12))
    );
    assert_eq!(days("cette année", Some(august)), Some(oracle_year(2025)));
    assert_eq!(
        days("last week", on(2025, 3, 3)),
        Some((oracle_day(2025, 2, 24), oracle_day(2025, 3, 2)))
    );
    // Without a publication date a relative wording cannot be placed.
    assert_eq!(date::parse("hier", None), None);
    assert_eq!(date::parse("next month", None), None);
}
