//! The `evidence-missing` check: each claim's evidence must occur in its source's article,
//! compared after [`fold_evidence`]. When it does not, the closest passage of the article is
//! offered as the suggestion.

use std::collections::HashMap;
use std::sync::Arc;

use super::claim_key;
use crate::finding::{Finding, FindingCode, Suggestion, Variant};
use crate::model::{Claim, Corpus, Location, Source};
use crate::normalise::text::{EvidenceChars, fold_evidence, line_column};

/// Below this similarity a passage is not offered as what the evidence meant.
const CLOSEST_PASSAGE_MIN_SCORE: f64 = 0.5;
/// How many candidate windows the closest-passage search scores at most.
const MAX_CANDIDATES: usize = 2_000;

pub fn check(corpus: &Corpus) -> Vec<Finding> {
    let mut folded_articles: HashMap<*const str, String> = HashMap::new();
    let mut findings = Vec::new();
    for source in &corpus.sources {
        let Some(article) = &source.article else {
            continue;
        };
        let folded = folded_articles
            .entry(Arc::as_ptr(&article.text))
            .or_insert_with(|| EvidenceChars::new(&article.text).map(|(_, c)| c).collect());
        for claim in &source.claims {
            let Some(evidence) = &claim.evidence else {
                continue;
            };
            let wanted = fold_evidence(&evidence.value);
            if !wanted.is_empty() && folded.contains(&wanted) {
                continue;
            }
            findings.push(missing(source, claim, &wanted, folded));
        }
    }
    findings
}

fn missing(source: &Source, claim: &Claim, wanted: &str, folded_article: &str) -> Finding {
    let article = source
        .article
        .as_ref()
        .expect("only sources with an article are checked");
    let evidence = claim
        .evidence
        .as_ref()
        .expect("only claims with evidence are checked");
    let closest = closest_passage(wanted, folded_article);
    let article_variant = match &closest {
        Some((start, passage, _)) => {
            let offset = original_offset(&article.text, *start);
            let end = original_offset(&article.text, start + passage.len());
            let (line, column) = line_column(&article.text, offset);
            Variant {
                text: article.text[offset..end].trim_end().to_string(),
                sources: vec![source.id.value.clone()],
                locations: vec![Location {
                    file: article.path.value.as_str().into(),
                    line,
                    column,
                }],
            }
        }
        None => Variant {
            text: String::new(),
            sources: vec![source.id.value.clone()],
            locations: vec![Location {
                file: article.path.value.as_str().into(),
                line: 1,
                column: 1,
            }],
        },
    };
    let claim_key = claim_key(claim);
    let message = match &closest {
        Some(_) => format!(
            "the evidence of \"{} / {}\" is not in {}; the closest passage differs",
            claim.subject.value, claim.property.value, article.path.value
        ),
        None => format!(
            "the evidence of \"{} / {}\" is not in {}",
            claim.subject.value, claim.property.value, article.path.value
        ),
    };
    Finding {
        code: FindingCode::EvidenceMissing,
        severity: FindingCode::EvidenceMissing.default_severity(),
        fingerprint: format!("evidence-missing:{}/{claim_key}", source.id.value),
        message,
        subject: Some(claim.subject.value.clone()),
        property: Some(claim.property.value.clone()),
        variants: vec![
            Variant {
                text: evidence.value.clone(),
                sources: vec![source.id.value.clone()],
                locations: vec![evidence.at.clone()],
            },
            article_variant.clone(),
        ],
        suggestion: closest.map(|(_, _, score)| Suggestion {
            text: article_variant.text.clone(),
            confidence: round(score),
        }),
        reviewed: false,
        explain: Vec::new(),
        beyond_baseline: None,
        alignment: None,
    }
}

/// The window of the article, as many words long as the evidence, that is most like it. Windows
/// are anchored where one of the evidence's first or last words occurs, so that the search stays
/// linear in the article's length. Returns the window's byte offset in the folded article.
fn closest_passage(wanted: &str, folded_article: &str) -> Option<(usize, String, f64)> {
    let wanted_words: Vec<&str> = wanted.split(' ').collect();
    let n = wanted_words.len();
    let anchors: Vec<(usize, &str)> = wanted_words
        .iter()
        .copied()
        .enumerate()
        .take(3)
        .chain(
            wanted_words
                .iter()
                .copied()
                .enumerate()
                .skip(n.saturating_sub(3)),
        )
        .collect();
    let words: Vec<(usize, &str)> = folded_article
        .split(' ')
        .scan(0usize, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .collect();
    let mut best: Option<(usize, String, f64)> = None;
    let mut candidates = 0;
    for (i, (_, word)) in words.iter().enumerate() {
        for (k, anchor) in &anchors {
            if !word.eq_ignore_ascii_case(anchor) || i < *k || candidates >= MAX_CANDIDATES {
                continue;
            }
            candidates += 1;
            let first = i - k;
            let last = (first + n).min(words.len());
            let start = words[first].0;
            let end = words[last - 1].0 + words[last - 1].1.len();
            let passage = &folded_article[start..end];
            let score = strsim::normalized_levenshtein(wanted, passage);
            if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
                best = Some((start, passage.to_string(), score));
            }
        }
    }
    best.filter(|(_, _, score)| *score >= CLOSEST_PASSAGE_MIN_SCORE)
}

