//! Quotations and their speakers: the text between quotation marks, and the person the article
//! says said it.

use std::collections::HashSet;

use super::{Mention, MentionKind, PersonHint, Speaker};
use crate::normalise::text::{fold_key, is_space};

/// The longest quotation concord looks for, in bytes: an unclosed mark ends no later.
const LONGEST_QUOTATION: usize = 4_000;

/// Every quotation of the text, between « », “ ”, " " or ‘ ’.
pub(super) fn quotations(text: &str, sentences: &[(usize, usize)], out: &mut Vec<Mention>) {
    let mut at = 0;
    while let Some((offset, open)) = text[at..]
        .char_indices()
        .find(|(_, c)| matches!(c, '«' | '“' | '"' | '‘'))
    {
        let inner_start = at + offset + open.len_utf8();
        let close: &[char] = match open {
            '«' => &['»'],
            '“' => &['”', '“'],
            '"' => &['"'],
            _ => &['’'],
        };
        let window_end = floor_char_boundary(text, inner_start + LONGEST_QUOTATION);
        let window = &text[inner_start..window_end];
        // A closing ’ is also an apostrophe: it closes only when no letter follows.
        let found = window.char_indices().find(|(i, c)| {
            close.contains(c)
                && (open != '‘'
                    || !window[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric))
        });
        let Some((length, closing)) = found else {
            at = inner_start;
            continue;
        };
        let inner = &text[inner_start..inner_start + length];
        let trimmed = inner.trim_matches(|c: char| is_space(c));
        if !trimmed.is_empty() && !trimmed.contains("\n\n") {
            let start = inner_start + (inner.len() - inner.trim_start_matches(is_space).len());
            out.push(Mention {
                kind: MentionKind::Quote,
                text: trimmed.to_string(),
                start,
                end: start + trimmed.len(),
                sentence: sentences
                    .partition_point(|s| s.0 <= start)
                    .saturating_sub(1),
                speaker: None,
            });
        }
        at = inner_start + length + closing.len_utf8();
    }
}

/// `index`, or the nearest char boundary before it.
pub(super) fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// How many sentences back a quotation looks for its speaker.
const SPEAKER_REACH: usize = 5;

/// Gives each quotation the person who said it: the first person named after it in its
/// sentence (`», a déclaré Howard Lutnick`), else the last one named before it in its sentence,
/// else the last person named in the sentences before (`», a-t-il dit`).
pub(super) fn attribute_quotations(
    mentions: &mut [Mention],
    sentences: &[(usize, usize)],
    person: PersonHint,
) {
    let names: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .collect();
    // Surnames: the last word of a name of two words or more, used alone elsewhere.
    let surnames: HashSet<String> = names
        .iter()
        .filter(|m| m.text.split_whitespace().count() >= 2)
        .filter_map(|m| m.text.split_whitespace().last().map(fold_key))
        .collect();
    let is_person = |name: &Mention| -> bool {
        if let Some(known) = person(&name.text) {
            return known;
        }
        let parts: Vec<&str> = name.text.split_whitespace().collect();
        let upper = |w: &str| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        };
        match parts.as_slice() {
            [single] => !upper(single) && surnames.contains(&fold_key(single)),
            _ => parts.len() <= 4 && !parts.iter().any(|w| upper(w)),
        }
    };
    let people: Vec<(usize, usize, usize, String)> = names
        .iter()
        .filter(|m| is_person(m))
        .map(|m| (m.start, m.end, m.sentence, m.text.clone()))
        .collect();
    for quote in mentions.iter_mut().filter(|m| m.kind == MentionKind::Quote) {
        let sentence_of_end = sentences
            .partition_point(|s| s.0 <= quote.end)
            .saturating_sub(1);
        // `people` is in the order of the text.
        let after_quote = people.partition_point(|p| p.0 < quote.end);
        let end_sentence = people.get(after_quote).filter(|p| p.2 == sentence_of_end);
        let before_quote = people.partition_point(|p| p.1 <= quote.start);
        let last_before = people[..before_quote].last();
        let before_in_sentence = last_before.filter(|p| p.2 == quote.sentence);
        let before = last_before.filter(|p| p.2 + SPEAKER_REACH >= quote.sentence);
        quote.speaker = end_sentence
            .or(before_in_sentence)
            .or(before)
            .map(|p| Speaker {
                name: p.3.clone(),
                start: p.0,
            });
    }
}
