//! `extract`: draft a source file for one article, printed or written (atomically, refusing to
//! overwrite without `--force`).

use std::path::{Path, PathBuf};

use concord_engine::extract::{
    self,
    draft::{self, DraftClaim},
};
use concord_engine::normalise::quantity::Language;
use serde::Serialize;

use super::Outcome;
use crate::diagnostic::SourceTexts;
use crate::load;
use crate::load::schema::safe_source_id;
use crate::write::atomic_write;

/// What an input error stops.
const NOTHING_EXTRACTED: &str = "nothing was extracted";

#[derive(Clone, Debug)]
pub struct ExtractConfig {
    pub article: PathBuf,
    /// Where to write the draft; printed when `None`.
    pub write: Option<PathBuf>,
    pub force: bool,
    /// The corpus root: its `facts/` registry tells people from other entities, and the draft's
    /// `article:` is written relative to it.
    pub root: PathBuf,
}

pub fn run(config: &ExtractConfig) -> Outcome {
    let name = super::scan::display_name(&config.article);
    let mut errors = Vec::new();
    let Some(text) = load::read_text(&config.article, &name, load::MAX_ARTICLE_BYTES, &mut errors)
    else {
        return Outcome::input_errors(&errors, &SourceTexts::default(), NOTHING_EXTRACTED);
    };
    let registry = if config.root.join("facts").is_dir() {
        let loaded = load::load(&config.root);
        if !loaded.errors.is_empty() {
            return Outcome::input_errors(&loaded.errors, &loaded.texts, NOTHING_EXTRACTED);
        }
        loaded.corpus.registry
    } else {
        Default::default()
    };
    let kinds = super::scan::registered_kinds(&registry);
    let person = |n: &str| {
        kinds
            .get(&concord_engine::normalise::text::fold_key(n))
            .copied()
    };
    let language = extract::detect_language(&text);
    let extraction = extract::extract(&text, language.and_then(Language::from_code), &person);
    let claims = draft::claims(&extraction, language);
    let id = safe_source_id(
        &config
            .article
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
    );
    let article = relative_to(&config.article, &config.root);
    let count = claims.len();
    let yaml = render(&id, &article, language, claims);
    let Some(path) = &config.write else {
        return Outcome {
            stdout: yaml,
            ..Outcome::default()
        };
    };
    if path.exists() && !config.force {
        return Outcome::error(format!(
            "{} exists; nothing was written (--force overwrites it)",
            path.display()
        ));
    }
    match atomic_write(path, yaml.as_bytes()) {
        Ok(()) => Outcome {
            stderr: format!(
                "wrote a draft of {count} claims to {}; check each against the article\n",
                path.display()
            ),
            ..Outcome::default()
        },
        Err(e) => Outcome::error(format!("cannot write {}: {e}", path.display())),
    }
}

/// `path` relative to `root`, with `/`, as a source's `article:` is written.
fn relative_to(path: &Path, root: &Path) -> String {
    let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let relative = absolute(path)
        .strip_prefix(absolute(root))
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

#[derive(Serialize)]
struct Draft {
    source: Header,
    claims: Vec<DraftClaim>,
}

#[derive(Serialize)]
struct Header {
    id: String,
    article: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

/// The draft source file: a comment that says it is a draft, the header, the claims.
fn render(id: &str, article: &str, language: Option<&str>, claims: Vec<DraftClaim>) -> String {
    let draft = Draft {
        source: Header {
            id: id.to_string(),
            article: article.to_string(),
            language: language.map(str::to_string),
        },
        claims,
    };
    let yaml = serde_yaml::to_string(&draft).expect("a draft serialises");
    format!(
        "# DRAFT written by `concord extract` from {article}: rules found these claims.\n\
         # Check each one against the article, complete or delete it, then remove this comment.\n\
         {yaml}"
    )
}
