//! Reconcile: findings, suggestions and source reliability from matched claims.
//!
//! [`reconcile`] takes a loaded [`Corpus`] and returns an [`Analysis`]:
//! - name findings: each entity's spellings compared pairwise, reduced to the words that differ,
//!   and classed `case-variant`, `confusable-variant` or `spelling-variant`;
//! - `value-conflict`: within each fact group, values that cannot be the same once units, scale
//!   words, qualifiers and dates are understood;
//! - `quote-variant`: one speaker's quotations close enough to be one remark, worded differently;
//! - each source's reliability, estimated jointly with the likely values (TruthFinder-style:
//!   a value is as credible as the sources behind it, a source as reliable as its values), which
//!   weighs every suggestion.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::finding::{Finding, FindingCode, Suggestion, Variant, slug};
use crate::matching::{
    self, ClaimRef, EntityRef, FactKey, Properties, Relation, Resolver, cluster_unregistered,
};
use crate::model::{Claim, Corpus, Location, ValueKind};
use crate::normalise::codes::{confusable_key, is_code, look_alike, loose_key};
use crate::normalise::date::{self, Moment};
use crate::normalise::names::{is_proper_name, spelling_match};
use crate::normalise::people::{Person, lists_agree, parse_list};
use crate::normalise::quantity::{self, Language, Quantity};
use crate::normalise::text::{fold_key, line_column, wording_similarity};
use crate::report::{Group, GroupValue, SourceSummary};
use crate::truth::{Candidate, Trust};
use crate::{join, progress};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Two quotations at least this alike (word Dice coefficient) are taken for one remark.
const SAME_REMARK: f64 = 0.45;
/// Two text values at least this alike say the same thing.
const SAME_TEXT: f64 = 0.5;

/// What reconciliation found.
pub struct Analysis {
    pub findings: Vec<Finding>,
    /// How many facts the claims state (fact groups).
    pub facts: usize,
    /// Each fact group, for a full report; empty otherwise.
    pub groups: Vec<Group>,
    pub sources: Vec<SourceSummary>,
    pub corroborated: usize,
}

/// The entity of each distinct name, and how it was tied to it.
type EntityOf = FxHashMap<String, (EntityRef, Option<Relation>)>;

/// The mentions of each distinct name.
type MentionsOf<'c> = FxHashMap<&'c str, Vec<&'c Mention<'c>>>;

/// A name as written somewhere in the corpus.
struct Mention<'c> {
    form: &'c str,
    source: usize,
    at: &'c Location,
}

/// Each claim's normalised value, by source index then claim index.
type Normals = Vec<Vec<Normal>>;

/// A text as written, and its comparison key.
#[derive(Clone, Debug)]
struct Wording {
    text: String,
    key: String,
}

impl Wording {
    fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            key: fold_key(text),
        }
    }
}

/// A claim's value, normalised by its kind.
#[derive(Clone, Debug)]
enum Normal {
    /// Says nothing (`N/A`, `non communiqué`, blank): never outvotes or conflicts.
    Empty,
    Quantity(Quantity),
    Moment(Moment),
    Entity(String),
    Text(Wording),
    Quote(Wording),
    /// A list of people (the `names` kind).
    Names(Vec<Person>),
}

impl Normal {
    /// The key under which equal values are one value.
    fn class_key(&self) -> String {
        match self {
            Normal::Empty => String::new(),
            Normal::Quantity(q) => format!("q:{}..{}:{}", q.low, q.high, q.unit.unwrap_or("")),
            Normal::Moment(m) => format!("m:{m:?}"),
            Normal::Entity(key) => format!("e:{key}"),
            Normal::Text(wording) | Normal::Quote(wording) => format!("t:{}", wording.key),
            Normal::Names(people) => format!("n:{people:?}"),
        }
    }

    /// The normalised value in words, for `--explain`.
    fn describe(&self) -> String {
        match self {
            Normal::Empty => "no value".into(),
            Normal::Quantity(q) => {
                let unit = q.unit.map(|u| format!(" {u}")).unwrap_or_default();
                match (q.low, q.high) {
                    (low, high) if high.is_infinite() => format!("at least {low}{unit}"),
                    (low, high) => format!("between {low} and {high}{unit}"),
                }
            }
            Normal::Moment(moment) => moment.to_string(),
            Normal::Entity(key) => format!("the entity {key}"),
            Normal::Text(wording) | Normal::Quote(wording) => {
                format!("the text \"{}\"", wording.text)
            }
            Normal::Names(people) => {
                let names: Vec<String> = people
                    .iter()
                    .map(|p| {
                        p.initial
                            .map_or(p.surname.clone(), |i| format!("{i}. {}", p.surname))
                    })
                    .collect();
                format!("the people [{}]", names.join(", "))
            }
        }
    }

    /// True when the two values can both be right.
    fn agrees_with(&self, other: &Normal, tolerance: f64) -> bool {
        match (self, other) {
            (Normal::Quantity(a), Normal::Quantity(b)) => a.agrees_with(b, tolerance),
            (Normal::Moment(a), Normal::Moment(b)) => a.overlaps(b),
            (Normal::Entity(a), Normal::Entity(b)) => a == b,
            (Normal::Names(a), Normal::Names(b)) => lists_agree(a, b),
            (Normal::Text(a), Normal::Text(b)) => {
                a.key == b.key || wording_similarity(&a.text, &b.text) >= SAME_TEXT
            }
            // Values of different kinds, quotations and empty values are not compared.
            _ => true,
        }
    }
}

