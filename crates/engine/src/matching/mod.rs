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
