//! Report: the results of a run as one [`Report`] value, and its renderers. Text and JSON are
//! siblings over the same value; only the binary prints what they return.

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use serde::Serialize;

use crate::baseline::StaleEntry;
use crate::finding::{Finding, Severity, Suggestion};
use crate::model::Location;

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
    pub warnings: Vec<StaleEntry>,
    /// What `scan` found in the articles (an extension of CLI.md's shape: only `scan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<MentionRecord>>,
}

/// A mention that `scan` extracted from an article.
#[derive(Clone, Debug, Serialize)]
pub struct MentionRecord {
    pub kind: crate::extract::MentionKind,
    pub text: String,
    pub location: Location,
    /// For a quotation: who the article says said it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub sources: usize,
    pub claims: usize,
    pub facts: usize,
    pub corroborated: usize,
    pub findings: SeverityCounts,
    pub reviewed: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of(findings: &[Finding]) -> Self {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        Self {
            error: count(Severity::Error),
            warning: count(Severity::Warning),
            info: count(Severity::Info),
        }
    }
}

/// One fact: the distinct values stated for one subject and property, and who states each.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub subject: String,
    pub property: String,
    pub when: Option<String>,
    #[serde(rename = "where")]
    pub place: Option<String>,
    pub values: Vec<GroupValue>,
    pub suggestion: Option<Suggestion>,
    pub findings: Vec<String>,
    /// Why these claims were grouped: how each subject was resolved and each qualifier read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupValue {
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceSummary {
    pub id: String,
    pub claims: usize,
    pub reliability: f64,
}

/// The severity at or above which an unreviewed finding fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl Report {
    /// True when an unreviewed finding is at or above `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        match fail_on {
            FailOn::Never => false,
            FailOn::Severity(threshold) => self
                .findings
                .iter()
                .any(|f| !f.reviewed && f.severity >= threshold),
        }
    }
}

/// Where a finding is best shown: the first location of the first variant that is not the
/// suggested value (the form to look at), else of the first variant.
pub fn focus_location(finding: &Finding) -> Option<&Location> {
    let suggested = finding.suggestion.as_ref().map(|s| s.text.as_str());
    let focus = finding
        .variants
        .iter()
        .find(|v| Some(v.text.as_str()) != suggested && !v.locations.is_empty());
    focus
        .or(finding.variants.first())
        .and_then(|v| v.locations.first())
}
