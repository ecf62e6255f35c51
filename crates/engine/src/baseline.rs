//! The baseline: findings a person reviewed and accepted (`reviewed:` entries, FORMAT.md).
//!
//! An entry matches a finding when the codes are equal and each of its forms is a prefix of one
//! of the finding's variant texts, compared after folding case and accents. An entry that
//! matches nothing is stale.
//!
//! An entry accepts a finding as it was when a person looked at it: its `accepted:` record says,
//! for each source, how many times the source wrote a form other than the suggested one. A
//! finding with more occurrences than that, in any source, is unreviewed again, so an accepted
//! misspelling never spreads to a new place unseen. An entry without the record (written by
//! hand) still matches, with a warning that it is unpinned.

use std::collections::{BTreeMap, HashMap};

use crate::finding::{BeyondBaseline, Excess, Finding, FindingCode};
use crate::model::{Corpus, Location, ReviewedEntry};
use crate::normalise::text::fold_key;

/// A problem of the baseline that does not stop the run: an entry that matches nothing any
/// more, or one that records no accepted occurrences.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct BaselineWarning {
    pub location: Location,
    pub message: String,
    #[serde(skip)]
    pub problem: BaselineProblem,
}

/// What is wrong with a baseline entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaselineProblem {
    /// It matches no finding.
    Stale,
    /// It records no accepted occurrences.
    Unpinned,
}

/// Marks the findings that the corpus's entries accept as reviewed, and records on the others
/// that an entry matches where they go beyond it; returns the baseline's warnings. Without
/// `pinned`, entries accept their forms wherever they are written, and none is unpinned.
pub fn apply(findings: &mut [Finding], corpus: &Corpus, pinned: bool) -> Vec<BaselineWarning> {
    let sources = SourceFiles::of(corpus);
    let mut warnings = Vec::new();
    for entry in &corpus.reviewed {
        let mut matched = false;
        for finding in findings.iter_mut().filter(|f| matches(entry, f)) {
            matched = true;
            let Some(accepted) = entry.accepted.as_ref().filter(|_| pinned) else {
                finding.reviewed = true;
                continue;
            };
            let excess: Vec<Excess> = sources
                .occurrences(finding)
                .into_iter()
                .filter_map(|(source, locations)| {
                    let allowed = accepted.get(&source).copied().unwrap_or(0);
                    (locations.len() > allowed).then_some(Excess {
                        source,
                        accepted: allowed,
                        found: locations.len(),
                        locations,
                    })
                })
                .collect();
            if excess.is_empty() {
                finding.reviewed = true;
            } else if !finding.reviewed {
                finding.beyond_baseline = Some(BeyondBaseline {
                    entry: entry.at.clone(),
                    sources: excess,
                });
            }
        }
        let forms = entry.forms.join(", ");
        if !matched {
            warnings.push(BaselineWarning {
                location: entry.at.clone(),
                message: format!(
                    "reviewed entry {} [{forms}] matches no finding any more; remove it",
                    entry.code
                ),
                problem: BaselineProblem::Stale,
            });
        } else if pinned && entry.accepted.is_none() {
            warnings.push(BaselineWarning {
                location: entry.at.clone(),
                message: format!(
                    "reviewed entry {} [{forms}] is unpinned: it does not record what it accepted, so it accepts the forms anywhere; `concord check --write-baseline` pins it",
                    entry.code
                ),
                problem: BaselineProblem::Unpinned,
            });
        }
    }
    for finding in findings.iter_mut().filter(|f| f.reviewed) {
        finding.beyond_baseline = None;
    }
    warnings
}

/// For each source of `finding`, the places where it writes a form other than the suggested
/// one: what a baseline entry records as accepted.
pub fn occurrences(corpus: &Corpus, finding: &Finding) -> BTreeMap<String, Vec<Location>> {
    SourceFiles::of(corpus).occurrences(finding)
}

/// The source each file of the corpus belongs to: its source file and its article.
struct SourceFiles<'c> {
    by_file: HashMap<&'c str, &'c str>,
}