/// Words that say a source gives no value.
const EMPTY_VALUES: [&str; 12] = [
    "",
    "n/a",
    "na",
    "not available",
    "non communique",
    "non disponible",
    "inconnu",
    "unknown",
    "-",
    "?",
    "nc",
    "contact airline",
];

/// Reconciles the corpus. With `full_report` (for `report`), the analysis also lists every fact
/// group with how its claims were read, which `check` does not show.
pub fn reconcile(corpus: &Corpus, full_report: bool) -> Analysis {
    progress::stage("resolving names", 0);
    let mut resolver = Resolver::new(corpus);
    let properties = Properties::new(corpus);
    let mentions = collect_mentions(corpus, &properties, &mut resolver);
    let mut mentions_of: MentionsOf = FxHashMap::default();
    for mention in &mentions {
        mentions_of.entry(mention.form).or_default().push(mention);
    }
    let entity_of = resolve_all(&mentions_of, &mut resolver);
    let subject_key = |form: &str| entity_key(corpus, entity_of.get(form), form);
    progress::stage("grouping claims into facts", 0);
    let groups = matching::group_facts(corpus, &properties, subject_key);
    progress::stage("reading values", 0);
    // Each claim's reading depends on nothing else: sources are read in parallel.
    let normals: Normals = (0..corpus.sources.len())
        .into_par_iter()
        .map(|s| {
            (0..corpus.sources[s].claims.len())
                .map(|c| normalise_claim(corpus, &properties, (s, c), &entity_of))
                .collect()
        })
        .collect();

    progress::stage("comparing spellings", 0);
    let name_sets = name_variant_sets(corpus, &mentions_of, &entity_of, &resolver);
    progress::stage("comparing values", 0);
    let value_sets = value_classes(corpus, &properties, &groups, &normals);
    let contests: Vec<&[Candidate]> = name_sets
        .iter()
        .map(|n| n.options.as_slice())
        .chain(value_sets.iter().map(|v| v.options.as_slice()))
        .collect();
    progress::stage("estimating source reliability", 0);
    let trust = Trust::estimate(corpus.sources.len(), &contests);

    progress::stage("writing findings", 0);
    let mut findings: Vec<Finding> = name_sets
        .iter()
        .filter_map(|set| name_finding(corpus, set, &trust))
        .collect();
    let mut group_findings: HashMap<FactKey, Vec<String>> = HashMap::new();
    for (finding, keys) in quote_findings(corpus, &groups, &normals, &trust) {
        for key in keys {
            group_findings
                .entry(key)
                .or_default()
                .push(finding.fingerprint.clone());
        }
        findings.push(finding);
    }
    let suggestions: Vec<_> = value_sets
        .par_iter()
        .map(|set| split(trust.suggest(&set.options)))
        .collect();
    let corroborated = value_sets
        .iter()
        .zip(&suggestions)
        .filter(|(set, (_, winner))| {
            set.options
                .get(*winner)
                .is_some_and(|o| o.sources.len() >= 2)
        })
        .count();
    let mut report_groups = Vec::new();
    for (set, (suggestion, _)) in value_sets.iter().zip(suggestions) {
        let conflict = set
            .conflict
            .then(|| conflict_finding(corpus, set, suggestion.clone()));
        if full_report {
            let mut fingerprints = group_findings.remove(&set.key).unwrap_or_default();
            fingerprints.extend(conflict.iter().map(|f| f.fingerprint.clone()));
            let explain = grouping_reasons(corpus, &properties, &set.claims, &entity_of);
            report_groups.push(report_group(corpus, set, suggestion, fingerprints, explain));
        }
        findings.extend(conflict);
    }
    let sources = corpus
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| SourceSummary {
            id: s.id.value.clone(),
            claims: s.claims.len(),
            reliability: round(trust.reliability[i]),
        })
        .collect();
    Analysis {
        findings,
        facts: value_sets.len(),
        groups: report_groups,
        sources,
        corroborated,
    }
}

/// A fact group as the full report shows it.
fn report_group(
    corpus: &Corpus,
    set: &ValueSet,
    suggestion: Option<Suggestion>,
    findings: Vec<String>,
    explain: Vec<String>,
) -> Group {
    Group {
        subject: set.subject.clone(),
        property: set.property.clone(),
        when: set.when.clone(),
        place: set.place.clone(),
        values: set
            .options
            .iter()
            .map(|o| GroupValue {
                text: o.text.clone(),
                sources: source_ids(corpus, &o.sources),
            })
            .collect(),
        suggestion,
        findings,
        explain,
    }
}

/// A suggestion and the index of its candidate, or nothing for a fact with no value.
fn split(suggested: Option<(Suggestion, usize)>) -> (Option<Suggestion>, usize) {
    match suggested {
        Some((suggestion, index)) => (Some(suggestion), index),
        None => (None, 0),
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn source_ids(corpus: &Corpus, sources: &BTreeSet<usize>) -> Vec<String> {
    sources
        .iter()
        .map(|&s| corpus.sources[s].id.value.clone())
        .collect()
}

/// The language a source writes in.
fn language(corpus: &Corpus, source: usize) -> Option<Language> {
    corpus.sources[source]
        .language
        .as_deref()
        .and_then(Language::from_code)
}

/// Every name the corpus writes: subjects, entity values and places.
fn collect_mentions<'c>(
    corpus: &'c Corpus,
    properties: &Properties,
    resolver: &mut Resolver,
) -> Vec<Mention<'c>> {
    let mut mentions = Vec::new();
    for (s, source) in corpus.sources.iter().enumerate() {
        for name in &source.mentions {
            mentions.push(Mention {
                form: &name.value,
                source: s,
                at: &name.at,
            });
        }
        for claim in &source.claims {
            mentions.push(Mention {
                form: &claim.subject.value,
                source: s,
                at: &claim.subject.at,
            });
            if value_is_name(properties, claim, resolver, source.published) {
                mentions.push(Mention {
                    form: &claim.value.value,
                    source: s,
                    at: &claim.value.at,
                });
            }
            if let Some(place) = &claim.place
                && (is_proper_name(&place.value) || is_code(&place.value))
            {
                mentions.push(Mention {
                    form: &place.value,
                    source: s,
                    at: &place.at,
                });
            }
        }
    }
    mentions
}