/// The byte offset in `text` of the character that folds to byte `folded_offset` of its folding.
fn original_offset(text: &str, folded_offset: usize) -> usize {
    let mut folded_len = 0;
    for (offset, c) in EvidenceChars::new(text) {
        if folded_len >= folded_offset {
            return offset;
        }
        folded_len += c.len_utf8();
    }
    text.len()
}

fn round(score: f64) -> f64 {
    (score * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_closest_passage_and_its_place() {
        let article =
            "Première ligne.\nLa CAC a émis des « directives  informelles » aux plateformes.";
        let folded: String = EvidenceChars::new(article).map(|(_, c)| c).collect();
        let wanted = fold_evidence("la CAC a émis des \"directives formelles\"");
        let (start, passage, score) = closest_passage(&wanted, &folded).unwrap();
        assert_eq!(passage, "La CAC a émis des \"directives informelles\"");
        assert!(score > 0.8 && score < 1.0, "{score}");
        let offset = original_offset(article, start);
        assert_eq!(line_column(article, offset), (2, 1));
    }

    #[test]
    fn unrelated_text_has_no_closest_passage() {
        assert_eq!(
            closest_passage("tout autre chose", "Pékin a pris des mesures"),
            None
        );
    }

    /// The evidence-missing findings of a source whose article is `article` and whose claims
    /// give each of `evidence`.
    fn missing_evidence(article: &str, evidence: &[&str]) -> Vec<Finding> {
        use crate::model::Article;
        use crate::model::fixtures::{claim, corpus, located, source};
        let claims = (evidence.iter().zip(1..))
            .map(|(evidence, n)| Claim {
                evidence: Some(located(evidence)),
                ..claim("Acme", &format!("propriété {n}"), "1")
            })
            .collect();
        let mut corpus = corpus(&[]);
        corpus.sources.push(Source {
            article: Some(Article {
                path: located("seeds/a.txt"),
                text: article.into(),
            }),
            ..source("a", claims)
        });
        check(&corpus)
    }

    #[test]
    fn evidence_the_article_carries_is_not_reported_and_other_evidence_is() {
        let article =
            "Première ligne.\nLa CAC a émis des « directives  informelles » aux plateformes.";
        let found = missing_evidence(
            article,
            &[
                "La CAC a émis des \"directives informelles\"",
                "la CAC a émis des « directives formelles »",
                "Rien de tel n'est écrit",
                "",
            ],
        );
        let properties: Vec<&str> = found
            .iter()
            .map(|f| f.property.as_deref().unwrap())
            .collect();
        assert_eq!(properties, ["propriété 2", "propriété 3", "propriété 4"]);
        // A passage that differs: where it is, and how close, to two decimals.
        let close = &found[0];
        assert!(
            close.message.ends_with("the closest passage differs"),
            "{}",
            close.message
        );
        let passage = &close.variants[1];
        assert_eq!(
            passage.text,
            "La CAC a émis des « directives  informelles »"
        );
        assert_eq!(
            (passage.locations[0].line, passage.locations[0].column),
            (2, 1)
        );
        let confidence = close.suggestion.as_ref().unwrap().confidence;
        let score = strsim::normalized_levenshtein(
            &fold_evidence("la CAC a émis des « directives formelles »"),
            &fold_evidence("La CAC a émis des « directives informelles »"),
        );
        assert!(score > 0.8 && score < 0.99, "{score}");
        assert_eq!(confidence, (score * 100.0).round() / 100.0);
        // Nothing like it: no passage, no suggestion.
        assert!(found[1].suggestion.is_none() && found[1].variants[1].text.is_empty());
    }

    #[test]
    fn a_passage_is_looked_for_at_the_evidences_first_and_last_words() {
        let folded = "un deux trois quatre cinq six sept huit";
        // Its first word moved: found by its last words.
        let (_, passage, _) = closest_passage("zero deux trois quatre", folded).unwrap();
        assert_eq!(passage, "un deux trois quatre");
        // Its last word changed: found by its first words.
        let (_, passage, _) = closest_passage("six sept neuf", folded).unwrap();
        assert_eq!(passage, "six sept huit");
        // Of two windows, the closer one.
        let folded = "le port reste ferme ; le port reste ouvert ce soir";
        let (start, passage, _) = closest_passage("le port reste ouvert", folded).unwrap();
        assert_eq!((start, passage.as_str()), (22, "le port reste ouvert"));
        // Of two windows as close, the first.
        let folded = "le chat gris dort ; le chat noir dort";
        let (start, passage, _) = closest_passage("le chat bleu dort", folded).unwrap();
        assert_eq!((start, passage.as_str()), (0, "le chat gris dort"));
        // Anchor words nearer the article's start than the evidence's: their windows would
        // begin before the article, and are not looked at.
        assert_eq!(closest_passage("le chat noir dort", "chat noir dort"), None);
    }

    #[test]
    fn only_the_first_windows_at_an_anchor_are_scored() {
        // Past the bound, a window that would be closer is not looked at.
        let far = "le chat gris ; ".repeat(MAX_CANDIDATES);
        let folded = format!("{far}le chat noir");
        let (start, passage, _) = closest_passage("le chat noir !", &folded).unwrap();
        assert_eq!((start, passage.as_str()), (0, "le chat gris ;"));
        let folded = "le chat gris ; le chat noir".to_string();
        let (_, passage, _) = closest_passage("le chat noir !", &folded).unwrap();
        assert_eq!(passage, "le chat noir");
    }
}
