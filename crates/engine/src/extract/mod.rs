//! Raw-text mode: the mentions of an article found by rules — names, product codes, figures,
//! dates and quotations with their speakers — for `scan` (variants across and within articles)
//! and `extract` (a draft source file).
//!
//! Names are runs of capitalised words (with particles such as `de` or `van` inside), cut at
//! titles (`ministre`, `CEO`), month and weekday names, and at a capitalised first word of a
//! sentence that the article also writes in lower case or that is a common word (`Selon`,
//! `The`). Figures and dates are the shortest runs of words that the quantity and date normalisers read as they read
//! the longest run, so `46 milliards de dollars en Chine` gives `46 milliards de dollars`.

pub mod draft;
mod quotations;
pub mod tokens;
mod words;

use std::collections::HashSet;

use crate::normalise::date;
use crate::normalise::names::is_particle;
use crate::normalise::quantity::{self, Language};
use crate::normalise::text::{fold_key, is_space};
use quotations::{attribute_quotations, floor_char_boundary};
use tokens::Token;
use words::{COMMON_ACRONYMS, COMMON_WORDS, TITLES};

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Name,
    Code,
    Figure,
    Date,
    Quote,
}

/// Something an article writes, as written, with its byte span.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub kind: MentionKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// For a quotation, who said it, when the article says.
    pub speaker: Option<Speaker>,
}

/// The person a quotation is attributed to, as the article names them.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    pub name: String,
    /// Byte offset of that naming in the article.
    pub start: usize,
}

/// An article read by rules.
pub struct Extraction<'t> {
    pub text: &'t str,
    pub sentences: Vec<(usize, usize)>,
    /// In the order of the text.
    pub mentions: Vec<Mention>,
}

/// What the registry says of a name: `Some(true)` for a registered person, `Some(false)` for
/// another registered entity, `None` when it does not know the name.
pub type PersonHint<'a> = &'a dyn Fn(&str) -> Option<bool>;

/// How many bytes of an article language detection reads.
const LANGUAGE_SAMPLE: usize = 2_000;

/// The language of an article, when it is French or English and the text says so clearly.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // The first few thousand characters tell as well as the whole.
    let info = whatlang::detect(&text[..floor_char_boundary(text, LANGUAGE_SAMPLE)])?;
    match info.lang() {
        whatlang::Lang::Fra => Some("fr"),
        whatlang::Lang::Eng => Some("en"),
        _ => None,
    }
}

/// The mentions of `text`.
pub fn extract<'t>(
    text: &'t str,
    language: Option<Language>,
    person: PersonHint,
) -> Extraction<'t> {
    let sentences = tokens::sentences(text);
    let words = tokens::tokens(text, &sentences);
    let vocabulary = Vocabulary::of(text, &words);
    let mut used = vec![false; words.len()];
    let mut mentions = Vec::new();
    codes_and_names(text, &words, &vocabulary, &mut used, &mut mentions);
    dates(text, &words, &mut used, &mut mentions);
    figures(text, &words, language, &mut used, &mut mentions);
    quotations::quotations(text, &sentences, &mut mentions);
    mentions.sort_by_key(|m| (m.start, m.kind));
    attribute_quotations(&mut mentions, &sentences, person);
    Extraction {
        text,
        sentences,
        mentions,
    }
}

/// What the article's own words say about a capitalised word.
struct Vocabulary {
    /// Words the article writes in lower case.
    lower_case: HashSet<String>,
    /// Capitalised words (folded) the article writes inside a sentence, not first.
    capitalised_inside: HashSet<String>,
    /// Capitalised words (folded) the article writes with no capitalised word beside them.
    standalone: HashSet<String>,
}

