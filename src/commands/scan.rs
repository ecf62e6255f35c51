//! `scan`: raw-text mode. The articles' mentions become a corpus of their own (one source per
//! article, its names as mentions, its quotations as claims of their speakers) that the same
//! matcher and reconciler as `check` read, so name variants and reworded quotations are found
//! without anyone writing facts. The registry and baseline in `facts/` apply when there is one.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use concord_engine::extract::tokens::LineIndex;
use concord_engine::extract::{self, MentionKind, PersonHint};
use concord_engine::model::{
    Claim, Corpus, EntityKind, Located, Location, Registry, ReviewedEntry, Source, ValueKind,
};
use concord_engine::normalise::quantity::Language;
use concord_engine::normalise::text::fold_key;
use concord_engine::{Baseline, Options, analyse};
use rayon::prelude::*;

use super::{Outcome, Output};
use crate::diagnostic::{InputError, SourceTexts};
use crate::load;
use crate::load::schema::safe_source_id;
use crate::report::{MentionRecord, Report};

/// The property of the claims a quotation makes.
pub const SAID: &str = "said";
/// The subject of a quotation whose speaker the article does not name.
pub const UNATTRIBUTED: &str = "(unattributed)";
/// What an input error stops.
const NOTHING_SCANNED: &str = "nothing was scanned";
/// The extensions of the files a folder's articles are read from.
const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "md", "text"];

#[derive(Clone, Debug)]
pub struct ScanConfig {
    /// Files and folders of articles.
    pub paths: Vec<PathBuf>,
    /// The folder whose `facts/` gives the registry and the baseline, when it has one.
    pub root: PathBuf,
    pub output: Output,
    pub use_baseline: bool,
}

pub fn run(config: &ScanConfig) -> Outcome {
    let mut errors = Vec::new();
    let files = article_files(&config.paths, &mut errors);
    let (registry, reviewed) = if config.root.join("facts").is_dir() {
        let loaded = load::load(&config.root);
        if !loaded.errors.is_empty() {
            return Outcome::input_errors(&loaded.errors, &loaded.texts, NOTHING_SCANNED);
        }
        (loaded.corpus.registry, loaded.corpus.reviewed)
    } else {
        (Registry::default(), Vec::new())
    };
    let mut texts = SourceTexts::default();
    let mut articles = Vec::new();
    for (name, path) in files {
        if let Some(text) = load::read_text(&path, &name, load::MAX_ARTICLE_BYTES, &mut errors) {
            texts.insert(name.clone(), text.clone());
            articles.push((name, text));
        }
    }
    if !errors.is_empty() {
        return Outcome::input_errors(&errors, &texts, NOTHING_SCANNED);
    }
    let (corpus, mentions) = corpus_of(&articles, registry, reviewed, &config.root);
    let options = Options {
        baseline: if config.use_baseline {
            Baseline::FormsOnly
        } else {
            Baseline::Ignore
        },
        full_report: false,
        memo: None,
    };
    let mut report = Report::new(analyse(&corpus, &options, &()));
    report.mentions = Some(mentions);
    config.output.render(&report, &texts)
}

/// The articles under `paths`, sorted, each with the name findings show (`/`-separated).
fn article_files(paths: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<(Arc<str>, PathBuf)> {
    let mut found: BTreeSet<PathBuf> = BTreeSet::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found, errors);
        } else if path.is_file() {
            found.insert(path.clone());
        } else {
            errors.push(InputError::file(
                &display_name(path),
                "no such file or folder of articles",
            ));
        }
    }
    found
        .into_iter()
        .map(|path| (display_name(&path), path))
        .collect()
}

