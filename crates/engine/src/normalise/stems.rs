//! Content words: a wording's words without its function words (`le`, `de`, `the`, `of`),
//! each reduced to its stem by the Snowball stemmer of its language, so that two wordings of one
//! thing compare by what they say: `vendons` and `vendre`, `chips` and `chip`.
//!
//! Negations are function words too, but they turn a statement around (`nous vendrons` /
//! `nous ne vendrons pas`): they are kept aside as the wording's polarity.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::concepts::{concept_at, is_filler};
use super::quantity::Language;
use super::text::is_apostrophe;

/// A wording's content: its stems in order, and whether it is negated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content {
    /// The stems of the content words, accents folded, in the order written.
    pub stems: Vec<String>,
    /// It says `not`, `never`, `ne … pas`, `jamais`, `aucun`, …
    pub negated: bool,
}

/// What marks a concept of the lexicon among the stems (`#ceo`).
pub const CONCEPT: char = '#';

/// Words that turn a statement around, in either language (folded: no accents).
const NEGATIONS: [&str; 17] = [
    "ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "ni", "non", "not", "no", "never",
    "none", "nothing", "nor", "neither", "cannot",
];

/// The language of `text`: the one detected from the text when the detection is reliable (an
/// English article may quote a French remark), else `hint` (its source's language), else the
/// likelier one, else English.
pub fn language_of(text: &str, hint: Option<Language>) -> Language {
    detect(text, true)
        .or(hint)
        .or_else(|| detect(text, false))
        .unwrap_or(Language::English)
}

/// The content of `text`, read as `language`.
pub fn content(text: &str, language: Language) -> Content {
    read(text, language, false)
}

/// The content of a fact's wording (a subject, a property), read as `language`: the phrases
/// of the [lexicon](super::concepts) become their concepts (`#ceo`), and the words that only
/// say how the fact is counted (`nombre de`) are set aside unless nothing else is left.
pub fn wording_content(text: &str, language: Language) -> Content {
    read(text, language, true)
}

/// The words of `text`, lowercase, accents folded.
pub fn words(text: &str) -> Vec<String> {
    split(&text.to_lowercase())
        .into_iter()
        .map(fold_accents)
        .collect()
}

/// The words of a lowercase text, apostrophes splitting them (`l'aide`).
fn split(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .flat_map(|w| w.split(is_apostrophe))
        .filter(|w| !w.is_empty())
        .collect()
}

fn read(text: &str, language: Language, wording: bool) -> Content {
    let (stop_words, stemmer) = tools(language);
    // A wording is too short for its language to be told for sure: the function words of the
    // other language go too, so that it reads alike whichever language it is read in.
    let other_stop = |word: &str| {
        let other = match language {
            Language::French => Language::English,
            Language::English => Language::French,
        };
        tools(other).0.contains(word)
    };
    let lower = text.to_lowercase();
    let words = split(&lower);
    let folded: Vec<String> = words.iter().map(|w| fold_accents(w)).collect();
    let mut content = Content::default();
    let mut fillers = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (word, folded_word) = (words[i], folded[i].as_str());
        // `don't`, `isn't`: the `t` after an `n` is a negation.
        let contracted_not = folded_word == "t" && i > 0 && words[i - 1].ends_with('n');
        let concept = wording.then(|| concept_at(&folded[i..])).flatten();
        // A filler that starts a phrase of the lexicon (`date limite`) is part of the phrase.
        if wording && is_filler(folded_word) && concept.is_none_or(|(_, taken)| taken == 1) {
            fillers.push(match concept {
                Some((concept, _)) => format!("{CONCEPT}{concept}"),
                None => fold_accents(&stemmer.stem(word)),
            });
        } else if let Some((concept, taken)) = concept {
            content.stems.push(format!("{CONCEPT}{concept}"));
            i += taken;
            continue;
        } else if NEGATIONS.contains(&folded_word) || contracted_not {
            content.negated = true;
        } else if !(stop_words.contains(folded_word) || (wording && other_stop(folded_word))) {
            content.stems.push(fold_accents(&stemmer.stem(word)));
        }
        i += 1;
    }
    if content.stems.is_empty() {
        content.stems = fillers;
    }
    content
}

