//! `check --write-baseline`: adds the unreviewed findings to `facts/reviewed.yaml`, keeping the
//! entries already there with their notes, sorted so that the file diffs cleanly, written
//! atomically.

use std::path::Path;

use serde::Serialize;

use crate::write::atomic_write;
use concord_engine::finding::Finding;
use concord_engine::model::ReviewedEntry;

/// The note given to entries that concord adds, for a person to replace.
pub const NEW_NOTE: &str = "added by concord check --write-baseline: say why this is accepted";

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    code: String,
    forms: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct Baseline {
    reviewed: Vec<Entry>,
}

/// Writes `root/facts/reviewed.yaml` with the entries of that file and one new entry per
/// unreviewed finding; returns how many were added.
pub fn write(
    root: &Path,
    existing: &[ReviewedEntry],
    findings: &[Finding],
) -> std::io::Result<usize> {
    let unreviewed: Vec<&Finding> = findings.iter().filter(|f| !f.reviewed).collect();
    accept(root, existing, &unreviewed, NEW_NOTE)
}

/// Writes `root/facts/reviewed.yaml` with the entries of that file and one entry per finding of
/// `accepted`, each with `note`; returns how many were added.
pub fn accept(
    root: &Path,
    existing: &[ReviewedEntry],
    accepted: &[&Finding],
    note: &str,
) -> std::io::Result<usize> {
    let path = root.join("facts").join("reviewed.yaml");
    let mut entries: Vec<Entry> = existing
        .iter()
        .filter(|e| e.at.file.as_ref() == "facts/reviewed.yaml")
        .map(|e| Entry {
            code: e.code.clone(),
            forms: e.forms.clone(),
            note: e.note.clone(),
        })
        .collect();
    let mut added = 0;
    for finding in accepted {
        let mut forms: Vec<String> = finding
            .variants
            .iter()
            .map(|v| v.text.clone())
            .filter(|t| !t.is_empty())
            .collect();
        forms.sort();
        forms.dedup();
        let entry = Entry {
            code: finding.code.name().to_string(),
            forms,
            note: Some(note.to_string()),
        };
        if !entries
            .iter()
            .any(|e| e.code == entry.code && e.forms == entry.forms)
        {
            entries.push(entry);
            added += 1;
        }
    }
    entries.sort();
    let yaml =
        serde_yaml::to_string(&Baseline { reviewed: entries }).expect("a baseline serialises");
    let text = format!(
        "# Findings a person has looked at and accepted (FORMAT.md); each note says why.\n{yaml}"
    );
    atomic_write(&path, text.as_bytes())?;
    Ok(added)
}
