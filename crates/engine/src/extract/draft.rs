//! `extract`: a draft source file for one article. Each figure becomes a claim of the nearest
//! name before it in its sentence, with the words just before the figure as the property; each
//! quotation a claim of its speaker; each apposition (`Howard Lutnick, le secrétaire au
//! Commerce`, `Le PDG de Nvidia, Jensen Huang,`) a role claim. Every claim carries its evidence,
//! copied verbatim from the article, for a person to check and complete.

use serde::Serialize;

use super::tokens::{self, Token};
use super::words::TITLES;
use super::{Extraction, Mention, MentionKind};
use crate::normalise::text::{fold_key, is_space};

/// The subject of a claim whose subject the rules could not find.
pub const UNKNOWN_SUBJECT: &str = "(to complete)";
/// Evidence longer than this many bytes is cut to a window around the claim.
const LONGEST_EVIDENCE: usize = 300;
/// How many words a property phrase or an apposition may have.
const LONGEST_PHRASE: usize = 4;
const LONGEST_APPOSITION: usize = 8;

/// Words that end or begin no property phrase (folded).
const FUNCTION_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cette", "d", "dans", "de", "des", "du", "en", "est",
    "et", "il", "elle", "l", "la", "le", "les", "leur", "ont", "ou", "par", "pour", "qui", "que",
    "sa", "se", "ses", "son", "sur", "un", "une", "ete", "plus", "moins", "environ", "pres", "an",
    "and", "are", "as", "at", "by", "for", "from", "has", "have", "in", "is", "it", "its", "of",
    "on", "or", "than", "that", "the", "to", "was", "were", "with", "more", "less", "about",
    "over", "under", "nearly", "around", "some", "his", "her", "their", "which", "who",
];

/// Determiners that open an apposition.
const DETERMINERS: &[&str] = &[
    "le", "la", "l", "les", "son", "sa", "ses", "leur", "the", "its", "his", "her", "their",
];

/// A claim of the draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DraftClaim {
    pub subject: String,
    pub property: String,
    pub value: String,
    pub kind: &'static str,
    pub evidence: String,
}

/// The claims the rules find in an extraction, in the order of the article.
pub fn claims(extraction: &Extraction, language: Option<&str>) -> Vec<DraftClaim> {
    let text = extraction.text;
    let words = tokens::tokens(text, &extraction.sentences);
    let french = language != Some("en");
    let names: Vec<&Mention> = extraction
        .mentions
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Code))
        .collect();
    let mut out: Vec<(usize, DraftClaim)> = Vec::new();
    for mention in &extraction.mentions {
        match mention.kind {
            MentionKind::Figure => {
                let subject = subject_of(mention, &names);
                let sentence_start = extraction.sentences[mention.sentence].0;
                let after = subject
                    .filter(|s| s.end <= mention.start)
                    .map_or(sentence_start, |s| s.end);
                out.push((
                    mention.start,
                    DraftClaim {
                        subject: subject.map_or(UNKNOWN_SUBJECT.to_string(), |s| s.text.clone()),
                        property: property_phrase(text, &words, after, mention.start)
                            .unwrap_or_else(|| if french { "chiffre" } else { "figure" }.into()),
                        value: mention.text.clone(),
                        kind: "quantity",
                        evidence: evidence(text, extraction.sentences[mention.sentence], mention),
                    },
                ));
            }
            MentionKind::Quote => out.push((
                mention.start,
                DraftClaim {
                    subject: mention
                        .speaker
                        .as_ref()
                        .map_or(UNKNOWN_SUBJECT.to_string(), |s| s.name.clone()),
                    property: if french { "a déclaré" } else { "said" }.into(),
                    value: mention.text.clone(),
                    kind: "quote",
                    evidence: mention.text.clone(),
                },
            )),
            MentionKind::Name => {
                if let Some(claim) = apposition(text, &words, mention, french) {
                    out.push((mention.start, claim));
                }
            }
            MentionKind::Code | MentionKind::Date => {}
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, claim)| claim).collect()
}

/// The name or code nearest before the figure in its sentence, else the first after it.
fn subject_of<'m>(figure: &Mention, names: &[&'m Mention]) -> Option<&'m Mention> {
    // `names` is in the order of the text: look back, then ahead, from the figure.
    let split = names.partition_point(|n| n.start < figure.start);
    names[..split]
        .iter()
        .rev()
        .take_while(|n| n.sentence == figure.sentence)
        .find(|n| n.end <= figure.start)
        .or_else(|| {
            names[split..]
                .iter()
                .take_while(|n| n.sentence == figure.sentence)
                .find(|n| n.start >= figure.end)
        })
        .copied()
}

