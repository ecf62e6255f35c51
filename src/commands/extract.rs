//! `extract`: draft a source file for one article, printed or written (atomically, refusing to
//! overwrite without `--force`).

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::diagnostic::SourceTexts;
use crate::extract::{self, draft};
use crate::load::schema::safe_source_id;
use crate::normalise::quantity::Language;
use crate::write::atomic_write;
use crate::{exit, load, report};

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
        return failure(report::text::render_errors(
            &errors,
            &SourceTexts::default(),
            "nothing was extracted",
        ));
    };
    let registry = if config.root.join("facts").is_dir() {
        let loaded = load::load(&config.root);
        if !loaded.errors.is_empty() {
            return failure(report::text::render_errors(
                &loaded.errors,
                &loaded.texts,
                "nothing was extracted",
            ));
        }
        loaded.corpus.registry
    } else {
        Default::default()
    };
    let kinds = super::scan::registered_kinds(&registry);
    let person = |n: &str| kinds.get(&crate::normalise::text::fold_key(n)).copied();
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
    let yaml = draft::render(&id, &article, language, claims);
    let Some(path) = &config.write else {
        return Outcome {
            stdout: yaml,
            ..Outcome::default()
        };
    };
    if path.exists() && !config.force {
        return failure(format!(
            "error: {} exists; nothing was written (--force overwrites it)\n",
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
        Err(e) => failure(format!("error: cannot write {}: {e}\n", path.display())),
    }
}

fn failure(stderr: String) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr,
        status: exit::INPUT_ERROR,
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
