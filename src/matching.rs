//! Match: resolve every name to an entity, and group the claims that state the same fact.
//!
//! A name resolves to a registry entity by folded alias, by look-alike folding, as a short form
//! (`Huang` of `Jensen Huang`), or by a scored fuzzy match of proper names; two registered
//! entities never merge. Names the registry does not know are clustered among themselves by the
//! same rules. Claims then group by (subject entity, property, `when`, `where`); a property is
//! a registry property, or a group of alike free-text wordings.
//!
//! Fuzzy comparisons only run inside blocks (names whose last words sound alike or are one edit
//! apart), so that no step compares all pairs.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::model::{Claim, Corpus, EntityKind, Located, ValueKind};
use crate::normalise::codes::{confusable_key, is_code};
use crate::normalise::date;
use crate::normalise::names::{self, NameMatch, ShortForm, is_proper_name, spelling_match};
use crate::normalise::text::{comparison_words, fold_key, wording_similarity};

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
/// apart share a key). Names that share no key are never compared. Keys are 64-bit hashes, so
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
        let mut best: Option<(usize, &str, NameMatch)> = None;
        let mut runner_up: Option<(usize, f64)> = None;
        let mut seen: HashSet<(usize, &str)> = HashSet::new();
        for key in block_keys(form) {
            for &(entity, reference) in self.by_block.get(&key).into_iter().flatten() {
                if !seen.insert((entity, reference)) {
                    continue;
                }
                let entity = &entity;
                // Only a person goes by a part of their name.
                let same_length = names::tokens(form).len() == names::tokens(reference).len();
                if !same_length && self.corpus.registry.entities[*entity].kind != EntityKind::Person
                {
                    continue;
                }
                let Some(found) = spelling_match(form, reference) else {
                    continue;
                };
                match &best {
                    Some((e, _, m)) if found.score <= m.score => {
                        if *e != *entity && runner_up.is_none_or(|(_, s)| found.score > s) {
                            runner_up = Some((*entity, found.score));
                        }
                    }
                    _ => {
                        if let Some((e, _, m)) = &best
                            && e != entity
                        {
                            runner_up = Some((*e, m.score));
                        }
                        best = Some((*entity, reference, found));
                    }
                }
            }
        }
        let (entity, reference, evidence) = best?;
        if runner_up.is_some_and(|(e, s)| e != entity && evidence.score - s < 0.02) {
            return None; // as close to two registered entities: neither
        }
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

/// Clusters names the registry does not know: same folded or look-alike key, a misspelling of
/// one another (within blocks), or a short form of exactly one longer name. Returns, for each
/// form, the index of its cluster's first member.
pub fn cluster_unregistered(forms: &[&str]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..forms.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut blocks: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, form) in forms.iter().enumerate() {
        if let Some(&j) = by_key.get(&confusable_key(form)) {
            union(&mut parent, i, j);
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
                union(&mut parent, i, j);
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
        let mut roots: Vec<usize> = longer.iter().map(|&j| find(&mut parent, j)).collect();
        roots.dedup();
        if roots.len() == 1 {
            union(&mut parent, i, longer[0]);
        }
    }
    (0..forms.len()).map(|i| find(&mut parent, i)).collect()
}

/// The key of a qualifier (`when`, `where`): the interval of a date, else the folded text.
pub fn qualifier_key(text: Option<&str>, published: Option<crate::model::PartialDate>) -> String {
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
                .find(|first| wording_similarity(&wording, first) >= SAME_PROPERTY)
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
    use crate::model::{Entity, EntityKind, Located, Location, Registry};

    fn located(text: &str) -> Located<String> {
        Located {
            value: text.into(),
            at: Location {
                file: "facts/registry.yaml".into(),
                line: 1,
                column: 1,
            },
        }
    }

    fn corpus(entities: &[(&str, &[&str])]) -> Corpus {
        Corpus {
            root: ".".into(),
            sources: vec![],
            registry: Registry {
                entities: entities
                    .iter()
                    .map(|(name, aliases)| Entity {
                        id: located(&crate::finding::slug(name)),
                        name: located(name),
                        kind: EntityKind::Other,
                        aliases: aliases.iter().map(|a| located(a)).collect(),
                    })
                    .collect(),
                properties: vec![],
            },
            reviewed: vec![],
        }
    }

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
    fn alike_property_wordings_group() {
        let mut corpus = corpus(&[]);
        let claim = |property: &str| crate::model::Claim {
            at: located("").at,
            id: None,
            subject: located("Nvidia"),
            property: located(property),
            value: located("1"),
            kind: None,
            unit: None,
            when: None,
            place: None,
            evidence: None,
        };
        corpus.sources.push(crate::model::Source {
            id: located("a"),
            article: None,
            outlet: None,
            url: None,
            language: None,
            published: None,
            mentions: Vec::new(),
            claims: [
                "revenus en Chine",
                "revenu en Chine",
                "Revenus en  Chine",
                "revenus aux États-Unis",
                "a déclaré",
                "a dit",
            ]
            .into_iter()
            .map(claim)
            .collect(),
        });
        let properties = Properties::new(&corpus);
        let key = |p: &str| properties.key(p);
        assert_eq!(key("revenus en Chine"), key("revenu en Chine"));
        assert_eq!(key("revenus en Chine"), key("Revenus en  Chine"));
        assert_ne!(key("revenus en Chine"), key("revenus aux États-Unis"));
        assert_ne!(key("a déclaré"), key("a dit"));
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
}
