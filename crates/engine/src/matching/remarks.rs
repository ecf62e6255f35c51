//! One remark in two wordings: how alike two quotations of one speaker are, by what they say
//! rather than by their exact words, so that two translations of one remark meet.
//!
//! A quotation is read as its content stems ([`crate::normalise::stems`]: function words aside,
//! each word reduced to its stem) and the character trigrams of those stems, which also meet
//! across inflections the stemmer leaves apart (`vendons` / `vendre`) and across words of one
//! family (`réduction` / `réduire`). Two quotations are one remark when both overlaps are high
//! enough together, and one is not much more than an excerpt of the other; a known shared
//! occasion (the same day) lowers the bar a little; a negation on one side only (`nous
//! vendrons` / `nous ne vendrons pas`) or figures of one that the other lacks keep them apart,
//! even though a translation sometimes turns a sentence around (`is exhausted` / `n'avons plus
//! de`): two remarks that differ by a negation are the likelier reading.

use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::alike::shared;
use crate::normalise::date::Moment;
use crate::normalise::quantity::Language;
use crate::normalise::stems::{CONCEPT, Content, Detected, Reading, language_of, read};
use crate::normalise::text::fold_key;

/// A score at least this high is one remark (tuned on the `tune` half of
/// tests/labelled/remarks.yaml; docs/findings.md gives the figures).
pub const SAME_REMARK: f64 = 0.63;

/// How much lower the bar is for two quotations known to be of the same day.
const SAME_DAY_ALLOWANCE: f64 = 0.03;

/// The weight of the stem overlap against the trigram overlap in their blend.
const STEM_WEIGHT: f64 = 0.25;

/// The weight of containment (one quotation an excerpt of the other) against the blend.
const CONTAINED_WEIGHT: f64 = 0.5;

/// Two quotations whose trigram overlap (Dice) is below this are never one remark, however
/// much of one the other contains (a five-word excerpt of a long speech is too little to tell):
/// the similarity join blocks on it.
pub const TRIGRAM_FLOOR: f64 = 0.2;

/// How many trigrams a concept counts for: as many as a word of four letters.
const CONCEPT_TRIGRAMS: usize = 4;

/// A quotation, or a fact's subject or property, read for comparison.
#[derive(Clone, Debug)]
pub struct Remark {
    text: String,
    language: Language,
    content: Content,
    /// The character trigrams of the content stems, sorted (a multiset).
    trigrams: Vec<Trigram>,
    /// The figures written in digits, sorted.
    figures: Vec<String>,
    /// What the text is, which says how it was read.
    reading: Reading,
}

impl Remark {
    /// The quotation `text`, read in its own language (`hint`: its source's language).
    pub fn new(text: &str, hint: Option<Language>) -> Self {
        Self::read_as(text, language_of(text, hint), Reading::Quotation)
    }

    /// A fact's subject, read as [`Reading::Subject`] in its own language.
    pub fn subject(text: &str, hint: Option<Language>) -> Self {
        Self::read_as(text, language_of(text, hint), Reading::Subject)
    }

    /// A fact's property, read as [`Reading::Property`] in its own language.
    pub fn property(text: &str, hint: Option<Language>) -> Self {
        Self::read_as(text, language_of(text, hint), Reading::Property)
    }

    /// `text` read as `reading` in `language`.
    pub fn read_as(text: &str, language: Language, reading: Reading) -> Self {
        let content = read(text, language, reading);
        let mut trigrams: Vec<Trigram> = content.stems.iter().flat_map(|s| trigrams(s)).collect();
        trigrams.sort_unstable();
        let mut figures: Vec<String> = content
            .stems
            .iter()
            .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
            .cloned()
            .collect();
        figures.sort_unstable();
        Self {
            text: text.to_string(),
            language,
            content,
            trigrams,
            figures,
            reading,
        }
    }

