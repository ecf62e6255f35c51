//! The rules: each turns matched claims into findings, with its own message and fingerprint.
//!
//! - [`names`]: one entity's spellings that differ (`case-variant`, `confusable-variant`,
//!   `spelling-variant`);
//! - [`values`]: values of one fact that cannot both hold (`value-conflict`);
//! - [`quotes`]: one speaker's remark quoted in several wordings (`quote-variant`);
//! - [`evidence`]: a claim's evidence that its article does not contain (`evidence-missing`);
//! - [`support`]: a claim's value that its own evidence does not carry (`value-unsupported`);
//! - [`alignment`]: facts that probably state one thing under different wordings, so never
//!   meet (`unaligned-fact`).

pub mod alignment;
pub mod evidence;
pub mod names;
pub mod quotes;
pub mod support;
pub mod values;

use std::collections::BTreeSet;

use crate::finding::{Suggestion, Variant, slug};
use crate::matching::ClaimRef;
use crate::model::{Claim, Corpus};
use crate::truth::Candidate;

/// A suggestion and the index of its candidate, or nothing for a fact with no value.
pub fn split(suggested: Option<(Suggestion, usize)>) -> (Option<Suggestion>, usize) {
    match suggested {
        Some((suggestion, index)) => (Some(suggestion), index),
        None => (None, 0),
    }
}

/// The ids of the sources at `sources` (indexes into the corpus).
pub fn source_ids(corpus: &Corpus, sources: &BTreeSet<usize>) -> Vec<String> {
    sources
        .iter()
        .map(|&s| corpus.sources[s].id.value.clone())
        .collect()
}

/// The claim at a [`ClaimRef`].
pub fn claim_at(corpus: &Corpus, (s, c): ClaimRef) -> &Claim {
    &corpus.sources[s].claims[c]
}

/// The candidates of a contest as a finding's variants.
pub fn variants(corpus: &Corpus, options: &[Candidate]) -> Vec<Variant> {
    options
        .iter()
        .map(|o| Variant {
            text: o.text.clone(),
            sources: source_ids(corpus, &o.sources),
            locations: o.locations.clone(),
        })
        .collect()
}

/// A fingerprint part naming one claim: its id, else its subject and property.
pub fn claim_key(claim: &Claim) -> String {
    match &claim.id {
        Some(id) => slug(&id.value),
        None => format!(
            "{}/{}",
            slug(&claim.subject.value),
            slug(&claim.property.value)
        ),
    }
}
