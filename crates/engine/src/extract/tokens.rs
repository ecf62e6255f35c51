//! Words and sentences of an article (Unicode text segmentation, UAX #29), with byte offsets.
//!
//! On top of UAX #29: a French elision is cut off its word (`l'importation` → `importation`,
//! `d'AMD` → `AMD`), and words joined by a hyphen or by a colon between letters and digits stay
//! one word (`Jean-Pierre`, `États-Unis`, `NXT:2000i`).

use unicode_segmentation::UnicodeSegmentation;

use crate::normalise::text::{is_apostrophe, is_space};

/// Elided words that a French apostrophe glues to the next word.
const ELISIONS: [&str; 13] = [
    "l", "d", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// A word of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    pub text: &'t str,
    /// Byte offsets in the article.
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// Only spaces (no line break, no punctuation) separate it from the word before.
    pub joined: bool,
}

impl Token<'_> {
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn has_digit(&self) -> bool {
        self.text.chars().any(|c| c.is_ascii_digit())
    }

    pub fn is_number(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && self
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    }
}

/// The sentences of `text` as byte ranges.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    text.split_sentence_bound_indices()
        .map(|(start, s)| (start, start + s.len()))
        .collect()
}

/// The words of `text`, each with its sentence (an index into `sentences`).
pub fn tokens<'t>(text: &'t str, sentences: &[(usize, usize)]) -> Vec<Token<'t>> {
    let mut out: Vec<Token<'t>> = Vec::new();
    let mut sentence = 0;
    // Punctuation or a line break since the last word: the next word does not continue a name.
    let mut broken = true;
    // A hyphen or colon glued to the end of the last word.
    let mut joiner_after_last = false;
    for (start, segment) in text.split_word_bound_indices() {
        while sentence + 1 < sentences.len() && sentences[sentence + 1].0 <= start {
            sentence += 1;
        }
        if !segment.chars().any(char::is_alphanumeric) {
            let glued = out.last().is_some_and(|t| t.end == start);
            joiner_after_last = glued && (segment == "-" || segment == ":");
            if !joiner_after_last && !segment.chars().all(|c| is_space(c) && c != '\n') {
                broken = true;
            }
            continue;
        }
        let (start, segment) = strip_elision(start, segment);
        if joiner_after_last {
            joiner_after_last = false;
            if let Some(last) = out.last_mut()
                && last.sentence == sentence
                && joinable(last.text, segment, text, last.end)
            {
                last.end = start + segment.len();
                last.text = &text[last.start..last.end];
                continue;
            }
            broken = true;
        }
        let joined = !broken && out.last().is_some_and(|t| t.sentence == sentence);
        out.push(Token {
            text: segment,
            start,
            end: start + segment.len(),
            sentence,
            joined,
        });
        broken = false;
    }
    out
}

/// Whether two words around a hyphen or colon are one word: a hyphen always joins, a colon
/// only inside a code (`NXT:2000i`).
fn joinable(before: &str, after: &str, text: &str, joiner_at: usize) -> bool {
    match text[joiner_at..].chars().next() {
        Some('-') => true,
        Some(':') => {
            let has_digit = |w: &str| w.chars().any(|c| c.is_ascii_digit());
            has_digit(before) || has_digit(after)
        }
        _ => false,
    }
}

/// `l'importation` → `importation`, moving the start past the apostrophe.
fn strip_elision(start: usize, word: &str) -> (usize, &str) {
    if let Some((at, apostrophe)) = word.char_indices().find(|(_, c)| is_apostrophe(*c)) {
        let head = word[..at].to_lowercase();
        let rest = at + apostrophe.len_utf8();
        if ELISIONS.contains(&head.as_str()) && rest < word.len() {
            return (start + rest, &word[rest..]);
        }
    }
    (start, word)
}

/// Byte offset → 1-based line and column (in characters), answered from an index of line
/// starts so that many lookups stay cheap on a long article.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    pub fn line_column(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let column = self.text[self.starts[line - 1]..offset].chars().count() + 1;
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, &sentences(text))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn elisions_hyphens_and_codes() {
        assert_eq!(
            words("l'importation d’AMD aux États-Unis, NXT:2000i et Jean-Pierre: oui"),
            [
                "importation",
                "AMD",
                "aux",
                "États-Unis",
                "NXT:2000i",
                "et",
                "Jean-Pierre",
                "oui"
            ]
        );
        assert_eq!(words("aujourd'hui"), ["aujourd'hui"]);
    }

    #[test]
    fn digits_and_figures() {
        fn token(text: &str) -> Token<'_> {
            tokens(text, &sentences(text)).remove(0)
        }
        for (text, has_digit, is_number) in [
            ("2025", true, true),
            ("1,5", true, true),
            ("1.500", true, true),
            ("H20", true, false),
            ("20e", true, false),
            ("Paris", false, false),
        ] {
            let t = token(text);
            assert_eq!(
                (t.has_digit(), t.is_number()),
                (has_digit, is_number),
                "{text}"
            );
        }
    }

    #[test]
    fn each_word_knows_its_sentence() {
        let text = "Un. Deux trois. Quatre.";
        let of: Vec<usize> = tokens(text, &sentences(text))
            .iter()
            .map(|t| t.sentence)
            .collect();
        assert_eq!(of, [0, 1, 1, 2]);
    }

    #[test]
    fn words_are_joined_only_by_spaces_on_one_line() {
        let text = "Howard Lutnick, Secretary.\nNew York";
        let joined: Vec<bool> = tokens(text, &sentences(text))
            .iter()
            .map(|t| t.joined)
            .collect();
        assert_eq!(joined, [false, true, false, false, true]);
    }

    #[test]
    fn line_index_counts_characters() {
        let index = LineIndex::new("été\nà Paris");
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column("été\nà ".len()), (2, 3));
    }
}