    /// Whether this wording says all that `other` says and more, read in one language: a
    /// qualifier narrows it (`revenus menacés en Chine` beside `revenus en Chine`).
    /// Two wordings of two languages are compared read in one, as [`likeness`] does.
    pub fn narrows(&self, other: &Remark) -> bool {
        if self.language != other.language {
            let other_as_mine = Remark::read_as(&other.text, self.language, other.reading);
            let mine_as_other = Remark::read_as(&self.text, other.language, self.reading);
            return self.narrows(&other_as_mine) || mine_as_other.narrows(other);
        }
        let (mine, theirs) = (sorted(&self.content.stems), sorted(&other.content.stems));
        !theirs.is_empty() && mine.len() > theirs.len() && shared(&mine, &theirs) == theirs.len()
    }

    /// Whether two wordings differ by two contrasting concepts ([`Content::contrasts`]).
    pub fn contrasts(&self, other: &Remark) -> bool {
        self.content.contrasts(&other.content)
    }

    /// The content stems.
    pub fn stems(&self) -> impl Iterator<Item = String> + '_ {
        self.content.stems.iter().cloned()
    }

    /// The trigrams, for a similarity join that blocks on them.
    pub fn trigrams(&self) -> &[Trigram] {
        &self.trigrams
    }
}

/// A text as written, with the language of its source as a hint.
pub type Written<'a> = (&'a str, Option<Language>);

/// Texts read as remarks, each distinct text once in each language it is read in: detecting
/// the language and stemming every word cost more than all the comparisons of most texts.
/// The texts are owned, so that a [`Memo`](crate::Memo) can keep the readings for the next
/// analysis.
pub struct Readings {
    /// How the texts are read: as quotations, subjects or properties.
    reading: Reading,
    texts: FxHashMap<Box<str>, TextReadings>,
}

/// One text's detected language, and its reading in each language it was read in.
struct TextReadings {
    detected: Detected,
    /// By language: French, then English.
    remarks: [Option<Remark>; 2],
}

impl Readings {
    pub fn new(reading: Reading) -> Self {
        Self {
            reading,
            texts: FxHashMap::default(),
        }
    }

    /// Reads, in parallel, those of `texts` not read yet.
    pub fn read<'a>(&mut self, texts: impl Iterator<Item = Written<'a>>) {
        let order = |&(text, hint): &Written<'a>| (text, hint.map(|l| l as u8));
        let mut wanted: Vec<Written<'a>> = texts.filter(|&t| !self.has(t)).collect();
        wanted.sort_unstable_by_key(order);
        wanted.dedup();
        let mut fresh: Vec<&str> = wanted.iter().map(|&(text, _)| text).collect();
        fresh.dedup();
        fresh.retain(|text| !self.texts.contains_key(*text));
        let detected: Vec<(Box<str>, TextReadings)> = fresh
            .into_par_iter()
            .map(|text| {
                let detected = Detected::of(text);
                (
                    text.into(),
                    TextReadings {
                        detected,
                        remarks: [None, None],
                    },
                )
            })
            .collect();
        self.texts.extend(detected);
        let mut unread: Vec<(&str, Language)> = wanted
            .into_iter()
            .map(|(text, hint)| (text, self.texts[text].detected.with_hint(hint)))
            .collect();
        unread.sort_unstable_by_key(|&(text, language)| (text, language as usize));
        unread.dedup();
        let reading = self.reading;
        let remarks: Vec<(&str, Language, Remark)> = unread
            .into_par_iter()
            .map(|(text, language)| (text, language, Remark::read_as(text, language, reading)))
            .collect();
        for (text, language, remark) in remarks {
            if let Some(readings) = self.texts.get_mut(text) {
                readings.remarks[language as usize] = Some(remark);
            }
        }
    }

    /// A text already read.
    pub fn get(&self, (text, hint): Written<'_>) -> &Remark {
        let readings = &self.texts[text];
        let language = readings.detected.with_hint(hint);
        readings.remarks[language as usize]
            .as_ref()
            .expect("a text is read before it is used")
    }

    pub fn has(&self, (text, hint): Written<'_>) -> bool {
        self.texts.get(text).is_some_and(|readings| {
            readings.remarks[readings.detected.with_hint(hint) as usize].is_some()
        })
    }

    /// Forgets the texts that `keep` does not say to keep.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.texts.retain(|text, _| keep(text));
    }
}

