//! The baseline: findings a person reviewed and accepted (`reviewed:` entries, FORMAT.md).
//!
//! An entry matches a finding when the codes are equal and each of its forms is a prefix of one
//! of the finding's variant texts, compared after folding case and accents. An entry that
//! matches nothing is stale.

use crate::finding::{Finding, FindingCode};
use crate::model::{Location, ReviewedEntry};
use crate::normalise::text::fold_key;

/// A baseline entry that matches no finding.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StaleEntry {
    pub location: Location,
    pub message: String,
}

/// Marks the findings that `entries` match as reviewed; returns the stale entries.
pub fn apply(findings: &mut [Finding], entries: &[ReviewedEntry]) -> Vec<StaleEntry> {
    let mut stale = Vec::new();
    for entry in entries {
        let mut matched = false;
        for finding in findings.iter_mut().filter(|f| matches(entry, f)) {
            finding.reviewed = true;
            matched = true;
        }
        if !matched {
            stale.push(StaleEntry {
                location: entry.at.clone(),
                message: format!(
                    "reviewed entry {} [{}] matches no finding any more; remove it",
                    entry.code,
                    entry.forms.join(", ")
                ),
            });
        }
    }
    stale
}

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
    use crate::finding::{Severity, Variant};

    fn finding(code: FindingCode, texts: &[&str]) -> Finding {
        Finding {
            code,
            severity: Severity::Error,
            fingerprint: String::new(),
            message: String::new(),
            subject: None,
            property: None,
            variants: texts
                .iter()
                .map(|t| Variant {
                    text: t.to_string(),
                    sources: vec![],
                    locations: vec![],
                })
                .collect(),
            suggestion: None,
            reviewed: false,
            explain: vec![],
        }
    }

    fn entry(code: &str, forms: &[&str]) -> ReviewedEntry {
        ReviewedEntry {
            at: Location {
                file: "facts/reviewed.yaml".into(),
                line: 2,
                column: 5,
            },
            code: code.into(),
            forms: forms.iter().map(|f| f.to_string()).collect(),
            note: None,
        }
    }

    #[test]
    fn forms_are_folded_prefixes() {
        let f = finding(
            FindingCode::QuoteVariant,
            &[
                "Nous ne leur vendons pas nos meilleurs produits, ni",
                "Nous ne leur vendons ni le meilleur",
            ],
        );
        assert!(matches(
            &entry(
                "quote-variant",
                &["nous ne leur vendons PAS", "Nous ne leur vendons ni"]
            ),
            &f
        ));
        assert!(!matches(&entry("spelling-variant", &["Nous"]), &f));
        assert!(!matches(&entry("quote-variant", &["vendons"]), &f));
    }

    #[test]
    fn unmatched_entries_are_stale_and_matched_findings_reviewed() {
        let mut findings = vec![finding(
            FindingCode::SpellingVariant,
            &["Lutnick", "Latnik"],
        )];
        let stale = apply(
            &mut findings,
            &[
                entry("spelling-variant", &["Latnik", "Lutnick"]),
                entry("case-variant", &["NVIDIA"]),
            ],
        );
        assert!(findings[0].reviewed);
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].location.line, 2);
    }
}
