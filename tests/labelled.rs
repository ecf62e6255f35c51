//! Precision and recall of the rules against hand-labelled pairs (tests/labelled/): the part
//! the rules were tuned on, and the part kept aside while tuning, which measures them.
//!
//! `cargo test --test labelled -- --nocapture` prints the figures. Each test pins its counts
//! exactly, as a golden test pins an output: a change to a rule that moves one pair must be
//! meant, and its new figures written here and in docs/findings.md. Each also holds the floor
//! the rule must not fall below.

mod common;

use std::path::Path;

use concord_engine::matching::remarks::{Quotation, Remark, one_remark};
use concord_engine::normalise::date;
use concord_engine::normalise::quantity::Language;
use serde::Deserialize;

#[derive(Deserialize)]
struct RemarkPairs {
    pairs: Vec<RemarkPair>,
}

#[derive(Deserialize)]
struct RemarkPair {
    id: String,
    split: String,
    same: bool,
    language: String,
    a: Quoted,
    b: Quoted,
}

#[derive(Deserialize)]
struct Quoted {
    text: String,
    when: Option<String>,
    #[serde(rename = "where")]
    place: Option<String>,
}

impl Quoted {
    /// The quotation as the rule reads it, in the source language `language`.
    fn remark(&self, language: &str) -> Remark {
        Remark::new(&self.text, Language::from_code(language))
    }

    /// The quotation of `remark` (this one's) on its occasion.
    fn quotation<'r>(&self, remark: &'r Remark) -> Quotation<'r> {
        let when = self.when.as_deref().and_then(|w| date::parse(w, None));
        Quotation::new(remark, when, self.place.as_deref().unwrap_or(""))
    }
}

/// True and false positives and negatives.
#[derive(Debug, Default)]
struct Counts {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
    true_negative: usize,
}

impl Counts {
    fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.true_positive += 1,
            (false, true) => self.false_positive += 1,
            (true, false) => self.false_negative += 1,
            (false, false) => self.true_negative += 1,
        }
    }

    /// True positives, false positives, false negatives, true negatives.
    fn all(&self) -> [usize; 4] {
        [
            self.true_positive,
            self.false_positive,
            self.false_negative,
            self.true_negative,
        ]
    }

    fn precision(&self) -> f64 {
        let flagged = self.true_positive + self.false_positive;
        if flagged == 0 {
            1.0
        } else {
            self.true_positive as f64 / flagged as f64
        }
    }

    fn recall(&self) -> f64 {
        self.true_positive as f64 / (self.true_positive + self.false_negative).max(1) as f64
    }
}

/// Scores the remark rule on one split of tests/labelled/remarks.yaml, printing each error.
fn remark_counts(split: &str) -> Counts {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/labelled/remarks.yaml");
    let text = std::fs::read_to_string(&path).expect("tests/labelled/remarks.yaml");
    let pairs: RemarkPairs = serde_yaml::from_str(&text).expect("labelled remarks");
    let mut counts = Counts::default();
    for pair in pairs.pairs.iter().filter(|p| p.split == split) {
        let remarks = (pair.a.remark(&pair.language), pair.b.remark(&pair.language));
        let (a, b) = (pair.a.quotation(&remarks.0), pair.b.quotation(&remarks.1));
        let predicted = one_remark(&a, &b).is_some();
        if predicted != pair.same {
            eprintln!(
                "{} {}: {}",
                if pair.same {
                    "missed"
                } else {
                    "wrongly joined"
                },
                pair.id,
                split
            );
        }
        counts.add(pair.same, predicted);
    }
    eprintln!(
        "remarks, {split}: precision {:.2}, recall {:.2} ({counts:?})",
        counts.precision(),
        counts.recall()
    );
    counts
}