/// The articles of a folder and its subfolders; hidden entries and links to folders are
/// skipped, so that a link loop cannot trap the walk.
fn walk(dir: &Path, found: &mut BTreeSet<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(InputError::file(
                &display_name(dir),
                format!("cannot read this folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found, errors);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e))
            && path.is_file()
        {
            found.insert(path);
        }
        if found.len() > load::MAX_FILES {
            errors.push(InputError::file(
                &display_name(dir),
                format!("more than {} articles", load::MAX_FILES),
            ));
            return;
        }
    }
}

/// A path as findings and errors name it: `/`-separated, without a leading `./`.
pub fn display_name(path: &Path) -> Arc<str> {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).into()
}

/// The corpus that the articles' mentions make, and the mentions for the report.
pub fn corpus_of(
    articles: &[(Arc<str>, Arc<str>)],
    registry: Registry,
    reviewed: Vec<ReviewedEntry>,
    root: &Path,
) -> (Corpus, Vec<MentionRecord>) {
    let mut corpus = Corpus {
        root: root.to_path_buf(),
        sources: Vec::new(),
        registry,
        reviewed,
    };
    let kinds = registered_kinds(&corpus.registry);
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut sources = Vec::new();
    let mut records = Vec::new();
    // Articles are read in parallel; ids are then given in order, so they never depend on
    // which thread finished first.
    let read: Vec<(Source, Vec<MentionRecord>)> = articles
        .par_iter()
        .map(|(name, text)| {
            let person = |name: &str| kinds.get(&fold_key(name)).copied();
            source_of(name, text, &person)
        })
        .collect();
    for ((mut source, mentions), (name, _)) in read.into_iter().zip(articles) {
        source.id.value = source_id(&mut ids, name);
        sources.push(source);
        records.extend(mentions);
    }
    corpus.sources = sources;
    (corpus, records)
}

/// The source that one article's mentions make (its id is given by the caller), and the
/// mentions for the report.
fn source_of(name: &Arc<str>, text: &str, person: PersonHint) -> (Source, Vec<MentionRecord>) {
    let mut records = Vec::new();
    let language = extract::detect_language(text);
    let extraction = extract::extract(text, language.and_then(Language::from_code), &person);
    let lines = LineIndex::new(text);
    let at = |offset: usize| {
        let (line, column) = lines.line_column(offset);
        Location {
            file: name.clone(),
            line,
            column,
        }
    };
    let mut source = Source {
        id: Located {
            value: String::new(),
            at: at(0),
        },
        article: None,
        outlet: None,
        url: None,
        language: language.map(str::to_string),
        locale: None,
        published: None,
        claims: Vec::new(),
        mentions: Vec::new(),
    };
    for mention in &extraction.mentions {
        let location = at(mention.start);
        records.push(MentionRecord {
            kind: mention.kind,
            text: mention.text.clone(),
            location: location.clone(),
            speaker: mention.speaker.as_ref().map(|s| s.name.clone()),
        });
        match mention.kind {
            MentionKind::Name | MentionKind::Code => source.mentions.push(Located {
                value: mention.text.clone(),
                at: location,
            }),
            MentionKind::Quote => {
                let subject = match &mention.speaker {
                    Some(speaker) => Located {
                        value: speaker.name.clone(),
                        at: at(speaker.start),
                    },
                    None => Located {
                        value: UNATTRIBUTED.to_string(),
                        at: location.clone(),
                    },
                };
                source.claims.push(Claim {
                    at: location.clone(),
                    id: None,
                    subject,
                    property: Located {
                        value: SAID.to_string(),
                        at: location.clone(),
                    },
                    value: Located {
                        value: mention.text.clone(),
                        at: location,
                    },
                    kind: Some(ValueKind::Quote),
                    unit: None,
                    when: None,
                    place: None,
                    evidence: None,
                });
            }
            MentionKind::Figure | MentionKind::Date => {}
        }
    }
    (source, records)
}

/// Whether the registry knows a name as a person (`true`) or as another entity (`false`), by
/// folded name and alias.
pub fn registered_kinds(registry: &Registry) -> HashMap<String, bool> {
    let mut kinds = HashMap::new();
    for entity in &registry.entities {
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            kinds.insert(fold_key(&name.value), entity.kind == EntityKind::Person);
        }
    }
    kinds
}

/// A source id from the article's file name, unique among `taken`.
fn source_id(taken: &mut BTreeSet<String>, name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned());
    let base = safe_source_id(&stem);
    let id = super::unique_id(&base, |id| taken.contains(id));
    taken.insert(id.clone());
    id
}
