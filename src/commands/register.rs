//! Registry edits made by `concord review`: add aliases to a registered entity, or register new
//! entities. The registry file is edited as text, so that its comments and layout stay as the
//! person wrote them; the edited text is parsed again before it is written (atomically), and an
//! edit that would not read back as intended is refused rather than written.

use std::path::Path;
use std::sync::Arc;

use crate::load::{self, schema::FileContent};
use crate::write::atomic_write;
use concord_engine::finding::slug;
use concord_engine::model::{Corpus, EntityKind};

/// The registry file that new entities go to when the corpus has none.
pub const DEFAULT_REGISTRY: &str = "facts/registry.yaml";

/// An entity to add to the registry.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
}

/// Adds `aliases` to the registered entity number `entity`, in the file that registers it;
/// returns that file (relative to the root).
pub fn add_aliases(
    root: &Path,
    corpus: &Corpus,
    entity: usize,
    aliases: &[String],
) -> Result<String, String> {
    let registered = &corpus.registry.entities[entity];
    let file = registered.id.at.file.to_string();
    let text = read(root, &file)?;
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
    atomic_write(&root.join(&file), edited.as_bytes()).map_err(|e| format!("{file}: {e}"))?;
    Ok(file)
}

/// Registers `entities` after the last entity of the registry (or in a new `facts/registry.yaml`);
/// returns the file written (relative to the root).
pub fn add_entities(
    root: &Path,
    corpus: &Corpus,
    entities: &[NewEntity],
) -> Result<String, String> {
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
            let text = read(root, &file)?;
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
            let path = root.join(&file);
            let mut text = if path.exists() {
                read(root, &file)?
            } else {
                "# The entities of the corpus (FORMAT.md, the registry).\n".to_string()
            };
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
    atomic_write(&root.join(&file), edited.as_bytes()).map_err(|e| format!("{file}: {e}"))?;
    Ok(file)
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

fn read(root: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(root.join(file))
        .map(load::normalise_line_endings)
        .map_err(|e| format!("{file}: {e}"))
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