#[test]
fn remarks_tuned_on() {
    let counts = remark_counts("tune");
    assert!(counts.precision() >= 0.9, "{counts:?}");
    assert!(counts.recall() >= 0.6, "{counts:?}");
    assert_eq!(counts.all(), [18, 2, 12, 30], "the figures changed");
}

#[test]
fn remarks_held_aside() {
    // Measured after tuning on the other part (precision 1.00, recall 0.41); the rule it
    // replaced (word Dice of at least 0.45) had precision 0.55 and recall 0.55 here.
    let counts = remark_counts("held");
    assert!(counts.precision() >= 0.9, "{counts:?}");
    assert!(counts.recall() >= 0.4, "{counts:?}");
    assert_eq!(counts.all(), [9, 0, 13, 20], "the figures changed");
}

#[derive(Deserialize)]
struct AlignmentPairs {
    pairs: Vec<AlignmentPair>,
}

#[derive(Deserialize)]
struct AlignmentPair {
    id: String,
    split: String,
    same: bool,
    story: String,
    /// `<source-id>/<claim-id>`.
    a: String,
    b: String,
}

/// Where a claim of a labelled story stands: its file and line.
fn claim_line(story: &Path, claim: &str) -> (String, u64) {
    let (source, id) = claim.split_once('/').expect("<source-id>/<claim-id>");
    let file = format!("facts/{source}.yaml");
    let text = std::fs::read_to_string(story.join(&file)).expect("the source's file");
    let line = text
        .lines()
        .position(|l| l.contains(&format!("{{id: {id},")))
        .unwrap_or_else(|| panic!("no claim {claim} in {file}"));
    (file, line as u64 + 1)
}

