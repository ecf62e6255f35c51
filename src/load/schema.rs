//! Turns a YAML tree into typed records, checking the shape FORMAT.md gives: required fields,
//! types, unknown keys (with the nearest known key as a hint) and duplicate keys.
//!
//! Every problem is pushed onto the reader's error list and reading goes on, so one run reports
//! every error of a file.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::yaml::{Node, NodeValue, Position};
use crate::diagnostic::{InputError, did_you_mean};
use concord_engine::finding::FindingCode;
use concord_engine::model::{
    Claim, Entity, EntityKind, Located, Location, PartialDate, Property, ReviewedEntry, ValueKind,
};
use concord_engine::normalise::calendar::parse_iso_date;

/// What a corpus file holds, decided by its top-level keys.
pub enum FileContent {
    Source {
        header: SourceHeader,
        claims: Vec<Claim>,
    },
    Registry {
        entities: Vec<Entity>,
        properties: Vec<Property>,
    },
    Reviewed(Vec<ReviewedEntry>),
}

/// The `source:` mapping of a source file; the article is resolved later by the loader.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct SourceHeader {
    pub id: Located<String>,
    pub article: Option<Located<String>>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub locale: Option<String>,
    pub published: Option<PartialDate>,
}

const TOP_LEVEL_KEYS: [&str; 5] = ["source", "claims", "entities", "properties", "reviewed"];
const SOURCE_KEYS: [&str; 7] = [
    "id",
    "article",
    "outlet",
    "url",
    "language",
    "locale",
    "published",
];
const CLAIM_KEYS: [&str; 9] = [
    "subject", "property", "value", "kind", "unit", "when", "where", "evidence", "id",
];
const ENTITY_KEYS: [&str; 4] = ["id", "name", "kind", "aliases"];
const PROPERTY_KEYS: [&str; 6] = ["id", "name", "aliases", "kind", "tolerance", "multiple"];
const REVIEWED_KEYS: [&str; 4] = ["code", "forms", "accepted", "note"];

/// Reads the records of one file, collecting its errors.
pub struct Reader<'a> {
    file: &'a Arc<str>,
    pub errors: Vec<InputError>,
}