/// A quotation with its occasion: when and where it was said, as far as the claim says.
#[derive(Clone, Debug)]
pub struct Quotation<'r> {
    pub remark: &'r Remark,
    pub when: Option<Moment>,
    /// The folded place, empty when not given.
    pub place: String,
}

impl<'r> Quotation<'r> {
    pub fn new(remark: &'r Remark, when: Option<Moment>, place: &str) -> Self {
        Self {
            remark,
            when,
            place: fold_key(place),
        }
    }

    /// Whether the two can be one occasion: their days overlap and their places are one, as
    /// far as both say.
    fn same_occasion(&self, other: &Quotation) -> bool {
        let when = match (&self.when, &other.when) {
            (Some(a), Some(b)) => a.overlaps(b),
            _ => true,
        };
        when && (self.place.is_empty() || other.place.is_empty() || self.place == other.place)
    }

    /// Whether both are known to be of one and the same day.
    fn same_day(&self, other: &Quotation) -> bool {
        matches!(
            (&self.when, &other.when),
            (Some(Moment::Days { first: a, last: b }), Some(Moment::Days { first: c, last: d }))
                if a == b && a == c && c == d
        )
    }
}

/// Whether two quotations of one speaker are one remark: their likeness when they are, nothing
/// when they are not (different occasions, or not alike enough).
pub fn one_remark(a: &Quotation<'_>, b: &Quotation<'_>) -> Option<(Likeness, bool)> {
    if !a.same_occasion(b) {
        return None;
    }
    let same_day = a.same_day(b);
    let likeness = likeness(a.remark, b.remark);
    likeness
        .is_one_remark(same_day)
        .then_some((likeness, same_day))
}

/// How alike two quotations are, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Likeness {
    /// Dice coefficient of the content stems.
    pub stems: f64,
    /// Dice coefficient of the stems' character trigrams.
    pub trigrams: f64,
    /// The share of the shorter quotation's trigrams that the longer one has: high when one
    /// quotation is an excerpt of the other.
    pub contained: f64,
    /// One says `not` (or `ne … pas`, `never`, …) and the other does not.
    pub negation_differs: bool,
    /// The figures of one are not all figures of the other (`300` / `500`).
    pub figures_differ: bool,
    /// The blend of the overlaps with the containment; 0 when a negation or the figures
    /// differ.
    pub score: f64,
}

impl Likeness {
    /// Whether the quotations are one remark; `same_day` when both are known to be of one day.
    pub fn is_one_remark(&self, same_day: bool) -> bool {
        let bar = if same_day {
            SAME_REMARK - SAME_DAY_ALLOWANCE
        } else {
            SAME_REMARK
        };
        self.trigrams >= TRIGRAM_FLOOR && self.score >= bar
    }
}

/// How alike two quotations are.
///
/// Two wordings of one remark are in one language; when the two were read as different ones
/// (a short quotation leaves its language to its source's), each is also read as the other's,
/// and the closer reading counts.
pub fn likeness(a: &Remark, b: &Remark) -> Likeness {
    if a.language == b.language {
        return likeness_as_read(a, b);
    }
    let as_a = likeness_as_read(a, &Remark::read_as(&b.text, a.language, b.reading));
    let as_b = likeness_as_read(&Remark::read_as(&a.text, b.language, a.reading), b);
    if as_a.score >= as_b.score { as_a } else { as_b }
}

/// How alike two quotations are, each as read.
fn likeness_as_read(a: &Remark, b: &Remark) -> Likeness {
    let stems = dice(&sorted(&a.content.stems), &sorted(&b.content.stems));
    let common = shared(&a.trigrams, &b.trigrams);
    let trigrams = ratio(2 * common, a.trigrams.len() + b.trigrams.len());
    let contained = ratio(common, a.trigrams.len().min(b.trigrams.len()));
    let (fewer, more) = if a.figures.len() <= b.figures.len() {
        (&a.figures, &b.figures)
    } else {
        (&b.figures, &a.figures)
    };
    let negation_differs = a.content.negated != b.content.negated;
    let figures_differ = shared(fewer, more) < fewer.len();
    let blend = STEM_WEIGHT * stems + (1.0 - STEM_WEIGHT) * trigrams;
    let score = if figures_differ || negation_differs {
        0.0
    } else {
        (1.0 - CONTAINED_WEIGHT) * blend + CONTAINED_WEIGHT * contained
    };
    Likeness {
        stems,
        trigrams,
        contained,
        negation_differs,
        figures_differ,
        score,
    }
}

