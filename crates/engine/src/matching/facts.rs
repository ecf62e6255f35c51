//! Fact groups: the claims that state one fact (same subject, property, `when` and `where`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Claim, Corpus, Located, PartialDate, ValueKind};
use crate::normalise::date;
use crate::normalise::quantity::Language;
use crate::normalise::stems::{Content, Reading, read};
use crate::normalise::text::{comparison_words, fold_key, wording_similarity};

/// The key of a qualifier (`when`, `where`): the interval of a date, else the folded text.
pub fn qualifier_key(text: Option<&str>, published: Option<PartialDate>) -> String {
    match text {
        None => String::new(),
        Some(text) => {
            date::parse(text, published).map_or_else(|| fold_key(text), |m| m.to_string())
        }
    }
}

/// A claim's place in the corpus: its source's index and its own.
pub type ClaimRef = (usize, usize);

/// Claims that state one fact, keyed by subject, property, `when` and `where`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactKey {
    pub subject: String,
    pub property: String,
    pub when: String,
    pub place: String,
}

/// Groups claims by fact; `subject_key` gives the key of a subject as written.
///
/// Each distinct subject, property, `when` (with its source's date) and `where` is numbered
/// (interned) and keyed once, in parallel; claims are then grouped by four numbers, and only the
/// distinct groups are keyed by their strings. Each group lists its claims in corpus order.
pub fn group_facts(
    corpus: &Corpus,
    properties: &Properties,
    subject_key: impl Fn(&str) -> String + Sync,
) -> BTreeMap<FactKey, Vec<ClaimRef>> {
    let mut subjects = Interner::default();
    let mut wordings = Interner::default();
    let mut whens = Interner::default();
    let mut places = Interner::default();
    let mut claims: Vec<([u32; 4], ClaimRef)> = Vec::with_capacity(corpus.claim_count());
    for (s, source) in corpus.sources.iter().enumerate() {
        for (c, claim) in source.claims.iter().enumerate() {
            let ids = [
                subjects.id(claim.subject.value.as_str()),
                wordings.id(claim.property.value.as_str()),
                whens.id((written(&claim.when), source.published)),
                places.id(written(&claim.place)),
            ];
            claims.push((ids, (s, c)));
        }
    }
    // Keys of the distinct inputs, then numbers for the distinct keys: two inputs may share a
    // key (`Nvidia` and `NVIDIA` name one entity).
    let subjects = number_keys(subjects.values.par_iter().map(|f| subject_key(f)));
    let wordings = number_keys(wordings.values.par_iter().map(|w| properties.key(w)));
    let whens = number_keys(
        whens
            .values
            .par_iter()
            .map(|(when, published)| qualifier_key(*when, *published)),
    );
    let places = number_keys(places.values.par_iter().map(|p| qualifier_key(*p, None)));
    for (ids, _) in &mut claims {
        *ids = [
            subjects.0[ids[0] as usize],
            wordings.0[ids[1] as usize],
            whens.0[ids[2] as usize],
            places.0[ids[3] as usize],
        ];
    }
    claims.par_sort_unstable();
    let mut groups: Vec<(FactKey, Vec<ClaimRef>)> = Vec::new();
    let mut last = None;
    for (ids, claim) in claims {
        if last != Some(ids) {
            let key = FactKey {
                subject: subjects.1[ids[0] as usize].clone(),
                property: wordings.1[ids[1] as usize].clone(),
                when: whens.1[ids[2] as usize].clone(),
                place: places.1[ids[3] as usize].clone(),
            };
            groups.push((key, Vec::new()));
            last = Some(ids);
        }
        if let Some((_, members)) = groups.last_mut() {
            members.push(claim);
        }
    }
    groups.into_iter().collect()
}

/// Numbers for distinct values, in order of first sight.
struct Interner<T> {
    ids: FxHashMap<T, u32>,
    values: Vec<T>,
}

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Self {
            ids: FxHashMap::default(),
            values: Vec::new(),
        }
    }
}

impl<T: std::hash::Hash + Eq + Copy> Interner<T> {
    fn id(&mut self, value: T) -> u32 {
        *self.ids.entry(value).or_insert_with(|| {
            self.values.push(value);
            (self.values.len() - 1) as u32
        })
    }
}

/// The text of an optional field.
fn written(field: &Option<Located<String>>) -> Option<&str> {
    field.as_ref().map(|f| f.value.as_str())
}

/// Numbers the keys of distinct inputs: for each input, its key's number; and the distinct keys.
fn number_keys(keys: impl IndexedParallelIterator<Item = String>) -> (Vec<u32>, Vec<String>) {
    let keys: Vec<String> = keys.collect();
    let mut numbers: Interner<&str> = Interner::default();
    let ids = keys.iter().map(|key| numbers.id(key)).collect();
    let distinct = numbers.values.into_iter().map(str::to_string).collect();
    (ids, distinct)
}