/// True when a claim's value is the name of a thing rather than a figure, date or text.
fn value_is_name(
    properties: &Properties,
    claim: &Claim,
    resolver: &mut Resolver,
    published: Option<crate::model::PartialDate>,
) -> bool {
    let value = &claim.value.value;
    match properties.declared_kind(claim) {
        Some(ValueKind::Entity) => !is_empty_value(value),
        Some(_) => false,
        None => {
            !is_empty_value(value)
                && value.split_whitespace().count() <= 5
                && date::parse(value, published).is_none()
                && quantity::parse(value, None, None).is_none()
                && (is_code(value)
                    || is_proper_name(value)
                    || resolver.resolve_registered(value).is_some())
        }
    }
}

fn is_empty_value(value: &str) -> bool {
    // Every such wording is at most two words, at the end: only those are folded.
    let mut last_words = value.split_whitespace().rev();
    let tail_start = match (last_words.next(), last_words.next(), last_words.next()) {
        // The offset of the second-to-last word, a slice of `value`.
        (_, Some(word), Some(_)) => word.as_ptr() as usize - value.as_ptr() as usize,
        _ => 0,
    };
    let key = fold_key(&value[tail_start..]);
    // `Dec 02 Not Available`: a day, then the words that say there is no value.
    (tail_start == 0 && EMPTY_VALUES.contains(&key.as_str()))
        || ["not available", "non disponible", "non communique"]
            .iter()
            .any(|words| key.ends_with(words))
}

/// The entity of each distinct name: registered, else a cluster of unregistered names.
fn resolve_all(mentions_of: &MentionsOf, resolver: &mut Resolver) -> EntityOf {
    let distinct: Vec<&str> = mentions_of.keys().copied().collect();
    resolver.resolve_all_registered(&distinct);
    let mut entity_of = EntityOf::default();
    let mut unregistered: Vec<&str> = Vec::new();
    for &form in &distinct {
        match resolver.resolve_registered(form) {
            Some((entity, relation)) => {
                entity_of.insert(form.to_string(), (entity, Some(relation)));
            }
            None if is_proper_name(form) || is_code(form) => unregistered.push(form),
            None => {}
        }
    }
    unregistered.sort_unstable();
    let clusters = cluster_unregistered(&unregistered);
    // Each cluster is named by its most written spelling (the first in sorted order among
    // equals), so that correcting a misspelling does not rename it.
    let mut names: HashMap<usize, &str> = HashMap::new();
    for (form, &root) in unregistered.iter().zip(&clusters) {
        let name = names.entry(root).or_insert(form);
        if mentions_of[form].len() > mentions_of[name].len() {
            *name = form;
        }
    }
    for (form, root) in unregistered.iter().zip(&clusters) {
        entity_of.insert(
            form.to_string(),
            (EntityRef::Cluster(slug(names[root])), None),
        );
    }
    entity_of
}

/// A stable key for what a subject names.
fn entity_key(
    corpus: &Corpus,
    entity: Option<&(EntityRef, Option<Relation>)>,
    form: &str,
) -> String {
    match entity {
        Some((EntityRef::Registered(e), _)) => {
            format!("entity:{}", corpus.registry.entities[*e].id.value)
        }
        Some((EntityRef::Cluster(name), _)) => format!("name:{name}"),
        None => format!("text:{}", fold_key(form)),
    }
}

/// A claim's value normalised by its declared or inferred kind.
fn normalise_claim(
    corpus: &Corpus,
    properties: &Properties,
    (s, c): ClaimRef,
    entity_of: &EntityOf,
) -> Normal {
    let source = &corpus.sources[s];
    let claim = &source.claims[c];
    let value = claim.value.value.as_str();
    if is_empty_value(value) {
        return Normal::Empty;
    }
    let unit = claim.unit.as_ref().map(|u| u.value.as_str());
    let as_entity = || {
        entity_of
            .get(value)
            .map(|e| Normal::Entity(entity_key(corpus, Some(e), value)))
    };
    match properties.declared_kind(claim) {
        Some(ValueKind::Quote) => Normal::Quote(Wording::new(value)),
        Some(ValueKind::Quantity) => quantity::parse(value, language(corpus, s), unit)
            .map_or_else(|| Normal::Text(Wording::new(value)), Normal::Quantity),
        Some(ValueKind::Date) => date::parse(value, source.published)
            .map_or_else(|| Normal::Text(Wording::new(value)), Normal::Moment),
        Some(ValueKind::Entity) => {
            as_entity().unwrap_or_else(|| Normal::Entity(format!("text:{}", fold_key(value))))
        }
        Some(ValueKind::Names) => Normal::Names(parse_list(value).0),
        Some(ValueKind::Text) => Normal::Text(Wording::new(value)),
        None => date::parse(value, source.published)
            .map(Normal::Moment)
            .or_else(|| quantity::parse(value, language(corpus, s), unit).map(Normal::Quantity))
            .or_else(as_entity)
            .unwrap_or_else(|| Normal::Text(Wording::new(value))),
    }
}

