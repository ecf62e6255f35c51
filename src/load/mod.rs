//! Load: a corpus root → [`Corpus`], with every input error located.
//!
//! [`load`] walks `facts/`, reads each YAML file ([`yaml`] builds a tree that keeps positions),
//! turns the tree into records ([`schema`]), then checks what spans files: duplicate ids and the
//! articles that sources name. It never stops at the first error.

pub mod cache;
pub mod claims;
pub mod schema;
pub mod table;
pub mod yaml;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{InputError, SourceTexts, did_you_mean};
use crate::progress;
use cache::Cache;
use concord_engine::model::{Article, Corpus, Located, Location, Registry, Source};
use schema::{FileContent, Reader, SourceHeader};

/// Largest YAML file concord reads.
pub const MAX_YAML_BYTES: u64 = 16 * 1024 * 1024;
/// Largest article concord reads.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;
/// Most YAML files one corpus may hold.
pub const MAX_FILES: usize = 200_000;

/// A corpus as read, the texts of its files (to show the lines that messages point at), and the
/// input errors met on the way. The corpus is only fit to reconcile when `errors` is empty.
pub struct Loaded {
    pub corpus: Corpus,
    pub texts: SourceTexts,
    pub errors: Vec<InputError>,
}

/// Reads the corpus at `root`, parsing every file.
pub fn load(root: &Path) -> Loaded {
    load_with_cache(root, None)
}

/// Reads the corpus at `root`, taking the records of unchanged source files from `cache`.
pub fn load_with_cache(root: &Path, cache: Option<&Cache>) -> Loaded {
    load_with(root, cache, &Overlay::default())
}

/// Texts that stand in for files on disk (an editor's unsaved buffers), by their path relative
/// to the corpus root, with `/`.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    texts: HashMap<Arc<str>, Arc<str>>,
}

impl Overlay {
    pub fn insert(&mut self, name: &str, text: &str) {
        self.texts
            .insert(name.into(), normalise_line_endings(text.to_string()).into());
    }

    pub fn remove(&mut self, name: &str) {
        self.texts.remove(name);
    }

    pub fn get(&self, name: &str) -> Option<Arc<str>> {
        self.texts.get(name).cloned()
    }

    /// The YAML files under `facts/` that an editor has open but that are not on disk (not in
    /// `on_disk`): a new file, not saved yet, counts as well.
    fn unsaved_yaml_files(&self, root: &Path, on_disk: &[PathBuf]) -> Vec<PathBuf> {
        self.texts
            .keys()
            .map(|name| Path::new(&**name))
            .filter(|name| {
                name.starts_with("facts")
                    && is_yaml(name)
                    && name.components().all(|c| match c {
                        Component::Normal(part) => !part.to_string_lossy().starts_with('.'),
                        _ => false,
                    })
            })
            .map(|name| root.join(name))
            .filter(|path| !on_disk.contains(path))
            .collect()
    }
}