/// Two unregistered property wordings at least this alike (word Dice coefficient, plurals
/// folded) are one property: `revenus en Chine` and `revenu en Chine`.
const SAME_PROPERTY: f64 = 0.8;

/// Whether two unregistered property wordings name one property: alike enough, neither one the
/// other with a qualifier added (`revenus menacés en Europe` is not `revenus en Europe`), and
/// with the same figures (`cumul en 24 heures` is not `cumul en 48 heures`), and neither naming
/// a concept the other does not (`à l'export` is not `à l'import`).
fn same_property(a: &str, b: &str) -> bool {
    if wording_similarity(a, b) < SAME_PROPERTY {
        return false;
    }
    let (words_a, words_b) = (comparison_words(a), comparison_words(b));
    let within = |small: &[String], large: &[String]| {
        small.len() < large.len() && small.iter().all(|w| large.contains(w))
    };
    let figures = |words: &[String]| -> Vec<String> {
        let mut figures: Vec<String> = words
            .iter()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .cloned()
            .collect();
        figures.sort();
        figures
    };
    !within(&words_a, &words_b)
        && !within(&words_b, &words_a)
        && figures(&words_a) == figures(&words_b)
        && !property(a).contrasts(&property(b))
}

/// A property wording's content, as far as its concepts go: they are the same whatever
/// language it is read in, so no language is detected.
fn property(text: &str) -> Content {
    read(text, Language::English, Reading::Property)
}

/// What each property wording of the corpus names: a registry property (by folded id, name or
/// alias), or a group of alike free-text wordings.
pub struct Properties<'c> {
    corpus: &'c Corpus,
    registered: HashMap<String, usize>,
    /// Each unregistered folded wording's group, named by its first wording in sorted order.
    free: HashMap<String, String>,
    /// Each wording the corpus writes, as written, with its registry property: worked out once,
    /// since claims repeat a few wordings.
    written: FxHashMap<&'c str, Option<usize>>,
}

impl<'c> Properties<'c> {
    pub fn new(corpus: &'c Corpus) -> Self {
        let mut registered = HashMap::new();
        for (index, property) in corpus.registry.properties.iter().enumerate() {
            let names = [&property.id, &property.name]
                .into_iter()
                .chain(&property.aliases);
            for name in names {
                registered.entry(fold_key(&name.value)).or_insert(index);
            }
        }
        // Each distinct wording is folded once: to find its registry property, or to group it
        // with alike free-text wordings.
        let folded: Vec<(&str, String)> = corpus
            .sources
            .iter()
            .flat_map(|s| &s.claims)
            .map(|c| c.property.value.as_str())
            .collect::<FxHashSet<_>>()
            .into_iter()
            .map(|w| (w, fold_key(w)))
            .collect();
        let written: FxHashMap<&str, Option<usize>> = folded
            .iter()
            .map(|(w, key)| (*w, registered.get(key).copied()))
            .collect();
        let wordings: BTreeSet<String> = folded
            .into_iter()
            .map(|(_, key)| key)
            .filter(|key| !registered.contains_key(key))
            .collect();
        // Compare a wording only with the groups that share one of its words.
        let mut groups_by_word: HashMap<String, Vec<String>> = HashMap::new();
        let mut free = HashMap::new();
        for wording in wordings {
            let words = comparison_words(&wording);
            let group = words
                .iter()
                .flat_map(|w| groups_by_word.get(w).into_iter().flatten())
                .find(|first| same_property(&wording, first))
                .cloned();
            let group = group.unwrap_or_else(|| {
                for word in &words {
                    groups_by_word
                        .entry(word.clone())
                        .or_default()
                        .push(wording.clone());
                }
                wording.clone()
            });
            free.insert(wording, group);
        }
        Self {
            corpus,
            registered,
            free,
            written,
        }
    }

    /// The index of the registry property that `text` names.
    pub fn registered(&self, text: &str) -> Option<usize> {
        match self.written.get(text) {
            Some(&registered) => registered,
            None => self.registered.get(&fold_key(text)).copied(),
        }
    }

    /// The key under which claims of this property group: the registry id, else the name of
    /// the group of alike wordings.
    pub fn key(&self, text: &str) -> String {
        let folded = fold_key(text);
        match self.registered.get(&folded) {
            Some(&index) => self.corpus.registry.properties[index].id.value.clone(),
            None => self.free.get(&folded).cloned().unwrap_or(folded),
        }
    }

