//! Registry edits that settle a finding, made by `concord review` and offered as code actions
//! by `concord lsp`. A name variant's spellings become aliases of the suggested entity, or
//! distinct entities ([`registration`]); the two wordings of an `unaligned-fact` become one
//! entity and one property, the second wording an alias of the first
//! ([`alignment_registration`]). Entities and properties are entries of the registry's two
//! lists ([`List`]), which share an id, a name and aliases, and are edited alike.
//!
//! The registry file is edited as text ([`Change::edit`]), so that its comments and layout stay
//! as the person wrote them. The edited text is parsed again, and an edit that would not read
//! back as intended is refused, with nothing written. `review` writes the edits (atomically,
//! [`Edit::write`]); the language server hands them to the editor.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::load::{self, schema::FileContent};
use crate::write::atomic_write;
use concord_engine::finding::{Finding, FindingCode, Variant, slug};
use concord_engine::matching::{EntityRef, Properties, Relation, Resolver};
use concord_engine::model::{Corpus, EntityKind, Located, Registry};
use concord_engine::normalise::codes::is_code;
use concord_engine::normalise::names::is_proper_name;

/// The registry file that new entries go to when the corpus has none.
pub const DEFAULT_REGISTRY: &str = "facts/registry.yaml";

/// One of the registry's two lists.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum List {
    Entities,
    Properties,
}

/// What an entity and a property both have: an id, a name and aliases, each located.
struct Entry<'r> {
    id: &'r Located<String>,
    name: &'r Located<String>,
    aliases: &'r [Located<String>],
}

impl List {
    /// The list's key in a registry file.
    fn key(self) -> &'static str {
        match self {
            List::Entities => "entities",
            List::Properties => "properties",
        }
    }

    /// One entry of the list, in words.
    fn noun(self) -> &'static str {
        match self {
            List::Entities => "entity",
            List::Properties => "property",
        }
    }

    /// The entries of this list in `registry`.
    fn entries(self, registry: &Registry) -> Vec<Entry<'_>> {
        match self {
            List::Entities => registry
                .entities
                .iter()
                .map(|e| Entry {
                    id: &e.id,
                    name: &e.name,
                    aliases: &e.aliases,
                })
                .collect(),
            List::Properties => registry
                .properties
                .iter()
                .map(|p| Entry {
                    id: &p.id,
                    name: &p.name,
                    aliases: &p.aliases,
                })
                .collect(),
        }
    }
}

/// An entity or a property to add to the registry.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntry {
    pub name: String,
    /// An entity's kind; a new property is written without one (its values tell).
    pub kind: Option<EntityKind>,
    pub aliases: Vec<String>,
}

/// How a name variant is registered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Registration {
    /// The other spellings become aliases of the suggested one.
    Aliases,
    /// Each spelling becomes an entity of its own, so that they are never variants.
    Distinct(EntityKind),
}

/// One addition to one list of the registry.
#[derive(Clone, Debug, PartialEq)]
pub enum Addition {
    /// Aliases of the registered entry with this id.
    Aliases {
        list: List,
        id: String,
        aliases: Vec<String>,
    },
    /// New entries, after the last entry of the list.
    Entries { list: List, entries: Vec<NewEntry> },
}

/// A registry change that settles a finding: one addition, or two (an entity's alias and a
/// property's), made together.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub additions: Vec<Addition>,
}

/// The new text of one file of the corpus, not yet written.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// Relative to the corpus root, with `/`.
    pub file: String,
    pub text: String,
}

impl Edit {
    /// Writes the edit atomically under `root`.
    pub fn write(&self, root: &Path) -> Result<(), String> {
        atomic_write(&root.join(&self.file), self.text.as_bytes())
            .map_err(|e| format!("{}: {e}", self.file))
    }
}

/// Reads a file of the corpus by its name relative to the root: `Ok(None)` when there is none.
/// `review` reads the disk; the language server reads an open buffer first.
pub type Reader<'a> = &'a dyn Fn(&str) -> Result<Option<String>, String>;