/// French or English, as detected from the text (only when the detection is `reliable`, if
/// asked); none for another language.
fn detect(text: &str, reliable: bool) -> Option<Language> {
    let info = whatlang::detect(text).filter(|info| info.is_reliable() || !reliable)?;
    match info.lang() {
        whatlang::Lang::Fra => Some(Language::French),
        whatlang::Lang::Eng => Some(Language::English),
        _ => None,
    }
}

/// A language's function words (accents folded) and its stemmer, built once.
fn tools(language: Language) -> &'static (FxHashSet<String>, Stemmer) {
    static FRENCH: OnceLock<(FxHashSet<String>, Stemmer)> = OnceLock::new();
    static ENGLISH: OnceLock<(FxHashSet<String>, Stemmer)> = OnceLock::new();
    let (cell, code, algorithm) = match language {
        Language::French => (&FRENCH, "fr", Algorithm::French),
        Language::English => (&ENGLISH, "en", Algorithm::English),
    };
    cell.get_or_init(|| {
        let words = stop_words::get(code)
            .iter()
            .map(|w| fold_accents(w))
            .collect();
        (words, Stemmer::create(algorithm))
    })
}

/// The text without its accents (`é` → `e`).
fn fold_accents(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str, language: Language) -> Vec<String> {
        content(text, language).stems
    }

    #[test]
    fn function_words_go_and_inflections_meet() {
        assert_eq!(
            stems(
                "Nous ne leur vendons pas nos meilleures puces",
                Language::French
            ),
            ["vendon", "meilleur", "puc"]
        );
        assert_eq!(
            stems("les meilleurs produits", Language::French),
            stems("le meilleur produit", Language::French)
        );
        assert_eq!(
            stems("We are selling the chips", Language::English),
            stems("we sell a chip", Language::English)
        );
    }

    #[test]
    fn a_wording_reads_alike_in_either_language() {
        let fr = |t| wording_content(t, Language::French).stems;
        let en = |t| wording_content(t, Language::English).stems;
        assert_eq!(fr("bilan des morts"), ["#dead"]);
        assert_eq!(fr("nombre de morts"), en("death toll"));
        // Read in the other language, a wording keeps its reading.
        assert_eq!(en("nombre de morts"), fr("nombre de morts"));
        assert_ne!(fr("nombre de disparus"), fr("nombre de morts"));
        assert_eq!(fr("a rencontré"), en("met"));
    }

    #[test]
    fn counting_words_go_unless_nothing_else_is_left() {
        let fr = |t| wording_content(t, Language::French).stems;
        assert_eq!(fr("personnes évacuées"), fr("habitants évacués"));
        assert_eq!(fr("habitants"), ["#population"]);
        assert_eq!(fr("total"), ["total"]);
        // A counting word that starts a phrase of the lexicon belongs to the phrase.
        assert_eq!(fr("date limite"), ["#deadline"]);
    }

    #[test]
    fn negation_is_kept_aside() {
        assert!(content("Nous ne vendrons pas", Language::French).negated);
        assert!(content("we won't sell", Language::English).negated);
        assert!(content("We never sell", Language::English).negated);
        assert!(!content("Nous vendrons", Language::French).negated);
        // `n` alone is a negation only as French `n'`; an English word ending in n is not.
        assert!(!content("the plan to sell", Language::English).negated);
    }

    #[test]
    fn accents_are_folded_after_stemming() {
        assert_eq!(stems("Les États-Unis", Language::French), ["etat", "unis"]);
    }

    #[test]
    fn a_quotation_is_read_in_its_own_language() {
        let french = "Nous ne leur vendrons jamais nos meilleurs produits ni nos technologies";
        assert_eq!(
            language_of(french, Some(Language::English)),
            Language::French
        );
        assert_eq!(language_of(french, None), Language::French);
        // Too short to tell: the source's language decides.
        assert_eq!(
            language_of("Prix", Some(Language::French)),
            Language::French
        );
        assert_eq!(
            language_of("Prix", Some(Language::English)),
            Language::English
        );
    }
}