/// The entries of a mapping whose keys were checked, by key.
struct Fields<'n> {
    at: Position,
    entries: HashMap<&'n str, (&'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .get(key)
            .map(|(_, value)| *value)
            .filter(|node| !node.is_null())
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a Arc<str>) -> Self {
        Self {
            file,
            errors: Vec::new(),
        }
    }

    fn location(&self, at: Position) -> Location {
        Location {
            file: self.file.clone(),
            line: at.line,
            column: at.column,
        }
    }

    /// An error underlining `span` with a hint of what to write instead.
    fn error_with(&mut self, at: Position, message: String, span: &str, help: String) {
        let error = InputError::new(self.location(at), message)
            .width(span.chars().count())
            .help(help);
        self.errors.push(error);
    }

    fn error(&mut self, at: Position, message: impl Into<String>) -> &mut InputError {
        let error = InputError::new(self.location(at), message);
        self.errors.push(error);
        self.errors.last_mut().expect("just pushed")
    }

    /// Decides what the file holds and reads it.
    pub fn file(&mut self, root: &Node) -> Option<FileContent> {
        let NodeValue::Mapping(entries) = &root.value else {
            self.error(
                root.at,
                format!(
                    "expected a mapping at the top of the file, found {}",
                    root.type_name()
                ),
            )
            .help = Some(KIND_HELP.into());
            return None;
        };
        let has = |key: &str| entries.iter().any(|(k, _)| k.as_scalar() == Some(key));
        if has("source") || has("claims") {
            let fields = self.fields(root, "a source file", &["source", "claims"])?;
            let header = self
                .required(&fields, "source", "a source file")
                .and_then(|n| self.source_header(n));
            let claims = self
                .required(&fields, "claims", "a source file")
                .map(|n| self.list(n, "claims", Self::claim));
            Some(FileContent::Source {
                header: header?,
                claims: claims.unwrap_or_default(),
            })
        } else if has("entities") || has("properties") {
            let fields = self.fields(root, "a registry file", &["entities", "properties"])?;
            let entities = fields
                .get("entities")
                .map_or_else(Vec::new, |n| self.list(n, "entities", Self::entity));
            let properties = fields
                .get("properties")
                .map_or_else(Vec::new, |n| self.list(n, "properties", Self::property));
            Some(FileContent::Registry {
                entities,
                properties,
            })
        } else if has("reviewed") {
            let fields = self.fields(root, "a baseline file", &["reviewed"])?;
            let entries = fields
                .get("reviewed")
                .map_or_else(Vec::new, |n| self.list(n, "reviewed", Self::reviewed));
            Some(FileContent::Reviewed(entries))
        } else {
            let (key, _) = entries.first()?;
            let text = key.as_scalar().unwrap_or_default();
            let help = match did_you_mean(text, &TOP_LEVEL_KEYS) {
                Some(near) => format!("did you mean `{near}`? {KIND_HELP}"),
                None => KIND_HELP.to_string(),
            };
            self.error_with(
                key.at,
                format!("`{text}` is not a top-level key concord knows"),
                text,
                help,
            );
            None
        }
    }

    /// Checks that `node` is a mapping whose keys are all in `allowed`, once each.
    fn fields<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str]) -> Option<Fields<'n>> {
        let NodeValue::Mapping(entries) = &node.value else {
            self.error(
                node.at,
                format!("expected a mapping for {what}, found {}", node.type_name()),
            );
            return None;
        };
        let mut fields = Fields {
            at: node.at,
            entries: HashMap::new(),
        };
        for (key, value) in entries {
            let Some(name) = key.as_scalar() else {
                self.error(
                    key.at,
                    format!("a key of {what} must be a word, found {}", key.type_name()),
                );
                continue;
            };
            if !allowed.contains(&name) {
                let help = match did_you_mean(name, allowed) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the keys of {what} are: {}", allowed.join(", ")),
                };
                self.error_with(
                    key.at,
                    format!("unknown key `{name}` in {what}"),
                    name,
                    help,
                );
            } else if fields.entries.insert(name, (key, value)).is_some() {
                self.error_with(
                    key.at,
                    format!("`{name}` is given twice in {what}"),
                    name,
                    "remove one of the two".into(),
                );
            }
        }
        Some(fields)
    }

    fn required<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            let (at, message, help) = match fields.entries.get(key) {
                Some((written, _)) => (
                    written.at,
                    format!("`{key}` of {what} is empty"),
                    format!("give `{key}` a value"),
                ),
                None => (
                    fields.at,
                    format!("{what} needs `{key}`"),
                    format!("add `{key}: …` to it"),
                ),
            };
            self.error(at, message).help = Some(help);
        }
        node
    }

    /// A scalar as text; lists and mappings are a type error.
    fn text(&mut self, node: &Node, key: &str) -> Option<Located<String>> {
        match node.as_scalar() {
            Some(text) if !node.is_null() => Some(Located {
                value: text.to_string(),
                at: self.location(node.at),
            }),
            _ => {
                self.error(
                    node.at,
                    format!("`{key}` must be a single value, found {}", node.type_name()),
                );
                None
            }
        }
    }

    fn required_text(&mut self, fields: &Fields, key: &str, what: &str) -> Option<Located<String>> {
        let node = self.required(fields, key, what)?;
        self.text(node, key)
    }

    fn optional_text(&mut self, fields: &Fields, key: &str) -> Option<Located<String>> {
        fields.get(key).and_then(|node| self.text(node, key))
    }

    /// A list whose items are read by `item`; an empty value is an empty list.
    fn list<T>(
        &mut self,
        node: &Node,
        key: &str,
        item: fn(&mut Self, &Node) -> Option<T>,
    ) -> Vec<T> {
        match &node.value {
            NodeValue::Sequence(items) => items.iter().filter_map(|n| item(self, n)).collect(),
            _ if node.is_null() => Vec::new(),
            _ => {
                self.error(
                    node.at,
                    format!("`{key}` must be a list, found {}", node.type_name()),
                )
                .help = Some(format!(
                    "write each item of `{key}` on its own line after `- `"
                ));
                Vec::new()
            }
        }
    }

    fn text_list(&mut self, fields: &Fields, key: &str) -> Vec<Located<String>> {
        match fields.get(key) {
            Some(node) => match &node.value {
                NodeValue::Sequence(items) => {
                    items.iter().filter_map(|n| self.text(n, key)).collect()
                }
                _ => self.list(node, key, |_, _| None),
            },
            None => Vec::new(),
        }
    }

    fn source_header(&mut self, node: &Node) -> Option<SourceHeader> {
        let fields = self.fields(node, "`source`", &SOURCE_KEYS)?;
        let id = self.required_text(&fields, "id", "`source`");
        if let Some(id) = &id
            && !is_source_id(&id.value)
        {
            let at = node_at(&fields, "id");
            self.error(
                at,
                format!(
                    "source id `{}` is not of the form [a-z0-9][a-z0-9._-]*",
                    id.value
                ),
            )
            .help = Some(format!("for example `{}`", safe_source_id(&id.value)));
        }
        let published = self.optional_text(&fields, "published").and_then(|text| {
            let date = parse_iso_date(&text.value);
            if date.is_none() {
                let at = node_at(&fields, "published");
                self.error(
                    at,
                    format!(
                        "`published: {}` is not an ISO date or year-month",
                        text.value
                    ),
                )
                .help = Some("write it as 2025-08-14 or 2025-08".into());
            }
            date
        });
        Some(SourceHeader {
            id: id?,
            article: self.optional_text(&fields, "article"),
            outlet: self.optional_text(&fields, "outlet").map(|l| l.value),
            url: self.optional_text(&fields, "url").map(|l| l.value),
            language: self.optional_text(&fields, "language").map(|l| l.value),
            locale: self.optional_text(&fields, "locale").map(|l| l.value),
            published,
        })
    }

    fn claim(&mut self, node: &Node) -> Option<Claim> {
        let fields = self.fields(node, "a claim", &CLAIM_KEYS)?;
        let subject = self.required_text(&fields, "subject", "a claim");
        let property = self.required_text(&fields, "property", "a claim");
        let value = self.claim_value(&fields);
        let kind = self.keyword(&fields, "kind", &ValueKind::NAMES, ValueKind::parse);
        Some(Claim {
            at: self.location(node.at),
            id: self.optional_text(&fields, "id"),
            unit: self.optional_text(&fields, "unit"),
            when: self.optional_text(&fields, "when"),
            place: self.optional_text(&fields, "where"),
            evidence: self.optional_text(&fields, "evidence"),
            subject: subject?,
            property: property?,
            value: value?,
            kind: kind.unwrap_or(None),
        })
    }

    /// A claim's `value`: any scalar; an explicitly empty value (`""`, `~`) is a claim that says
    /// nothing, which is allowed.
    fn claim_value(&mut self, fields: &Fields) -> Option<Located<String>> {
        match fields.entries.get("value") {
            None => {
                self.error(fields.at, "a claim needs `value`").help =
                    Some("write `value: \"\"` for a claim whose source gives no value".into());
                None
            }
            Some((_, node)) if node.is_null() => Some(Located {
                value: String::new(),
                at: self.location(node.at),
            }),
            Some((_, node)) => self.text(node, "value"),
        }
    }

    /// An optional keyword field; `Some(None)` when absent, `None` when invalid.
    fn keyword<T>(
        &mut self,
        fields: &Fields,
        key: &str,
        words: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<Option<T>> {
        let Some(text) = self.optional_text(fields, key) else {
            return Some(None);
        };
        if let Some(value) = parse(&text.value) {
            return Some(Some(value));
        }
        let help = match did_you_mean(&text.value, words) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("one of: {}", words.join(", ")),
        };
        let at = node_at(fields, key);
        self.error_with(
            at,
            format!("`{key}: {}` is not a {key} concord knows", text.value),
            &text.value,
            help,
        );
        None
    }

    fn entity(&mut self, node: &Node) -> Option<Entity> {
        let fields = self.fields(node, "an entity", &ENTITY_KEYS)?;
        let id = self.required_text(&fields, "id", "an entity");
        let name = self.required_text(&fields, "name", "an entity");
        let kind = self.keyword(&fields, "kind", &EntityKind::NAMES, EntityKind::parse);
        let aliases = self.text_list(&fields, "aliases");
        Some(Entity {
            id: id?,
            name: name?,
            kind: kind?.unwrap_or(EntityKind::Other),
            aliases,
        })
    }

    fn property(&mut self, node: &Node) -> Option<Property> {
        let fields = self.fields(node, "a property", &PROPERTY_KEYS)?;
        let id = self.required_text(&fields, "id", "a property");
        let name = self.required_text(&fields, "name", "a property");
        let kind = self.keyword(&fields, "kind", &ValueKind::NAMES, ValueKind::parse);
        let aliases = self.text_list(&fields, "aliases");
        let tolerance = self.optional_text(&fields, "tolerance").and_then(|text| {
            let parsed = text
                .value
                .parse::<f64>()
                .ok()
                .filter(|t| (0.0..1.0).contains(t));
            if parsed.is_none() {
                self.error(
                    node_at(&fields, "tolerance"),
                    format!(
                        "`tolerance: {}` must be a number from 0 up to 1 (a relative tolerance)",
                        text.value
                    ),
                );
            }
            parsed
        });
        let multiple =
            self.optional_text(&fields, "multiple")
                .and_then(|text| match text.value.as_str() {
                    "true" => Some(true),
                    "false" => Some(false),
                    other => {
                        self.error(
                            node_at(&fields, "multiple"),
                            format!("`multiple: {other}` must be true or false"),
                        );
                        None
                    }
                });
        Some(Property {
            id: id?,
            name: name?,
            aliases,
            kind: kind?,
            tolerance,
            multiple: multiple.unwrap_or(false),
        })
    }

    fn reviewed(&mut self, node: &Node) -> Option<ReviewedEntry> {
        let fields = self.fields(node, "a reviewed finding", &REVIEWED_KEYS)?;
        let code = self
            .required_text(&fields, "code", "a reviewed finding")
            .and_then(|code| {
                if FindingCode::parse(&code.value).is_some() {
                    return Some(code.value);
                }
                let help = match did_you_mean(&code.value, &FindingCode::NAMES) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("one of: {}", FindingCode::NAMES.join(", ")),
                };
                self.error_with(
                    node_at(&fields, "code"),
                    format!("`{}` is not a finding code", code.value),
                    &code.value,
                    help,
                );
                None
            });
        let forms = self
            .required(&fields, "forms", "a reviewed finding")
            .map(|n| self.list(n, "forms", |r, n| r.text(n, "forms")));
        if forms.as_ref().is_some_and(Vec::is_empty) {
            self.error(
                node_at(&fields, "forms"),
                "`forms` must list at least one form",
            );
        }
        let accepted = match fields.get("accepted") {
            Some(node) => Some(self.accepted(node)?),
            None => None,
        };
        Some(ReviewedEntry {
            at: self.location(node.at),
            code: code?,
            forms: forms?.into_iter().map(|f| f.value).collect(),
            note: self.optional_text(&fields, "note").map(|n| n.value),
            accepted,
        })
    }

    /// `accepted:` of a reviewed entry: source id → how many occurrences it accepted.
    fn accepted(&mut self, node: &Node) -> Option<BTreeMap<String, usize>> {
        let entries = match &node.value {
            NodeValue::Mapping(entries) => entries,
            _ => {
                self.error(
                    node.at,
                    format!("`accepted` must be a mapping, found {}", node.type_name()),
                )
                .help = Some(ACCEPTED_HELP.into());
                return None;
            }
        };
        let mut accepted = BTreeMap::new();
        let mut valid = true;
        for (key, value) in entries {
            let source = key.as_scalar().filter(|id| is_source_id(id));
            let count = value.as_scalar().and_then(|n| n.parse::<usize>().ok());
            match (source, count) {
                (Some(source), Some(count)) => {
                    if accepted.insert(source.to_string(), count).is_some() {
                        self.error(
                            key.at,
                            format!("source `{source}` is given twice in `accepted`"),
                        );
                        valid = false;
                    }
                }
                (None, _) => {
                    self.error(key.at, "a key of `accepted` must be a source id")
                        .help = Some(ACCEPTED_HELP.into());
                    valid = false;
                }
                (_, None) => {
                    self.error(
                        value.at,
                        "a count of `accepted` must be a whole number from 0 up",
                    )
                    .help = Some(ACCEPTED_HELP.into());
                    valid = false;
                }
            }
        }
        valid.then_some(accepted)
    }
}

