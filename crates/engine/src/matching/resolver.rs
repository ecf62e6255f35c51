//! Name resolution: which registry entity a name is, or which cluster of unregistered names.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use crate::disjoint_sets::DisjointSets;
use crate::model::{Corpus, EntityKind};
use crate::normalise::codes::{confusable_key, is_code};
use crate::normalise::names::{self, NameMatch, ShortForm, is_proper_name, spelling_match};
use crate::normalise::text::fold_key;

/// What a name is: a registry entity or a cluster of unregistered names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    Registered(usize),
    /// Named by the slug of its first member in sorted order.
    Cluster(String),
}

/// How a name was tied to its entity, for findings and `--explain`.
#[derive(Clone, Debug, PartialEq)]
pub enum Relation {
    /// Equal to a registered name or alias after folding case and accents.
    Alias,
    /// Its words are a subset of a longer name's.
    ShortForm,
    /// Equal to `reference` once look-alike characters are folded.
    Confusable { reference: String },
    /// A misspelling of `reference`.
    Spelling {
        reference: String,
        evidence: NameMatch,
    },
}

/// Resolves names against the registry and clusters the rest.
pub struct Resolver<'c> {
    corpus: &'c Corpus,
    /// Registered names and aliases by folded key, confusable key and blocking key.
    by_key: HashMap<String, Vec<(usize, &'c str)>>,
    by_confusable: HashMap<String, Vec<(usize, &'c str)>>,
    by_block: FxHashMap<u64, Vec<(usize, &'c str)>>,
    /// Registered names by the keys of their short forms.
    by_short_form: HashMap<String, Vec<(usize, ShortForm)>>,
    resolved: HashMap<String, Option<(EntityRef, Relation)>>,
}

/// The blocking keys of a name, under which it is filed and looked up: the full sound of its
/// last word (Double Metaphone), and that word with any one letter deleted (a deletion
/// neighbourhood, as SymSpell uses: two words one substitution, insertion, deletion or swap
/// apart share a key), and the romanisation keys of its last word and last two words (`Pak` is
/// filed with `Park`, `Abdul Aziz` with `Abdelaziz`). Names that share no key are never compared. Keys are 64-bit hashes, so
/// that filing a name allocates nothing; two keys that collide only add a candidate, which the
/// scorer then weighs like any other.
fn block_keys(form: &str) -> Vec<u64> {
    let last: Vec<char> = names::tokens(form)
        .pop()
        .unwrap_or_default()
        .chars()
        .collect();
    let hash = |kind: char, skip: Option<usize>| {
        let mut hasher = FxHasher::default();
        kind.hash(&mut hasher);
        match kind {
            's' => names::block_key(form).hash(&mut hasher),
            _ => {
                for (i, c) in last.iter().enumerate() {
                    if Some(i) != skip {
                        c.hash(&mut hasher);
                    }
                }
            }
        }
        hasher.finish()
    };
    let mut keys = vec![hash('s', None), hash('d', None)];
    keys.extend((0..last.len()).map(|skip| hash('d', Some(skip))));
    for romanised in names::romanised_block_keys(form) {
        let mut hasher = FxHasher::default();
        'r'.hash(&mut hasher);
        romanised.hash(&mut hasher);
        keys.push(hasher.finish());
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

impl<'c> Resolver<'c> {
    pub fn new(corpus: &'c Corpus) -> Self {
        let mut resolver = Self {
            corpus,
            by_key: HashMap::new(),
            by_confusable: HashMap::new(),
            by_block: FxHashMap::default(),
            by_short_form: HashMap::new(),
            resolved: HashMap::new(),
        };
        // Each registered spelling's keys are worked out in parallel, then filed in registry
        // order.
        let forms: Vec<(usize, &str)> = corpus
            .registry
            .entities
            .iter()
            .enumerate()
            .flat_map(|(index, entity)| {
                std::iter::once(&entity.name)
                    .chain(&entity.aliases)
                    .map(move |form| (index, form.value.as_str()))
            })
            .collect();
        let keyed: Vec<_> = forms
            .par_iter()
            .map(|&(_, form)| {
                (
                    fold_key(form),
                    confusable_key(form),
                    block_keys(form),
                    names::short_form_keys(form),
                )
            })
            .collect();
        for (&(index, form), (key, confusable, blocks, short_forms)) in forms.iter().zip(keyed) {
            resolver.by_key.entry(key).or_default().push((index, form));
            resolver
                .by_confusable
                .entry(confusable)
                .or_default()
                .push((index, form));
            for block in blocks {
                resolver
                    .by_block
                    .entry(block)
                    .or_default()
                    .push((index, form));
            }
            for (key, kind) in short_forms {
                resolver
                    .by_short_form
                    .entry(key)
                    .or_default()
                    .push((index, kind));
            }
        }
        resolver
    }

    /// True when `form` is written exactly as a registered name or alias.
    pub fn is_registered_spelling(&self, form: &str) -> bool {
        self.by_key
            .get(&fold_key(form))
            .is_some_and(|hits| hits.iter().any(|(_, f)| *f == form))
    }

    /// Resolves distinct `forms` against the registry in parallel, for later lookups.
    pub fn resolve_all_registered(&mut self, forms: &[&str]) {
        let found: Vec<_> = forms
            .par_iter()
            .filter(|form| !self.resolved.contains_key(**form))
            .map(|form| (form.to_string(), self.find_registered(form)))
            .collect();
        self.resolved.extend(found);
    }

    /// The registered entity `form` names, if any, and how.
    pub fn resolve_registered(&mut self, form: &str) -> Option<(EntityRef, Relation)> {
        if let Some(done) = self.resolved.get(form) {
            return done.clone();
        }
        let result = self.find_registered(form);
        self.resolved.insert(form.to_string(), result.clone());
        result
    }

    fn find_registered(&self, form: &str) -> Option<(EntityRef, Relation)> {
        let single = |hits: Option<&Vec<(usize, &'c str)>>| -> Option<(usize, &'c str)> {
            let hits = hits?;
            let first = hits.first()?;
            hits.iter().all(|(e, _)| *e == first.0).then_some(*first)
        };
        if let Some((entity, _)) = single(self.by_key.get(&fold_key(form))) {
            return Some((EntityRef::Registered(entity), Relation::Alias));
        }
        if let Some((entity, reference)) = single(self.by_confusable.get(&confusable_key(form))) {
            return Some((
                EntityRef::Registered(entity),
                Relation::Confusable {
                    reference: reference.to_string(),
                },
            ));
        }
        {
            let candidates: Vec<(usize, ShortForm)> = self
                .by_short_form
                .get(&names::short_form_key(form))
                .into_iter()
                .flatten()
                .filter(|(entity, kind)| match kind {
                    // Only people go by their last words alone.
                    ShortForm::Trailing => {
                        self.corpus.registry.entities[*entity].kind == EntityKind::Person
                    }
                    ShortForm::Leading => true,
                })
                .copied()
                .collect();
            if let Some((entity, _)) = candidates.first() {
                if candidates.iter().all(|(e, _)| e == entity) {
                    return Some((EntityRef::Registered(*entity), Relation::ShortForm));
                }
                return None; // a short form of several entities names none of them
            }
        }
        if is_code(form) || !is_proper_name(form) {
            return None;
        }
        // Every registered spelling the form may misspell, each once.
        let mut matches: Vec<(usize, &str, NameMatch)> = Vec::new();
        let mut seen: HashSet<(usize, &str)> = HashSet::new();
        for key in block_keys(form) {
            for &(entity, reference) in self.by_block.get(&key).into_iter().flatten() {
                if !seen.insert((entity, reference)) {
                    continue;
                }
                // Only a person goes by a part of their name.
                let same_length = names::tokens(form).len() == names::tokens(reference).len();
                if !same_length && self.corpus.registry.entities[entity].kind != EntityKind::Person
                {
                    continue;
                }
                if let Some(found) = spelling_match(form, reference) {
                    matches.push((entity, reference, found));
                }
            }
        }
        let (entity, reference, evidence) = closest(matches)?;
        Some((
            EntityRef::Registered(entity),
            Relation::Spelling {
                reference: reference.to_string(),
                evidence,
            },
        ))
    }

    pub fn corpus(&self) -> &'c Corpus {
        self.corpus
    }
}

/// The closest of the registered spellings a form may misspell, the first among equals; none
/// when a spelling of another entity is as close (within 0.02).
fn closest(mut matches: Vec<(usize, &str, NameMatch)>) -> Option<(usize, &str, NameMatch)> {
    let best = (0..matches.len()).reduce(|best, i| {
        if matches[i].2.score > matches[best].2.score {
            i
        } else {
            best
        }
    })?;
    let (entity, reference, evidence) = matches.swap_remove(best);
    let as_close =
        |(e, _, m): &(usize, &str, NameMatch)| *e != entity && evidence.score - m.score < 0.02;
    (!matches.iter().any(as_close)).then_some((entity, reference, evidence))
}

/// Clusters names the registry does not know: same folded or look-alike key, a misspelling of
/// one another (within blocks), or a short form of exactly one longer name. Returns, for each
/// form, the index of its cluster's first member.
pub fn cluster_unregistered(forms: &[&str]) -> Vec<usize> {
    let mut sets = DisjointSets::new(forms.len());
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut blocks: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if let Some(&j) = by_key.get(&confusable_key(form)) {
            sets.join(i, j);
        } else {
            by_key.insert(confusable_key(form), i);
        }
        if is_proper_name(form) && !is_code(form) {
            for key in block_keys(form) {
                blocks.entry(key).or_default().push(i);
            }
        }
    }
    let mut candidates: Vec<usize> = Vec::new();
    for (i, form) in forms.iter().enumerate() {
        if !is_proper_name(form) || is_code(form) {
            continue;
        }
        candidates.clear();
        for key in block_keys(form) {
            candidates.extend(blocks.get(&key).into_iter().flatten().filter(|&&j| j < i));
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &j in &candidates {
            if spelling_match(form, forms[j]).is_some() {
                sets.join(i, j);
            }
        }
    }
    // Short forms: a name whose words all stand in exactly one longer name's cluster.
    let mut by_short_form: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, form) in forms.iter().enumerate() {
        for (key, _) in names::short_form_keys(form) {
            by_short_form.entry(key).or_default().push(i);
        }
    }
    for (i, form) in forms.iter().enumerate() {
        let longer: Vec<usize> = by_short_form
            .get(&names::short_form_key(form))
            .cloned()
            .unwrap_or_default();
        if longer.is_empty() {
            continue;
        }
        let mut roots: Vec<usize> = longer.iter().map(|&j| sets.find(j)).collect();
        roots.dedup();
        if roots.len() == 1 {
            sets.join(i, longer[0]);
        }
    }
    (0..forms.len()).map(|i| sets.find(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::corpus;

    #[test]
    fn resolution_table() {
        let corpus = corpus(&[
            ("Howard Lutnick", &["Lutnick"]),
            ("Jensen Huang", &["Huang"]),
            ("H20", &[]),
            ("H200", &[]),
            ("Zhang Wei", &[]),
            ("Zhang Wen", &[]),
            ("Jon Smith", &[]),
            ("Jan Smith", &[]),
        ]);
        let mut resolver = Resolver::new(&corpus);
        let mut entity_of = |form: &str| {
            resolver
                .resolve_registered(form)
                .map(|(e, r)| (e, std::mem::discriminant(&r)))
        };
        let alias = std::mem::discriminant(&Relation::Alias);
        let short = std::mem::discriminant(&Relation::ShortForm);
        let confusable = std::mem::discriminant(&Relation::Confusable {
            reference: String::new(),
        });
        let spelling = std::mem::discriminant(&Relation::Spelling {
            reference: String::new(),
            evidence: NameMatch {
                score: 0.0,
                signals: String::new(),
            },
        });
        assert_eq!(
            entity_of("LUTNICK"),
            Some((EntityRef::Registered(0), alias))
        );
        assert_eq!(
            entity_of("Latnik"),
            Some((EntityRef::Registered(0), spelling))
        );
        assert_eq!(
            entity_of("Howard Latnik"),
            Some((EntityRef::Registered(0), spelling))
        );
        assert_eq!(entity_of("Jensen"), Some((EntityRef::Registered(1), short)));
        assert_eq!(
            entity_of("H2O"),
            Some((EntityRef::Registered(2), confusable))
        );
        assert_eq!(entity_of("H200"), Some((EntityRef::Registered(3), alias)));
        assert_eq!(entity_of("H100"), None);
        assert_eq!(
            entity_of("Zhang Wen"),
            Some((EntityRef::Registered(5), alias))
        );
        assert_eq!(
            entity_of("Zhang"),
            None,
            "a short form of two people names neither"
        );
        assert_eq!(
            entity_of("Zhang Wie"),
            Some((EntityRef::Registered(4), spelling)),
            "a transposition of Wei only"
        );
        assert_eq!(
            entity_of("Jen Smith"),
            None,
            "as close to two people: neither"
        );
    }

    #[test]
    fn only_a_registered_name_or_alias_as_written_is_a_registered_spelling() {
        let corpus = corpus(&[("Howard Lutnick", &["Lutnick"])]);
        let resolver = Resolver::new(&corpus);
        assert!(resolver.is_registered_spelling("Howard Lutnick"));
        assert!(resolver.is_registered_spelling("Lutnick"));
        assert!(!resolver.is_registered_spelling("LUTNICK"));
        assert!(!resolver.is_registered_spelling("Latnik"));
    }

    #[test]
    fn a_misspelling_as_close_to_two_registered_names_names_neither() {
        let (lutnick, lutnack) = ("Howard Lutnick", "Howard Lutnack");
        // In either order of the registry, and whichever reference is met first.
        for names in [[lutnick, lutnack], [lutnack, lutnick]] {
            let corpus = corpus(&[(names[0], &[]), (names[1], &[])]);
            let mut resolver = Resolver::new(&corpus);
            let named = |found| {
                misspelling_of(found).map(|e| corpus.registry.entities[e].name.value.clone())
            };
            // One letter off each, alike: neither.
            assert_eq!(named(resolver.resolve_registered("Howard Lutnuck")), None);
            // A deleted letter of Lutnick (0.97) against a substitution and a deletion of
            // Lutnack (0.94): Lutnick, the clearly closer.
            let closer = named(resolver.resolve_registered("Howard Lutnic"));
            assert_eq!(closer.as_deref(), Some(lutnick));
        }
    }

    /// The registered entity a resolution names as a misspelling of one of its names.
    fn misspelling_of(found: Option<(EntityRef, Relation)>) -> Option<usize> {
        match found {
            Some((EntityRef::Registered(e), Relation::Spelling { .. })) => Some(e),
            _ => None,
        }
    }

    #[test]
    fn the_closest_spelling_is_named_unless_another_entity_is_as_close() {
        let spelling = |entity: usize, reference: &'static str, score: f64| {
            let signals = String::new();
            (entity, reference, NameMatch { score, signals })
        };
        let named = |matches: Vec<(usize, &'static str, NameMatch)>| {
            closest(matches).map(|(e, reference, _)| (e, reference))
        };
        let (near, far) = (spelling(0, "near", 0.97), spelling(0, "far", 0.94));
        assert_eq!(named(vec![far.clone(), near.clone()]), Some((0, "near")));
        assert_eq!(named(vec![near.clone(), far.clone()]), Some((0, "near")));
        // The first among equals; another entity's spelling as close names neither.
        let twin = spelling(0, "twin", 0.97);
        assert_eq!(named(vec![near.clone(), twin.clone()]), Some((0, "near")));
        assert_eq!(named(vec![twin, near.clone()]), Some((0, "twin")));
        assert_eq!(named(vec![near.clone(), spelling(1, "other", 0.96)]), None);
        assert_eq!(named(vec![spelling(1, "other", 0.96), near.clone()]), None);
        assert_eq!(
            named(vec![near.clone(), spelling(1, "other", 0.94)]),
            Some((0, "near"))
        );
        // 0.02 apart is apart enough (0.02 and 0 are exactly that far in binary).
        let (edge, zero) = (spelling(0, "edge", 0.02), spelling(1, "zero", 0.0));
        assert_eq!(named(vec![edge, zero]), Some((0, "edge")));
        assert_eq!(named(Vec::new()), None);
    }

    #[test]
    fn a_misspelling_names_the_closest_spelling_of_its_entity() {
        let (lutnick, lutnack) = ("Howard Lutnick", "Howard Lutnack");
        // Whether the closer spelling is the name or the alias.
        for (name, alias) in [(lutnick, lutnack), (lutnack, lutnick)] {
            let corpus = corpus(&[(name, &[alias])]);
            let mut resolver = Resolver::new(&corpus);
            match resolver.resolve_registered("Howard Lutnic") {
                Some((EntityRef::Registered(0), Relation::Spelling { reference, .. })) => {
                    assert_eq!(reference, lutnick)
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_misspelling_as_close_to_two_spellings_of_one_entity_names_it() {
        let corpus = corpus(&[
            ("Jensen Huang", &[]),
            ("Howard Lutnick", &["Howard Lutnack"]),
        ]);
        let mut resolver = Resolver::new(&corpus);
        assert_eq!(
            misspelling_of(resolver.resolve_registered("Howard Lutnuck")),
            Some(1)
        );
    }

    #[test]
    fn only_a_person_goes_by_a_misspelled_part_of_their_name() {
        let mut corpus = corpus(&[("Jensen Huang", &[]), ("Taiwan Semiconductor", &[])]);
        corpus.registry.entities[0].kind = EntityKind::Person;
        let mut resolver = Resolver::new(&corpus);
        assert_eq!(
            misspelling_of(resolver.resolve_registered("Haung")),
            Some(0)
        );
        assert_eq!(resolver.resolve_registered("Semiconducter"), None);
        // Nor is a text that is no name matched by its spelling.
        assert_eq!(resolver.resolve_registered("jensen haung"), None);
    }

    #[test]
    fn names_one_edit_apart_share_a_block_and_others_none() {
        let shared = |a: &str, b: &str| {
            let keys = block_keys(b);
            block_keys(a).iter().filter(|k| keys.contains(k)).count()
        };
        for (a, b) in [
            ("Howard Lutnick", "Howard Lutnik"),
            ("Lutnick", "Lutnikc"),
            ("Jensen Huang", "Jensen Hwang"),
        ] {
            assert!(shared(a, b) > 0, "{a} / {b}");
        }
        for (a, b) in [
            ("Howard Lutnick", "Jensen Huang"),
            ("Gina Raimondo", "Zhang Wei"),
        ] {
            assert_eq!(shared(a, b), 0, "{a} / {b}");
        }
    }

    #[test]
    fn unregistered_clusters() {
        let forms = [
            "Lutnick",
            "Latnik",
            "Jensen Huang",
            "Huang",
            "H20",
            "H2O",
            "H200",
            "Zhang Wei",
            "Zhang Wen",
            "NVIDIA",
            "Nvidia",
        ];
        let clusters = cluster_unregistered(&forms);
        let same = |a: usize, b: usize| clusters[a] == clusters[b];
        assert!(same(0, 1));
        assert!(same(2, 3));
        assert!(same(4, 5));
        assert!(!same(4, 6));
        assert!(!same(7, 8));
        assert!(same(9, 10));
        assert!(!same(0, 2));
    }

    #[test]
    fn text_in_lower_case_is_no_misspelled_name() {
        for forms in [["Lutnick", "latnik"], ["lutnick", "Latnik"]] {
            let clusters = cluster_unregistered(&forms);
            assert_ne!(clusters[0], clusters[1], "{forms:?}");
        }
    }

    #[test]
    fn names_romanised_two_ways_share_a_block_and_cluster() {
        let forms = [
            "Park Ji-sung",
            "Pak Ji-sung",
            "Abdelaziz",
            "Abdul Aziz",
            "Wolodymyr Selenskyj",
            "Volodymyr Zelensky",
            "Kim",
            "Kam",
            "Jean Martin",
            "Jeanne Martin",
            "Daniel Roux",
            "Danielle Roux",
        ];
        let clusters = cluster_unregistered(&forms);
        let same = |a: usize, b: usize| clusters[a] == clusters[b];
        assert!(same(0, 1) && same(2, 3) && same(4, 5), "{clusters:?}");
        assert!(!same(6, 7) && !same(8, 9) && !same(10, 11), "{clusters:?}");
        // Registered, a romanisation resolves to its person; two registered people stay two.
        let corpus = corpus(&[
            ("Mohamed Salah", &[]),
            ("Choi Min-ho", &[]),
            ("Choi Min-ha", &[]),
        ]);
        let mut resolver = Resolver::new(&corpus);
        let mut entity_of = |form: &str| resolver.resolve_registered(form).map(|(e, _)| e);
        assert_eq!(entity_of("Muhammad Salah"), Some(EntityRef::Registered(0)));
        assert_eq!(entity_of("Choe Min-ho"), Some(EntityRef::Registered(1)));
        assert_eq!(entity_of("Choi Min-ha"), Some(EntityRef::Registered(2)));
    }
}
