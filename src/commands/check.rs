//! `check` (the CI gate) and `report` (the consistency report): load, analyse, render.

use std::path::{Path, PathBuf};

use concord_engine::baseline::BaselineProblem;
use concord_engine::{Baseline, Options, analyse};

use super::{Format, Outcome, Output};
use crate::load::cache::Cache;
use crate::progress::{self, Progress};
use crate::report::Report;
use crate::{load, report};

/// The checked configuration of `check` and `report`.
#[derive(Clone, Debug)]
pub struct CheckConfig {
    pub root: PathBuf,
    pub output: Output,
    /// Apply `reviewed:` entries; off with `--no-baseline`.
    pub use_baseline: bool,
    /// `report`: add every fact group and each source's reliability.
    pub full_report: bool,
    /// `check --write-baseline`: add the unreviewed findings to `facts/reviewed.yaml`.
    pub write_baseline: bool,
    /// Take unchanged files' records from the parse cache; off with `--no-cache`.
    pub use_cache: bool,
}

/// Loads the corpus at `root` (taking unchanged files' records from `cache`) and analyses it:
/// the report of `check` (or, with `options.full_report`, of `report`) and the corpus as read;
/// the loaded corpus with its input errors when there are any. The Python package calls this
/// too.
pub fn analyse_root(
    root: &Path,
    cache: Option<&Cache>,
    options: &Options,
) -> Result<(Report, load::Loaded), Box<load::Loaded>> {
    let loaded = load::load_with_cache(root, cache);
    if !loaded.errors.is_empty() {
        return Err(Box::new(loaded));
    }
    let report = Report::new(analyse(&loaded.corpus, options, &Progress));
    Ok((report, loaded))
}

pub fn run(config: &CheckConfig) -> Outcome {
    progress::begin();
    let options = Options {
        baseline: Baseline::when(config.use_baseline),
        full_report: config.full_report,
        memo: None,
    };
    let cache = config.use_cache.then(|| Cache::open(&config.root));
    let analysed = analyse_root(&config.root, cache.as_ref(), &options);
    progress::end();
    let (mut report, loaded) = match analysed {
        Ok(analysed) => analysed,
        Err(loaded) => {
            return Outcome::input_errors(&loaded.errors, &loaded.texts, "nothing was checked");
        }
    };
    let corpus = &loaded.corpus;
    let mut stderr = String::new();
    if config.write_baseline {
        match super::baseline::write(&config.root, corpus, &report.findings) {
            Ok(written) => {
                stderr = format!(
                    "added {} findings to facts/reviewed.yaml; give each a note saying why it is accepted\n",
                    written.added
                );
                if written.pinned > 0 {
                    stderr.push_str(&format!(
                        "pinned {} entries to the occurrences they accept now\n",
                        written.pinned
                    ));
                }
                for finding in &mut report.findings {
                    finding.reviewed = true;
                    finding.beyond_baseline = None;
                }
                report.summary.reviewed = report.findings.len();
                report
                    .warnings
                    .retain(|w| w.problem != BaselineProblem::Unpinned);
            }
            Err(e) => return Outcome::error(format!("cannot write facts/reviewed.yaml: {e}")),
        }
    }
    let mut outcome = match config.output.format {
        Format::Html => Outcome {
            stdout: report::html::render(&report, corpus, &loaded.texts),
            stderr: String::new(),
            status: config
                .output
                .status(&report.findings, report.warnings.len()),
        },
        _ => config.output.render(&report, &loaded.texts),
    };
    outcome.stderr = stderr;
    outcome
}
