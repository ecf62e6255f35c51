//! Text folding: the forms in which two spellings of one text compare equal.
//!
//! Two foldings serve two purposes. [`fold_evidence`] is strict: it only unifies white space,
//! quotation marks and apostrophes, so that evidence copied from an article is found in it.
//! [`fold_key`] also drops case and accents and applies compatibility normalisation (NFKC), for
//! deciding that two names or values are the same text.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// White space of every kind, including no-break (U+00A0) and narrow no-break (U+202F) spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
}

/// Quotation marks of the languages concord reads, all folded to `"`.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '‹' | '›')
}

/// Apostrophes and single quotation marks, all folded to `'`.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '′' | '‚' | '‛' | '`' | '´')
}

/// The words of a text, apostrophes splitting them (`l'aide`), as written.
pub fn split_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .flat_map(|w| w.split(is_apostrophe))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of `text`, lowercase, accents folded.
pub fn folded_words(text: &str) -> Vec<String> {
    split_words(text)
        .into_iter()
        .map(|w| fold_accents(&w.to_lowercase()))
        .collect()
}

/// The text without its accents (`é` → `e`).
pub fn fold_accents(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The characters of a text as [`fold_evidence`] keeps them, each with the byte offset of the
/// character it comes from. White space runs become one space; spaces just inside guillemets
/// (`« mot »`) are dropped, so that `« mot »` and `"mot"` fold alike.
pub struct EvidenceChars<'a> {
    chars: std::str::CharIndices<'a>,
    /// A folded character held back while the space before it is returned.
    held: Option<(usize, char)>,
    after_opening_guillemet: bool,
    at_start: bool,
}

impl<'a> EvidenceChars<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            chars: text.char_indices(),
            held: None,
            after_opening_guillemet: false,
            at_start: true,
        }
    }
}

impl Iterator for EvidenceChars<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        if let Some(held) = self.held.take() {
            return Some(held);
        }
        let mut space_at = None;
        for (offset, c) in self.chars.by_ref() {
            if is_space(c) {
                space_at.get_or_insert(offset);
                continue;
            }
            let folded = if is_quote_mark(c) {
                '"'
            } else if is_apostrophe(c) {
                '\''
            } else {
                c
            };
            let drop_space =
                self.at_start || self.after_opening_guillemet || matches!(c, '»' | '›');
            self.after_opening_guillemet = matches!(c, '«' | '‹');
            self.at_start = false;
            return match space_at {
                Some(space_offset) if !drop_space => {
                    self.held = Some((offset, folded));
                    Some((space_offset, ' '))
                }
                _ => Some((offset, folded)),
            };
        }
        None
    }
}

/// Unifies white space, quotation marks and apostrophes (after NFC), and trims.
pub fn fold_evidence(text: &str) -> String {
    let composed: String = text.nfc().collect();
    EvidenceChars::new(&composed).map(|(_, c)| c).collect()
}

