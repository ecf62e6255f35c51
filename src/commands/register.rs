//! Registry edits that settle a name variant, made by `concord review` and offered as code
//! actions by `concord lsp`: add its spellings as aliases of the suggested entity, or register
//! them as distinct entities. What to register is planned from the finding ([`registration`]);
//! the registry file is then edited as text ([`Change::edit`]), so that its comments and layout
//! stay as the person wrote them. The edited text is parsed again, and an edit that would not
//! read back as intended is refused. `review` writes the edit (atomically, [`Edit::write`]);
//! the language server hands it to the editor.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::load::{self, schema::FileContent};
use crate::write::atomic_write;
use concord_engine::finding::{Finding, FindingCode, Variant, slug};
use concord_engine::matching::{EntityRef, Relation, Resolver};
use concord_engine::model::{Corpus, EntityKind};
use concord_engine::normalise::codes::is_code;

/// The registry file that new entities go to when the corpus has none.
pub const DEFAULT_REGISTRY: &str = "facts/registry.yaml";

/// An entity to add to the registry.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntity {
    pub name: String,
    pub kind: EntityKind,
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

/// A registry change that settles a name variant.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Aliases { entity: usize, aliases: Vec<String> },
    Entities(Vec<NewEntity>),
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

impl Change {
    /// The registry file's text with this change made, read through `read`.
    pub fn edit(&self, corpus: &Corpus, read: Reader) -> Result<Edit, String> {
        match self {
            Change::Aliases { entity, aliases } => aliases_edit(corpus, *entity, aliases, read),
            Change::Entities(entities) => entities_edit(corpus, entities, read),
        }
    }

    /// What the change registers, in words: `"Howard Latnik" as aliases of lutnick`.
    pub fn describe(&self, corpus: &Corpus) -> String {
        match self {
            Change::Aliases { entity, aliases } => format!(
                "{} as aliases of {}",
                quoted(aliases),
                corpus.registry.entities[*entity].id.value
            ),
            Change::Entities(entities) => {
                let names: Vec<String> = entities.iter().map(|e| e.name.clone()).collect();
                let aliases: Vec<String> =
                    entities.iter().flat_map(|e| e.aliases.clone()).collect();
                match aliases.is_empty() {
                    true => quoted(&names),
                    false => format!("{} with aliases {}", quoted(&names), quoted(&aliases)),
                }
            }
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
                Change::Entities(
                    names
                        .into_iter()
                        .map(|name| NewEntity {
                            name,
                            kind,
                            aliases: Vec::new(),
                        })
                        .collect(),
                )
            })
        }
        Registration::Aliases => {
            let aliases = unregistered(&others, &resolver);
            let right_name = right
                .first()
                .map_or_else(|| suggested.clone(), |v| written_names(corpus, v).remove(0));
            match resolver.resolve_registered(&right_name) {
                Some((EntityRef::Registered(entity), Relation::Alias | Relation::ShortForm)) => {
                    (!aliases.is_empty()).then_some(Change::Aliases { entity, aliases })
                }
                _ => Some(Change::Entities(vec![NewEntity {
                    kind: guess_kind(corpus, finding),
                    name: right_name,
                    aliases,
                }])),
            }
        }
    }
}

/// The registry with `aliases` added to the registered entity number `entity`, in the file
/// that registers it.
fn aliases_edit(
    corpus: &Corpus,
    entity: usize,
    aliases: &[String],
    read: Reader,
) -> Result<Edit, String> {
    let registered = &corpus.registry.entities[entity];
    let file = registered.id.at.file.to_string();
    let text = read(&file)?.ok_or_else(|| format!("{file}: the file is gone"))?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let rendered: Vec<String> = aliases.iter().map(|a| scalar(a)).collect();
    let edited = match registered.aliases.last() {
        None => {
            // A new `aliases:` key under the `name:` key.
            let at = &registered.name.at;
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
    let added: Vec<&str> = aliases.iter().map(String::as_str).collect();
    verify(&file, &edited, |content| {
        content.entities.iter().any(|e| {
            e.id.value == registered.id.value
                && added
                    .iter()
                    .all(|a| e.aliases.iter().any(|alias| alias.value == *a))
        })
    })?;
    Ok(Edit { file, text: edited })
}

/// The registry with `entities` registered after its last entity (or in a new
/// `facts/registry.yaml`).
fn entities_edit(corpus: &Corpus, entities: &[NewEntity], read: Reader) -> Result<Edit, String> {
    let last = corpus.registry.entities.iter().max_by_key(|e| {
        (
            e.id.at.file.as_ref() == DEFAULT_REGISTRY,
            e.id.at.file.clone(),
            e.id.at.line,
        )
    });
    let mut taken: Vec<String> = corpus
        .registry
        .entities
        .iter()
        .map(|e| e.id.value.clone())
        .collect();
    let mut ids = Vec::new();
    for entity in entities {
        let base = match slug(&entity.name) {
            s if s.is_empty() => "entity".to_string(),
            s => s,
        };
        let id = super::unique_id(&base, |id| taken.iter().any(|t| t == id));
        taken.push(id.clone());
        ids.push(id);
    }
    let block = |dash_indent: usize| -> String {
        let pad = " ".repeat(dash_indent);
        let mut out = String::new();
        for (entity, id) in entities.iter().zip(&ids) {
            out.push_str(&format!("{pad}- id: {}\n", scalar(id)));
            out.push_str(&format!("{pad}  name: {}\n", scalar(&entity.name)));
            out.push_str(&format!("{pad}  kind: {}\n", entity.kind.name()));
            if !entity.aliases.is_empty() {
                let aliases: Vec<String> = entity.aliases.iter().map(|a| scalar(a)).collect();
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
            let end = std::iter::once(&last.id)
                .chain([&last.name])
                .chain(&last.aliases)
                .map(|v| v.at.line)
                .max()
                .unwrap_or(first_line);
            // The entity ends before the next line that is indented no deeper than its dash.
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
            let file = DEFAULT_REGISTRY.to_string();
            let mut text = read(&file)?.unwrap_or_else(|| {
                "# The entities of the corpus (FORMAT.md, the registry).\n".to_string()
            });
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str("entities:\n");
            text.push_str(&block(2));
            (file, text)
        }
    };
    verify(&file, &edited, |content| {
        ids.iter()
            .all(|id| content.entities.iter().any(|e| &e.id.value == id))
    })?;
    Ok(Edit { file, text: edited })
}

/// The registry part of a parsed file.
struct RegistryContent<'a> {
    entities: &'a [concord_engine::model::Entity],
}

/// Parses `text` as the file `file` and checks it reads without error and as `intended`.
fn verify(
    file: &str,
    text: &str,
    intended: impl Fn(&RegistryContent) -> bool,
) -> Result<(), String> {
    let name: Arc<str> = file.into();
    let (content, errors) = load::parse_file(&name, text);
    let entities = match &content {
        Some(FileContent::Registry { entities, .. }) => entities.as_slice(),
        _ => &[],
    };
    if errors.is_empty() && intended(&RegistryContent { entities }) {
        Ok(())
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
