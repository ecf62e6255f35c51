//! `value-unsupported`: a claim's value must be what its own evidence says. The value is read by
//! the normaliser of its kind and looked for in the evidence: a figure of the evidence that
//! reads the same interval and unit, a date that reads the same day, month or period (relative
//! dates against the source's `published`), the name or code itself or, for a value that is a
//! registered name, alias or short form, another name of that entity (folded: case and accents;
//! a look-alike or misspelling of a registered name is supported by itself only), a quotation
//! folded-contained in it.
//! Values of kind `text` and `names`, and claims without evidence, are not checked.

use std::collections::HashMap;

use rayon::prelude::*;

use super::claim_key;
use super::values::Normals;
use crate::finding::{Finding, FindingCode, Variant};
use crate::matching::{EntityOf, Relation};
use crate::model::{Claim, Corpus, Source};
use crate::normalise::quantity::{self, Language, Quantity, units_agree};
use crate::normalise::text::fold_key;
use crate::normalise::value::Normal;
use crate::normalise::{date, date::Moment};

/// Every claim whose value its evidence does not carry (sources in parallel).
pub fn check(corpus: &Corpus, normals: &Normals, entity_of: &EntityOf) -> Vec<Finding> {
    let names = RegisteredNames::of(corpus, entity_of);
    corpus
        .sources
        .par_iter()
        .zip(normals)
        .flat_map_iter(|(source, normals)| {
            source
                .claims
                .iter()
                .zip(normals)
                .filter_map(|(claim, normal)| {
                    let evidence = claim.evidence.as_ref()?;
                    let reading = Reading::of(&evidence.value, source, claim, normal, &names)?;
                    (!reading.supported).then(|| unsupported(source, claim, reading))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The names of each registered entity (its name and aliases), folded, by entity key; and how
/// each name the corpus writes was tied to its entity.
struct RegisteredNames<'a> {
    by_key: HashMap<String, Vec<String>>,
    entity_of: &'a EntityOf,
}

impl<'a> RegisteredNames<'a> {
    fn of(corpus: &Corpus, entity_of: &'a EntityOf) -> Self {
        let by_key = corpus
            .registry
            .entities
            .iter()
            .map(|e| {
                let names = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| fold_key(&n.value))
                    .collect();
                (format!("entity:{}", e.id.value), names)
            })
            .collect();
        Self { by_key, entity_of }
    }

    /// The other names of the entity `value` names, when it names it by a registered name, an
    /// alias or a short form: a look-alike or a misspelling is not another name of it.
    fn other_names(&self, value: &str, key: &str) -> &[String] {
        let by_name = matches!(
            self.entity_of.get(value),
            Some((_, Some(Relation::Alias | Relation::ShortForm)))
        );
        match self.by_key.get(key) {
            Some(names) if by_name => names,
            _ => &[],
        }
    }
}

/// What the evidence of a claim reads as, next to its value.
struct Reading {
    supported: bool,
    /// What was looked for, and what the evidence reads as, for `--explain`.
    explain: Vec<String>,
}

impl Reading {
    /// The reading of `evidence` for a claim whose value is `normal`; `None` for the kinds
    /// that are not checked.
    fn of(
        evidence: &str,
        source: &Source,
        claim: &Claim,
        normal: &Normal,
        names: &RegisteredNames,
    ) -> Option<Self> {
        let folded_evidence = fold_key(evidence);
        let value = &claim.value.value;
        match normal {
            Normal::Quote(_) => {
                let wanted = quotation_key(value);
                Some(Self::found(
                    !wanted.is_empty() && folded_evidence.contains(&wanted),
                    format!("the quotation is looked for in the evidence, folded: \"{wanted}\""),
                ))
            }
            Normal::Entity(key) => {
                let mut forms = vec![fold_key(value)];
                for name in names.other_names(value, key) {
                    if !forms.contains(name) {
                        forms.push(name.clone());
                    }
                }
                let supported = forms.iter().any(|f| contains_words(&folded_evidence, f));
                Some(Self::found(
                    supported,
                    format!("looked for as words in the evidence: {}", forms.join(", ")),
                ))
            }
            Normal::Quantity(wanted) => {
                let language = source.language.as_deref().and_then(Language::from_code);
                let unit = claim.unit.as_ref().map(|u| u.value.as_str());
                let figures: Vec<(String, Quantity)> = word_runs(evidence, 1)
                    .into_iter()
                    .filter_map(|run| Some((opening(run), quantity::parse(run, language, unit)?)))
                    .collect();
                let supported = figures.iter().any(|(_, q)| same_quantity(wanted, q));
                let read = |q: &Quantity| Normal::Quantity(*q).describe();
                Some(Self::found(supported, describe("figures", &figures, read)))
            }
            Normal::Moment(wanted) => {
                let dates: Vec<(String, Moment)> = word_runs(evidence, LONGEST_DATE)
                    .into_iter()
                    .filter_map(|run| {
                        let order =
                            date::day_order(source.language.as_deref(), source.locale.as_deref());
                        let moment =
                            date::parse_value(run, source.published, order, date::Numeric::All)?;
                        Some((run.to_string(), moment))
                    })
                    .collect();
                let supported = dates.iter().any(|(_, m)| m.may_equal(wanted));
                Some(Self::found(
                    supported,
                    describe("dates", &dates, Moment::to_string),
                ))
            }
            Normal::Empty | Normal::Text(_) | Normal::Names(_) => None,
        }
    }

    fn found(supported: bool, explain: String) -> Self {
        Self {
            supported,
            explain: vec![explain],
        }
    }
}

/// How many words the longest written date has (`le 14 juillet 2025 à 19 h 10`).
const LONGEST_DATE: usize = 7;
/// How many words of a figure `--explain` shows.
const FIGURE_WORDS: usize = 5;

/// The runs of `text` that start at a word: with `words` 1, each word start to the end (the
/// quantity reader reads a figure at the start of its text); else every run of 1 to `words`
/// words, without the punctuation after it (the date reader reads a whole text).
fn word_runs(text: &str, words: usize) -> Vec<&str> {
    let is_space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| !c.is_whitespace() && is_space(text[..i].chars().next_back()))
        .map(|(i, _)| i)
        .collect();
    if words == 1 {
        return starts.into_iter().map(|i| &text[i..]).collect();
    }
    let ends: Vec<usize> = text
        .char_indices()
        .map(|(i, c)| (i + c.len_utf8(), c))
        .filter(|&(end, c)| !c.is_whitespace() && is_space(text[end..].chars().next()))
        .map(|(end, _)| end)
        .collect();
    let trailing = |c: char| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '»' | '"');
    let mut runs = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        for &end in &ends[k..(k + words).min(ends.len())] {
            runs.push(text[start..end].trim_end_matches(trailing));
        }
    }
    runs
}