/// The text with its HTML entities decoded (`Dupr&eacute;`, `&amp;`, `&#233;`, `&#xE9;`), as
/// values copied from web pages carry them; borrowed when there is none.
pub fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('&') {
        html_escape::decode_html_entities(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// True when the text carries an HTML entity.
pub fn has_entities(text: &str) -> bool {
    matches!(decode_entities(text), std::borrow::Cow::Owned(ref decoded) if decoded != text)
}

/// The comparison key of a text: NFKC, lower case, no accents, quotation marks, apostrophes and
/// white space unified and trimmed.
pub fn fold_key(text: &str) -> String {
    // ASCII has nothing to decompose or compose: most text skips the normalisation passes.
    if text.is_ascii() {
        return fold_chars(text.chars(), text.len());
    }
    let decomposed = text.nfkd().filter(|c| !is_combining_mark(*c));
    let folded = fold_chars(decomposed, text.len());
    // Accents gone, most Latin text is ASCII again, which composition would not change.
    if folded.is_ascii() {
        folded
    } else {
        folded.nfkc().collect()
    }
}

/// Lower case, quotation marks, apostrophes and white space unified and trimmed.
fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut key = String::with_capacity(capacity);
    for c in chars.flat_map(char::to_lowercase) {
        let c = if is_space(c) {
            ' '
        } else if is_quote_mark(c) {
            '"'
        } else if is_apostrophe(c) {
            '\''
        } else {
            c
        };
        if c == ' ' && (key.is_empty() || key.ends_with(' ')) {
            continue;
        }
        key.push(c);
    }
    if key.ends_with(' ') {
        key.pop();
    }
    key
}

/// The 1-based line and column (in characters) of a byte offset of `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_are_decoded() {
        assert_eq!(decode_entities("Dupr&eacute;"), "Dupré");
        assert_eq!(decode_entities("Ada &amp; Charles"), "Ada & Charles");
        assert_eq!(decode_entities("Tom&#225;s &#193;lvarez"), "Tomás Álvarez");
        assert_eq!(decode_entities("K&#x61;rin"), "Karin");
        assert_eq!(decode_entities("AT&T, R&D"), "AT&T, R&D");
        assert!(has_entities("In&egrave;s") && !has_entities("AT&T") && !has_entities("Inès"));
    }

    #[test]
    fn evidence_folding_table() {
        let cases = [
            ("a  b\n c", "a b c"),
            ("plus de 400\u{a0}000 puces", "plus de 400 000 puces"),
            ("400\u{202f}000", "400 000"),
            ("l’inférence", "l'inférence"),
            (
                "« chip de quatrième niveau »",
                "\"chip de quatrième niveau\"",
            ),
            ("“insultantes”", "\"insultantes\""),
            ("  trimmed  ", "trimmed"),
            ("e\u{301}te\u{301}", "été"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold_evidence(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn evidence_folding_is_idempotent() {
        for text in ["« a  b »", "l’x\u{a0}y", " \"q\" "] {
            let once = fold_evidence(text);
            assert_eq!(fold_evidence(&once), once);
        }
    }

    #[test]
    fn evidence_folding_keeps_case_and_accents() {
        assert_ne!(fold_evidence("Etats"), fold_evidence("États"));
        assert_ne!(fold_evidence("nvidia"), fold_evidence("Nvidia"));
    }

    #[test]
    fn evidence_chars_point_back_into_the_text() {
        let text = "a\u{a0}\u{a0}«\u{a0}b »";
        let chars: Vec<_> = EvidenceChars::new(text).collect();
        assert_eq!(chars.iter().map(|(_, c)| c).collect::<String>(), "a \"b\"");
        assert_eq!(&text[chars[3].0..], "b »");
    }

    #[test]
    fn key_folding_table() {
        let cases = [
            ("NVIDIA", "nvidia"),
            (
                "Secrétaire au Commerce des États-Unis",
                "secretaire au commerce des etats-unis",
            ),
            ("Ｈ２０", "h20"),
            ("l’IA", "l'ia"),
            ("  Jensen\u{a0}\u{a0}Huang ", "jensen huang"),
            ("ﬁn", "fin"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold_key(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn positions_count_characters() {
        let text = "é\nàb";
        assert_eq!(line_column(text, text.find('b').unwrap()), (2, 2));
        assert_eq!(line_column(text, 0), (1, 1));
    }
}

/// The words of a text for comparing wordings: folded, without punctuation, with a plural `s`
/// or `x` dropped from words longer than three letters.
pub fn comparison_words(text: &str) -> Vec<String> {
    fold_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let stem = w
                .strip_suffix(['s', 'x'])
                .filter(|s| s.chars().count() >= 3)
                .unwrap_or(w);
            stem.to_string()
        })
        .collect()
}

/// How alike two wordings are: the Dice coefficient of their word multisets (0 to 1).
pub fn wording_similarity(a: &str, b: &str) -> f64 {
    let (mut a, b) = (comparison_words(a), comparison_words(b));
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    let mut shared = 0;
    for word in &b {
        if let Some(i) = a.iter().position(|w| w == word) {
            a.swap_remove(i);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total as f64
}

#[cfg(test)]
mod wording_tests {
    use super::*;

    #[test]
    fn translations_of_one_remark_are_alike() {
        let a = "Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs, ni même nos troisièmes meilleurs";
        let b = "Nous ne leur vendons ni le meilleur, ni le deuxième meilleur, ni même le troisième. Seulement le quatrième";
        let other =
            "L'idée est que les Chinois sont plus que capables de créer leur propre système.";
        assert!(
            wording_similarity(a, b) > 0.5,
            "{}",
            wording_similarity(a, b)
        );
        assert!(
            wording_similarity(a, other) < 0.3,
            "{}",
            wording_similarity(a, other)
        );
        assert_eq!(wording_similarity("Même texte", "même  texte"), 1.0);
        assert_eq!(wording_similarity("", "x"), 0.0);
    }
}