/// The spellings of one entity that differ in one way.
struct NameSet {
    code: FindingCode,
    /// The registered entity's name; empty for a cluster of unregistered names.
    entity: String,
    explain: Vec<String>,
    options: Vec<Candidate>,
}

/// The words where two spellings of a name differ (`Howard Latnik` / `Lutnick` → `Latnik` /
/// `Lutnick`); `None` when one is only a short form of the other.
fn differing_words(a: &str, b: &str) -> Option<(String, String)> {
    let (ta, tb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let same = |x: &str, y: &str| loose_key(x) == loose_key(y) && x == y;
    let prefix = ta.iter().zip(&tb).take_while(|(x, y)| same(x, y)).count();
    let (ra, rb) = (&ta[prefix..], &tb[prefix..]);
    let suffix = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let (ra, rb) = (&ra[..ra.len() - suffix], &rb[..rb.len() - suffix]);
    if ra.is_empty() || rb.is_empty() {
        return None;
    }
    let n = ra.len().min(rb.len());
    let (ra, rb) = (&ra[ra.len() - n..], &rb[rb.len() - n..]);
    Some((ra.join(" "), rb.join(" ")))
}

/// How two differing spellings relate, with the signals behind it.
fn classify(a: &str, b: &str) -> Option<(FindingCode, String)> {
    if loose_key(a) == loose_key(b) {
        return Some((
            FindingCode::CaseVariant,
            format!(
                "\"{a}\" and \"{b}\" fold to the same key \"{}\"",
                loose_key(a)
            ),
        ));
    }
    if look_alike(a, b) {
        return Some((
            FindingCode::ConfusableVariant,
            format!(
                "\"{a}\" and \"{b}\" are equal once look-alike characters are folded (\"{}\")",
                confusable_key(a)
            ),
        ));
    }
    if is_code(a) || is_code(b) {
        return None; // codes are never close by similarity
    }
    spelling_match(a, b).map(|m| {
        (
            FindingCode::SpellingVariant,
            format!("name match {:.2}: {}", m.score, m.signals),
        )
    })
}

/// For each entity, its spellings that differ, bucketed by the kind of difference.
fn name_variant_sets(
    corpus: &Corpus,
    mentions_of: &MentionsOf,
    entity_of: &EntityOf,
    resolver: &Resolver,
) -> Vec<NameSet> {
    let mut forms_of: Vec<((&EntityRef, &str), &Vec<&Mention>)> = mentions_of
        .iter()
        .filter_map(|(&form, list)| Some(((&entity_of.get(form)?.0, form), list)))
        .collect();
    forms_of.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut by_entity: Vec<(&EntityRef, Spellings)> = Vec::new();
    for ((entity, form), list) in &forms_of {
        match by_entity.last_mut() {
            Some((last, forms)) if last == entity => forms.push((form, list)),
            _ => by_entity.push((entity, vec![(form, list)])),
        }
    }
    // Registered spellings that a corpus form was matched against take part even when no source
    // writes them.
    let mut registry_forms: HashMap<&EntityRef, BTreeSet<&str>> = HashMap::new();
    for (entity, relation) in entity_of.values() {
        if let Some(Relation::Confusable { reference } | Relation::Spelling { reference, .. }) =
            relation
        {
            registry_forms.entry(entity).or_default().insert(reference);
        }
    }
    // Entities are compared in parallel, each with its own spellings.
    by_entity
        .par_iter()
        .flat_map_iter(|(entity, forms)| {
            let mut all = forms.clone();
            for &reference in registry_forms.get(entity).into_iter().flatten() {
                if !all.iter().any(|(f, _)| *f == reference) {
                    all.push((reference, &[]));
                }
            }
            entity_name_sets(corpus, entity, &all, resolver)
        })
        .collect()
}

/// An entity's spellings, each with the mentions that write it.
type Spellings<'a> = Vec<(&'a str, &'a [&'a Mention<'a>])>;

/// One entity's spellings that differ, bucketed by the kind of difference: each spelling with
/// the mentions that write it.
fn entity_name_sets(
    corpus: &Corpus,
    entity: &EntityRef,
    all: &[(&str, &[&Mention])],
    resolver: &Resolver,
) -> Vec<NameSet> {
    let entity_name = match entity {
        EntityRef::Registered(e) => corpus.registry.entities[*e].name.value.clone(),
        EntityRef::Cluster(_) => String::new(),
    };
    let mut sets: BTreeMap<FindingCode, NameSet> = BTreeMap::new();
    for (i, &(a, mentions_a)) in all.iter().enumerate() {
        for &(b, mentions_b) in &all[i + 1..] {
            if resolver.is_registered_spelling(a) && resolver.is_registered_spelling(b) {
                continue; // the registry lists both spellings: both are accepted
            }
            let Some((span_a, span_b)) = differing_words(a, b) else {
                continue;
            };
            let (first, second) = if span_a <= span_b {
                (&span_a, &span_b)
            } else {
                (&span_b, &span_a)
            };
            let Some((code, explain)) = classify(first, second) else {
                continue;
            };
            let set = sets.entry(code).or_insert_with(|| NameSet {
                code,
                entity: entity_name.clone(),
                explain: Vec::new(),
                options: Vec::new(),
            });
            if !set.explain.contains(&explain) {
                set.explain.push(explain);
            }
            for (span, full, list) in [(&span_a, a, mentions_a), (&span_b, b, mentions_b)] {
                add_option(corpus, set, span, full, list, resolver);
            }
        }
    }
    sets.into_values()
        .filter(|set| {
            // The registry names its entities in every language it lists; names it does not
            // know may be translations.
            let unregistered = set.entity.is_empty();
            !(set.code == FindingCode::SpellingVariant
                && unregistered
                && only_translations(corpus, set))
        })
        .collect()
}

/// True when each spelling of a set is written in a language none of the others is: `Chine`
/// in French and `China` in English are a translation, not a misspelling. A source of unknown
/// language, or a spelling only the registry writes, may be in any language.
fn only_translations(corpus: &Corpus, set: &NameSet) -> bool {
    let languages: Vec<Option<BTreeSet<String>>> = set
        .options
        .iter()
        .map(|o| {
            let languages: Option<BTreeSet<String>> = o
                .sources
                .iter()
                .map(|&s| {
                    corpus.sources[s]
                        .language
                        .as_deref()
                        .map(|l| fold_key(l).chars().take(2).collect())
                })
                .collect();
            languages.filter(|l| !l.is_empty())
        })
        .collect();
    languages.iter().enumerate().all(|(i, a)| {
        languages[i + 1..].iter().all(|b| match (a, b) {
            (Some(a), Some(b)) => a.is_disjoint(b),
            _ => false,
        })
    })
}

/// Adds the mentions of `full` (which write `span`) to the set's option for `span`.
fn add_option(
    corpus: &Corpus,
    set: &mut NameSet,
    span: &str,
    full: &str,
    mentions: &[&Mention],
    resolver: &Resolver,
) {
    let index = match set.options.iter().position(|o| o.text == span) {
        Some(i) => i,
        None => {
            set.options.push(Candidate {
                text: span.to_string(),
                sources: BTreeSet::new(),
                locations: Vec::new(),
                registered: false,
            });
            set.options.len() - 1
        }
    };
    let option = &mut set.options[index];
    option.registered |= resolver.is_registered_spelling(full);
    if mentions.is_empty() {
        // A spelling only the registry writes: point at the registry's line.
        let registered = corpus
            .registry
            .entities
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases));
        if let Some(name) = registered.into_iter().find(|n| n.value == full) {
            option.locations.push(name.at.clone());
        }
    }
    for mention in mentions {
        option.sources.insert(mention.source);
        if !option.locations.contains(mention.at) {
            option.locations.push(mention.at.clone());
        }
        if let Some(at) = article_location(corpus, mention.source, span)
            && !option.locations.contains(&at)
        {
            option.locations.push(at);
        }
    }
}