/// Reads the corpus at `root` as [`load_with_cache`] does, the texts of `overlay` standing in
/// for the files they name.
pub fn load_with(root: &Path, cache: Option<&Cache>, overlay: &Overlay) -> Loaded {
    let mut loaded = Loaded {
        corpus: Corpus {
            root: root.to_path_buf(),
            sources: Vec::new(),
            registry: Registry::default(),
            reviewed: Vec::new(),
        },
        texts: SourceTexts::default(),
        errors: Vec::new(),
    };
    let facts = root.join("facts");
    if !facts.is_dir() {
        let message = if root.is_dir() {
            "this corpus has no `facts/` folder".to_string()
        } else {
            "no such folder".to_string()
        };
        let name: Arc<str> = if root.is_dir() {
            "facts".into()
        } else {
            root.display().to_string().into()
        };
        loaded.errors.push(
            InputError::file(&name, message)
                .help("a corpus root holds `facts/` (YAML) and the articles; see README.md"),
        );
        return loaded;
    }

    let mut headers = Vec::new();
    // Files are read and parsed in parallel, then taken in path order, so the corpus and its
    // errors never depend on which thread finished first.
    let mut paths = yaml_files(root, &facts, &mut loaded.errors);
    paths.extend(overlay.unsaved_yaml_files(root, &paths));
    paths.sort();
    progress::stage("reading files", paths.len() as u64);
    let parsed: Vec<_> = paths
        .par_iter()
        .map(|path| {
            progress::step();
            let name = relative_name(root, path);
            let mut errors = Vec::new();
            let text = match overlay.get(&name) {
                Some(text) if text.len() as u64 > MAX_YAML_BYTES => {
                    errors.push(InputError::file(
                        &name,
                        format!(
                            "the file is {} MiB; concord reads files of at most {} MiB",
                            text.len() >> 20,
                            MAX_YAML_BYTES >> 20
                        ),
                    ));
                    None
                }
                Some(text) => Some(text),
                None => read_text(path, &name, MAX_YAML_BYTES, &mut errors),
            };
            let content = text.as_ref().and_then(|text| {
                let (content, parse_errors) = match cache {
                    Some(cache) => cache.parse(&name, text),
                    None => parse_file(&name, text),
                };
                errors.extend(parse_errors);
                content
            });
            (name, text, content, errors)
        })
        .collect();
    if let Some(cache) = cache {
        cache.save();
    }
    for (name, text, content, errors) in parsed {
        if let Some(text) = text {
            loaded.texts.insert(name, text);
        }
        loaded.errors.extend(errors);
        match content {
            Some(FileContent::Source { header, claims }) => headers.push((header, claims)),
            Some(FileContent::Registry {
                entities,
                properties,
            }) => {
                loaded.corpus.registry.entities.extend(entities);
                loaded.corpus.registry.properties.extend(properties);
            }
            Some(FileContent::Reviewed(entries)) => loaded.corpus.reviewed.extend(entries),
            None => {}
        }
    }

    let mut articles = ArticleReader {
        root,
        cache: HashMap::new(),
        overlay,
    };
    for (header, claims) in headers {
        let article =
            header
                .article
                .as_ref()
                .and_then(|path| match articles.read(path, &mut loaded.texts) {
                    Ok(article) => Some(article),
                    Err(error) => {
                        loaded.errors.push(*error);
                        None
                    }
                });
        loaded.corpus.sources.push(source(header, article, claims));
    }
    check_unique_ids(&loaded.corpus, &mut loaded.errors);
    loaded
}

fn source(
    header: SourceHeader,
    article: Option<Article>,
    claims: Vec<concord_engine::model::Claim>,
) -> Source {
    Source {
        id: header.id,
        article,
        outlet: header.outlet,
        url: header.url,
        language: header.language,
        locale: header.locale,
        published: header.published,
        claims,
        mentions: Vec::new(),
    }
}

/// Parses one corpus file's text into what it holds (as much as could be read) and its errors.
pub fn parse_file(name: &Arc<str>, text: &str) -> (Option<FileContent>, Vec<InputError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = match yaml::parse(text) {
        Ok(Some(root)) => root,
        Ok(None) => {
            let error = InputError::file(name, "the file is empty").help(
                "give it `source` and `claims`, `entities` or `properties`, or `reviewed`, or delete it",
            );
            return (None, vec![error]);
        }
        Err(error) => {
            let at = Location {
                file: name.clone(),
                line: error.at.line,
                column: error.at.column,
            };
            let mut input_error =
                InputError::new(at, format!("this is not valid YAML: {}", error.message));
            if text
                .lines()
                .nth(error.at.line.saturating_sub(1) as usize)
                .is_some_and(|l| l.contains('\t'))
            {
                input_error =
                    input_error.help("YAML indents with spaces; replace the tab characters");
            }
            return (None, vec![input_error]);
        }
    };
    let mut reader = Reader::new(name);
    let content = reader.file(&root);
    (content, reader.errors)
}