/// The words of `words` (in the order of the text) that lie within `from..to`.
fn words_within<'w, 't>(words: &'w [Token<'t>], from: usize, to: usize) -> &'w [Token<'t>] {
    let first = words.partition_point(|w| w.start < from);
    let last = first + words[first..].partition_point(|w| w.end <= to);
    &words[first..last]
}

/// The last words before `before` (and after `after`) that are not function words: `chiffre
/// d'affaires` in `a réalisé un chiffre d'affaires de 46 milliards`.
fn property_phrase(text: &str, words: &[Token], after: usize, before: usize) -> Option<String> {
    let between: Vec<&Token> = words_within(words, after, before).iter().collect();
    let is_function = |w: &Token| FUNCTION_WORDS.contains(&fold_key(w.text).as_str());
    let mut end = between.len();
    while end > 0 && is_function(between[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && end - start < LONGEST_PHRASE && !is_function(between[start - 1]) {
        start -= 1;
    }
    (start < end).then(|| {
        text[between[start].start..between[end - 1].end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
}

/// The sentence that holds `mention`, trimmed, or a window of it around the mention when the
/// sentence is long; always a verbatim part of the article. A sentence never spans lines (a line
/// break ends one, UAX #29).
fn evidence(text: &str, (first, last): (usize, usize), mention: &Mention) -> String {
    let trimmed = text[first..last].trim_matches(|c: char| is_space(c));
    if trimmed.len() <= LONGEST_EVIDENCE {
        return trimmed.to_string();
    }
    let half = LONGEST_EVIDENCE.saturating_sub(mention.end - mention.start) / 2;
    let from = mention.start.saturating_sub(half).max(first);
    let to = (mention.end + half).min(last);
    // Whole words only: from the first that begins within the window to the last that ends
    // within it. A byte after a space (or at the sentence's start) begins a character.
    let bytes = text.as_bytes();
    let start = (from..mention.start)
        .find(|&i| i == first || bytes[i - 1] == b' ')
        .unwrap_or(mention.start);
    let end = (mention.end..=to)
        .rev()
        .find(|&i| i == last || bytes[i] == b' ')
        .unwrap_or(mention.end);
    text[start..end].trim().to_string()
}

/// A role claim from an apposition around the name `name`: `Name, le titre…` or
/// `Le titre…, Name,`.
fn apposition(text: &str, words: &[Token], name: &Mention, french: bool) -> Option<DraftClaim> {
    if name.text.split_whitespace().count() < 2 {
        return None;
    }
    let property = if french { "fonction" } else { "role" };
    let claim = |value: String, start: usize, end: usize| DraftClaim {
        subject: name.text.clone(),
        property: property.to_string(),
        value,
        kind: "text",
        evidence: text[start..end].to_string(),
    };
    let after = &text[name.end..];
    if let Some(rest) = after.strip_prefix(", ") {
        // `Name, le titre…` up to the next punctuation.
        let phrase_start = name.end + 2;
        let phrase_words: Vec<&Token> = words_within(words, phrase_start, text.len())
            .iter()
            .take(LONGEST_APPOSITION + 1)
            .collect();
        let first = phrase_words.first()?;
        let opener = fold_key(&text[phrase_start..first.end]);
        let opener = opener.trim_end_matches(|c: char| c.is_alphanumeric());
        let determiner = fold_key(first.text);
        if first.start == phrase_start || opener.ends_with('\'') {
            let starts_with_determiner = DETERMINERS.contains(&determiner.as_str())
                || DETERMINERS.contains(&opener.trim_end_matches('\''));
            let stop = rest
                .find([',', '.', ';', ':', '(', ')', '\n', '«', '»'])
                .map(|i| phrase_start + i)?;
            let inside = phrase_words.iter().filter(|w| w.end <= stop).count();
            if starts_with_determiner && (2..=LONGEST_APPOSITION).contains(&inside) {
                let value_start = phrase_words.get(1).map_or(phrase_start, |w| w.start);
                let value_start = if opener.ends_with('\'') {
                    first.start
                } else {
                    value_start
                };
                let value = text[value_start..stop].trim().to_string();
                return Some(claim(value, name.start, stop));
            }
        }
    }
    // `Le titre…, Name,`: the phrase from a determiner to the comma before the name.
    let before = text[..name.start].strip_suffix(", ")?;
    if !after.starts_with(',') {
        return None;
    }
    let sentence_words = words_within(words, 0, before.len());
    let window: Vec<&Token> = sentence_words
        [sentence_words.len().saturating_sub(LONGEST_APPOSITION + 1)..]
        .iter()
        .filter(|w| w.sentence == name.sentence)
        .collect();
    let opener = window
        .iter()
        .rposition(|w| DETERMINERS.contains(&fold_key(w.text).as_str()))?;
    let value_words = &window[opener + 1..];
    let first = value_words.first()?;
    // `Le PDG de Nvidia, Jensen Huang,`, not `La récente visite du PDG de Nvidia, Jensen Huang,`.
    if !TITLES.contains(&fold_key(first.text).as_str()) {
        return None;
    }
    let value = &text[first.start..before.len()];
    if value.contains([',', '.', ';', ':', '\n']) || value_words.len() < 2 {
        return None;
    }
    Some(claim(value.to_string(), window[opener].start, name.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn draft(text: &str, language: &str) -> Vec<DraftClaim> {
        let extraction = extract(text, None, &|_: &str| None);
        claims(&extraction, Some(language))
    }

    #[test]
    fn a_figure_takes_the_name_before_it_and_the_words_before_it() {
        let claims = draft(
            "Au premier trimestre, Nvidia a réalisé un chiffre d'affaires de 46 milliards de dollars en Chine.",
            "fr",
        );
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].subject, "Nvidia");
        assert_eq!(claims[0].property, "chiffre d'affaires");
        assert_eq!(claims[0].value, "46 milliards de dollars");
    }

    /// Each figure's subject and property.
    fn figures(text: &str) -> Vec<(String, String)> {
        draft(text, "fr")
            .into_iter()
            .filter(|c| c.kind == "quantity")
            .map(|c| (c.subject, c.property))
            .collect()
    }

    fn pair(subject: &str, property: &str) -> (String, String) {
        (subject.to_string(), property.to_string())
    }

    #[test]
    fn a_figure_takes_the_nearest_name_before_it_in_its_sentence_else_the_first_after() {
        assert_eq!(
            figures("Selon Reuters, Nvidia a livré 400 000 puces."),
            [pair("Nvidia", "livré")]
        );
        assert_eq!(
            figures("400 000 puces ont été livrées par Nvidia puis AMD."),
            [pair("Nvidia", "chiffre")]
        );
        // A name in another sentence is no subject, before or after.
        assert_eq!(
            figures("Hier, Nvidia parle. Les 400 000 puces sont parties. Hier, AMD se tait."),
            [pair(UNKNOWN_SUBJECT, "chiffre")]
        );
        // The property is read after the subject, not from the sentence's start.
        assert_eq!(
            figures("Les ventes record de Nvidia atteignent 400 000 puces."),
            [pair("Nvidia", "atteignent")]
        );
    }

    #[test]
    fn a_property_is_at_most_four_words_before_the_figure_function_words_aside() {
        assert_eq!(
            figures(
                "Hier, Nvidia a des stocks mondiaux disponibles immédiatement vendables de 400 000 puces."
            ),
            [pair(
                "Nvidia",
                "mondiaux disponibles immédiatement vendables"
            )]
        );
        assert_eq!(
            figures("Hier, Nvidia a des stocks disponibles de 400 000 puces."),
            [pair("Nvidia", "stocks disponibles")]
        );
    }

    #[test]
    fn an_apposition_needs_a_name_of_two_words_and_a_determiner() {
        let roles = |text: &str| -> Vec<(String, String)> {
            draft(text, "fr")
                .into_iter()
                .filter(|c| c.property == "fonction")
                .map(|c| (c.subject, c.value))
                .collect()
        };
        assert_eq!(roles("Lutnick, le secrétaire au Commerce, a parlé."), []);
        assert_eq!(
            roles("Hier, Lutnick, le secrétaire au Commerce, a parlé."),
            []
        );
        assert_eq!(
            roles("Hier, Anna Maria Berg, la ministre de la Santé, a parlé."),
            [pair("Anna Maria Berg", "ministre de la Santé")]
        );
        assert_eq!(
            roles("Howard Lutnick, secrétaire au Commerce, a parlé."),
            []
        );
        assert_eq!(
            roles("Howard Lutnick, l'ancien banquier, a parlé."),
            [pair("Howard Lutnick", "ancien banquier")]
        );
        // At most eight words.
        assert_eq!(
            roles(
                "Howard Lutnick, le secrétaire au Commerce des États-Unis depuis janvier, a parlé."
            ),
            [pair(
                "Howard Lutnick",
                "secrétaire au Commerce des États-Unis depuis janvier"
            )]
        );
        assert_eq!(
            roles(
                "Howard Lutnick, le secrétaire au Commerce des États-Unis depuis le mois de janvier, a parlé."
            ),
            []
        );
        // Before the name: a title of two words or more after the determiner.
        assert_eq!(roles("Le PDG, Jensen Huang, a répondu."), []);
        assert_eq!(
            roles("Hier, le ministre délégué, Jean Dupont, a répondu."),
            [pair("Jean Dupont", "ministre délégué")]
        );
        // The determiner at most eight words before the comma (nine is too far).
        assert_eq!(
            roles(
                "Hier, le PDG et président exécutif du grand groupe Nvidia, Jensen Huang, a répondu."
            ),
            [pair(
                "Jensen Huang",
                "PDG et président exécutif du grand groupe Nvidia"
            )]
        );
        assert_eq!(
            roles(
                "Hier, le PDG fondateur et président exécutif du grand groupe Nvidia, Jensen Huang, a répondu."
            ),
            []
        );
        assert_eq!(
            roles("Hier, le PDG de Nvidia, Jensen Huang, a répondu."),
            [pair("Jensen Huang", "PDG de Nvidia")]
        );
    }

    /// What a figure's evidence must be when its sentence is long: the words of the figure's
    /// line that lie wholly within half the budget on each side of the figure.
    fn expected_window<'t>(text: &'t str, figure: &str) -> &'t str {
        let at = text.find(figure).unwrap();
        let half = (LONGEST_EVIDENCE - figure.len()) / 2;
        let (lo, hi) = (at.saturating_sub(half), at + figure.len() + half);
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let mut offset = line_start;
        let mut inside = Vec::new();
        for word in text[line_start..line_end].split(' ') {
            let (start, end) = (offset, offset + word.len());
            offset = end + 1;
            if start >= lo && end <= hi && !word.is_empty() {
                inside.push((start, end));
            }
        }
        &text[inside.first().unwrap().0..inside.last().unwrap().1]
    }

    fn evidence_of(text: &str, figure: &str) -> String {
        let claims = draft(text, "fr");
        let claim = claims.iter().find(|c| c.value == figure);
        claim
            .unwrap_or_else(|| panic!("{figure} in {claims:?}"))
            .evidence
            .clone()
    }

    #[test]
    fn evidence_is_the_sentence_when_short_else_whole_words_of_the_figures_line_around_it() {
        // A short sentence whole; over two lines, the figure's line.
        let text = "Un titre sans chiffre\nAcme a vendu 400 000 puces.";
        assert_eq!(evidence_of(text, "400 000"), "Acme a vendu 400 000 puces.");
        let text = "Selon le rapport publié hier, Acme a vendu\n400 000 puces en 2024.";
        assert_eq!(evidence_of(text, "400 000"), "400 000 puces en 2024.");
        // A long sentence of accented words, the window's edges at every byte of a word.
        let filler = "café noir ".repeat(40);
        for pad in 0..12 {
            let (left, right) = ("é".repeat(pad), "ç".repeat(12 - pad));
            let text = format!("{filler}{left} Acme a vendu 400 000 puces {right} {filler}.");
            let evidence = evidence_of(&text, "400 000");
            assert_eq!(evidence, expected_window(&text, "400 000"), "pad {pad}");
            assert!(evidence.len() > LONGEST_EVIDENCE - 12, "{evidence}");
        }
        // The window stops at the figure's line, and at its sentence, on either side.
        let long_line = "mot ".repeat(90);
        for (before, after) in [
            (
                "",
                format!("{long_line}Acme a vendu 400 000 puces hier\n{long_line}."),
            ),
            (
                "",
                format!("{long_line}\nAcme a vendu 400 000 puces {long_line}."),
            ),
            (
                "Une phrase courte. ",
                format!("Acme a vendu 400 000 puces {long_line}."),
            ),
        ] {
            let evidence = evidence_of(&format!("{before}{after}"), "400 000");
            assert_eq!(
                evidence,
                expected_window(&after, "400 000"),
                "{before}{after}"
            );
        }
    }

    #[test]
    fn appositions_give_roles() {
        let claims = draft(
            "Howard Lutnick, le secrétaire au Commerce, a parlé. Le PDG de Nvidia, Jensen Huang, a répondu.",
            "fr",
        );
        let roles: Vec<(&str, &str)> = claims
            .iter()
            .filter(|c| c.property == "fonction")
            .map(|c| (c.subject.as_str(), c.value.as_str()))
            .collect();
        assert_eq!(
            roles,
            [
                ("Howard Lutnick", "secrétaire au Commerce"),
                ("Jensen Huang", "PDG de Nvidia")
            ]
        );
    }
}