/// Where `text` first stands as whole words in the source's article.
fn article_location(corpus: &Corpus, source: usize, text: &str) -> Option<Location> {
    let article = corpus.sources[source].article.as_ref()?;
    let body: &str = &article.text;
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let offset = body.match_indices(text).map(|(i, _)| i).find(|&i| {
        !is_word(body[..i].chars().next_back()) && !is_word(body[i + text.len()..].chars().next())
    })?;
    let (line, column) = line_column(body, offset);
    Some(Location {
        file: article.path.value.as_str().into(),
        line,
        column,
    })
}

/// The values of one fact group, as options for the truth estimate.
struct ValueSet {
    key: FactKey,
    subject: String,
    property: String,
    when: Option<String>,
    place: Option<String>,
    claims: Vec<ClaimRef>,
    options: Vec<Candidate>,
    conflict: bool,
    explain: Vec<String>,
}

/// Each fact group's values, compared (groups in parallel).
fn value_classes(
    corpus: &Corpus,
    properties: &Properties,
    groups: &BTreeMap<FactKey, Vec<ClaimRef>>,
    normals: &Normals,
) -> Vec<ValueSet> {
    let entity_names: HashMap<&str, &str> = corpus
        .registry
        .entities
        .iter()
        .map(|e| (e.id.value.as_str(), e.name.value.as_str()))
        .collect();
    let groups: Vec<(&FactKey, &Vec<ClaimRef>)> = groups.iter().collect();
    groups
        .par_iter()
        .map(|(key, claims)| value_set(corpus, properties, &entity_names, key, claims, normals))
        .collect()
}

