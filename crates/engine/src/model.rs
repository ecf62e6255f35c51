//! The corpus as concord reads it: sources and their claims, the registry, the baseline.
//!
//! Every value a person wrote keeps its [`Location`], so that a finding or an error can point at
//! the line that holds it. Values are kept exactly as written; the normalised forms live in
//! [`crate::normalise`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// A place in a file of the corpus: the path relative to the corpus root (with `/`), and the
/// 1-based line and column (counted in characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A value together with where it was written.
///
/// The serde derives here and on the claim records below serve a cache of parsed files, which
/// stores a location as its line and column only ([`position`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Located<T> {
    pub value: T,
    #[serde(with = "position")]
    pub at: Location,
}

/// How the values of a claim compare (FORMAT.md, field `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ValueKind {
    Entity,
    Quantity,
    Date,
    Quote,
    Names,
    Text,
}

impl ValueKind {
    pub const NAMES: [&'static str; 6] = ["entity", "quantity", "date", "quote", "names", "text"];

    pub fn name(self) -> &'static str {
        match self {
            Self::Entity => "entity",
            Self::Quantity => "quantity",
            Self::Date => "date",
            Self::Quote => "quote",
            Self::Names => "names",
            Self::Text => "text",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "entity" => Self::Entity,
            "quantity" => Self::Quantity,
            "date" => Self::Date,
            "quote" => Self::Quote,
            "names" => Self::Names,
            "text" => Self::Text,
            _ => return None,
        })
    }
}

/// What kind of thing a registry entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Organisation,
    Product,
    Place,
    Role,
    Other,
}

impl EntityKind {
    pub const NAMES: [&'static str; 6] = [
        "person",
        "organisation",
        "product",
        "place",
        "role",
        "other",
    ];

    pub fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "person" => Self::Person,
            "organisation" => Self::Organisation,
            "product" => Self::Product,
            "place" => Self::Place,
            "role" => Self::Role,
            "other" => Self::Other,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::Product => "product",
            Self::Place => "place",
            Self::Role => "role",
            Self::Other => "other",
        }
    }
}

/// A date as precise as it was written: a year, a month or a day.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// One article and the claims made in it.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: Located<String>,
    /// The article's path relative to the corpus root, and its text.
    pub article: Option<Article>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The region's conventions (`en-US`, `en-GB`): the order of numeric dates.
    pub locale: Option<String>,
    pub published: Option<PartialDate>,
    pub claims: Vec<Claim>,
    /// Names the source writes outside its claims: `scan` fills it from the article's text.
    pub mentions: Vec<Located<String>>,
}

#[derive(Clone, Debug)]
pub struct Article {
    pub path: Located<String>,
    pub text: Arc<str>,
}

/// One statement of a source: `subject` `property` `value`, with optional qualifiers.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    /// Where the claim's list item starts.
    #[serde(with = "position")]
    pub at: Location,
    pub id: Option<Located<String>>,
    pub subject: Located<String>,
    pub property: Located<String>,
    pub value: Located<String>,
    pub kind: Option<ValueKind>,
    pub unit: Option<Located<String>>,
    pub when: Option<Located<String>>,
    pub place: Option<Located<String>>,
    pub evidence: Option<Located<String>>,
}

/// A canonical thing and the names it goes by.
#[derive(Clone, Debug)]
pub struct Entity {
    pub id: Located<String>,
    pub name: Located<String>,
    pub kind: EntityKind,
    pub aliases: Vec<Located<String>>,
}

/// A registered property: how its values compare.
#[derive(Clone, Debug)]
pub struct Property {
    pub id: Located<String>,
    pub name: Located<String>,
    pub aliases: Vec<Located<String>>,
    pub kind: Option<ValueKind>,
    /// Relative tolerance for quantities.
    pub tolerance: Option<f64>,
    /// A subject may have several values that do not conflict.
    pub multiple: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub entities: Vec<Entity>,
    pub properties: Vec<Property>,
}

/// A finding a person has looked at and accepted.
#[derive(Clone, Debug)]
pub struct ReviewedEntry {
    pub at: Location,
    pub code: String,
    pub forms: Vec<String>,
    pub note: Option<String>,
    /// What was accepted: for each source id, how many times it wrote a form other than the
    /// suggested one (`accepted:`). `None` for an entry written without it (unpinned).
    pub accepted: Option<BTreeMap<String, usize>>,
}

/// Everything read from a corpus root.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub root: PathBuf,
    pub sources: Vec<Source>,
    pub registry: Registry,
    pub reviewed: Vec<ReviewedEntry>,
}

impl Corpus {
    pub fn claim_count(&self) -> usize {
        self.sources.iter().map(|s| s.claims.len()).sum()
    }
}

/// Serde for a [`Location`] in a cache of parsed files: its line and column only. The file is
/// left empty; the reader sets it.
pub mod position {
    use std::sync::{Arc, LazyLock};

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Location;

    static NO_FILE: LazyLock<Arc<str>> = LazyLock::new(|| "".into());

    pub fn serialize<S: Serializer>(at: &Location, serializer: S) -> Result<S::Ok, S::Error> {
        (at.line, at.column).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Location, D::Error> {
        let (line, column) = <(u32, u32)>::deserialize(deserializer)?;
        Ok(Location {
            file: NO_FILE.clone(),
            line,
            column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for name in ValueKind::NAMES {
            assert_eq!(ValueKind::parse(name).map(ValueKind::name), Some(name));
        }
        for name in EntityKind::NAMES {
            assert_eq!(EntityKind::parse(name).map(EntityKind::name), Some(name));
        }
        assert_eq!(ValueKind::parse("number"), None);
        assert_eq!(EntityKind::parse("company"), None);
    }

    #[test]
    fn a_location_reads_as_file_line_and_column() {
        let at = Location {
            file: "facts/gate.yaml".into(),
            line: 10,
            column: 14,
        };
        assert_eq!(at.to_string(), "facts/gate.yaml:10:14");
    }
}

/// Hand-made corpora for the engine's unit tests.
#[cfg(test)]
pub mod fixtures {
    use super::{Claim, Corpus, Entity, EntityKind, Located, Location, Registry, Source};

    /// `text` at the start of the registry file.
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

    /// A registry of entities (name, aliases), of no kind in particular, and no sources.
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

    /// The claim `subject` `property` `value`, with no kind, unit, qualifier or evidence.
    pub fn claim(subject: &str, property: &str, value: &str) -> Claim {
        Claim {
            at: located("").at,
            id: None,
            subject: located(subject),
            property: located(property),
            value: located(value),
            kind: None,
            unit: None,
            when: None,
            place: None,
            evidence: None,
        }
    }

    /// A French source `id` of `claims`, with no article.
    pub fn source(id: &str, claims: Vec<Claim>) -> Source {
        Source {
            id: located(id),
            article: None,
            outlet: None,
            url: None,
            language: Some("fr".into()),
            locale: None,
            published: None,
            claims,
            mentions: vec![],
        }
    }
}
