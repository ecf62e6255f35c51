//! Names of people and organisations, and the signals that say two spellings are one name.
//!
//! No single score decides: two names match when, token by token, each pair is equal or close by
//! edit distance (Damerau-Levenshtein, bounded by the token's length) *and* by sound (Double
//! Metaphone) or by Jaro-Winkler. A name made of the first or last words of another is its short
//! form (`Huang` of `Jensen Huang`), not a variant.

use rphonetic::DoubleMetaphone;

use super::text::fold_key;

/// Lower-case words that may stand inside a proper name (`Charles de Gaulle`, `Ludwig van
/// Beethoven`).
const PARTICLES: [&str; 14] = [
    "de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "da", "di", "al", "bin",
];

/// True when the folded `word` is a particle that may stand inside a name (`de`, `van`).
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// The words of a name, folded, without particles.
pub fn tokens(form: &str) -> Vec<String> {
    fold_key(form)
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty() && !PARTICLES.contains(t))
        .map(str::to_string)
        .collect()
}

/// True when `form` reads as a proper name: one to five words, each capitalised or a particle,
/// with no digits.
pub fn is_proper_name(form: &str) -> bool {
    let words: Vec<&str> = form.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && !form.chars().any(|c| c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || PARTICLES.contains(&fold_key(w).as_str())
        })
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// One word of two letters or more, all capitals: `AMD`, `TSMC`.
pub fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    !form.trim().contains(' ') && letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Where a short form stands in the longer name it abbreviates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShortForm {
    /// The first words: `Moonshot` of `Moonshot AI`.
    Leading,
    /// The last words, as people are called by their surname: `Huang` of `Jensen Huang`.
    Trailing,
}

/// Whether `short` is the first or last words of the proper name `long`. Words inside a
/// longer phrase are not a short form: `Chine` does not abbreviate `ministère des Affaires
/// étrangères de Chine`.
pub fn short_form(short: &str, long: &str) -> Option<ShortForm> {
    let (short_tokens, long_tokens) = (tokens(short), tokens(long));
    if short_tokens.is_empty() || short_tokens.len() >= long_tokens.len() || !is_proper_name(long) {
        return None;
    }
    if long_tokens.starts_with(&short_tokens) {
        Some(ShortForm::Leading)
    } else if long_tokens.ends_with(&short_tokens) {
        Some(ShortForm::Trailing)
    } else {
        None
    }
}

/// The keys under which `long` is found by its short forms: its first and its last words, as
/// [`short_form_key`] writes them, with the kind of each. A short form `s` of `long` (by
/// [`short_form`]) is exactly one whose key is among these.
pub fn short_form_keys(long: &str) -> Vec<(String, ShortForm)> {
    let words = tokens(long);
    if words.len() < 2 || !is_proper_name(long) {
        return Vec::new();
    }
    let mut keys: Vec<(String, ShortForm)> = (1..words.len())
        .map(|k| (words[..k].join(" "), ShortForm::Leading))
        .collect();
    for k in 1..words.len() {
        let key = words[words.len() - k..].join(" ");
        if !keys.iter().any(|(other, _)| *other == key) {
            keys.push((key, ShortForm::Trailing));
        }
    }
    keys
}

/// The key a name looks up its longer forms by (see [`short_form_keys`]).
pub fn short_form_key(short: &str) -> String {
    tokens(short).join(" ")
}

/// Why two names were found to be one, for `--explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct NameMatch {
    pub score: f64,
    pub signals: String,
}

/// Whether `a` and `b` are spellings of one name. Tokens are aligned from the end (surnames
/// last); the shorter name's tokens must all be equal or close to the other's.
pub fn spelling_match(a: &str, b: &str) -> Option<NameMatch> {
    // An acronym is not misspelled by a letter: `AMD` and `AM`, `TSMC` and `SMIC` are others.
    if is_acronym(a) || is_acronym(b) {
        return None;
    }
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() || ta == tb {
        return None;
    }
    // Names of different lengths align on their last words, as a surname does with a full
    // name; a longer phrase (`Cyberspace Administration of China`) is no full name.
    if ta.len() != tb.len() && ta.len().max(tb.len()) > 3 {
        return None;
    }
    let n = ta.len().min(tb.len());
    let (ta, tb) = (&ta[ta.len() - n..], &tb[tb.len() - n..]);
    let mut scores = Vec::new();
    let mut signals = Vec::new();
    for (x, y) in ta.iter().zip(tb) {
        if x == y {
            scores.push(1.0);
            continue;
        }
        let close = close_tokens(x, y)?;
        signals.push(close.signals);
        scores.push(close.score);
    }
    if signals.is_empty() {
        return None;
    }
    Some(NameMatch {
        score: scores.iter().sum::<f64>() / scores.len() as f64,
        signals: signals.join("; "),
    })
}

