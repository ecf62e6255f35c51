//! Mentions: every name the corpus writes, and the entity each distinct name resolves to.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::{EntityRef, Properties, Relation, Resolver, cluster_unregistered};
use crate::finding::slug;
use crate::model::{Claim, Corpus, Location, PartialDate, ValueKind};
use crate::normalise::codes::is_code;
use crate::normalise::names::is_proper_name;
use crate::normalise::text::fold_key;
use crate::normalise::value::is_empty_value;
use crate::normalise::{date, quantity};

/// The entity of each distinct name, and how it was tied to it.
pub type EntityOf = FxHashMap<String, (EntityRef, Option<Relation>)>;

/// The mentions of each distinct name.
pub type MentionsOf<'c> = FxHashMap<&'c str, Vec<&'c Mention<'c>>>;

/// A name as written somewhere in the corpus.
pub struct Mention<'c> {
    pub form: &'c str,
    pub source: usize,
    pub at: &'c Location,
}

/// Every name the corpus writes: subjects, entity values and places.
pub fn collect_mentions<'c>(
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
    published: Option<PartialDate>,
) -> bool {
    let value = &claim.value.value;
    match properties.declared_kind(claim) {
        Some(ValueKind::Entity) => !is_empty_value(value),
        Some(_) => false,
        None => {
            !is_empty_value(value)
                && value.split_whitespace().count() <= 5
                && date::parse_value(value, published, None, date::Numeric::FourDigitYears)
                    .is_none()
                && quantity::parse(value, None, None).is_none()
                && (is_code(value)
                    || is_proper_name(value)
                    || resolver.resolve_registered(value).is_some())
        }
    }
}

/// The entity of each distinct name: registered, else a cluster of unregistered names.
pub fn resolve_all(mentions_of: &MentionsOf, resolver: &mut Resolver) -> EntityOf {
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
pub fn entity_key(
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