/// One fact group's values: its classes of equal values, and whether any two conflict.
fn value_set(
    corpus: &Corpus,
    properties: &Properties,
    entity_names: &HashMap<&str, &str>,
    key: &FactKey,
    claims: &[ClaimRef],
    normals: &Normals,
) -> ValueSet {
    let first = &corpus.sources[claims[0].0].claims[claims[0].1];
    let property = properties
        .registered(&first.property.value)
        .map(|p| &corpus.registry.properties[p]);
    let multiple = property.is_some_and(|p| p.multiple);
    let tolerance = property.and_then(|p| p.tolerance).unwrap_or(0.0);
    let mut classes: Vec<(String, Normal, Vec<ClaimRef>)> = Vec::new();
    for &claim_ref in claims {
        let normal = &normals[claim_ref.0][claim_ref.1];
        if matches!(normal, Normal::Empty) {
            continue;
        }
        let class_key = normal.class_key();
        match classes.iter_mut().find(|(k, _, _)| *k == class_key) {
            Some((_, _, members)) => members.push(claim_ref),
            None => classes.push((class_key, normal.clone(), vec![claim_ref])),
        }
    }
    merge_equal_values(&mut classes);
    let is_quote = classes
        .iter()
        .any(|(_, n, _)| matches!(n, Normal::Quote(_)));
    let mut conflict = false;
    let mut explain = Vec::new();
    if !multiple && !is_quote {
        for (i, (_, a, ma)) in classes.iter().enumerate() {
            for (_, b, mb) in &classes[i + 1..] {
                if !a.agrees_with(b, tolerance) {
                    conflict = true;
                    let (ca, cb) = (claim_at(corpus, ma[0]), claim_at(corpus, mb[0]));
                    explain.push(format!(
                        "\"{}\" is {} and \"{}\" is {}: they cannot both hold (tolerance {tolerance})",
                        ca.value.value,
                        a.describe(),
                        cb.value.value,
                        b.describe()
                    ));
                }
            }
        }
    }
    let options = classes
        .iter()
        .map(|(_, _, members)| {
            let spellings: Vec<&str> = members
                .iter()
                .map(|&r| claim_at(corpus, r).value.value.as_str())
                .collect();
            Candidate {
                text: most_common(&spellings).to_string(),
                sources: members.iter().map(|r| r.0).collect(),
                locations: members
                    .iter()
                    .map(|&r| claim_at(corpus, r).value.at.clone())
                    .collect(),
                registered: false,
            }
        })
        .collect();
    let subjects: Vec<&str> = claims
        .iter()
        .map(|&r| claim_at(corpus, r).subject.value.as_str())
        .collect();
    let subject = match key.subject.strip_prefix("entity:") {
        Some(id) => entity_names.get(id).unwrap_or(&id).to_string(),
        None => most_common(&subjects).to_string(),
    };
    ValueSet {
        key: key.clone(),
        subject,
        property: property.map_or_else(|| first.property.value.clone(), |p| p.name.value.clone()),
        when: claims
            .iter()
            .find_map(|&r| claim_at(corpus, r).when.as_ref().map(|w| w.value.clone())),
        place: claims
            .iter()
            .find_map(|&r| claim_at(corpus, r).place.as_ref().map(|w| w.value.clone())),
        claims: claims.to_vec(),
        options,
        conflict,
        explain,
    }
}

/// How each distinct subject, property and qualifier of a group was read, for `--explain`.
fn grouping_reasons(
    corpus: &Corpus,
    properties: &Properties,
    claims: &[ClaimRef],
    entity_of: &EntityOf,
) -> Vec<String> {
    let mut reasons = Vec::new();
    let mut push = |reason: String| {
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    };
    for &(s, c) in claims {
        let claim = claim_at(corpus, (s, c));
        let subject = &claim.subject.value;
        let named = |e: usize| corpus.registry.entities[e].name.value.as_str();
        push(match entity_of.get(subject) {
            Some((EntityRef::Registered(e), Some(Relation::Alias))) => {
                format!(
                    "subject \"{subject}\" is {} by its registered name or alias",
                    named(*e)
                )
            }
            Some((EntityRef::Registered(e), Some(Relation::ShortForm))) => {
                format!(
                    "subject \"{subject}\" is {} as a short form of its name",
                    named(*e)
                )
            }
            Some((EntityRef::Registered(e), Some(Relation::Confusable { reference }))) => format!(
                "subject \"{subject}\" is {} through look-alike folding of \"{reference}\"",
                named(*e)
            ),
            Some((
                EntityRef::Registered(e),
                Some(Relation::Spelling {
                    reference,
                    evidence,
                }),
            )) => {
                format!(
                    "subject \"{subject}\" is {} as a misspelling of \"{reference}\" (score {:.2}: {})",
                    named(*e),
                    evidence.score,
                    evidence.signals
                )
            }
            Some((EntityRef::Cluster(name), _)) => {
                format!(
                    "subject \"{subject}\" is grouped with the unregistered names of \"{name}\""
                )
            }
            _ => format!("subject \"{subject}\" is free text, compared after folding"),
        });
        let property = &claim.property.value;
        push(match properties.registered(property) {
            Some(p) => format!(
                "property \"{property}\" is the registered property {}",
                corpus.registry.properties[p].id.value
            ),
            None => format!(
                "property \"{property}\" is free text, grouped as \"{}\"",
                properties.key(property)
            ),
        });
        let published = corpus.sources[s].published;
        for (name, qualifier, anchor) in [
            ("when", &claim.when, published),
            ("where", &claim.place, None),
        ] {
            if let Some(text) = qualifier {
                let key = matching::qualifier_key(Some(&text.value), anchor);
                push(format!("{name} \"{}\" is read as {key}", text.value));
            }
        }
    }
    reasons
}

/// Merges the classes of values that are one value written with different precision
/// (`1,5 million` and `1 500 000`): each one's middle lies within the other's interval.
fn merge_equal_values(classes: &mut Vec<(String, Normal, Vec<ClaimRef>)>) {
    let mut i = 0;
    while i < classes.len() {
        let equal = (i + 1..classes.len()).find(|&j| match (&classes[i].1, &classes[j].1) {
            (Normal::Quantity(a), Normal::Quantity(b)) => a.same_value(b),
            _ => false,
        });
        match equal {
            Some(j) => {
                let (_, _, members) = classes.remove(j);
                classes[i].2.extend(members);
            }
            None => i += 1,
        }
    }
}

fn claim_at(corpus: &Corpus, (s, c): ClaimRef) -> &Claim {
    &corpus.sources[s].claims[c]
}