const ACCEPTED_HELP: &str = "write, for each source, how many times it writes the accepted forms: `accepted: {journaldugeek: 2}`";

const KIND_HELP: &str = "a corpus file has `source` and `claims` (one article), `entities` and/or `properties` (the registry), or `reviewed` (the baseline)";

/// Where the value of `key` was written, falling back to the mapping.
fn node_at(fields: &Fields, key: &str) -> Position {
    fields
        .entries
        .get(key)
        .map_or(fields.at, |(_, value)| value.at)
}

/// `[a-z0-9][a-z0-9._-]*`
pub fn is_source_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// A valid source id made from any text: folded (case, accents), with runs of other characters
/// as `-` (`contributor #51413: ragib` → `contributor-51413-ragib`).
pub fn safe_source_id(text: &str) -> String {
    let mut id = String::new();
    for c in concord_engine::normalise::text::fold_key(text).chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string();
    if id.is_empty() { "source".into() } else { id }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_ids() {
        assert!(is_source_id("cryptopolitan"));
        assert!(is_source_id("0x.a_b-c"));
        assert!(!is_source_id("Gate"));
        assert!(!is_source_id("-gate"));
        assert!(!is_source_id(""));
        assert_eq!(safe_source_id("Business AM!"), "business-am");
        assert_eq!(
            safe_source_id("contributor #51413: ragib"),
            "contributor-51413-ragib"
        );
        assert_eq!(safe_source_id("Économie.fr"), "economie.fr");
        assert_eq!(safe_source_id("!!!"), "source");
    }
}