/// Reads the files under `root` from the disk.
pub fn disk(root: &Path) -> impl Fn(&str) -> Result<Option<String>, String> + '_ {
    move |file| match std::fs::read_to_string(root.join(file)) {
        Ok(text) => Ok(Some(load::normalise_line_endings(text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{file}: {e}")),
    }
}

/// True for the findings a registration can settle: name variants with a suggested spelling.
pub fn is_name_variant(finding: &Finding) -> bool {
    matches!(
        finding.code,
        FindingCode::SpellingVariant | FindingCode::ConfusableVariant | FindingCode::CaseVariant
    ) && finding.suggestion.is_some()
}

/// True for the findings whose facts a registration makes meet: those that name the registry
/// entries that would align them (`unaligned-fact`), not one fact told of two entities, which
/// only restating a claim aligns.
pub fn is_alignment(finding: &Finding) -> bool {
    finding.alignment.as_ref().is_some_and(|a| !a.restate)
}

impl Change {
    fn one(addition: Addition) -> Self {
        Change {
            additions: vec![addition],
        }
    }

    /// The texts of `registry`'s files with this change made, read through `read`: one edit
    /// per file (an entity's alias and a property's in one file make one edit). Every addition
    /// is planned and checked before any is returned, so that a refused one leaves nothing half
    /// done.
    pub fn edit(&self, registry: &Registry, read: Reader) -> Result<Vec<Edit>, String> {
        // Each addition alone on the files as they are first, so that a refusal names a line of
        // the file the person has, not of one edited in memory.
        for addition in &self.additions {
            addition.edit(registry, read)?;
        }
        let mut registry = registry.clone();
        let mut edits: Vec<Edit> = Vec::new();
        for addition in &self.additions {
            // Each addition reads the files as the previous ones left them.
            let edited = |file: &str| match edits.iter().find(|e| e.file == file) {
                Some(edit) => Ok(Some(edit.text.clone())),
                None => read(file),
            };
            let (edit, content) = addition.edit(&registry, &edited)?;
            // The registry as it now reads, so that the next addition finds its places.
            registry.entities.retain(|e| *e.id.at.file != *edit.file);
            registry.entities.extend(content.entities);
            registry.properties.retain(|p| *p.id.at.file != *edit.file);
            registry.properties.extend(content.properties);
            match edits.iter_mut().find(|e| e.file == edit.file) {
                Some(earlier) => *earlier = edit,
                None => edits.push(edit),
            }
        }
        Ok(edits)
    }

    /// What the change registers, in words: `"Howard Latnik" as aliases of lutnick`.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self.additions.iter().map(Addition::describe).collect();
        parts.join(" and ")
    }

    /// The new entity the change registers, if it registers one.
    pub fn new_entity(&self) -> Option<&NewEntry> {
        self.additions.iter().find_map(|a| match a {
            Addition::Entries {
                list: List::Entities,
                entries,
            } => entries.first(),
            _ => None,
        })
    }

    /// The kind of the new entity, to follow [`Change::describe`]: ` (entity kind: person)`;
    /// empty when the change registers none.
    pub fn kind_note(&self) -> String {
        self.new_entity()
            .and_then(|e| e.kind)
            .map_or_else(String::new, |kind| {
                format!(" (entity kind: {})", kind.name())
            })
    }

    /// The change with each new entity of kind `kind`.
    pub fn with_entity_kind(mut self, kind: EntityKind) -> Self {
        for addition in &mut self.additions {
            if let Addition::Entries {
                list: List::Entities,
                entries,
            } = addition
            {
                for entry in entries {
                    entry.kind = Some(kind);
                }
            }
        }
        self
    }
}

impl Addition {
    fn describe(&self) -> String {
        let prefix = |list: &List| match list {
            List::Entities => "",
            List::Properties => "property ",
        };
        match self {
            Addition::Aliases { list, id, aliases } => {
                format!("{} as aliases of {}{id}", quoted(aliases), prefix(list))
            }
            Addition::Entries { list, entries } => {
                let names: Vec<String> = entries.iter().map(|e| e.name.clone()).collect();
                let aliases: Vec<String> = entries.iter().flat_map(|e| e.aliases.clone()).collect();
                let names = format!("{}{}", prefix(list), quoted(&names));
                match aliases.is_empty() {
                    true => names,
                    false => format!("{names} with aliases {}", quoted(&aliases)),
                }
            }
        }
    }

    /// The edit that makes this addition to `registry`, and what the edited file then holds.
    fn edit(&self, registry: &Registry, read: Reader) -> Result<(Edit, Registry), String> {
        match self {
            Addition::Aliases { list, id, aliases } => {
                aliases_edit(registry, *list, id, aliases, read)
            }
            Addition::Entries { list, entries } => entries_edit(registry, *list, entries, read),
        }
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The kind of a registered entity the finding's names resolve to, else product for codes and
/// person for other names.
pub fn guess_kind(corpus: &Corpus, finding: &Finding) -> EntityKind {
    let mut resolver = Resolver::new(corpus);
    finding
        .variants
        .iter()
        .find_map(|v| match resolver.resolve_registered(&v.text) {
            Some((EntityRef::Registered(i), _)) => Some(corpus.registry.entities[i].kind),
            _ => None,
        })
        .unwrap_or(if finding.variants.iter().any(|v| is_code(&v.text)) {
            EntityKind::Product
        } else {
            EntityKind::Person
        })
}

/// The names as written in the claims that a variant points at: a variant of a name finding is
/// the word that differs (`Latnik`), the registry needs the whole name (`Howard Latnik`). Most
/// written first.
fn written_names(corpus: &Corpus, variant: &Variant) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for claim in corpus.sources.iter().flat_map(|s| &s.claims) {
        for field in [&claim.subject, &claim.value] {
            if variant.locations.contains(&field.at) {
                *counts.entry(field.value.as_str()).or_default() += 1;
            }
        }
    }
    let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
    names.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    match names.is_empty() {
        true => vec![variant.text.clone()],
        false => names
            .into_iter()
            .map(|(name, _)| name.to_string())
            .collect(),
    }
}

/// The change `how` makes for `finding` in `corpus`, or `None` when there is nothing to add.
pub fn registration(corpus: &Corpus, finding: &Finding, how: Registration) -> Option<Change> {
    let mut resolver = Resolver::new(corpus);
    let suggested = &finding.suggestion.as_ref()?.text;
    let (right, others): (Vec<&Variant>, Vec<&Variant>) = finding
        .variants
        .iter()
        .filter(|v| !v.text.is_empty())
        .partition(|v| v.text == *suggested);
    let unregistered = |variants: &[&Variant], resolver: &Resolver| -> Vec<String> {
        let mut names: Vec<String> = variants
            .iter()
            .flat_map(|v| written_names(corpus, v))
            .filter(|name| !resolver.is_registered_spelling(name))
            .collect();
        names.dedup();
        names
    };
    match how {
        Registration::Distinct(kind) => {
            let all: Vec<&Variant> = right.iter().chain(&others).copied().collect();
            let names = unregistered(&all, &resolver);
            (!names.is_empty()).then(|| {
                Change::one(Addition::Entries {
                    list: List::Entities,
                    entries: names
                        .into_iter()
                        .map(|name| NewEntry {
                            name,
                            kind: Some(kind),
                            aliases: Vec::new(),
                        })
                        .collect(),
                })
            })
        }
        Registration::Aliases => {
            let aliases = unregistered(&others, &resolver);
            let right_name = right
                .first()
                .map_or_else(|| suggested.clone(), |v| written_names(corpus, v).remove(0));
            match resolver.resolve_registered(&right_name) {
                Some((EntityRef::Registered(entity), Relation::Alias | Relation::ShortForm)) => {
                    (!aliases.is_empty()).then(|| {
                        Change::one(Addition::Aliases {
                            list: List::Entities,
                            id: corpus.registry.entities[entity].id.value.clone(),
                            aliases,
                        })
                    })
                }
                _ => Some(Change::one(Addition::Entries {
                    list: List::Entities,
                    entries: vec![NewEntry {
                        kind: Some(guess_kind(corpus, finding)),
                        name: right_name,
                        aliases,
                    }],
                })),
            }
        }
    }
}

/// The change that makes the facts of an `unaligned-fact` finding meet: its subject wording an
/// alias of its subject, its property wording an alias of its property, or both. Whichever of
/// two wordings is registered gets the other as an alias; when neither is, the finding's
/// wording becomes a new entry (an entity of kind [`guess_subject_kind`], or a property) with
/// the other as its alias. `Ok(None)` when the registry aligns them already; an error when the
/// two wordings are two registered entries, which concord never merges.
pub fn alignment_registration(
    corpus: &Corpus,
    finding: &Finding,
) -> Result<Option<Change>, String> {
    let Some(alignment) = &finding.alignment else {
        return Ok(None);
    };
    let mut additions = Vec::new();
    if let (Some(subject), Some(alias)) = (&alignment.subject, &alignment.subject_alias) {
        let mut resolver = Resolver::new(corpus);
        let mut entity = |name: &str| match resolver.resolve_registered(name) {
            Some((EntityRef::Registered(e), Relation::Alias | Relation::ShortForm)) => Some(e),
            _ => None,
        };
        let registered = [entity(subject), entity(alias)];
        let kind = guess_subject_kind(subject);
        additions.extend(alias_addition(
            &corpus.registry,
            List::Entities,
            [subject, alias],
            registered,
            Some(kind),
        )?);
    }
    if let (Some(property), Some(alias)) = (&alignment.property, &alignment.property_alias) {
        let properties = Properties::new(corpus);
        let registered = [
            properties.registered(property),
            properties.registered(alias),
        ];
        additions.extend(alias_addition(
            &corpus.registry,
            List::Properties,
            [property, alias],
            registered,
            None,
        )?);
    }
    Ok((!additions.is_empty()).then_some(Change { additions }))
}

/// The addition that makes `wordings[1]` name what `wordings[0]` names in `list`, given the
/// registered entry (an index into the list) each names already.
fn alias_addition(
    registry: &Registry,
    list: List,
    wordings: [&str; 2],
    registered: [Option<usize>; 2],
    kind: Option<EntityKind>,
) -> Result<Option<Addition>, String> {
    let entries = list.entries(registry);
    let id = |i: usize| entries[i].id.value.clone();
    let aliases = |id: String, alias: &str| Addition::Aliases {
        list,
        id,
        aliases: vec![alias.to_string()],
    };
    match registered {
        [Some(a), Some(b)] if a == b => Ok(None),
        [Some(a), Some(b)] => Err(format!(
            "\"{}\" is the registered {noun} {} and \"{}\" the {noun} {}; concord does not merge two registered {noun} entries, edit the registry by hand",
            wordings[1],
            id(b),
            wordings[0],
            id(a),
            noun = list.noun()
        )),
        [Some(a), None] => Ok(Some(aliases(id(a), wordings[1]))),
        [None, Some(b)] => Ok(Some(aliases(id(b), wordings[0]))),
        [None, None] => Ok(Some(Addition::Entries {
            list,
            entries: vec![NewEntry {
                name: wordings[0].to_string(),
                kind,
                aliases: vec![wordings[1].to_string()],
            }],
        })),
    }
}

/// The kind of a new entity named `subject`: a person when it reads as a person's name (two or
/// three capitalised words, no digit: `Claire Morvan`), else `other`. `review` asks, with this
/// as the default.
pub fn guess_subject_kind(subject: &str) -> EntityKind {
    let words = subject.split_whitespace().count();
    if is_proper_name(subject) && (2..=3).contains(&words) {
        EntityKind::Person
    } else {
        EntityKind::Other
    }
}

/// The registry with `aliases` added to the entry `id` of `list`, in the file that registers
/// it; and what that file then holds.
fn aliases_edit(
    registry: &Registry,
    list: List,
    id: &str,
    aliases: &[String],
    read: Reader,
) -> Result<(Edit, Registry), String> {
    let entries = list.entries(registry);
    let entry = entries
        .iter()
        .find(|e| e.id.value == id)
        .ok_or_else(|| format!("no {} `{id}` in the registry", list.noun()))?;
    let file = entry.id.at.file.to_string();
    let text = read(&file)?.ok_or_else(|| format!("{file}: the file is gone"))?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let rendered: Vec<String> = aliases.iter().map(|a| scalar(a)).collect();
    let edited = match entry.aliases.last() {
        None => {
            // A new `aliases:` key under the `name:` key.
            let at = &entry.name.at;
            let line = line_of(&lines, at.line)?;
            let indent =
                key_indent(line, "name:", at.column).ok_or_else(|| cannot_edit(&file, at.line))?;
            let addition = format!("{}aliases: [{}]\n", " ".repeat(indent), rendered.join(", "));
            insert_lines(&lines, at.line as usize, &addition)
        }
        Some(last) => {
            let at = &last.at;
            let line = line_of(&lines, at.line)?;
            let before: String = line.chars().take(at.column as usize - 1).collect();
            let mut edited_line = line.to_string();
            if before.trim_end().ends_with('-') {
                // A block list: one `- alias` line each, indented like the last one.
                let addition: String = rendered.iter().map(|a| format!("{before}{a}\n")).collect();
                insert_lines(&lines, at.line as usize, &addition)
            } else {
                // A flow list: `, alias` before the closing bracket that follows the last alias.
                let start = before.len();
                let close = line[start..]
                    .find(']')
                    .ok_or_else(|| cannot_edit(&file, at.line))?;
                edited_line.insert_str(start + close, &format!(", {}", rendered.join(", ")));
                replace_line(&lines, at.line as usize, &edited_line)
            }
        }
    };
    let content = verify(&file, &edited, |content| {
        list.entries(content).iter().any(|e| {
            e.id.value == id
                && aliases
                    .iter()
                    .all(|a| e.aliases.iter().any(|alias| alias.value == *a))
        })
    })?;
    Ok((Edit { file, text: edited }, content))
}

/// The registry with `new` entries registered after the last entry of `list`, or in a new
/// `list` section at the end of the registry file (a new `facts/registry.yaml` when there is
/// none); and what that file then holds.
fn entries_edit(
    registry: &Registry,
    list: List,
    new: &[NewEntry],
    read: Reader,
) -> Result<(Edit, Registry), String> {
    let entries = list.entries(registry);
    // Entries of `facts/registry.yaml` come last, then by file and line.
    let placement = |e: &Entry| {
        (
            e.id.at.file.as_ref() == DEFAULT_REGISTRY,
            e.id.at.file.clone(),
            e.id.at.line,
        )
    };
    let last = entries.iter().max_by_key(|e| placement(e));
    let mut taken: Vec<String> = entries.iter().map(|e| e.id.value.clone()).collect();
    let mut ids = Vec::new();
    for entry in new {
        let base = match slug(&entry.name) {
            s if s.is_empty() => list.noun().to_string(),
            s => s,
        };
        let id = super::unique_id(&base, |id| taken.iter().any(|t| t == id));
        taken.push(id.clone());
        ids.push(id);
    }
    let block = |dash_indent: usize| -> String {
        let pad = " ".repeat(dash_indent);
        let mut out = String::new();
        for (entry, id) in new.iter().zip(&ids) {
            out.push_str(&format!("{pad}- id: {}\n", scalar(id)));
            out.push_str(&format!("{pad}  name: {}\n", scalar(&entry.name)));
            if let Some(kind) = entry.kind {
                out.push_str(&format!("{pad}  kind: {}\n", kind.name()));
            }
            if !entry.aliases.is_empty() {
                let aliases: Vec<String> = entry.aliases.iter().map(|a| scalar(a)).collect();
                out.push_str(&format!("{pad}  aliases: [{}]\n", aliases.join(", ")));
            }
        }
        out
    };
    let (file, edited) = match last {
        Some(last) => {
            let file = last.id.at.file.to_string();
            let text = read(&file)?.ok_or_else(|| format!("{file}: the file is gone"))?;
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let first_line = last.id.at.line.min(last.name.at.line);
            let dash_indent = line_of(&lines, first_line)?
                .find("- ")
                .ok_or_else(|| cannot_edit(&file, first_line))?;
            let end = std::iter::once(last.id)
                .chain([last.name])
                .chain(last.aliases)
                .map(|v| v.at.line)
                .max()
                .unwrap_or(first_line);
            // The entry ends before the next line that is indented no deeper than its dash.
            let mut after = end as usize;
            while after < lines.len() {
                let line = lines[after];
                let content = line.trim_start();
                let depth = line.len() - content.len();
                if content.trim().is_empty() || content.starts_with('#') || depth > dash_indent {
                    after += 1;
                } else {
                    break;
                }
            }
            while after > end as usize && lines[after - 1].trim().is_empty() {
                after -= 1;
            }
            (file, insert_lines(&lines, after, &block(dash_indent)))
        }
        None => {
            // The file of the registry's other list, else the default one.
            let other = match list {
                List::Entities => List::Properties,
                List::Properties => List::Entities,
            };
            let file = other
                .entries(registry)
                .iter()
                .max_by_key(|e| placement(e))
                .map_or_else(
                    || DEFAULT_REGISTRY.to_string(),
                    |e| e.id.at.file.to_string(),
                );
            let mut text = read(&file)?.unwrap_or_else(|| {
                "# The registry of the corpus: its entities and properties (FORMAT.md).\n"
                    .to_string()
            });
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!("{}:\n", list.key()));
            text.push_str(&block(2));
            (file, text)
        }
    };
    let content = verify(&file, &edited, |content| {
        let entries = list.entries(content);
        ids.iter()
            .all(|id| entries.iter().any(|e| e.id.value == *id))
    })?;
    Ok((Edit { file, text: edited }, content))
}

/// Parses `text` as the file `file` and checks it reads without error and as `intended`;
/// returns the registry it holds.
fn verify(
    file: &str,
    text: &str,
    intended: impl Fn(&Registry) -> bool,
) -> Result<Registry, String> {
    let name: Arc<str> = file.into();
    let (content, errors) = load::parse_file(&name, text);
    let registry = match content {
        Some(FileContent::Registry {
            entities,
            properties,
        }) => Registry {
            entities,
            properties,
        },
        _ => Registry::default(),
    };
    if errors.is_empty() && intended(&registry) {
        Ok(registry)
    } else {
        Err(format!(
            "{file} is laid out in a way concord cannot edit safely; nothing was written, edit it by hand"
        ))
    }
}

fn line_of<'t>(lines: &[&'t str], line: u32) -> Result<&'t str, String> {
    lines
        .get(line as usize - 1)
        .copied()
        .ok_or_else(|| format!("line {line} is past the end of the registry file"))
}

