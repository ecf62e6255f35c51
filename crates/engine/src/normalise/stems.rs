//! Content words: a wording's words without its function words (`le`, `de`, `the`, `of`),
//! each reduced to its stem by the Snowball stemmer of its language, so that two wordings of one
//! thing compare by what they say: `vendons` and `vendre`, `chips` and `chip`.
//!
//! Negations are function words too, but they turn a statement around (`nous vendrons` /
//! `nous ne vendrons pas`): they are kept aside as the wording's polarity.
//!
//! A fact's subject or property is read further ([`Reading`]): the phrases of the bilingual
//! [lexicon](super::concepts) become their concepts, so that the wordings of two languages
//! meet, and counting words (`nombre de`) are set aside.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;

use super::concepts::{concept_at, contrast, is_filler, is_place};
use super::quantity::Language;
use super::text::{fold_accents, split_words};

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

impl Content {
    /// The concepts of the [lexicon](super::concepts) the content names (`#ceo`), without
    /// their mark.
    fn concepts(&self) -> impl Iterator<Item = &str> + '_ {
        self.stems
            .iter()
            .filter_map(|stem| stem.strip_prefix(CONCEPT))
    }

    /// Whether two wordings differ by two concepts of the lexicon that are different facts
    /// of one kind (`strike start` / `strike ends`): two facts, whatever else they share.
    /// Concepts do not depend on the language a wording is read in.
    pub fn contrasts(&self, other: &Content) -> bool {
        let only = |a: &Content, b: &Content| -> Vec<String> {
            a.concepts()
                .filter(|concept| !b.concepts().any(|other| other == *concept))
                .map(str::to_string)
                .collect()
        };
        let (mine, theirs) = (only(self, other), only(other, self));
        mine.iter().any(|a| theirs.iter().any(|b| contrast(a, b)))
    }
}

/// Words that turn a statement around, in either language (folded: no accents).
const NEGATIONS: [&str; 17] = [
    "ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "ni", "non", "not", "no", "never",
    "none", "nothing", "nor", "neither", "cannot",
];

/// The language of `text`: the one detected from the text when the detection is reliable (an
/// English article may quote a French remark), else `hint` (its source's language), else the
/// likelier one, else English.
pub fn language_of(text: &str, hint: Option<Language>) -> Language {
    Detected::of(text).with_hint(hint)
}

/// What the detector makes of a text's language: found once per text, then read with any hint.
#[derive(Clone, Copy, Debug)]
pub struct Detected {
    /// French or English, the likelier of all languages; none for another language.
    language: Option<Language>,
    reliable: bool,
}

impl Detected {
    pub fn of(text: &str) -> Self {
        let info = whatlang::detect(text);
        Self {
            language: info.as_ref().and_then(|info| match info.lang() {
                whatlang::Lang::Fra => Some(Language::French),
                whatlang::Lang::Eng => Some(Language::English),
                _ => None,
            }),
            reliable: info.is_some_and(|info| info.is_reliable()),
        }
    }

    /// The language of the text, as [`language_of`] says.
    pub fn with_hint(self, hint: Option<Language>) -> Language {
        self.language
            .filter(|_| self.reliable)
            .or(hint)
            .or(self.language)
            .unwrap_or(Language::English)
    }
}

/// What a text is, which says how it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reading {
    /// A quotation or a sentence: its own language's function words aside, the rest stemmed.
    Quotation,
    /// A fact's subject: also the common function words of the other language, and the
    /// phrases of the [lexicon](super::concepts) as their concepts (`#government`), but for
    /// capitalised words, which are names (`Bill Gates`, `Grant`) unless they name a place.
    Subject,
    /// A fact's property: as a subject, every phrase of the lexicon as its concept, and the
    /// words that only say how the fact is counted (`nombre de`, `people`) set aside unless
    /// nothing else is left.
    Property,
}

/// The content of `text`, read as `language`, as a quotation.
pub fn content(text: &str, language: Language) -> Content {
    read(text, language, Reading::Quotation)
}

/// Function words common in wordings of either language (folded), set aside in a wording
/// whatever language it is read in: too short to tell, it may be read in the other one.
const SHARED_FUNCTION_WORDS: &[&str] = &[
    "de", "des", "du", "d", "la", "le", "les", "l", "un", "une", "et", "en", "au", "aux", "a",
    "pour", "par", "sur", "dans", "avec", "sa", "son", "ses", "leur", "leurs", "ce", "cette",
    "ces", "of", "the", "an", "and", "in", "for", "by", "on", "to", "at", "from", "with", "its",
    "their", "his", "her", "this", "that",
];