/// The first words of a run, for `--explain`.
fn opening(run: &str) -> String {
    run.split_whitespace()
        .take(FIGURE_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `the evidence reads as figures: "4,6 milliards" (between … and …)`, or that it has none.
fn describe<T>(what: &str, found: &[(String, T)], read: impl Fn(&T) -> String) -> String {
    if found.is_empty() {
        return format!("the evidence has no {what}");
    }
    let readings: Vec<String> = found
        .iter()
        .map(|(text, reading)| format!("\"{text}\" ({})", read(reading)))
        .collect();
    format!("the evidence reads as {what}: {}", readings.join(", "))
}

/// Two quantities that read the same: one figure with different precision, or the same
/// interval (an open-ended `plus de 12 milliards`), in units that agree.
fn same_quantity(a: &Quantity, b: &Quantity) -> bool {
    a.same_value(b) || (units_agree(a.unit, b.unit) && a.low == b.low && a.high == b.high)
}

/// A quotation's comparison key, without the quotation marks and punctuation around it.
fn quotation_key(value: &str) -> String {
    fold_key(value)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// True when `needle` stands in `haystack` as whole words (both folded).
fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(needle).any(|(i, _)| {
        !is_word(haystack[..i].chars().next_back())
            && !is_word(haystack[i + needle.len()..].chars().next())
    })
}

fn unsupported(source: &Source, claim: &Claim, reading: Reading) -> Finding {
    let evidence = claim
        .evidence
        .as_ref()
        .expect("only claims with evidence are read");
    let claim_key = claim_key(claim);
    let variant = |text: &str, at| Variant {
        text: text.to_string(),
        sources: vec![source.id.value.clone()],
        locations: vec![at],
    };
    Finding {
        code: FindingCode::ValueUnsupported,
        severity: FindingCode::ValueUnsupported.default_severity(),
        fingerprint: format!("value-unsupported:{}/{claim_key}", source.id.value),
        message: format!(
            "the value \"{}\" of \"{} / {}\" is not what its evidence says",
            claim.value.value, claim.subject.value, claim.property.value
        ),
        subject: Some(claim.subject.value.clone()),
        property: Some(claim.property.value.clone()),
        variants: vec![
            variant(&claim.value.value, claim.value.at.clone()),
            variant(&evidence.value, evidence.at.clone()),
        ],
        suggestion: None,
        reviewed: false,
        explain: reading.explain,
        beyond_baseline: None,
        alignment: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Baseline, Options, analyse};
    use crate::model::fixtures::{claim, corpus, located, source};
    use crate::model::{EntityKind, ValueKind};

    #[test]
    fn whole_words_only() {
        assert!(contains_words("la puce h20 de nvidia", "h20"));
        assert!(!contains_words("la puce h200 de nvidia", "h20"));
        assert!(!contains_words("la puce h20 de nvidia", "h200"));
        assert!(contains_words("howard lutnick, le secretaire", "lutnick"));
        assert!(!contains_words("anything", ""));
    }

    #[test]
    fn quotation_keys_drop_the_marks_around() {
        assert_eq!(
            quotation_key("« Nous ne leur vendons pas. »"),
            "nous ne leur vendons pas"
        );
        assert_eq!(
            quotation_key("\"Seulement le quatrième\""),
            "seulement le quatrieme"
        );
    }

    #[test]
    fn a_figure_is_read_from_each_word_and_a_date_from_runs_of_words() {
        let text = "Le 3 mars 2001, à  Paris.";
        let figures = ["Le 3 mars 2001, à  Paris.", "3 mars 2001, à  Paris."];
        assert_eq!(word_runs(text, 1)[..2], figures);
        assert_eq!(word_runs(text, 1).len(), 6);
        let runs = word_runs(text, 3);
        for run in [
            "Le 3 mars",
            "3 mars 2001",
            "2001",
            "2001, à  Paris",
            "Paris",
        ] {
            assert!(runs.contains(&run), "{run} in {runs:?}");
        }
        // At most three words, each run without its trailing punctuation.
        assert!(!runs.contains(&"Le 3 mars 2001"));
        assert!(!runs.iter().any(|r| r.ends_with(['.', ','])));
        assert_eq!(runs.len(), 3 * 6 - 3);
    }

    #[test]
    fn two_figures_read_the_same_at_any_precision_in_units_that_agree() {
        let read = |text| quantity::parse(text, Some(Language::French), None).unwrap();
        let billions = read("4,6 milliards de dollars");
        assert!(same_quantity(&billions, &read("4 600 millions de dollars")));
        assert!(same_quantity(&billions, &read("4,6 milliards")));
        assert!(!same_quantity(&billions, &read("4,6 milliards d'euros")));
        assert!(!same_quantity(&billions, &read("46 milliards de dollars")));
        let open = read("plus de 12 milliards de dollars");
        assert!(same_quantity(&open, &read("plus de 12 milliards")));
        assert!(!same_quantity(&open, &read("plus de 12 milliards d'euros")));
    }

    /// The values of the claims (value, kind, evidence) that their evidence does not carry.
    fn unsupported(claims: &[(&str, Option<ValueKind>, &str)]) -> Vec<String> {
        let mut corpus = corpus(&[("Howard Lutnick", &["le secrétaire au Commerce"])]);
        corpus.registry.entities[0].kind = EntityKind::Person;
        let claims = (claims.iter().enumerate())
            .map(|(i, &(value, kind, evidence))| Claim {
                kind,
                evidence: Some(located(evidence)),
                ..claim("Acme", &format!("propriété {i}"), value)
            })
            .collect();
        corpus.sources.push(source("a", claims));
        let options = Options {
            baseline: Baseline::Ignore,
            full_report: false,
            memo: None,
        };
        let analysis = analyse(&corpus, &options, &());
        (analysis.findings.iter())
            .filter(|f| f.code == FindingCode::ValueUnsupported)
            .map(|f| f.variants[0].text.clone())
            .collect()
    }

    #[test]
    fn a_value_its_evidence_carries_is_supported_and_another_is_not() {
        let says = "Le chiffre d'affaires atteint 4,6 milliards de dollars, dit le secrétaire au Commerce, le 3 mars 2001 : « nous vendrons nos puces ».";
        let quote = Some(ValueKind::Quote);
        let claims = [
            ("4 600 millions de dollars", Some(ValueKind::Quantity), says),
            ("46 milliards de dollars", Some(ValueKind::Quantity), says),
            ("3 mars 2001", Some(ValueKind::Date), says),
            ("4 mars 2001", Some(ValueKind::Date), says),
            ("Howard Lutnick", Some(ValueKind::Entity), says),
            ("Howard Latnik", Some(ValueKind::Entity), says),
            ("« Nous vendrons nos puces »", quote, says),
            ("« Nous vendrons nos meilleures puces »", quote, says),
            ("un secrétaire", Some(ValueKind::Text), says),
        ];
        let expected = [
            "46 milliards de dollars",
            "4 mars 2001",
            "Howard Latnik",
            "« Nous vendrons nos meilleures puces »",
        ];
        let mut found = unsupported(&claims);
        found.sort_by_key(|v| claims.iter().position(|c| c.0 == v));
        assert_eq!(found, expected);
    }
}