impl Vocabulary {
    fn of(text: &str, words: &[Token]) -> Self {
        let mut vocabulary = Self {
            lower_case: HashSet::new(),
            capitalised_inside: HashSet::new(),
            standalone: HashSet::new(),
        };
        for (i, word) in words.iter().enumerate() {
            if word.text.chars().next().is_some_and(char::is_lowercase) {
                vocabulary.lower_case.insert(word.text.to_lowercase());
                continue;
            }
            if !is_name_word(word) {
                continue;
            }
            if !starts_sentence(text, words, i) {
                vocabulary.capitalised_inside.insert(folded(word));
            }
            // A joined word is never the first, so it has one before it.
            let capital_before = word.joined
                && (words[i - 1].is_capitalised() || is_particle(&folded(&words[i - 1])));
            let capital_after = words
                .get(i + 1)
                .is_some_and(|next| next.joined && next.is_capitalised());
            if !capital_before && !capital_after {
                vocabulary.standalone.insert(folded(word));
            }
        }
        vocabulary
    }
}

fn folded(token: &Token) -> String {
    fold_key(token.text)
}

/// A word that mixes letters and digits as a product code does; `1er`, `3rd`, `19h` or `10km`
/// (digits then a few lower-case letters) are not codes.
fn is_code_word(token: &Token) -> bool {
    if !token.has_digit() || !token.text.chars().any(char::is_alphabetic) {
        return false;
    }
    let letters_after_digits: String = token
        .text
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .to_string();
    let ordinal_or_unit = token
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        && letters_after_digits.len() <= 3
        && letters_after_digits.chars().all(char::is_lowercase);
    !ordinal_or_unit
}

/// A capitalised word without digits whose hyphenated parts are capitalised too (`États-Unis`,
/// not `Est-ce`).
fn is_name_word(token: &Token) -> bool {
    token.is_capitalised()
        && !token.has_digit()
        && token.text.split('-').all(|part| {
            part.chars().next().is_some_and(char::is_uppercase) || is_particle(&fold_key(part))
        })
}

/// True when the word begins a sentence, a quotation or a clause after a colon.
fn starts_sentence(text: &str, words: &[Token], index: usize) -> bool {
    if index == 0 || words[index - 1].sentence != words[index].sentence {
        return true;
    }
    let before = text[..words[index].start].trim_end_matches(|c: char| is_space(c));
    before.ends_with(['«', '“', '"', '‘', ':', '(', '—', '–'])
}