impl<'c> SourceFiles<'c> {
    fn of(corpus: &'c Corpus) -> Self {
        let mut by_file = HashMap::new();
        for source in &corpus.sources {
            let id = source.id.value.as_str();
            by_file.entry(source.id.at.file.as_ref()).or_insert(id);
            if let Some(article) = &source.article {
                by_file.entry(article.path.value.as_str()).or_insert(id);
            }
        }
        Self { by_file }
    }

    fn occurrences(&self, finding: &Finding) -> BTreeMap<String, Vec<Location>> {
        let suggested = finding.suggestion.as_ref().map(|s| s.text.as_str());
        let mut found: BTreeMap<String, Vec<Location>> = BTreeMap::new();
        for variant in finding
            .variants
            .iter()
            .filter(|v| Some(v.text.as_str()) != suggested)
        {
            for location in &variant.locations {
                if let Some(source) = self.by_file.get(location.file.as_ref()) {
                    found
                        .entry(source.to_string())
                        .or_default()
                        .push(location.clone());
                }
            }
        }
        for locations in found.values_mut() {
            locations.sort();
            locations.dedup();
        }
        found
    }
}

/// True when `entry` names `finding`: the same code, and each form a folded prefix of a variant.
pub fn matches(entry: &ReviewedEntry, finding: &Finding) -> bool {
    if FindingCode::parse(&entry.code) != Some(finding.code) {
        return false;
    }
    let texts: Vec<String> = finding.variants.iter().map(|v| fold_key(&v.text)).collect();
    entry.forms.iter().all(|form| {
        let form = fold_key(form);
        texts.iter().any(|text| text.starts_with(&form))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Severity, Suggestion, Variant};
    use crate::model::{Located, Source};

    fn at(file: &str, line: u32) -> Location {
        Location {
            file: file.into(),
            line,
            column: 5,
        }
    }

    /// A finding whose variants are `(text, [(file, line)…])`; the first is suggested.
    fn finding(code: FindingCode, variants: &[(&str, &[(&str, u32)])]) -> Finding {
        Finding {
            code,
            severity: Severity::Error,
            fingerprint: String::new(),
            message: String::new(),
            subject: None,
            property: None,
            variants: variants
                .iter()
                .map(|(text, places)| Variant {
                    text: text.to_string(),
                    sources: vec![],
                    locations: places.iter().map(|(f, l)| at(f, *l)).collect(),
                })
                .collect(),
            suggestion: variants.first().map(|(text, _)| Suggestion {
                text: text.to_string(),
                confidence: 0.9,
            }),
            reviewed: false,
            explain: vec![],
            beyond_baseline: None,
            alignment: None,
        }
    }

    fn entry(code: &str, forms: &[&str], accepted: Option<&[(&str, usize)]>) -> ReviewedEntry {
        ReviewedEntry {
            at: at("facts/reviewed.yaml", 2),
            code: code.into(),
            forms: forms.iter().map(|f| f.to_string()).collect(),
            note: None,
            accepted: accepted
                .map(|pairs| pairs.iter().map(|(s, n)| (s.to_string(), *n)).collect()),
        }
    }

    /// Sources `a` and `b`, each with its facts file; `a` with an article.
    fn corpus(reviewed: Vec<ReviewedEntry>) -> Corpus {
        let source = |id: &str, article: Option<&str>| Source {
            id: Located {
                value: id.into(),
                at: at(&format!("facts/{id}.yaml"), 2),
            },
            article: article.map(|path| crate::model::Article {
                path: Located {
                    value: path.into(),
                    at: at(&format!("facts/{id}.yaml"), 3),
                },
                text: "".into(),
            }),
            outlet: None,
            url: None,
            language: None,
            locale: None,
            published: None,
            claims: vec![],
            mentions: vec![],
        };
        Corpus {
            root: ".".into(),
            sources: vec![source("a", Some("seeds/a.txt")), source("b", None)],
            registry: Default::default(),
            reviewed,
        }
    }

    #[test]
    fn forms_are_folded_prefixes() {
        let f = finding(
            FindingCode::QuoteVariant,
            &[
                ("Nous ne leur vendons pas nos meilleurs produits, ni", &[]),
                ("Nous ne leur vendons ni le meilleur", &[]),
            ],
        );
        let quote = ["nous ne leur vendons PAS", "Nous ne leur vendons ni"];
        assert!(matches(&entry("quote-variant", &quote, None), &f));
        assert!(!matches(&entry("spelling-variant", &["Nous"], None), &f));
        assert!(!matches(&entry("quote-variant", &["vendons"], None), &f));
    }

    #[test]
    fn an_unpinned_entry_accepts_with_a_warning_and_an_unmatched_one_is_stale() {
        let mut findings = vec![finding(
            FindingCode::SpellingVariant,
            &[
                ("Lutnick", &[("facts/b.yaml", 4)]),
                ("Latnik", &[("facts/a.yaml", 4)]),
            ],
        )];
        let corpus = corpus(vec![
            entry("spelling-variant", &["Latnik", "Lutnick"], None),
            entry("case-variant", &["NVIDIA"], Some(&[])),
        ]);
        let warnings = apply(&mut findings, &corpus, true);
        assert!(findings[0].reviewed);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].message.contains("is unpinned"), "{warnings:?}");
        assert!(
            warnings[1].message.contains("matches no finding"),
            "{warnings:?}"
        );
    }

    #[test]
    fn occurrences_count_the_non_suggested_forms_per_source_in_facts_and_articles() {
        let f = finding(
            FindingCode::ConfusableVariant,
            &[
                ("H20", &[("facts/b.yaml", 4), ("facts/a.yaml", 9)]),
                (
                    "H2O",
                    &[
                        ("facts/a.yaml", 4),
                        ("seeds/a.txt", 1),
                        ("facts/registry.yaml", 3),
                    ],
                ),
            ],
        );
        let found = occurrences(&corpus(vec![]), &f);
        let counts: Vec<(&str, usize)> = found.iter().map(|(s, l)| (s.as_str(), l.len())).collect();
        assert_eq!(
            counts,
            [("a", 2)],
            "the registry is no source; H20 is suggested"
        );
    }

    #[test]
    fn a_pinned_entry_accepts_what_it_recorded_and_no_more() {
        let h2o = |places: &[(&str, u32)]| {
            finding(
                FindingCode::ConfusableVariant,
                &[("H20", &[("facts/b.yaml", 4)]), ("H2O", places)],
            )
        };
        let pinned = || {
            corpus(vec![entry(
                "confusable-variant",
                &["H2O", "H20"],
                Some(&[("a", 2)]),
            )])
        };

        let mut same = vec![h2o(&[("facts/a.yaml", 4), ("seeds/a.txt", 1)])];
        assert!(apply(&mut same, &pinned(), true).is_empty());
        assert!(same[0].reviewed && same[0].beyond_baseline.is_none());

        let mut fewer = vec![h2o(&[("facts/a.yaml", 4)])];
        apply(&mut fewer, &pinned(), true);
        assert!(fewer[0].reviewed, "fewer occurrences than accepted is fine");

        let mut spread = vec![h2o(&[
            ("facts/a.yaml", 4),
            ("seeds/a.txt", 1),
            ("facts/b.yaml", 7),
        ])];
        apply(&mut spread, &pinned(), true);
        assert!(!spread[0].reviewed, "a second source writes the look-alike");
        let beyond = spread[0]
            .beyond_baseline
            .as_ref()
            .expect("beyond the entry");
        assert_eq!(beyond.entry, at("facts/reviewed.yaml", 2));
        assert_eq!(beyond.sources.len(), 1);
        let excess = &beyond.sources[0];
        assert_eq!(
            (excess.source.as_str(), excess.accepted, excess.found),
            ("b", 0, 1)
        );
        assert_eq!(excess.locations, [at("facts/b.yaml", 7)]);

        let mut again = vec![h2o(&[
            ("facts/a.yaml", 4),
            ("facts/a.yaml", 8),
            ("seeds/a.txt", 1),
        ])];
        apply(&mut again, &pinned(), true);
        assert!(!again[0].reviewed, "the same source writes it once more");
        assert_eq!(
            again[0].beyond_baseline.as_ref().unwrap().sources[0].found,
            3
        );
    }
}