/// Every `*.yaml` and `*.yml` below `facts`, in a stable order. Symbolic links are followed only
/// when they stay inside the corpus and do not loop.
fn yaml_files(root: &Path, facts: &Path, errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut visited = HashSet::new();
    let mut pending = vec![facts.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let name = relative_name(root, &dir);
        let canonical = match fs::canonicalize(&dir) {
            Ok(canonical) => canonical,
            Err(e) => {
                errors.push(InputError::file(
                    &name,
                    format!("cannot read this folder: {e}"),
                ));
                continue;
            }
        };
        if !canonical.starts_with(&canonical_root) {
            errors.push(
                InputError::file(&name, "a symbolic link here leads out of the corpus root")
                    .help("keep every file of the corpus inside its root folder"),
            );
            continue;
        }
        if !visited.insert(canonical) {
            errors.push(
                InputError::file(&name, "a symbolic link loop reaches this folder again")
                    .help("remove the link that points back up the tree"),
            );
            continue;
        }
        let mut entries: Vec<PathBuf> = match fs::read_dir(&dir) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                errors.push(InputError::file(
                    &name,
                    format!("cannot read this folder: {e}"),
                ));
                continue;
            }
        };
        entries.sort();
        for path in entries.into_iter().rev() {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if is_yaml(&path) {
                if !path.exists() {
                    errors.push(InputError::file(
                        &relative_name(root, &path),
                        "this symbolic link leads nowhere",
                    ));
                } else if fs::canonicalize(&path).is_ok_and(|c| !c.starts_with(&canonical_root)) {
                    errors.push(InputError::file(
                        &relative_name(root, &path),
                        "this symbolic link leads out of the corpus root",
                    ));
                } else {
                    files.push(path);
                }
            }
        }
        if files.len() > MAX_FILES {
            errors.push(InputError::file(
                &relative_name(root, facts),
                format!("more than {MAX_FILES} YAML files; concord reads at most that many"),
            ));
            files.truncate(MAX_FILES);
            break;
        }
    }
    files.sort();
    files
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// `path` relative to `root`, with `/` separators.
fn relative_name(root: &Path, path: &Path) -> Arc<str> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/").into()
}

/// Line endings as `\n`, so that a lone `\r` (which YAML counts as a line break) numbers lines
/// the same everywhere.
pub fn normalise_line_endings(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Reads a UTF-8 text file of at most `limit` bytes, with its line endings normalised.
pub fn read_text(
    path: &Path,
    name: &Arc<str>,
    limit: u64,
    errors: &mut Vec<InputError>,
) -> Option<Arc<str>> {
    let size = match fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) => {
            errors.push(InputError::file(
                name,
                format!("cannot read this file: {e}"),
            ));
            return None;
        }
    };
    if size > limit {
        errors.push(
            InputError::file(
                name,
                format!(
                    "the file is {} MiB; concord reads files of at most {} MiB",
                    size >> 20,
                    limit >> 20
                ),
            )
            .help("split it into smaller files"),
        );
        return None;
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            errors.push(InputError::file(
                name,
                format!("cannot read this file: {e}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(normalise_line_endings(text).into()),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let column = valid
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count()
                + 1;
            let at = Location {
                file: name.clone(),
                line: line as u32,
                column: column as u32,
            };
            errors.push(
                InputError::new(at, "the file is not UTF-8 text")
                    .help("save it as UTF-8 (for example `iconv -f latin1 -t utf-8`)"),
            );
            None
        }
    }
}

/// Reads each article once, however many sources name it.
struct ArticleReader<'a> {
    root: &'a Path,
    cache: HashMap<PathBuf, Arc<str>>,
    overlay: &'a Overlay,
}

