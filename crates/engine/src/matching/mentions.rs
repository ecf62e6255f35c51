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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;
    use crate::model::fixtures::{self, corpus, located, source};

    /// A claim of Acme: `property` `value`, of the kind declared, if any.
    fn claim(property: &str, value: &str, kind: Option<ValueKind>) -> Claim {
        Claim {
            kind,
            ..fixtures::claim("Acme", property, value)
        }
    }

    /// The names written in a source of these `claims` (and of `mentions`), each once, sorted.
    fn names_written(claims: Vec<Claim>, mentions: &[&str]) -> Vec<String> {
        let mut corpus = corpus(&[("Howard Lutnick", &["le ministre du Commerce"])]);
        corpus.sources.push(Source {
            mentions: mentions.iter().map(|m| located(m)).collect(),
            ..source("a", claims)
        });
        let properties = Properties::new(&corpus);
        let mut resolver = Resolver::new(&corpus);
        let mut forms: Vec<String> = collect_mentions(&corpus, &properties, &mut resolver)
            .iter()
            .map(|m| m.form.to_string())
            .collect();
        forms.sort_unstable();
        forms.dedup();
        forms
    }

    #[test]
    fn a_value_is_a_name_when_it_reads_as_none_of_a_figure_a_date_or_a_text() {
        let values = [
            "Lutnick",                  // a short form of a registered name
            "le ministre du Commerce",  // a registered alias, although no proper name
            "Jensen Huang",             // a proper name
            "H20",                      // a code
            "4,6 milliards de dollars", // a figure
            "3 mars 2001",              // a date
            "secrétaire au Commerce",   // a text
            "N/A",                      // nothing
            "Une Phrase De Six Mots Majuscules",
        ];
        let claims = values.iter().map(|v| claim("valeur", v, None)).collect();
        let expected = [
            "Acme",
            "H20",
            "Jensen Huang",
            "Lutnick",
            "le ministre du Commerce",
        ];
        assert_eq!(names_written(claims, &[]), expected);
    }

    #[test]
    fn a_declared_kind_says_whether_a_value_is_a_name() {
        let claims = vec![
            claim("rôle", "secrétaire au Commerce", Some(ValueKind::Entity)),
            claim("rôle", "N/A", Some(ValueKind::Entity)),
            claim("effectif", "Jensen Huang", Some(ValueKind::Quantity)),
        ];
        let expected = ["Acme", "secrétaire au Commerce"];
        assert_eq!(names_written(claims, &[]), expected);
    }

    #[test]
    fn places_that_are_names_and_an_articles_mentions_are_names_written() {
        let mut in_beijing = claim("visite", "3 jours", None);
        in_beijing.place = Some(located("Pékin"));
        let mut online = claim("visite", "3 jours", None);
        online.place = Some(located("en ligne"));
        let mut in_code = claim("visite", "4 jours", None);
        in_code.place = Some(located("FR"));
        let forms = names_written(vec![in_beijing, online, in_code], &["Gina Raimondo"]);
        assert_eq!(forms, ["Acme", "FR", "Gina Raimondo", "Pékin"]);
    }

    #[test]
    fn a_cluster_of_unregistered_spellings_is_named_by_the_most_written() {
        let mut corpus = corpus(&[]);
        let subjects = [
            "Jensen Haung",
            "Jensen Huang",
            "Jensen Huang",
            "Marie Curei",
        ];
        corpus.sources.push(source(
            "a",
            subjects
                .iter()
                .map(|s| Claim {
                    subject: located(s),
                    ..claim("rôle", "patron", None)
                })
                .chain([
                    Claim {
                        subject: located("Marie Curie"),
                        ..claim("rôle", "chimiste", None)
                    },
                    Claim {
                        subject: located("hauts responsables chinois"),
                        ..claim("avis", "insultantes", None)
                    },
                ])
                .collect(),
        ));
        let properties = Properties::new(&corpus);
        let mut resolver = Resolver::new(&corpus);
        let mentions = collect_mentions(&corpus, &properties, &mut resolver);
        let mut mentions_of: MentionsOf = FxHashMap::default();
        for mention in &mentions {
            mentions_of.entry(mention.form).or_default().push(mention);
        }
        let entity_of = resolve_all(&mentions_of, &mut resolver);
        let cluster = |form: &str| match &entity_of[form].0 {
            EntityRef::Cluster(name) => name.clone(),
            other => panic!("{form} is {other:?}"),
        };
        // Written twice, `Huang` names the cluster, although `Haung` sorts first.
        assert_eq!(cluster("Jensen Haung"), slug("Jensen Huang"));
        assert_eq!(cluster("Jensen Huang"), slug("Jensen Huang"));
        // Written once each: the first in sorted order.
        assert_eq!(cluster("Marie Curie"), slug("Marie Curei"));
        assert_eq!(cluster("Marie Curei"), slug("Marie Curei"));
        // A subject that is a text, not a name, resolves to nothing.
        assert!(mentions_of.contains_key("hauts responsables chinois"));
        assert!(!entity_of.contains_key("hauts responsables chinois"));
    }
}