/// The character trigrams of one stem, its ends marked: `_ve`, `ven`, `end`, …, `on_`. A
/// concept (`#ceo`) counts as a short word does, however long its name.
fn trigrams(stem: &str) -> Vec<Trigram> {
    if stem.starts_with(CONCEPT) {
        return vec![Trigram::concept(stem); CONCEPT_TRIGRAMS];
    }
    let chars: Vec<char> = std::iter::once('_')
        .chain(stem.chars())
        .chain(std::iter::once('_'))
        .collect();
    chars
        .windows(3)
        .map(|w| Trigram::of([w[0], w[1], w[2]]))
        .collect()
}

/// Three characters in one number (21 bits each, the top bit clear), or a concept, which counts
/// as one token however long its name (its hash, the top bit set): a remark's hundred trigrams
/// then take 800 bytes, not a hundred strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Trigram(u64);

impl Trigram {
    fn of([a, b, c]: [char; 3]) -> Self {
        Self((a as u64) << 42 | (b as u64) << 21 | c as u64)
    }

    fn concept(name: &str) -> Self {
        Self(1 << 63 | rustc_hash::FxBuildHasher.hash_one(name) >> 1)
    }
}

fn sorted(items: &[String]) -> Vec<String> {
    let mut items = items.to_vec();
    items.sort_unstable();
    items
}

/// The Dice coefficient of two sorted multisets.
fn dice(a: &[String], b: &[String]) -> f64 {
    ratio(2 * shared(a, b), a.len() + b.len())
}