    /// How a claim's values compare: its own `kind`, else its property's, else none (inferred
    /// from the value later).
    pub fn declared_kind(&self, claim: &Claim) -> Option<ValueKind> {
        claim.kind.or_else(|| {
            self.registered(&claim.property.value)
                .and_then(|p| self.corpus.registry.properties[p].kind)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::{claim, corpus, located, source};
    use crate::model::{Claim, Source};

    /// A source of `claims` whose language is not given.
    fn unspoken(claims: Vec<Claim>) -> Source {
        Source {
            language: None,
            ..source("a", claims)
        }
    }

    #[test]
    fn alike_property_wordings_group() {
        let mut corpus = corpus(&[]);
        corpus.sources.push(unspoken(
            [
                "revenus en Chine",
                "revenu en Chine",
                "Revenus en  Chine",
                "revenus aux États-Unis",
                "revenus menacés en Chine",
                "pluie en 24 heures",
                "pluie en 48 heures",
                "a déclaré",
                "a dit",
                "conteneurs pleins à l'export",
                "conteneurs pleins à l'import",
            ]
            .into_iter()
            .map(|property| claim("Nvidia", property, "1"))
            .collect(),
        ));
        let properties = Properties::new(&corpus);
        let key = |p: &str| properties.key(p);
        assert_eq!(key("revenus en Chine"), key("revenu en Chine"));
        assert_eq!(key("revenus en Chine"), key("Revenus en  Chine"));
        assert_ne!(key("revenus en Chine"), key("revenus aux États-Unis"));
        assert_ne!(key("revenus en Chine"), key("revenus menacés en Chine"));
        assert_ne!(key("pluie en 24 heures"), key("pluie en 48 heures"));
        assert_ne!(key("a déclaré"), key("a dit"));
        // Alike by their letters, opposite by their meaning.
        assert_ne!(
            key("conteneurs pleins à l'export"),
            key("conteneurs pleins à l'import")
        );
    }

    #[test]
    fn a_qualifier_is_keyed_by_its_interval_else_its_folded_text() {
        assert_eq!(qualifier_key(None, None), "");
        let march = qualifier_key(Some("3 mars 2001"), None);
        assert_eq!(march, qualifier_key(Some("March 3, 2001"), None));
        assert_ne!(march, qualifier_key(Some("4 mars 2001"), None));
        assert_eq!(qualifier_key(Some("à Pékin"), None), fold_key("à Pékin"));
        assert_eq!(qualifier_key(Some("A  PEKIN"), None), "a pekin");
    }

    /// The fact groups of claims (subject, property, when, where), subjects keyed as written.
    fn groups(claims: &[(&str, &str, Option<&str>, Option<&str>)]) -> Vec<Vec<usize>> {
        let mut corpus = corpus(&[]);
        let optional = |text: Option<&str>| text.map(located);
        corpus.sources.push(unspoken(
            (claims.iter())
                .map(|&(subject, property, when, place)| Claim {
                    when: optional(when),
                    place: optional(place),
                    ..claim(subject, property, "1")
                })
                .collect(),
        ));
        let properties = Properties::new(&corpus);
        let grouped = group_facts(&corpus, &properties, |subject| subject.to_string());
        let mut groups: Vec<Vec<usize>> = (grouped.into_values())
            .map(|claims| claims.into_iter().map(|(_, c)| c).collect())
            .collect();
        groups.sort();
        groups
    }

    #[test]
    fn claims_group_by_subject_property_and_qualifiers_as_read() {
        let visit = "jours de visite";
        let claims = [
            ("Lutnick", visit, Some("mars 2025"), Some("Pékin")),
            ("Lutnick", visit, Some("March 2025"), Some("pékin")),
            ("Lutnick", visit, Some("avril 2025"), Some("Pékin")),
            ("Lutnick", visit, Some("mars 2025"), Some("Shanghai")),
            ("Lutnick", visit, None, None),
            ("Huang", visit, None, None),
        ];
        let expected: Vec<Vec<usize>> = vec![vec![0, 1], vec![2], vec![3], vec![4], vec![5]];
        assert_eq!(groups(&claims), expected);
    }

    #[test]
    fn wordings_exactly_as_alike_as_the_bar_are_one_property() {
        // Four words of five shared: a Dice coefficient of exactly 0.8.
        let (a, b) = (
            "ventes annuelles puces Nvidia totales",
            "ventes annuelles puces Nvidia cumulées",
        );
        assert_eq!(wording_similarity(a, b), SAME_PROPERTY);
        assert!(same_property(a, b));
    }

    #[test]
    fn a_registered_property_is_found_by_its_name_or_alias_as_written_or_folded() {
        let mut corpus = corpus(&[]);
        corpus.registry.properties.push(crate::model::Property {
            id: located("revenue"),
            name: located("chiffre d'affaires"),
            aliases: vec![located("revenue")],
            kind: None,
            tolerance: None,
            multiple: false,
        });
        let properties = Properties::new(&corpus);
        assert_eq!(properties.registered("chiffre d'affaires"), Some(0));
        assert_eq!(properties.registered("Chiffre d'Affaires"), Some(0));
        assert_eq!(properties.registered("revenue"), Some(0));
        assert_eq!(properties.registered("bénéfice"), None);
        assert_eq!(
            properties.key("Revenue"),
            properties.key("chiffre d'affaires")
        );
    }
}
