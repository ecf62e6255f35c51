//! Report: the results of a run as one [`Report`] value (an analysis and what the command adds),
//! and its renderers. Text and JSON are
//! siblings over the same value; only the binary prints what they return.

pub mod github;
pub mod html;
pub mod json;
pub mod sarif;
pub mod text;

use serde::Serialize;

use concord_engine::analysis::{Analysis, Group, SourceSummary, Summary};
use concord_engine::baseline::BaselineWarning;
use concord_engine::extract::MentionKind;
use concord_engine::finding::{Finding, Severity};
use concord_engine::model::Location;

use crate::diagnostic::SourceTexts;

/// The JSON document's `version`.
pub const JSON_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub version: u32,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    /// Every fact group; only `report` fills it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Group>>,
    /// Each source's estimated reliability; only `report` fills it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<SourceSummary>>,
    /// Problems that do not stop the run, such as stale baseline entries (an extension of
    /// CLI.md's shape: present only when there are some).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<BaselineWarning>,
    /// What `scan` found in the articles (an extension of CLI.md's shape: only `scan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<MentionRecord>>,
}

/// A mention that `scan` extracted from an article.
#[derive(Clone, Debug, Serialize)]
pub struct MentionRecord {
    pub kind: MentionKind,
    pub text: String,
    pub location: Location,
    /// For a quotation: who the article says said it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// The severity at or above which an unreviewed finding fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl FailOn {
    /// True when an unreviewed finding of `findings` is at or above the threshold, or, from
    /// `warning` down, when the baseline has `warnings` (stale or unpinned entries).
    pub fn is_failed_by(self, findings: &[Finding], warnings: usize) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Severity(threshold) => {
                (threshold <= Severity::Warning && warnings > 0)
                    || findings
                        .iter()
                        .any(|f| !f.reviewed && f.severity >= threshold)
            }
        }
    }
}

impl Report {
    /// The report of an analysis; `scan` adds its mentions.
    pub fn new(analysis: Analysis) -> Self {
        Self {
            version: JSON_VERSION,
            summary: analysis.summary,
            findings: analysis.findings,
            groups: analysis.groups,
            sources: analysis.sources,
            warnings: analysis.warnings,
            mentions: None,
        }
    }
}

/// Where a finding is best shown: where it goes beyond its baseline entry, else the first
/// location of the first variant that is not the suggested value (the form to look at), else
/// of the first variant.
pub fn focus_location(finding: &Finding) -> Option<&Location> {
    if let Some(beyond) = &finding.beyond_baseline {
        return beyond.sources.first().and_then(|s| s.locations.first());
    }
    let suggested = finding.suggestion.as_ref().map(|s| s.text.as_str());
    let focus = finding
        .variants
        .iter()
        .find(|v| Some(v.text.as_str()) != suggested && !v.locations.is_empty());
    focus
        .or(finding.variants.first())
        .and_then(|v| v.locations.first())
}

/// How many characters after the column of `location` `text` starts on its line, 0 when it is
/// not there: a name's place is where the whole name starts (`Howard Latnik`), its variant the
/// words that differ (`Latnik`); a quotation's place is its opening mark.
pub fn span_skip(texts: &SourceTexts, location: &Location, text: &str) -> usize {
    let Some(line) = texts.line(&location.file, location.line) else {
        return 0;
    };
    let column = (location.column as usize).saturating_sub(1);
    let Some((from, _)) = line.char_indices().nth(column) else {
        return 0;
    };
    match line[from..].find(text) {
        Some(at) if !text.is_empty() => line[from..from + at].chars().count(),
        _ => 0,
    }
}
