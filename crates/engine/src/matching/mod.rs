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

pub mod alike;
mod facts;
mod mentions;
pub mod remarks;
mod resolver;

pub use facts::{ClaimRef, FactKey, Properties, group_facts, qualifier_key};
pub use mentions::{EntityOf, Mention, MentionsOf, collect_mentions, entity_key, resolve_all};
pub use resolver::{EntityRef, Relation, Resolver, cluster_unregistered};

/// Hand-made corpora for the unit tests of matching.
#[cfg(test)]
mod fixtures {
    use crate::model::{Corpus, Entity, EntityKind, Located, Location, Registry};

    pub fn located(text: &str) -> Located<String> {
        Located {
            value: text.into(),
            at: Location {
                file: "facts/registry.yaml".into(),
                line: 1,
                column: 1,
            },
        }
    }

    pub fn corpus(entities: &[(&str, &[&str])]) -> Corpus {
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
}