/// The content of `text`, read as `language`, as what it is.
pub fn read(text: &str, language: Language, reading: Reading) -> Content {
    let (stop_words, stemmer) = tools(language);
    let wording = reading != Reading::Quotation;
    let written = split_words(text);
    let words: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
    let folded: Vec<String> = words.iter().map(|w| fold_accents(w)).collect();
    // An acronym (`UN`, `EU`, `IT`) is no function word.
    let acronym =
        |i: usize| written[i].chars().count() > 1 && !written[i].chars().any(char::is_lowercase);
    let name = |i: usize| written[i].starts_with(char::is_uppercase) && !acronym(i);
    let mut content = Content::default();
    let mut fillers = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (word, folded_word) = (words[i].as_str(), folded[i].as_str());
        // `don't`, `isn't`: the `t` after an `n` is a negation.
        let contracted_not = folded_word == "t" && i > 0 && words[i - 1].ends_with('n');
        let concept = match reading {
            Reading::Quotation => None,
            // A capitalised word is a name, unless it names a place (`Chinese`, `Corée`).
            Reading::Subject if name(i) => {
                concept_at(&folded[i..]).filter(|(concept, _)| is_place(concept))
            }
            _ => concept_at(&folded[i..]),
        };
        let filler = reading == Reading::Property && is_filler(folded_word);
        // A filler that starts a phrase of the lexicon (`date limite`) is part of the phrase.
        if filler && concept.is_none_or(|(_, taken)| taken == 1) {
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
        } else if !(stop_words.contains(folded_word)
            || (wording && !acronym(i) && SHARED_FUNCTION_WORDS.contains(&folded_word)))
        {
            content.stems.push(fold_accents(&stemmer.stem(word)));
        }
        i += 1;
    }
    if content.stems.is_empty() {
        // `nombre d'habitants` is the population: a counting word read as a concept is what
        // the wording counts.
        let concepts: Vec<String> = fillers
            .iter()
            .filter(|f| f.starts_with(CONCEPT))
            .cloned()
            .collect();
        content.stems = if concepts.is_empty() {
            fillers
        } else {
            concepts
        };
    }
    content
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
        let fr = |t| read(t, Language::French, Reading::Property).stems;
        let en = |t| read(t, Language::English, Reading::Property).stems;
        assert_eq!(fr("bilan des morts"), ["#dead"]);
        assert_eq!(fr("nombre de morts"), en("death toll"));
        // Read in the other language, a wording keeps its reading.
        assert_eq!(en("nombre de morts"), fr("nombre de morts"));
        assert_ne!(fr("nombre de disparus"), fr("nombre de morts"));
        assert_eq!(fr("a rencontré"), en("met"));
    }

    #[test]
    fn counting_words_go_unless_nothing_else_is_left() {
        let fr = |t| read(t, Language::French, Reading::Property).stems;
        assert_eq!(fr("personnes évacuées"), fr("habitants évacués"));
        assert_eq!(fr("habitants"), ["#population"]);
        assert_eq!(fr("nombre d'habitants"), ["#population"]);
        assert_eq!(fr("total"), ["total"]);
        // A counting word that starts a phrase of the lexicon belongs to the phrase.
        assert_eq!(fr("date limite"), ["#deadline"]);
    }

    #[test]
    fn a_subject_keeps_its_names_and_acronyms() {
        let en = |t| read(t, Language::English, Reading::Subject).stems;
        // A capitalised word is a name, not a word of the lexicon, unless it names a place.
        assert_eq!(en("Bill Gates"), ["bill", "gate"]);
        assert_eq!(en("Hugh Grant"), ["hugh", "grant"]);
        assert_eq!(en("grant"), ["#subsidy"]);
        assert_eq!(en("the French government"), ["#france", "#government"]);
        assert_eq!(
            en("senior Korean officials"),
            ["senior", "#korea", "#officials"]
        );
        // An acronym is no function word of the other language (`UN`, `un`).
        assert_eq!(en("UN agency"), ["un", "agenc"]);
        assert_eq!(en("un agency"), ["agenc"]);
        // Counting words are a property's, not a subject's.
        assert_ne!(en("people of Lyon"), en("Lyon"));
    }

    #[test]
    fn negation_is_kept_aside() {
        assert!(content("Nous ne vendrons pas", Language::French).negated);
        assert!(content("we won't sell", Language::English).negated);
        assert!(content("We never sell", Language::English).negated);
        assert!(!content("Nous vendrons", Language::French).negated);
        // `n` alone is a negation only as French `n'`; an English word ending in n is not.
        assert!(!content("the plan to sell", Language::English).negated);
        // What `won't` leaves is no victory.
        let property = read("won't sell", Language::English, Reading::Property);
        assert!(property.negated);
        assert_eq!(property.stems, ["sell"]);
        assert_eq!(
            read("has won", Language::English, Reading::Property).stems,
            ["#won"]
        );
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
        // And an English remark quoted by a French source is read as English.
        let english = "We will not sell our most advanced chips to anyone in that market";
        assert_eq!(
            language_of(english, Some(Language::French)),
            Language::English
        );
        // Too short to tell: the source's language decides, even where the detector leans
        // the other way without being sure (`Non` looks English to it, `le plan` French).
        for (text, source) in [
            ("Prix", Language::French),
            ("Prix", Language::English),
            ("Non", Language::French),
            ("le plan", Language::English),
        ] {
            assert_eq!(language_of(text, Some(source)), source, "{text}");
        }
    }

    #[test]
    fn a_lone_t_opening_a_quotation_is_a_word_not_a_negation() {
        // `don't` splits into `don` and `t`; a `t` with nothing before it is not that.
        let read = content("T minus ten and counting", Language::English);
        assert!(!read.negated);
        assert!(content("We don't sell", Language::English).negated);
    }

    #[test]
    fn an_elided_article_is_a_function_word_capitalised_or_not() {
        // `L'` is one letter, not an acronym such as `UN`: `L'Oréal` and `l'Oréal` read alike.
        for reading in [Reading::Subject, Reading::Property] {
            let capitalised = read("L'Oréal", Language::English, reading).stems;
            assert_eq!(
                capitalised,
                read("l'Oréal", Language::English, reading).stems
            );
            assert_eq!(capitalised, ["oreal"], "{reading:?}");
        }
    }
}