/// `part / whole`, or 0 when `whole` is 0.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_remark(a: &str, b: &str) -> bool {
        let french = Some(Language::French);
        likeness(&Remark::new(a, french), &Remark::new(b, french)).is_one_remark(false)
    }

    #[test]
    fn two_translations_of_one_remark_meet() {
        assert!(one_remark(
            "Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs, ni même nos troisièmes meilleurs",
            "Nous ne leur vendons ni le meilleur, ni le deuxième meilleur, ni même le troisième. Seulement le quatrième",
        ));
    }

    #[test]
    fn a_negation_on_one_side_keeps_two_remarks_apart() {
        assert!(!one_remark(
            "Nous augmenterons les impôts l'an prochain",
            "Nous n'augmenterons pas les impôts l'an prochain",
        ));
    }

    #[test]
    fn different_figures_keep_two_remarks_apart() {
        assert!(!one_remark(
            "Nous supprimerons 300 postes cette année",
            "Nous supprimerons 500 postes cette année",
        ));
    }

    #[test]
    fn two_remarks_on_one_subject_stay_apart() {
        assert!(!one_remark(
            "Les Chinois sont capables de créer leur propre système",
            "Nous ne leur vendons pas nos meilleurs produits",
        ));
    }

    fn day(n: i64) -> Option<Moment> {
        Some(Moment::Days { first: n, last: n })
    }

    #[test]
    fn a_remark_belongs_to_one_occasion() {
        let remark = Remark::new(
            "Le gouvernement ne cédera pas aux grévistes du port",
            Some(Language::French),
        );
        let said = |when, place| Quotation::new(&remark, when, place);
        let month = Some(Moment::Days {
            first: 10,
            last: 40,
        });
        // The same words on two days, or in two places, are two remarks.
        assert!(super::one_remark(&said(day(20), ""), &said(day(21), "")).is_none());
        assert!(super::one_remark(&said(day(20), "Helsinki"), &said(day(20), "Turku")).is_none());
        // A day within a month, a place on one side only, no date at all: one remark.
        assert!(super::one_remark(&said(day(20), "Helsinki"), &said(month, "")).is_some());
        assert!(super::one_remark(&said(None, "Helsinki"), &said(None, "helsinki")).is_some());
        // Only two quotations dated to one day are of the same day.
        assert_eq!(
            super::one_remark(&said(day(20), ""), &said(day(20), "")).map(|o| o.1),
            Some(true)
        );
        assert_eq!(
            super::one_remark(&said(day(20), ""), &said(month, "")).map(|o| o.1),
            Some(false)
        );
        assert_eq!(
            super::one_remark(&said(None, ""), &said(None, "")).map(|o| o.1),
            Some(false)
        );
    }

    #[test]
    fn the_same_day_lowers_the_bar_a_little() {
        let at = |score| Likeness {
            stems: 0.5,
            trigrams: 0.5,
            contained: 0.5,
            negation_differs: false,
            figures_differ: false,
            score,
        };
        assert!(at(SAME_REMARK).is_one_remark(false));
        assert!(!at(SAME_REMARK - 0.01).is_one_remark(false));
        assert!(at(SAME_REMARK - SAME_DAY_ALLOWANCE).is_one_remark(true));
        assert!(!at(SAME_REMARK - SAME_DAY_ALLOWANCE - 0.01).is_one_remark(true));
    }

    #[test]
    fn the_score_weighs_stems_trigrams_and_containment() {
        let french = |t| Remark::new(t, Some(Language::French));
        let (a, b) = (
            french("Les ferries reprendront leur service vendredi."),
            french("Les ferries reprendront leur service vendredi. Les écoles resteront fermées."),
        );
        let l = likeness(&a, &b);
        assert_eq!(l.contained, 1.0);
        assert!(l.stems > 0.5 && l.stems < 1.0 && l.trigrams > 0.5 && l.trigrams < 1.0);
        let blend = STEM_WEIGHT * l.stems + (1.0 - STEM_WEIGHT) * l.trigrams;
        let expected = (1.0 - CONTAINED_WEIGHT) * blend + CONTAINED_WEIGHT * l.contained;
        assert!((l.score - expected).abs() < 1e-9, "{l:?}");
        assert_eq!(likeness(&a, &a).score, 1.0);
        // Neither contains the other.
        let c = french("Les ferries reprendront leur service lundi, sauf vers les îles.");
        let l = likeness(&a, &c);
        assert!(l.contained > 0.2 && l.contained < 1.0, "{l:?}");
        let blend = STEM_WEIGHT * l.stems + (1.0 - STEM_WEIGHT) * l.trigrams;
        let expected = (1.0 - CONTAINED_WEIGHT) * blend + CONTAINED_WEIGHT * l.contained;
        assert!((l.score - expected).abs() < 1e-9, "{l:?}");
    }

    #[test]
    fn figures_that_only_one_wording_gives_do_not_keep_two_remarks_apart() {
        let french = |t| Remark::new(t, Some(Language::French));
        let figured = french("Nous vendrons 300 puces aux entreprises chinoises cette année");
        let plain = french("Nous vendrons des puces aux entreprises chinoises cette année");
        for (a, b) in [(&figured, &plain), (&plain, &figured)] {
            let l = likeness(a, b);
            assert!(!l.figures_differ && l.score > 0.0, "{l:?}");
        }
    }

    #[test]
    fn two_readings_of_one_text_in_two_languages_are_compared_in_one() {
        // Too short for its language to be told: each is read in its source's language.
        let text = "Nous vendons nos puces";
        let (french, english) = (
            Remark::new(text, Some(Language::French)),
            Remark::new(text, Some(Language::English)),
        );
        assert_ne!(french.language, english.language);
        assert_ne!(
            sorted(&french.content.stems),
            sorted(&english.content.stems)
        );
        assert_eq!(likeness(&french, &english).score, 1.0);
    }

    #[test]
    fn readings_read_each_text_once_in_each_language_and_forget_what_is_not_kept() {
        let short = "Nous vendons nos puces";
        let long = "Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs";
        let mut readings = Readings::new(Reading::Quotation);
        let (french, english) = (Some(Language::French), Some(Language::English));
        readings.read([(short, french), (long, french), (short, french)].into_iter());
        assert!(readings.has((short, french)) && readings.has((long, french)));
        // The short one, in an English source, is read in English; the long one is French
        // whatever its source.
        assert!(!readings.has((short, english)) && readings.has((long, english)));
        readings.read([(short, english)].into_iter());
        assert_eq!(readings.get((short, english)).language, Language::English);
        assert_eq!(readings.get((short, french)).language, Language::French);
        readings.retain(|text| text == long);
        assert!(!readings.has((short, french)) && !readings.has((short, english)));
        assert!(readings.has((long, french)));
    }

    #[test]
    fn a_qualifier_narrows_a_wording() {
        let french = |t| Remark::new(t, Some(Language::French));
        assert!(french("revenus menacés en Chine").narrows(&french("revenus en Chine")));
        assert!(!french("revenus en Chine").narrows(&french("revenus menacés en Chine")));
        assert!(!french("nombre de morts").narrows(&french("bilan des morts")));
        assert!(!french("revenus en Chine").narrows(&french("revenus en Chine")));
        let english = Remark::new("revenue at risk in China", Some(Language::English));
        assert!(!english.narrows(&french("revenus en Chine")));
    }

    fn english_property(text: &str) -> Remark {
        Remark::property(text, Some(Language::English))
    }

    fn french_property(text: &str) -> Remark {
        Remark::property(text, Some(Language::French))
    }

    #[test]
    fn wordings_that_each_name_their_own_concept_contrast() {
        let (en, fr) = (english_property, french_property);
        assert!(en("strike start date").contrasts(&en("walkout ends")));
        // Near-synonyms of one kind do not contrast (`head` / `boss`).
        assert!(!en("head").contrasts(&en("boss")));
        assert!(en("trains cancelled").contrasts(&en("trains delayed")));
        assert!(fr("participation").contrasts(&fr("taux d'abstention")));
        assert!(!en("strike start date").contrasts(&en("walkout begins")));
        assert!(!en("death toll").contrasts(&fr("nombre de morts")));
        // One concept more is a qualifier, not a contrast.
        assert!(!en("revenue").contrasts(&en("annual revenue")));
    }

    #[test]
    fn a_qualifier_narrows_a_wording_across_languages() {
        let (en, fr) = (english_property, french_property);
        assert!(en("revenue at risk in Europe").narrows(&fr("chiffre d'affaires en Europe")));
        assert!(!fr("chiffre d'affaires en Europe").narrows(&en("revenue at risk in Europe")));
        assert!(!fr("bilan des morts").narrows(&en("death toll")));
        // Either reading will do: `generations` meets `génération` only read in French.
        assert!(en("generations of workers").narrows(&fr("génération")));
    }

    #[test]
    fn trigrams_mark_the_ends_of_a_stem() {
        let of = |t: &str| {
            let chars: Vec<char> = t.chars().collect();
            Trigram::of([chars[0], chars[1], chars[2]])
        };
        assert_eq!(trigrams("ven"), [of("_ve"), of("ven"), of("en_")]);
        assert_ne!(of("ven"), of("vne"));
        assert_ne!(of("ven"), of("xen"));
        // The highest characters keep within their 21 bits.
        assert_ne!(of("\u{10FFFF}\u{10FFFF}a"), of("\u{10FFFF}\u{10FFFE}a"));
    }

    #[test]
    fn a_concept_counts_as_four_trigrams_of_its_own() {
        let concepts = crate::normalise::concepts::all();
        assert!(concepts.len() > 50, "{}", concepts.len());
        let distinct: std::collections::HashSet<Trigram> = (concepts.iter())
            .map(|c| Trigram::concept(&format!("{CONCEPT}{c}")))
            .collect();
        assert_eq!(distinct.len(), concepts.len());
        let ceo = Trigram::concept(&format!("{CONCEPT}ceo"));
        assert_eq!(trigrams(&format!("{CONCEPT}ceo")), [ceo; CONCEPT_TRIGRAMS]);
        // No concept is three characters.
        assert!(distinct.iter().all(|t| t.0 >> 63 == 1));
    }
}
