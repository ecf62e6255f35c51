//! `check` (the CI gate) and `report` (the consistency report): load, analyse, render.

use std::path::PathBuf;

use super::{Format, Outcome};
use crate::diagnostic::SourceTexts;
use crate::load::cache::Cache;
use crate::model::Corpus;
use crate::report::{self, FailOn, Report, SeverityCounts, Summary, text::TextOptions};
use crate::{baseline, evidence, exit, load, progress, reconcile};

/// The checked configuration of `check` and `report`.
#[derive(Clone, Debug)]
pub struct CheckConfig {
    pub root: PathBuf,
    pub format: Format,
    pub fail_on: FailOn,
    /// Apply `reviewed:` entries; off with `--no-baseline`.
    pub use_baseline: bool,
    pub explain: bool,
    pub quiet: bool,
    /// `report`: add every fact group and each source's reliability.
    pub full_report: bool,
    /// `check --write-baseline`: add the unreviewed findings to `facts/reviewed.yaml`.
    pub write_baseline: bool,
    /// Take unchanged files' records from the parse cache; off with `--no-cache`.
    pub use_cache: bool,
}

pub fn run(config: &CheckConfig) -> Outcome {
    progress::begin();
    let cache = config.use_cache.then(|| Cache::open(&config.root));
    let loaded = load::load_with_cache(&config.root, cache.as_ref());
    if !loaded.errors.is_empty() {
        progress::end();
        return Outcome {
            stdout: String::new(),
            stderr: report::text::render_errors(
                &loaded.errors,
                &loaded.texts,
                "nothing was checked",
            ),
            status: exit::INPUT_ERROR,
        };
    }
    let corpus = &loaded.corpus;
    let mut report = analyse(corpus, config.use_baseline, config.full_report);
    progress::end();
    let mut stderr = String::new();
    if config.write_baseline {
        match super::baseline::write(&config.root, &corpus.reviewed, &report.findings) {
            Ok(added) => {
                stderr = format!(
                    "added {added} findings to facts/reviewed.yaml; give each a note saying why it is accepted\n"
                );
                report.findings.iter_mut().for_each(|f| f.reviewed = true);
                report.summary.reviewed = report.findings.len();
            }
            Err(e) => {
                return Outcome {
                    stdout: String::new(),
                    stderr: format!("error: cannot write facts/reviewed.yaml: {e}\n"),
                    status: exit::INPUT_ERROR,
                };
            }
        }
    }
    let mut outcome = render(
        &report,
        &loaded.texts,
        Rendering {
            format: config.format,
            fail_on: config.fail_on,
            quiet: config.quiet,
            explain: config.explain,
        },
    );
    outcome.stderr = stderr;
    outcome
}

/// How a report is printed and judged: the options `check`, `report` and `scan` share.
#[derive(Clone, Copy, Debug)]
pub struct Rendering {
    pub format: Format,
    pub fail_on: FailOn,
    pub quiet: bool,
    pub explain: bool,
}

/// The report in the chosen format, and exit 1 when it fails `--fail-on`.
pub fn render(report: &Report, texts: &SourceTexts, rendering: Rendering) -> Outcome {
    let status = if report.fails(rendering.fail_on) {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    };
    let stdout = match rendering.format {
        Format::Json => report::json::render(report),
        Format::Sarif => report::sarif::render(report),
        Format::Github => report::github::render(report),
        Format::Text if rendering.quiet => String::new(),
        Format::Text => report::text::render(
            report,
            texts,
            TextOptions {
                explain: rendering.explain,
            },
        ),
    };
    Outcome {
        stdout,
        stderr: String::new(),
        status,
    }
}

/// Reconciles a loaded corpus into a report: every finding, sorted, with the baseline applied
/// when `use_baseline`, and the groups and sources when `full_report`.
pub fn analyse(corpus: &Corpus, use_baseline: bool, full_report: bool) -> Report {
    let analysis = reconcile::reconcile(corpus, full_report);
    let mut findings = evidence::check(corpus);
    findings.extend(analysis.findings);
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    let warnings = if use_baseline {
        baseline::apply(&mut findings, &corpus.reviewed)
    } else {
        Vec::new()
    };
    let summary = Summary {
        sources: corpus.sources.len(),
        claims: corpus.claim_count(),
        findings: SeverityCounts::of(&findings),
        reviewed: findings.iter().filter(|f| f.reviewed).count(),
        facts: analysis.facts,
        corroborated: analysis.corroborated,
    };
    Report {
        version: report::JSON_VERSION,
        summary,
        findings,
        groups: full_report.then_some(analysis.groups),
        sources: full_report.then_some(analysis.sources),
        warnings,
        mentions: None,
    }
}
