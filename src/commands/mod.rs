//! Commands: each composes loading, the analysis and rendering for one subcommand, and returns
//! what to print and the exit status. Commands never print; the binary does.

pub mod baseline;
pub mod check;
pub mod diff;
pub mod extract;
pub mod import;
pub mod register;
pub mod review;
pub mod scan;

use std::fmt::Display;

use concord_engine::finding::Finding;

use crate::diagnostic::{InputError, SourceTexts};
use crate::exit;
use crate::report::{self, FailOn, Report, text::TextOptions};

/// What a command produced: the data for standard output, the diagnostics for standard error,
/// and the exit status.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

impl Outcome {
    /// Every input error of the run, located, and exit 2; `consequence` says what was not done.
    pub fn input_errors(errors: &[InputError], texts: &SourceTexts, consequence: &str) -> Self {
        Self {
            stderr: report::text::render_errors(errors, texts, consequence),
            status: exit::INPUT_ERROR,
            ..Self::default()
        }
    }

    /// One error that stops the command (a bad command line, a file that cannot be written).
    pub fn error(message: impl Display) -> Self {
        Self {
            stderr: format!("error: {message}\n"),
            status: exit::INPUT_ERROR,
            ..Self::default()
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// One self-contained HTML page (`report` only).
    Html,
}

/// How findings are printed and judged: the output options of `check`, `report`, `scan` and
/// `diff`, checked once from the command line.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    pub format: Format,
    pub fail_on: FailOn,
    /// Print no text report; the exit status tells the result.
    pub quiet: bool,
    /// Show the signals and scores behind each finding.
    pub explain: bool,
}

impl Output {
    /// Exit 1 when an unreviewed finding of `findings`, or a baseline warning, fails
    /// `--fail-on`, else 0.
    pub fn status(&self, findings: &[Finding], warnings: usize) -> i32 {
        if self.fail_on.is_failed_by(findings, warnings) {
            exit::FINDINGS
        } else {
            exit::SUCCESS
        }
    }

    /// The report in the chosen format, with the exit status its findings call for. `text` is
    /// the text form, for the commands whose text is not the report's (`diff`).
    pub fn render_with(
        &self,
        report: &Report,
        text: impl FnOnce(TextOptions) -> String,
    ) -> Outcome {
        let stdout = match self.format {
            Format::Json => report::json::render(report),
            Format::Sarif => report::sarif::render(report),
            Format::Github => report::github::render(report),
            Format::Html => unreachable!("only report renders HTML, with its corpus"),
            Format::Text if self.quiet => String::new(),
            Format::Text => text(TextOptions {
                explain: self.explain,
            }),
        };
        Outcome {
            stdout,
            stderr: String::new(),
            status: self.status(&report.findings, report.warnings.len()),
        }
    }

    /// The report in the chosen format, with the exit status its findings call for.
    pub fn render(&self, report: &Report, texts: &SourceTexts) -> Outcome {
        self.render_with(report, |options| {
            report::text::render(report, texts, options)
        })
    }
}

/// `base`, else `base-2`, `base-3`…: the first that `is_taken` does not refuse.
pub fn unique_id(base: &str, mut is_taken: impl FnMut(&str) -> bool) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while is_taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_ids_count_from_two() {
        let taken = ["nvidia", "nvidia-2"];
        assert_eq!(unique_id("nvidia", |id| taken.contains(&id)), "nvidia-3");
        assert_eq!(unique_id("amd", |id| taken.contains(&id)), "amd");
    }
}