fn cannot_edit(file: &str, line: u32) -> String {
    format!(
        "{file}:{line}: concord cannot edit this layout safely; nothing was written, edit it by hand"
    )
}

/// The column (0-based, in bytes) where `key` starts on `line`, before the value at `column`.
fn key_indent(line: &str, key: &str, column: u32) -> Option<usize> {
    let before: String = line.chars().take(column as usize - 1).collect();
    let at = before.rfind(key)?;
    before[..at]
        .chars()
        .all(|c| c == ' ' || c == '-')
        .then_some(at)
}

/// `lines` with `addition` inserted after the first `after` lines.
fn insert_lines(lines: &[&str], after: usize, addition: &str) -> String {
    let mut out: String = lines[..after].concat();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(addition);
    out.push_str(&lines[after..].concat());
    out
}

/// `lines` with line number `line` (1-based) replaced by `new`.
fn replace_line(lines: &[&str], line: usize, new: &str) -> String {
    let mut out: String = lines[..line - 1].concat();
    out.push_str(new);
    out.push_str(&lines[line..].concat());
    out
}

/// `text` as a YAML scalar: plain when it reads back as the same string, quoted otherwise.
fn scalar(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader of one registry file, `facts/registry.yaml`, whose text is `text`.
    fn registry(text: &str) -> (Registry, impl Fn(&str) -> Result<Option<String>, String>) {
        let parsed = verify(DEFAULT_REGISTRY, text, |_| true).unwrap();
        let text = text.to_string();
        (parsed, move |file: &str| {
            Ok((file == DEFAULT_REGISTRY).then(|| text.clone()))
        })
    }

    #[test]
    fn each_addition_is_made_where_the_earlier_ones_left_its_entry() {
        let text = "entities:\n  - id: a\n    name: Ada\n    kind: person\n  - id: b\n    name: Bo\n    kind: person\n";
        let (registry, read) = registry(text);
        let alias = |id: &str, alias: &str| Addition::Aliases {
            list: List::Entities,
            id: id.into(),
            aliases: vec![alias.into()],
        };
        // The first alias moves the second entity a line down.
        let change = Change {
            additions: vec![alias("a", "Ada L."), alias("b", "Bo D.")],
        };
        let edits = change.edit(&registry, &read).unwrap();
        assert_eq!(
            edits,
            [Edit {
                file: DEFAULT_REGISTRY.into(),
                text: "entities:\n  - id: a\n    name: Ada\n    aliases: [Ada L.]\n    kind: person\n  - id: b\n    name: Bo\n    aliases: [Bo D.]\n    kind: person\n".into(),
            }]
        );
    }

    #[test]
    fn a_wording_gets_an_alias_of_the_entry_the_other_names_else_a_new_entry() {
        let text =
            "properties:\n  - id: toll\n    name: death toll\n    aliases: [bilan des morts]\n";
        let (registry, _) = registry(text);
        let plan = |registered| {
            alias_addition(
                &registry,
                List::Properties,
                ["death toll", "nombre de morts"],
                registered,
                None,
            )
        };
        let alias_of_toll = |alias: &str| {
            Ok(Some(Addition::Aliases {
                list: List::Properties,
                id: "toll".into(),
                aliases: vec![alias.into()],
            }))
        };
        assert_eq!(plan([Some(0), Some(0)]), Ok(None), "aligned already");
        assert_eq!(plan([Some(0), None]), alias_of_toll("nombre de morts"));
        assert_eq!(plan([None, Some(0)]), alias_of_toll("death toll"));
        assert_eq!(
            plan([None, None]),
            Ok(Some(Addition::Entries {
                list: List::Properties,
                entries: vec![NewEntry {
                    name: "death toll".into(),
                    kind: None,
                    aliases: vec!["nombre de morts".into()],
                }],
            }))
        );
    }

    #[test]
    fn an_alias_that_would_not_land_in_its_list_is_refused() {
        // The `]` inside the quoted alias is not the list's end: an alias put before it would
        // change the alias rather than add one.
        let text = "entities:\n  - id: voltana\n    name: Voltana\n    kind: organisation\n    aliases: [\"Voltana [FR]\"]\n";
        let (registry, read) = registry(text);
        let change = Change::one(Addition::Aliases {
            list: List::Entities,
            id: "voltana".into(),
            aliases: vec!["Voltana SA".into()],
        });
        assert_eq!(
            change.edit(&registry, &read),
            Err("facts/registry.yaml is laid out in a way concord cannot edit safely; nothing was written, edit it by hand".into())
        );
    }

    #[test]
    fn a_wording_without_letters_or_digits_gets_an_id_all_the_same() {
        let (registry, read) = registry("properties:\n  - id: toll\n    name: death toll\n");
        let change = Change::one(Addition::Entries {
            list: List::Properties,
            entries: vec![NewEntry {
                name: "%".into(),
                kind: None,
                aliases: vec!["‰".into()],
            }],
        });
        let edits = change.edit(&registry, &read).unwrap();
        assert!(
            edits[0]
                .text
                .ends_with("  - id: property\n    name: '%'\n    aliases: [‰]\n"),
            "{}",
            edits[0].text
        );
    }

    #[test]
    fn a_new_subject_is_a_person_only_when_it_reads_as_a_name() {
        for name in ["Claire Morvan", "Jean-Luc Mélenchon", "Marie de Vries"] {
            assert_eq!(guess_subject_kind(name), EntityKind::Person, "{name}");
        }
        for subject in [
            "site de Dunkerque",
            "Aubenas",
            "Nvidia H20",
            "constructeurs automobiles européens",
            "Ministère de la Transition Écologique Nationale",
        ] {
            assert_eq!(guess_subject_kind(subject), EntityKind::Other, "{subject}");
        }
    }
}