/// Two different tokens that are one word misspelled.
fn close_tokens(x: &str, y: &str) -> Option<NameMatch> {
    let length = x.chars().count().max(y.chars().count());
    let allowed = match length {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    };
    let distance = strsim::damerau_levenshtein(x, y);
    if distance > allowed {
        return None;
    }
    let jaro_winkler = strsim::jaro_winkler(x, y);
    let metaphone = DoubleMetaphone::default();
    let (px, py) = (
        metaphone.double_metaphone(&ascii_letters(x)),
        metaphone.double_metaphone(&ascii_letters(y)),
    );
    let same_sound = !px.primary().is_empty()
        && (px.primary() == py.primary()
            || px.alternate() == py.alternate()
            || px.primary() == py.alternate());
    if !(same_sound || jaro_winkler >= 0.9) {
        return None;
    }
    let score = 0.4 * jaro_winkler
        + 0.3 * (1.0 - distance as f64 / length as f64)
        + if same_sound { 0.3 } else { 0.0 };
    Some(NameMatch {
        score,
        signals: format!(
            "{x}/{y}: edit distance {distance}, Jaro-Winkler {jaro_winkler:.2}, sound {}/{}{}",
            px.primary(),
            py.primary(),
            if same_sound { " (same)" } else { "" }
        ),
    })
}

/// A blocking key: the full sound of the name's last token, so that only names that may match
/// are compared.
pub fn block_key(form: &str) -> String {
    let last = tokens(form).pop().unwrap_or_default();
    DoubleMetaphone::new(None)
        .double_metaphone(&ascii_letters(&last))
        .primary()
}

/// The ASCII letters of a folded token: the phonetic encoder slices its input by bytes and
/// panics inside a multi-byte character (found by fuzzing: `£`).
fn ascii_letters(token: &str) -> String {
    token.chars().filter(char::is_ascii_alphabetic).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_form_keys_find_what_short_form_finds() {
        let names = [
            "Jensen Huang",
            "Huang",
            "Jensen",
            "Moonshot AI",
            "Moonshot",
            "AI",
            "Charles de Gaulle",
            "Gaulle",
            "Charles",
            "de Gaulle",
            "ministère des Affaires étrangères de Chine",
            "Chine",
            "Anne Marie Anne",
            "Anne",
        ];
        for long in names {
            let keys = short_form_keys(long);
            for short in names {
                let by_key = keys
                    .iter()
                    .find(|(k, _)| *k == short_form_key(short))
                    .map(|(_, kind)| *kind);
                assert_eq!(by_key, short_form(short, long), "{short} of {long}");
            }
        }
    }

    #[test]
    fn misspellings_match() {
        let pairs = [
            ("Latnik", "Lutnick"),
            ("Howard Latnik", "Howard Lutnick"),
            ("Howard Latnik", "Lutnick"),
            ("Jensen Huang", "Jenson Huang"),
            ("Zelensky", "Zelenskyy"),
            ("Tencent", "Tencnet"),
        ];
        for (a, b) in pairs {
            assert!(spelling_match(a, b).is_some(), "{a} / {b}");
        }
    }

    #[test]
    fn different_names_do_not_match() {
        let pairs = [
            ("Zhang Wei", "Zhang Wen"),
            ("Huang", "Jensen Huang"),
            ("Jensen Huang", "Jensen Huang"),
            ("Alibaba", "Baidu"),
            ("AMD", "AM"),
            ("TSMC", "SMIC"),
            ("Trump", "Truss"),
            ("Li", "Lu"),
            ("Huawei", "Huang"),
            ("Tencent", "Trent"),
            ("Chine", "Cyberspace Administration of China"),
        ];
        for (a, b) in pairs {
            assert!(spelling_match(a, b).is_none(), "{a} / {b}");
        }
    }

    #[test]
    fn fuzz_regression_phonetic_key_of_non_ascii_characters() {
        let _ = spelling_match("3\tc/£c£3", "3\tc/c£");
        assert_eq!(block_key("Pound £"), block_key("Pound"));
        let _ = spelling_match("Ελλάδα", "Ελλαδα");
    }

    #[test]
    fn short_forms() {
        assert_eq!(
            short_form("Huang", "Jensen Huang"),
            Some(ShortForm::Trailing)
        );
        assert_eq!(
            short_form("de Gaulle", "Charles de Gaulle"),
            Some(ShortForm::Trailing)
        );
        assert_eq!(
            short_form("Moonshot", "Moonshot AI"),
            Some(ShortForm::Leading)
        );
        assert_eq!(short_form("Jensen Huang", "Huang"), None);
        assert_eq!(short_form("Wang", "Jensen Huang"), None);
        assert_eq!(
            short_form("Chine", "ministère des Affaires étrangères de Chine"),
            None
        );
        assert_eq!(
            short_form("Affaires", "Ministère des Affaires Étrangères"),
            None
        );
    }

    #[test]
    fn proper_names() {
        for name in ["Howard Lutnick", "NVIDIA", "Charles de Gaulle", "Pékin"] {
            assert!(is_proper_name(name), "{name}");
        }
        for text in [
            "entreprises chinoises",
            "trois agences",
            "H20",
            "hauts fonctionnaires",
            "",
        ] {
            assert!(!is_proper_name(text), "{text}");
        }
    }
}