/// The most frequent of `items`, the first among equals.
fn most_common<'a>(items: &[&'a str]) -> &'a str {
    let mut best = items[0];
    let mut best_count = 0;
    for item in items {
        let count = items.iter().filter(|i| *i == item).count();
        if count > best_count {
            best = item;
            best_count = count;
        }
    }
    best
}

fn variants(corpus: &Corpus, options: &[Candidate]) -> Vec<Variant> {
    options
        .iter()
        .map(|o| Variant {
            text: o.text.clone(),
            sources: source_ids(corpus, &o.sources),
            locations: o.locations.clone(),
        })
        .collect()
}

fn name_finding(corpus: &Corpus, set: &NameSet, trust: &Trust) -> Option<Finding> {
    if set.options.len() < 2 {
        return None;
    }
    let (suggestion, best) = trust.suggest(&set.options)?;
    let others: Vec<String> = set
        .options
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, o)| format!("\"{}\"", o.text))
        .collect();
    let others = others.join(", ");
    let named = if set.entity.is_empty() || set.entity == suggestion.text {
        String::new()
    } else {
        format!(" ({})", set.entity)
    };
    let message = match set.code {
        FindingCode::SpellingVariant => format!(
            "{others} looks like a misspelling of \"{}\"{named}",
            suggestion.text
        ),
        FindingCode::ConfusableVariant => {
            format!(
                "{others} and \"{}\" are the same once look-alike characters are folded{named}",
                suggestion.text
            )
        }
        _ => format!(
            "{others} and \"{}\" differ only in case, accents or spacing{named}",
            suggestion.text
        ),
    };
    let mut variants = variants(corpus, &set.options);
    variants.sort_by_key(|v| std::cmp::Reverse(v.text == suggestion.text));
    Some(Finding {
        code: set.code,
        severity: set.code.default_severity(),
        fingerprint: format!("{}:{}", set.code.name(), slug(&suggestion.text)),
        message,
        subject: Some(if set.entity.is_empty() {
            suggestion.text.clone()
        } else {
            set.entity.clone()
        }),
        property: None,
        variants,
        suggestion: Some(suggestion),
        reviewed: false,
        explain: set.explain.clone(),
    })
}

fn conflict_finding(corpus: &Corpus, set: &ValueSet, suggestion: Option<Suggestion>) -> Finding {
    let mut fingerprint = format!(
        "value-conflict:{}/{}",
        key_slug(&set.key.subject),
        key_slug(&set.key.property)
    );
    for qualifier in [&set.when, &set.place].into_iter().flatten() {
        fingerprint.push('@');
        fingerprint.push_str(&slug(qualifier));
    }
    let values: Vec<String> = set
        .options
        .iter()
        .map(|o| format!("\"{}\"", o.text))
        .collect();
    Finding {
        code: FindingCode::ValueConflict,
        severity: FindingCode::ValueConflict.default_severity(),
        fingerprint,
        message: format!(
            "sources disagree on {} / {}: {}",
            set.subject,
            set.property,
            values.join(" vs ")
        ),
        subject: Some(set.subject.clone()),
        property: Some(set.property.clone()),
        variants: variants(corpus, &set.options),
        suggestion,
        reviewed: false,
        explain: set.explain.clone(),
    }
}

/// A fingerprint part from a group key (`entity:howard-lutnick` → `howard-lutnick`), keeping
/// registry ids as they are written.
fn key_slug(key: &str) -> String {
    let bare = key.split_once(':').map_or(key, |(_, rest)| rest);
    bare.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .to_lowercase()
}

/// How many alike pairs `--explain` lists for one speaker.
const MAX_EXPLAINED_PAIRS: usize = 10;

/// The representative of `i`'s set in a union-find forest, halving paths on the way.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// One finding per set of one speaker's quotations that are one remark worded differently, with
/// the fact groups it touches.
fn quote_findings(
    corpus: &Corpus,
    groups: &BTreeMap<FactKey, Vec<ClaimRef>>,
    normals: &Normals,
    trust: &Trust,
) -> Vec<(Finding, Vec<FactKey>)> {
    // Quotations by speaker, with the group each belongs to.
    let mut by_speaker: BTreeMap<&str, Vec<(ClaimRef, &FactKey, &Wording)>> = BTreeMap::new();
    for (key, claims) in groups {
        for &r in claims {
            if let Normal::Quote(wording) = &normals[r.0][r.1] {
                by_speaker
                    .entry(key.subject.as_str())
                    .or_default()
                    .push((r, key, wording));
            }
        }
    }
    // Speakers are independent: each is compared in parallel.
    let by_speaker: Vec<_> = by_speaker.into_iter().collect();
    by_speaker
        .par_iter()
        .flat_map_iter(|(speaker, quotes)| speaker_quote_findings(corpus, speaker, quotes, trust))
        .collect()
}

