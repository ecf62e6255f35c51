//! `check --write-baseline` and `review`'s accept: write `facts/reviewed.yaml` with the entries
//! already there (notes kept) and an entry per newly accepted finding, each entry pinned to the
//! occurrences it accepts (`accepted:`, per source), sorted so that the file diffs cleanly,
//! written atomically.

use std::collections::BTreeMap;
use std::path::Path;

use concord_engine::baseline::{matches, occurrences};
use concord_engine::finding::Finding;
use concord_engine::model::{Corpus, ReviewedEntry};
use serde::Serialize;

use crate::write::atomic_write;

/// The note given to entries that concord adds, for a person to replace.
pub const NEW_NOTE: &str = "added by concord check --write-baseline: say why this is accepted";

/// The opening comment of a baseline file concord creates.
const DEFAULT_COMMENT: &str = "# Findings a person has looked at and accepted (FORMAT.md); each note says why, and\n\
                               # `accepted` pins each to how often each source writes its forms.\n";

/// The baseline file, relative to the corpus root.
pub const BASELINE: &str = "facts/reviewed.yaml";

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    code: String,
    forms: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted: Option<BTreeMap<String, usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct Baseline {
    reviewed: Vec<Entry>,
}

/// What a write changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Entries added for findings no entry matched.
    pub added: usize,
    /// Entries whose record of accepted occurrences was written or changed.
    pub pinned: usize,
}

/// `check --write-baseline`: accepts every unreviewed finding, and pins every entry of the file
/// to the occurrences it accepts now (an entry whose occurrences shrank is tightened).
pub fn write(root: &Path, corpus: &Corpus, findings: &[Finding]) -> std::io::Result<Written> {
    let matched: Vec<&Finding> = findings.iter().collect();
    let unreviewed: Vec<&Finding> = findings.iter().filter(|f| !f.reviewed).collect();
    update(root, corpus, &matched, &unreviewed, NEW_NOTE)
}

/// `review`'s accept: accepts the findings of `accepted` with `note`, pinning their entries.
pub fn accept(
    root: &Path,
    corpus: &Corpus,
    accepted: &[&Finding],
    note: &str,
) -> std::io::Result<Written> {
    update(root, corpus, accepted, accepted, note)
}

/// Pins each entry of the file that a finding of `pin` matches to that finding's occurrences
/// now, and adds an entry (with `note`) for each finding of `accept` that no entry matches.
fn update(
    root: &Path,
    corpus: &Corpus,
    pin: &[&Finding],
    accept: &[&Finding],
    note: &str,
) -> std::io::Result<Written> {
    let existing = std::fs::read_to_string(root.join(BASELINE)).unwrap_or_default();
    let (text, written) = updated_text(&existing, corpus, pin, accept, note);
    atomic_write(&root.join(BASELINE), text.as_bytes())?;
    Ok(written)
}

/// The text of `facts/reviewed.yaml` (now `existing`) once the findings of `accept` are
/// accepted with `note`, and the entries that findings of `pin` match are pinned: what
/// [`accept`] writes, for an editor to apply as an edit.
pub fn accepted_text(existing: &str, corpus: &Corpus, accept: &[&Finding], note: &str) -> String {
    updated_text(existing, corpus, accept, accept, note).0
}

fn updated_text(
    existing: &str,
    corpus: &Corpus,
    pin: &[&Finding],
    accept: &[&Finding],
    note: &str,
) -> (String, Written) {
    let own: Vec<&ReviewedEntry> = corpus
        .reviewed
        .iter()
        .filter(|e| e.at.file.as_ref() == BASELINE)
        .collect();
    let mut written = Written::default();
    let mut entries: Vec<Entry> = Vec::new();
    for existing in &own {
        let matching: Vec<&&Finding> = pin.iter().filter(|f| matches(existing, f)).collect();
        let accepted = if matching.is_empty() {
            existing.accepted.clone() // stale: left for a person to remove
        } else {
            Some(accepted_now(corpus, &matching))
        };
        written.pinned += usize::from(accepted != existing.accepted);
        entries.push(Entry {
            code: existing.code.clone(),
            forms: existing.forms.clone(),
            accepted,
            note: existing.note.clone(),
        });
    }
    for finding in accept {
        if corpus.reviewed.iter().any(|e| matches(e, finding)) {
            continue; // its entry is pinned above
        }
        let mut forms: Vec<String> = finding
            .variants
            .iter()
            .map(|v| v.text.clone())
            .filter(|t| !t.is_empty())
            .collect();
        forms.sort();
        forms.dedup();
        let code = finding.code.name().to_string();
        if entries.iter().any(|e| e.code == code && e.forms == forms) {
            continue;
        }
        entries.push(Entry {
            code,
            forms,
            accepted: Some(accepted_now(corpus, &[finding])),
            note: Some(note.to_string()),
        });
        written.added += 1;
    }
    entries.sort();
    let yaml =
        serde_yaml::to_string(&Baseline { reviewed: entries }).expect("a baseline serialises");
    // Entries indented under `reviewed:`, as the corpus's other files write their lists.
    let yaml: String = yaml
        .lines()
        .map(|line| match line {
            "" | "reviewed:" | "reviewed: []" => format!("{line}\n"),
            _ => format!("  {line}\n"),
        })
        .collect();
    // The file's opening comment is kept; a new file gets one.
    let comment: String = existing
        .lines()
        .take_while(|line| line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    let comment = if comment.is_empty() {
        DEFAULT_COMMENT.to_string()
    } else {
        comment
    };
    (format!("{comment}{yaml}"), written)
}

/// The occurrences an entry accepts to cover `findings` as they are: per source, the most any
/// of them has.
fn accepted_now(corpus: &Corpus, findings: &[&&Finding]) -> BTreeMap<String, usize> {
    let mut accepted = BTreeMap::new();
    for finding in findings {
        for (source, places) in occurrences(corpus, finding) {
            let count = accepted.entry(source).or_insert(0);
            *count = places.len().max(*count);
        }
    }
    accepted
}