impl ArticleReader<'_> {
    fn read(
        &mut self,
        path: &Located<String>,
        texts: &mut SourceTexts,
    ) -> Result<Article, Box<InputError>> {
        let fail = |message: String| {
            Box::new(InputError::new(path.at.clone(), message).width(path.value.chars().count()))
        };
        let relative = Path::new(&path.value);
        let escapes = relative
            .components()
            .try_fold(0usize, |depth, part| match part {
                Component::Normal(_) => Some(depth + 1),
                Component::CurDir => Some(depth),
                Component::ParentDir => depth.checked_sub(1),
                Component::RootDir | Component::Prefix(_) => None,
            });
        if escapes.is_none() {
            return Err(fail(format!(
                "article `{}` is outside the corpus root",
                path.value
            )));
        }
        let full = self.root.join(relative);
        let canonical = fs::canonicalize(&full).map_err(|_| {
            let mut error = fail(format!("article `{}` does not exist", path.value));
            if let Some(near) = nearest_file(&full) {
                error.help = Some(format!("did you mean `{near}`?"));
            }
            error
        })?;
        let canonical_root =
            fs::canonicalize(self.root).unwrap_or_else(|_| self.root.to_path_buf());
        if !canonical.starts_with(&canonical_root) {
            return Err(fail(format!(
                "article `{}` leads out of the corpus root through a symbolic link",
                path.value
            )));
        }
        if !canonical.is_file() {
            return Err(fail(format!("article `{}` is not a file", path.value)));
        }
        let text = match self.cache.get(&canonical) {
            Some(text) => text.clone(),
            None => {
                let mut errors = Vec::new();
                let name: Arc<str> = path.value.trim_start_matches("./").into();
                let text = self
                    .overlay
                    .get(&name)
                    .or_else(|| read_text(&canonical, &name, MAX_ARTICLE_BYTES, &mut errors));
                let text = text.ok_or_else(|| Box::new(errors.remove(0)))?;
                texts.insert(name, text.clone());
                self.cache.insert(canonical, text.clone());
                text
            }
        };
        Ok(Article {
            path: path.clone(),
            text,
        })
    }
}

/// The file in the same folder whose name is nearest to the missing one.
fn nearest_file(missing: &Path) -> Option<String> {
    let wanted = missing.file_name()?.to_string_lossy().into_owned();
    let names: Vec<String> = fs::read_dir(missing.parent()?)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let near = did_you_mean(&wanted, &refs)?;
    let parent = Path::new(missing.parent()?.file_name()?);
    Some(parent.join(near).to_string_lossy().into_owned())
}

/// Source ids are unique in the corpus, claim ids within their source, entity and property ids
/// within the registry.
pub(crate) fn check_unique_ids<'a>(corpus: &'a Corpus, errors: &mut Vec<InputError>) {
    let mut first_seen: HashMap<(&str, &str), &Location> = HashMap::new();
    let mut check = |what: &'static str, id: &'a Located<String>, errors: &mut Vec<InputError>| {
        let key = (what, id.value.as_str());
        match first_seen.get(&key) {
            Some(first) => errors.push(
                InputError::new(
                    id.at.clone(),
                    format!("{what} id `{}` is used twice", id.value),
                )
                .width(id.value.chars().count())
                .help(format!(
                    "it is already the id at {first}; ids must be unique"
                )),
            ),
            None => {
                first_seen.insert(key, &id.at);
            }
        }
    };
    for source in &corpus.sources {
        check("source", &source.id, errors);
    }
    for entity in &corpus.registry.entities {
        check("entity", &entity.id, errors);
    }
    for property in &corpus.registry.properties {
        check("property", &property.id, errors);
    }
    for source in &corpus.sources {
        let mut claim_ids: HashMap<&str, &Location> = HashMap::new();
        for id in source.claims.iter().filter_map(|c| c.id.as_ref()) {
            match claim_ids.get(id.value.as_str()) {
                Some(first) => errors.push(
                    InputError::new(
                        id.at.clone(),
                        format!(
                            "claim id `{}` is used twice in source `{}`",
                            id.value, source.id.value
                        ),
                    )
                    .width(id.value.chars().count())
                    .help(format!(
                        "it is already the id at {first}; claim ids must be unique within a source"
                    )),
                ),
                None => {
                    claim_ids.insert(&id.value, &id.at);
                }
            }
        }
    }
}