fn codes_and_names(
    text: &str,
    words: &[Token],
    vocabulary: &Vocabulary,
    used: &mut [bool],
    out: &mut Vec<Mention>,
) {
    let mut i = 0;
    while i < words.len() {
        if is_code_word(&words[i]) {
            // A capitalised word before a code that starts with a digit is its product line:
            // `Ascend 910B`.
            let line_name = words[i].joined
                && words[i].text.starts_with(|c: char| c.is_ascii_digit())
                && out.last().is_some_and(|m| {
                    m.kind == MentionKind::Name
                        && m.start == words[i - 1].start
                        && m.end == words[i - 1].end
                });
            let first = if line_name {
                out.pop();
                i - 1
            } else {
                i
            };
            push(out, text, MentionKind::Code, &words[first..=i]);
            used[first..=i].iter_mut().for_each(|u| *u = true);
            i += 1;
            continue;
        }
        if !is_name_word(&words[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < words.len() && words[end].joined {
            if is_name_word(&words[end]) {
                end += 1;
            } else if is_particle(&folded(&words[end]))
                && end + 1 < words.len()
                && words[end + 1].joined
                && is_name_word(&words[end + 1])
                // `Blackwell de Nvidia` is two names when the article writes `Nvidia` alone.
                && !vocabulary.standalone.contains(&folded(&words[end + 1]))
            {
                end += 2;
            } else {
                break;
            }
        }
        names_in_run(text, words, i, end, vocabulary, used, out);
        i = end;
    }
}

/// Cuts the run of capitalised words `words[start..end]` into names.
fn names_in_run(
    text: &str,
    words: &[Token],
    start: usize,
    end: usize,
    vocabulary: &Vocabulary,
    used: &mut [bool],
    out: &mut Vec<Mention>,
) {
    let mut piece: Vec<usize> = Vec::new();
    let mut flush = |piece: &mut Vec<usize>, out: &mut Vec<Mention>| {
        while piece.last().is_some_and(|&k| !is_name_word(&words[k])) {
            piece.pop();
        }
        let keep = match piece.as_slice() {
            [] => false,
            // A lone capital letter (`A`, `I`) is not a name.
            [k] => words[*k].text.chars().count() > 1,
            _ => true,
        };
        if keep {
            let (first, last) = (piece[0], *piece.last().expect("not empty"));
            push(out, text, MentionKind::Name, &words[first..=last]);
            used[first..=last].iter_mut().for_each(|u| *u = true);
        }
        piece.clear();
    };
    for k in start..end {
        let word = folded(&words[k]);
        // A capitalised first word of a sentence is a name when the article also writes it
        // capitalised inside a sentence, or when a name follows it, unless it is a common word.
        let common_first_word = starts_sentence(text, words, k)
            && (COMMON_WORDS.contains(&word.as_str())
                || vocabulary
                    .lower_case
                    .contains(&words[k].text.to_lowercase())
                || (end - k == 1 && !vocabulary.capitalised_inside.contains(&word)));
        let breaks = TITLES.contains(&word.as_str())
            || COMMON_ACRONYMS.contains(&word.as_str())
            || date::is_month(&word)
            || date::is_weekday(&word)
            || common_first_word
            || (piece.is_empty() && !is_name_word(&words[k]));
        if breaks {
            flush(&mut piece, out);
        } else {
            piece.push(k);
        }
    }
    flush(&mut piece, out);
}

fn push(out: &mut Vec<Mention>, text: &str, kind: MentionKind, words: &[Token]) {
    let (start, end) = (words[0].start, words[words.len() - 1].end);
    out.push(Mention {
        kind,
        text: text[start..end].to_string(),
        start,
        end,
        sentence: words[0].sentence,
        speaker: None,
    });
}

/// True when the words `words[from..to]` lie in one sentence with only spaces, and the
/// characters of `also`, between them.
fn contiguous(text: &str, words: &[Token], from: usize, to: usize, also: &str) -> bool {
    (from + 1..to).all(|k| {
        words[k].sentence == words[from].sentence
            && text[words[k - 1].end..words[k].start]
                .chars()
                .all(|c| (is_space(c) && c != '\n') || also.contains(c))
    })
}

/// The shortest run of words from `first` that reads (by `read`) as the longest run of at most
/// `longest` words does, with only spaces and the characters of `also` between the words;
/// returns the last word's index and the reading.
fn shortest_reading<T: PartialEq>(
    text: &str,
    words: &[Token],
    used: &[bool],
    first: usize,
    longest: usize,
    also: &str,
    read: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    let mut readings: Vec<(usize, T)> = Vec::new();
    for last in first..(first + longest).min(words.len()) {
        if used[last] || !contiguous(text, words, first, last + 1, also) {
            break;
        }
        if let Some(reading) = read(&text[words[first].start..words[last].end]) {
            readings.push((last, reading));
        }
    }
    let (_, full) = readings.last()?;
    let position = readings.iter().position(|(_, r)| r == full)?;
    readings.into_iter().nth(position)
}

fn dates(text: &str, words: &[Token], used: &mut [bool], out: &mut Vec<Mention>) {
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let is_year = word.text.len() == 4
            && word.is_number()
            && (1800..=2100).contains(&word.text.parse::<u32>().unwrap_or(0));
        let day_before_month = word.is_number()
            && word.text.len() <= 2
            && words
                .get(i + 1)
                .is_some_and(|next| next.joined && date::is_month(next.text));
        let starts = !used[i] && (is_year || day_before_month || is_month_word(word));
        if !starts {
            i += 1;
            continue;
        }
        if let Some((last, _)) =
            shortest_reading(text, words, used, i, 4, ",", |s| date::parse(s, None))
        {
            push(out, text, MentionKind::Date, &words[i..=last]);
            used[i..=last].iter_mut().for_each(|u| *u = true);
            i = last;
        }
        i += 1;
    }
}

/// A month's name that opens a date: capitalised, or of four letters or more (`may` is a verb
/// too).
fn is_month_word(word: &Token) -> bool {
    date::is_month(word.text) && (word.is_capitalised() || word.text.len() > 3)
}

fn figures(
    text: &str,
    words: &[Token],
    language: Option<Language>,
    used: &mut [bool],
    out: &mut Vec<Mention>,
) {
    let read = |s: &str| quantity::parse(s, language, None);
    let mut i = 0;
    while i < words.len() {
        // An unused number opens a figure: the shortest run that reads as the longest does.
        let reading = if !used[i] && words[i].is_number() {
            shortest_reading(text, words, used, i, 6, "", read)
        } else {
            None
        };
        if let Some((last, reading)) = reading {
            let mut start = words[i].start;
            // A currency sign just before the number: `$12 billion`, `US$ 3`.
            let before = text[..start].trim_end_matches(|c: char| is_space(c) && c != '\n');
            for sign in ["US$", "$", "€", "£"] {
                if before.ends_with(sign) {
                    start = before.len() - sign.len();
                    break;
                }
            }
            // A qualifier of up to three words before: `plus de`, `more than`, `près de`.
            for back in 1..=3.min(i) {
                let from = i - back;
                if used[from] || !contiguous(text, words, from, i + 1, "$€£") {
                    break;
                }
                let qualified = read(&text[words[from].start..words[last].end]);
                if qualified.is_some_and(|q| q != reading) {
                    start = words[from].start;
                    break;
                }
            }
            // A unit sign just after: `15 %`, `12 $`.
            let mut end = words[last].end;
            let after = &text[end..];
            let gap = after.len()
                - after
                    .trim_start_matches(|c: char| is_space(c) && c != '\n')
                    .len();
            if let Some(sign) = after[gap..].chars().next().filter(|c| "%$€£".contains(*c)) {
                end += gap + sign.len_utf8();
            }
            out.push(Mention {
                kind: MentionKind::Figure,
                text: text[start..end].to_string(),
                start,
                end,
                sentence: words[i].sentence,
                speaker: None,
            });
            used[i..=last].iter_mut().for_each(|u| *u = true);
            i = last;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: Option<Language> = Some(Language::French);
    const EN: Option<Language> = Some(Language::English);

    /// Each mention's kind, text and speaker; every span is checked to hold its text.
    fn mentions(
        text: &str,
        language: Option<Language>,
        person: PersonHint,
    ) -> Vec<(MentionKind, String, Option<String>)> {
        let extraction = extract(text, language, person);
        extraction
            .mentions
            .into_iter()
            .map(|m| {
                assert_eq!(&text[m.start..m.end], m.text, "the span of {m:?}");
                if let Some(speaker) = &m.speaker {
                    assert!(text[speaker.start..].starts_with(&speaker.name), "{m:?}");
                }
                (m.kind, m.text, m.speaker.map(|s| s.name))
            })
            .collect()
    }

    /// The quotations of `text` and who said each.
    fn quotes(text: &str, language: Option<Language>) -> Vec<(String, Option<String>)> {
        mentions(text, language, &|_| None)
            .into_iter()
            .filter(|(kind, _, _)| *kind == MentionKind::Quote)
            .map(|(_, text, speaker)| (text, speaker))
            .collect()
    }

    fn said(text: &str, speaker: Option<&str>) -> (String, Option<String>) {
        (text.to_string(), speaker.map(str::to_string))
    }

    #[test]
    fn every_kind_of_mention_in_the_order_of_the_text() {
        use MentionKind::*;
        let text = "Nvidia a vendu 400 000 puces H20 en Chine le 3 mars 2025. « C'est une erreur », \
                    a déclaré Howard Lutnick jeudi.";
        let found = mentions(text, FR, &|_| None);
        let lutnick = Some("Howard Lutnick".to_string());
        let expected = [
            (Figure, "400 000", None),
            (Code, "H20", None),
            (Name, "Chine", None),
            (Date, "3 mars 2025", None),
            (Quote, "C'est une erreur", lutnick),
            (Name, "Howard Lutnick", None),
        ]
        .map(|(kind, text, speaker)| (kind, text.to_string(), speaker));
        assert_eq!(found, expected);
    }

    /// The texts of the mentions of `kind`.
    fn of_kind(text: &str, kind: MentionKind) -> Vec<String> {
        mentions(text, FR, &|_| None)
            .into_iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, text, _)| text)
            .collect()
    }

    #[test]
    fn codes_mix_letters_and_digits_but_ordinals_and_units_do_not() {
        let text = "Huawei vend la puce Ascend 910B et la H20, pas la 4090Ti. Le 1er mars à 19h, \
                    10km et 3rd.";
        // A capitalised word before a code that starts with a digit is its product line.
        assert_eq!(
            of_kind(text, MentionKind::Code),
            ["Ascend 910B", "H20", "4090Ti"]
        );
    }

    #[test]
    fn a_product_line_joins_only_a_code_that_starts_with_a_digit_right_after_it() {
        let text = "Le groupe vend la H20 et la Ascend 910B, la Ascend, 910C et la AMD MI308.";
        assert_eq!(
            of_kind(text, MentionKind::Code),
            ["H20", "Ascend 910B", "910C", "MI308"]
        );
        assert_eq!(of_kind(text, MentionKind::Name), ["Ascend", "AMD"]);
        // Only a name of one word right before: a line of two words, or a code, stays apart.
        let text = "Le groupe vend la Ascend Pro 910B et les puces H20 910B.";
        assert_eq!(of_kind(text, MentionKind::Code), ["910B", "H20", "910B"]);
        assert_eq!(of_kind(text, MentionKind::Name), ["Ascend Pro"]);
    }

    #[test]
    fn names_are_runs_of_capitalised_words() {
        // `de` joins a name, unless the article writes the next name alone.
        assert_eq!(
            of_kind("Jean de La Fontaine écrit. Il répond.", MentionKind::Name),
            ["Jean de La Fontaine"]
        );
        assert_eq!(
            of_kind(
                "La puce Blackwell de Nvidia arrive. Nvidia le confirme.",
                MentionKind::Name
            ),
            ["Blackwell", "Nvidia", "Nvidia"]
        );
        // A capitalised word that only opens a sentence, a bracket or a clause after a colon is
        // no name, nor a common first word or a lone capital.
        let text =
            "Il a dit (Lutnick le sait) : Commerce oblige. Selon Reuters, I think A is fine.";
        assert_eq!(of_kind(text, MentionKind::Name), ["Reuters"]);
        // Written capitalised inside a sentence too, it is one.
        let text = "Il a dit (Lutnick le sait) : Commerce oblige, dit Lutnick.";
        assert_eq!(of_kind(text, MentionKind::Name), ["Lutnick", "Lutnick"]);
    }

    #[test]
    fn a_particle_joins_two_names_unless_the_article_writes_the_second_alone() {
        let names = |text: &str| of_kind(text, MentionKind::Name);
        // Written alone after a lower-case word, `Nvidia` is a name of its own.
        assert_eq!(
            names("La puce Blackwell de Nvidia arrive. Le groupe Nvidia répond."),
            ["Blackwell", "Nvidia", "Nvidia"]
        );
        // Beside another capitalised word, or after a particle, it is not alone.
        assert_eq!(
            names("La puce Blackwell de Nvidia arrive. Le groupe Nvidia Corp répond."),
            ["Blackwell de Nvidia", "Nvidia Corp"]
        );
        assert_eq!(
            names("La puce Blackwell de Nvidia arrive. Le patron de Nvidia répond."),
            ["Blackwell de Nvidia", "Nvidia"]
        );
        // After a comma the word is not joined to the one before: alone again.
        assert_eq!(
            names("La puce Blackwell de Nvidia arrive. Hier, Nvidia répond."),
            ["Blackwell", "Nvidia", "Nvidia"]
        );
    }

    #[test]
    fn names_are_cut_at_titles_months_weekdays_and_common_acronyms() {
        assert_eq!(
            of_kind(
                "Le ministre Howard Lutnick et le PDG Jensen Huang ont vu Donald Trump Lundi \
                 en Mars.",
                MentionKind::Name
            ),
            ["Howard Lutnick", "Jensen Huang", "Donald Trump"]
        );
        assert_eq!(
            of_kind(
                "Jean-Pierre Van der Berg arrive. Est-ce vrai ?",
                MentionKind::Name
            ),
            ["Jean-Pierre Van der Berg"]
        );
        // A particle joins only a name right after it, in the same sentence.
        assert_eq!(
            of_kind("Le livre est à Jean de", MentionKind::Name),
            ["Jean"]
        );
        assert_eq!(
            of_kind("Il parle à Jean de. Nvidia Corp répond.", MentionKind::Name),
            ["Jean", "Nvidia Corp"]
        );
    }

    #[test]
    fn dates_are_the_shortest_runs_read_as_a_date() {
        let dates = |text: &str| of_kind(text, MentionKind::Date);
        assert_eq!(
            dates("Le 14 juillet 2025, puis en mars 2024 et en 1999, mai 2030, 3000."),
            ["14 juillet 2025", "mars 2024", "1999", "2030"]
        );
        // A comma may sit inside a date, a line break may not.
        assert_eq!(dates("Le 3 mars, 2024."), ["3 mars, 2024"]);
        assert_eq!(dates("Le 14 juillet,\n2025."), ["2025"]);
        // Years are from 1800 to 2100; a day needs its month right after it.
        assert_eq!(dates("En 1799, 1800, 2100 et 2101."), ["1800", "2100"]);
        assert_eq!(dates("Les 12 et 14 juillet 2025."), ["14 juillet 2025"]);
        assert_eq!(dates("Le 12, mars 2025 fut pluvieux."), ["mars 2025"]);
        // A weekday before a date is not part of it.
        assert_eq!(dates("Le Lundi 3 mars 2025, il pleut."), ["3 mars 2025"]);
        assert_eq!(
            dates("It rained on Monday, March 3, 2025."),
            ["March 3, 2025"]
        );
        // At the very start of the text too.
        assert_eq!(dates("14 juillet 2025 fut un lundi."), ["14 juillet 2025"]);
        assert_eq!(dates("1999 fut une année."), ["1999"]);
    }

    #[test]
    fn figures_take_their_qualifier_currency_and_unit_sign() {
        let figures = |text: &str, language| {
            mentions(text, language, &|_| None)
                .into_iter()
                .filter(|(kind, _, _)| *kind == MentionKind::Figure)
                .map(|(_, text, _)| text)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            figures(
                "Il a vendu plus de 400 000 puces pour 12 milliards de dollars, soit 15 % et \
                 3,5 $, et €12 million.",
                FR
            ),
            [
                "plus de 400 000",
                "12 milliards de dollars",
                "15 %",
                "3,5 $",
                "€12 million"
            ]
        );
        assert_eq!(
            figures(
                "It sold more than 400,000 chips for $12 billion, about 15 % of sales.",
                EN
            ),
            ["more than 400,000", "$12 billion", "about 15 %"]
        );
        // Words that change nothing are left out; a line break ends a figure.
        assert_eq!(
            figures(
                "Il y a 46 milliards de dollars en Chine et 7\n000 puces.",
                FR
            ),
            ["46 milliards de dollars", "7", "000"]
        );
        // A qualifier on the line before is not the figure's; a sign with a space before the
        // figure is; a unit sign ending the text is; a figure opening the text is read.
        assert_eq!(figures("Il en a vendu plus de\n400 000.", FR), ["400 000"]);
        assert_eq!(figures("Un prix de € 12 millions.", FR), ["€ 12 millions"]);
        assert_eq!(figures("Une hausse de 15 %", FR), ["15 %"]);
        assert_eq!(figures("400 puces vendues.", FR), ["400"]);
    }

    #[test]
    fn an_article_is_in_french_or_in_english_or_unknown() {
        let french = "Le gouvernement a annoncé hier que les exportations de puces vers la Chine \
                      seraient limitées.";
        let english = "The government said yesterday that chip exports to China would be limited.";
        let german = "Die Regierung hat gestern angekündigt, dass die Exporte begrenzt werden.";
        assert_eq!(detect_language(french), Some("fr"));
        assert_eq!(detect_language(english), Some("en"));
        assert_eq!(detect_language(german), None);
    }

    #[test]
    fn quotation_marks_of_both_languages() {
        let text = "Jensen Huang said “we will adapt”. He added ‘it’s fine’ and \"no more\". An \
                    open “mark stays open.\n\nNew paragraph. NVIDIA said \"fast\".";
        let huang = Some("Jensen Huang");
        // A closing ’ followed by a letter is an apostrophe; a mark never closed is no
        // quotation; an acronym is an organisation, not a speaker, so the last person named
        // five sentences before speaks.
        let expected = [
            said("we will adapt", huang),
            said("it’s fine", huang),
            said("no more", huang),
            said("fast", huang),
        ];
        assert_eq!(quotes(text, EN), expected);
        assert_eq!(
            quotes("« »  et « a\n\nb »", FR),
            [],
            "empty, or across paragraphs"
        );
    }

    #[test]
    fn a_quotation_ends_within_four_thousand_bytes() {
        let quoted = |letters: usize, letter: &str| {
            let found = quotes(&format!("« {}»", letter.repeat(letters)), FR);
            found.iter().map(|(text, _)| text.len()).collect::<Vec<_>>()
        };
        // The space after « counts: 1 + 3 997 letters and the closing mark end at 4 000 bytes.
        assert_eq!(quoted(3_997, "a"), [3_997]);
        // One letter more and the mark straddles the limit: the quotation is never closed.
        assert_eq!(quoted(3_998, "a"), []);
        assert_eq!(quoted(2_500, "é"), []);
    }

    #[test]
    fn the_speaker_is_named_after_the_quotation_before_it_or_in_the_sentences_before() {
        let lutnick = Some("Howard Lutnick");
        // Named before it, in its sentence; then in a sentence before, within five.
        let text = "Howard Lutnick a déclaré : « Nous ne vendons pas le meilleur ». Il est \
                    reparti. Puis il a insisté. « Jamais », a-t-il dit.";
        let expected = [
            said("Nous ne vendons pas le meilleur", lutnick),
            said("Jamais", lutnick),
        ];
        assert_eq!(quotes(text, FR), expected);
        // Seven sentences on, no one.
        let far =
            "Howard Lutnick parle. Un. Deux. Trois. Quatre. Cinq. Six. « Trop loin », dit-on.";
        assert_eq!(quotes(far, FR), [said("Trop loin", None)]);
        // Named after it in its sentence, by a surname the article gives in full elsewhere.
        let surname = "Lutnick parle. Howard Lutnick arrive. « Oui », a dit Lutnick.";
        assert_eq!(quotes(surname, FR), [said("Oui", Some("Lutnick"))]);
    }

    #[test]
    fn a_single_word_or_an_acronym_is_no_speaker_unless_a_surname() {
        // One word that no fuller name of the article ends with, or a name with an acronym,
        // is an organisation's.
        assert_eq!(
            quotes("Ensuite, Nvidia a dit « non ».", FR),
            [said("non", None)]
        );
        assert_eq!(
            quotes("Ensuite, NVIDIA Corp a dit « non ».", FR),
            [said("non", None)]
        );
    }

    #[test]
    fn the_registry_says_who_is_a_person() {
        let text = "Jensen Huang Group a dit « non ».";
        let organisation: PersonHint = &|name| (name == "Jensen Huang Group").then_some(false);
        let found = mentions(text, FR, organisation);
        assert!(
            found.iter().all(|(_, _, speaker)| speaker.is_none()),
            "{found:?}"
        );
        let person: PersonHint = &|_| Some(true);
        let found = mentions(text, FR, person);
        let quote = found
            .iter()
            .find(|(kind, _, _)| *kind == MentionKind::Quote);
        assert_eq!(
            quote.and_then(|q| q.2.as_deref()),
            Some("Jensen Huang Group")
        );
    }
}