/// Scores `unaligned-fact` on one split of the pairs.yaml of `folder` (under tests/labelled/):
/// a pair is suggested when one finding has both claims among its variants' places.
fn alignment_counts(folder: &str, split: &str) -> Counts {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/labelled")
        .join(folder);
    let text = std::fs::read_to_string(root.join("pairs.yaml")).expect("pairs.yaml");
    let pairs: AlignmentPairs = serde_yaml::from_str(&text).expect("labelled pairs");
    let mut findings: std::collections::HashMap<String, Vec<serde_json::Value>> =
        Default::default();
    let mut counts = Counts::default();
    for pair in pairs.pairs.iter().filter(|p| p.split == split) {
        let story = root.join(&pair.story);
        let found = findings.entry(pair.story.clone()).or_insert_with(|| {
            let run = common::concord(
                &[
                    "report",
                    story.to_str().unwrap(),
                    "--format",
                    "json",
                    "--no-baseline",
                ],
                ".",
            );
            assert!(run.status < 2, "{}", run.stderr);
            run.json()["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["code"] == "unaligned-fact")
                .cloned()
                .collect()
        });
        let (a, b) = (claim_line(&story, &pair.a), claim_line(&story, &pair.b));
        // The facts a finding would make meet: pairs of its variants.
        let at = |variant: &serde_json::Value, place: &(String, u64)| {
            variant["locations"].as_array().unwrap().iter().any(|l| {
                l["file"].as_str() == Some(place.0.as_str()) && l["line"].as_u64() == Some(place.1)
            })
        };
        let predicted = found.iter().any(|f| {
            let variants = f["variants"].as_array().unwrap();
            f["alignment"]["pairs"]
                .as_array()
                .unwrap()
                .iter()
                .any(|pair| {
                    let (x, y) = (
                        &variants[pair[0].as_u64().unwrap() as usize],
                        &variants[pair[1].as_u64().unwrap() as usize],
                    );
                    (at(x, &a) && at(y, &b)) || (at(x, &b) && at(y, &a))
                })
        });
        if predicted != pair.same {
            eprintln!(
                "{} {}: {split}",
                if pair.same {
                    "missed"
                } else {
                    "wrongly suggested"
                },
                pair.id
            );
        }
        counts.add(pair.same, predicted);
    }
    eprintln!(
        "alignment, {split}: precision {:.2}, recall {:.2} ({counts:?})",
        counts.precision(),
        counts.recall()
    );
    counts
}

#[test]
fn alignment_tuned_on() {
    let counts = alignment_counts("alignment", "tune");
    assert!(counts.precision() >= 0.9, "{counts:?}");
    assert!(counts.recall() >= 0.7, "{counts:?}");
    assert_eq!(counts.all(), [56, 1, 3, 51], "the figures changed");
}

#[test]
fn alignment_held_aside() {
    // Kept aside from the first tuning (precision 0.88, recall 0.56 then); its misses were
    // read in later rounds, so it is no longer unseen: see alignment_unseen and
    // alignment_third for that.
    let counts = alignment_counts("alignment", "held");
    assert!(counts.precision() >= 0.85, "{counts:?}");
    assert!(counts.recall() >= 0.55, "{counts:?}");
    assert_eq!(counts.all(), [39, 0, 2, 36], "the figures changed");
}

#[test]
fn alignment_fresh() {
    // Written by a hand that had not seen the rule, measured once (precision 0.89, recall 0.52
    // with the lexicon of the first set), then tuned on: its figures are no longer unseen.
    let counts = alignment_counts("alignment-fresh", "fresh");
    assert_eq!(counts.all(), [88, 3, 9, 88], "the figures changed");
}

#[test]
fn alignment_unseen() {
    // A second set, written by another hand after the rule was tuned on the three above, and
    // measured once, before any look at what the rule finds on it: [35, 1, 46, 67], precision
    // 0.97, recall 0.43. Never tuned on; the figures below follow the review's mends (stricter
    // same values, sibling contrasts, names kept out of the lexicon in subjects).
    // Since 2026-12-06 its misses have been read (a month or a time to the minute is telling;
    // one named value across languages), so it is tuned on now.
    let counts = alignment_counts("alignment-unseen", "unseen");
    assert_eq!(counts.all(), [63, 2, 18, 66], "the figures changed");
}

#[test]
fn alignment_third() {
    // A third set, by a third hand that had not seen the rule, measured once: [45, 1, 29, 62],
    // precision 0.98, recall 0.61. Its misses were read on 2026-12-06 (with alignment-unseen's),
    // so it is tuned on now.
    let counts = alignment_counts("alignment-third", "third");
    assert_eq!(counts.all(), [64, 0, 10, 63], "the figures changed");
}

#[test]
fn alignment_fourth() {
    // A fourth set (a corruption trial, a takeover bid), by a fourth hand that had not seen the
    // rule, measured once at c3a74e1 before any look at what the rule finds on it: precision
    // 0.94, recall 0.41. Its misses were read on 2026-12-07 (figures mistyped across
    // languages, a description standing for a name, wordings meeting through a third), so it
    // is tuned on now: [31, 2, 42, 70] before, precision 0.96 and recall 0.64 after.
    let counts = alignment_counts("alignment-fourth", "fourth");
    assert_eq!(counts.all(), [57, 2, 16, 70], "the figures changed");
}

#[test]
fn alignment_fifth() {
    // A fifth set (a museum theft, a rocket launch failure), by a fifth hand that had not seen
    // the rule, measured once at 0f86ab3 before any look at what the rule finds on it:
    // precision 0.92, recall 0.42 ([33, 3, 46, 63]). Never tuned on: the changes of 2026-12-07,
    // chosen on the fourth set's misses, took it to precision 0.93, recall 0.52; those of a later
    // round that day (values paired with no rival within one subject, dates a day apart, `28 M€`),
    // chosen on the other sets' misses, to precision 0.95, recall 0.67; those of 2026-12-07's
    // fourth round (a weekday before a day, a day without its year, a telling day or figure
    // told of two subjects not alike, or of two entities), chosen on the fourth and unseen
    // sets' misses, to 0.95, 0.71; two entities then required to be linked (found at a
    // million generated claims), 0.95, 0.70. Only these totals were read, never its pairs.
    let counts = alignment_counts("alignment-fifth", "fifth");
    assert_eq!(counts.all(), [55, 3, 24, 63], "the figures changed");
}

#[test]
fn alignment_sixth() {
    // A sixth set (a ferry collision, a cycling doping case), by a sixth hand that had not seen
    // the rule, measured once at 6a27cad before any look at what the rule finds on it:
    // precision 0.92, recall 0.57 (the rule of f3a0739, before values paired with no rival,
    // gives 0.94 and 0.42 on it). Never tuned on; only these totals were read, and its two
    // wrong pairs that times of day read as such brought (two times of one morning: 0.89),
    // which led to the veto on two times that differ: 0.93 and 0.64.
    let counts = alignment_counts("alignment-sixth", "sixth");
    assert_eq!(counts.all(), [51, 4, 29, 61], "the figures changed");
}

#[test]
fn alignment_seventh() {
    // A seventh set (a road bridge closed after cracks are found, a salmonella outbreak at a
    // school canteen), by a seventh hand that had not seen the rule, measured once at adfd2dc
    // before any look at what the rule finds on it (the rule of fb2ab8d, before the fourth
    // round of 2026-12-07, gives 1.00 and 0.45). After a review's mends that day (a day
    // without its year read as either of two, slips under a qualifier and subjects not alike
    // held to more), 1.00 and 0.54. Tuned on since the fifth round (2026-12-07, with the
    // eighth): its misses showed lengths in metres and times of day not read: 1.00 and 0.60.
    let counts = alignment_counts("alignment-seventh", "seventh");
    assert_eq!(counts.all(), [48, 0, 32, 67], "the figures changed");
}

#[test]
fn alignment_eighth() {
    // An eighth set (an avalanche closing a valley road, a research-fraud inquiry), by an eighth
    // hand that had not seen the rule, measured once at 66e1ba5 before any look at what the
    // rule finds on it: precision 0.96, recall 0.64 (the rule of fb2ab8d, before the fourth
    // round of 2026-12-07, gives 0.94 and 0.41). After a review's mends that day (a day
    // without its year read as either of two, slips under a qualifier and subjects not alike
    // held to more), 0.98 and 0.62; a first version of the first mend, read as either day even
    // for alignment, gave 0.98 and 0.55, and was changed before the others were made, on the
    // tuned sets' figures. Tuned on since the fifth round (2026-12-07, with the seventh): its
    // misses showed `450m` read as a million, times of day as `2.26pm` and a day said with its
    // hour not read: 0.98 and 0.70. A review then took back the day with its hour (it merged
    // `when` qualifiers of two hours) and `450m` as metres (in English, `1.5m` written onto
    // the figure is a million): 0.98 and 0.68.
    let counts = alignment_counts("alignment-eighth", "eighth");
    assert_eq!(counts.all(), [54, 1, 26, 65], "the figures changed");
}

#[test]
fn alignment_ninth() {
    // A ninth set (a chemical plant fire and its toxic cloud, a lottery jackpot won with a
    // ticket logged after the draw), by a ninth hand that had not seen the rule, written at
    // 15c6d4c and measured once at 244b508, after the fifth round (measures, times of day, a
    // day with its hour), before any look at what the rule finds on it: precision 0.97, recall
    // 0.76. The rule of 15c6d4c, before that round, gives 0.97 and 0.71 on it; that of
    // fb2ab8d, before the fourth, 0.98 and 0.54. After the review's mends the same day (no
    // day read past its hour, `1.5m` a million in English, a bare figure compared with a
    // measure as written), chosen on the review's cases, not on this set: 0.97 and 0.74.
    // Never tuned on; only these totals were read.
    let counts = alignment_counts("alignment-ninth", "ninth");
    assert_eq!(counts.all(), [61, 2, 21, 64], "the figures changed");
}