/// The findings of one speaker's quotations, each with the fact groups it touches.
fn speaker_quote_findings(
    corpus: &Corpus,
    speaker: &str,
    quotes: &[(ClaimRef, &FactKey, &Wording)],
    trust: &Trust,
) -> Vec<(Finding, Vec<FactKey>)> {
    let mut findings = Vec::new();
    let keys: Vec<&str> = quotes.iter().map(|q| q.2.key.as_str()).collect();
    // Each distinct wording (with its `when` and `where`) is compared once.
    let mut distinct: Vec<usize> = Vec::new();
    let mut wording_of: Vec<usize> = Vec::with_capacity(quotes.len());
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for (q, (_, key, _)) in quotes.iter().enumerate() {
        let id = (keys[q], key.when.as_str(), key.place.as_str());
        let wording = *seen.entry(id).or_insert_with(|| {
            distinct.push(q);
            distinct.len() - 1
        });
        wording_of.push(wording);
    }
    let texts: Vec<&str> = distinct
        .iter()
        .map(|&q| quotes[q].2.text.as_str())
        .collect();
    let mut parent: Vec<usize> = (0..distinct.len()).collect();
    let mut explain = Vec::new();
    for (i, j, similarity) in join::alike_pairs(&texts, SAME_REMARK) {
        let (ka, kb) = (quotes[distinct[i]].1, quotes[distinct[j]].1);
        let compatible = |x: &str, y: &str| x.is_empty() || y.is_empty() || x == y;
        if keys[distinct[i]] == keys[distinct[j]]
            || !compatible(&ka.when, &kb.when)
            || !compatible(&ka.place, &kb.place)
        {
            continue;
        }
        let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
        parent[rj.max(ri)] = ri.min(rj);
        if explain.len() < MAX_EXPLAINED_PAIRS {
            explain.push(format!(
                "word overlap {similarity:.2} (threshold {SAME_REMARK}) between \"{}\" and \"{}\"",
                texts[i], texts[j]
            ));
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (q, &wording) in wording_of.iter().enumerate() {
        components
            .entry(root(&mut parent, wording))
            .or_default()
            .push(q);
    }
    for member_indexes in components.into_values() {
        if member_indexes
            .iter()
            .all(|&q| keys[q] == keys[member_indexes[0]])
        {
            continue; // one wording: nothing to report
        }
        let members: Vec<&(ClaimRef, &FactKey, &Wording)> =
            member_indexes.iter().map(|&q| &quotes[q]).collect();
        let mut options: Vec<Candidate> = Vec::new();
        let mut option_keys: Vec<&str> = Vec::new();
        for (&q, ((s, c), _, wording)) in member_indexes.iter().zip(&members) {
            let at = corpus.sources[*s].claims[*c].value.at.clone();
            match option_keys.iter().position(|k| *k == keys[q]) {
                Some(o) => {
                    options[o].sources.insert(*s);
                    options[o].locations.push(at);
                }
                None => {
                    option_keys.push(keys[q]);
                    options.push(Candidate {
                        text: wording.text.clone(),
                        sources: BTreeSet::from([*s]),
                        locations: vec![at],
                        registered: false,
                    });
                }
            }
        }
        if options.len() < 2 {
            continue;
        }
        let (suggestion, _) = split(trust.suggest(&options));
        let subject = &corpus.sources[members[0].0.0].claims[members[0].0.1]
            .subject
            .value;
        let stable_text = options
            .iter()
            .map(|o| fold_key(&o.text))
            .min()
            .unwrap_or_default();
        let opening: String = stable_text.split(' ').take(6).collect::<Vec<_>>().join(" ");
        let keys: Vec<FactKey> = members.iter().map(|(_, k, _)| (*k).clone()).collect();
        findings.push((
            Finding {
                code: FindingCode::QuoteVariant,
                severity: FindingCode::QuoteVariant.default_severity(),
                fingerprint: format!("quote-variant:{}/{}", key_slug(speaker), slug(&opening)),
                message: format!(
                    "one remark of {subject} is quoted in {} wordings",
                    options.len()
                ),
                subject: Some(subject.clone()),
                property: Some(
                    corpus.sources[members[0].0.0].claims[members[0].0.1]
                        .property
                        .value
                        .clone(),
                ),
                variants: variants(corpus, &options),
                suggestion,
                reviewed: false,
                explain: explain.clone(),
            },
            keys,
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_words_table() {
        let cases = [
            (
                "Howard Latnik",
                "Howard Lutnick",
                Some(("Latnik", "Lutnick")),
            ),
            ("Howard Latnik", "Lutnick", Some(("Latnik", "Lutnick"))),
            ("NVIDIA", "Nvidia", Some(("NVIDIA", "Nvidia"))),
            ("Huang", "Jensen Huang", None),
            ("Jensen Huang", "Jensen Huang", None),
        ];
        for (a, b, expected) in cases {
            let expected = expected.map(|(x, y): (&str, &str)| (x.to_string(), y.to_string()));
            assert_eq!(differing_words(a, b), expected, "{a} / {b}");
        }
    }

    #[test]
    fn classification_table() {
        let code = |a, b| classify(a, b).map(|(c, _)| c);
        assert_eq!(code("NVIDIA", "Nvidia"), Some(FindingCode::CaseVariant));
        assert_eq!(code("H2O", "H20"), Some(FindingCode::ConfusableVariant));
        assert_eq!(
            code("Latnik", "Lutnick"),
            Some(FindingCode::SpellingVariant)
        );
        for (a, b) in [
            ("H20", "H200"),
            ("H100", "H200"),
            ("A100", "H100"),
            ("B100", "B200"),
            ("GB200", "B200"),
            ("Zhang Wei", "Zhang Wen"),
        ] {
            assert_eq!(code(a, b), None, "{a} / {b}");
        }
    }

    #[test]
    fn empty_values_are_recognised() {
        for value in [
            "",
            "N/A",
            "Not Available",
            "non communiqué",
            "Contact Airline",
            " Not  Available ",
            "Dec 02 Not Available",
            "Dec 02 not\u{a0}available",
        ] {
            assert!(is_empty_value(value), "{value}");
        }
        for value in ["0", "Dec 02 N/A", "available", "a, b, c"] {
            assert!(!is_empty_value(value), "{value}");
        }
    }
}
