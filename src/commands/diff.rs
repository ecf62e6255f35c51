//! `diff`: what a data edit changes. Claims are paired by source id and claim id, or by
//! subject, property and qualifiers when ids are missing, so a reordering is not a change.
//! Findings are compared by fingerprint: introduced and resolved.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use colored::Colorize;
use serde::Serialize;

use concord_engine::analysis::{SeverityCounts, Summary};
use concord_engine::finding::Finding;
use concord_engine::model::{Claim, Corpus, Located, Location};
use concord_engine::normalise::text::fold_key;
use concord_engine::{Baseline, Options, analyse};

use super::{Format, Outcome, Output};
use crate::load;
use crate::report::text::word_diff;
use crate::report::{JSON_VERSION, Report, focus_location};

/// What the edit is compared with.
#[derive(Clone, Debug)]
pub enum Old {
    /// Another corpus root.
    Root(PathBuf),
    /// A git revision of the repository that holds the new root.
    Git(String),
}

#[derive(Clone, Debug)]
pub struct DiffConfig {
    pub old: Old,
    pub new: PathBuf,
    pub output: Output,
    pub use_baseline: bool,
}

/// A claim as `diff` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimView {
    pub source: String,
    pub id: Option<String>,
    pub subject: String,
    pub property: String,
    pub value: String,
    pub evidence: Option<String>,
    pub location: Location,
}

#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub old: ClaimView,
    pub new: ClaimView,
}

#[derive(Debug, Serialize)]
pub struct Diff {
    pub version: u32,
    pub added: Vec<ClaimView>,
    pub removed: Vec<ClaimView>,
    pub changed: Vec<Change>,
    pub introduced: Vec<Finding>,
    pub resolved: Vec<Finding>,
}

pub fn run(config: &DiffConfig) -> Outcome {
    let scratch = match &config.old {
        Old::Root(_) => None,
        Old::Git(rev) => match checkout(&config.new, rev) {
            Ok(dir) => Some(dir),
            Err(message) => return Outcome::error(message),
        },
    };
    let old_root = match (&config.old, &scratch) {
        (_, Some(dir)) => dir.path().to_path_buf(),
        (Old::Root(root), None) => root.clone(),
        (Old::Git(_), None) => unreachable!("a revision is checked out"),
    };
    let (old, new) = (load::load(&old_root), load::load(&config.new));
    for side in [&old, &new] {
        if !side.errors.is_empty() {
            return Outcome::input_errors(&side.errors, &side.texts, "nothing was compared");
        }
    }
    let diff = compare(&old.corpus, &new.corpus, config.use_baseline);
    match config.output.format {
        Format::Json => Outcome {
            stdout: serde_json::to_string_pretty(&diff).expect("a diff serialises") + "\n",
            stderr: String::new(),
            status: config.output.status(&diff.introduced, 0),
        },
        // SARIF and GitHub annotations show the findings the edit introduces.
        _ => config
            .output
            .render_with(&introduced_report(&diff), |_| render_text(&diff)),
    }
}

/// The findings an edit introduces, as a report.
fn introduced_report(diff: &Diff) -> Report {
    Report {
        version: JSON_VERSION,
        summary: Summary {
            findings: SeverityCounts::of(&diff.introduced),
            ..Summary::default()
        },
        findings: diff.introduced.clone(),
        groups: None,
        sources: None,
        warnings: Vec::new(),
        mentions: None,
    }
}

/// Extracts revision `rev` of the repository holding `root` into a scratch folder with
/// `git archive`, which reads the object store only: the working tree and the index are not
/// touched. The root's own folder of the revision becomes the scratch folder.
///
/// The revision often comes from event data in a workflow, so it is never handed to git where
/// an option could be read: it is resolved first (after `--end-of-options`) to a tree's object
/// id, and only that id reaches `git archive`.
fn checkout(root: &Path, rev: &str) -> Result<tempfile::TempDir, String> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(format!(
            "`{rev}` is not a git revision (a revision cannot be empty or start with `-`); nothing was compared"
        ));
    }
    let git = |args: &[&str]| -> Result<Vec<u8>, String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    };
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim().to_string();
    let prefix = text(git(&["rev-parse", "--show-prefix"])?);
    let top = text(git(&["rev-parse", "--show-toplevel"])?);
    let object_id = |spec: &str| {
        git(&["rev-parse", "--verify", "--quiet", "--end-of-options", spec])
            .map(text)
            .ok()
            .filter(|id| !id.is_empty())
    };
    let tree = object_id(&format!("{rev}^{{tree}}")).ok_or_else(|| {
        format!("`{rev}` names no commit or tree of the git repository; nothing was compared")
    })?;
    let tree = if prefix.is_empty() {
        tree
    } else {
        object_id(&format!("{tree}:{prefix}")).ok_or_else(|| {
            format!("revision `{rev}` has no folder `{prefix}`; nothing was compared")
        })?
    };
    let archive = Command::new("git")
        .args(["-C", &top, "archive", "--format=tar", &tree])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !archive.status.success() {
        return Err(format!(
            "git archive {tree}: {}",
            String::from_utf8_lossy(&archive.stderr).trim()
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a scratch folder: {e}"))?;
    let mut tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir.path())
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    tar.stdin
        .take()
        .expect("piped")
        .write_all(&archive.stdout)
        .map_err(|e| e.to_string())?;
    if !tar.wait().map_err(|e| e.to_string())?.success() {
        return Err("tar could not extract the revision".into());
    }
    Ok(dir)
}

/// Compares two corpora: claims paired by key, findings by fingerprint.
pub fn compare(old: &Corpus, new: &Corpus, use_baseline: bool) -> Diff {
    let (old_claims, new_claims) = (keyed_claims(old), keyed_claims(new));
    let mut diff = Diff {
        version: JSON_VERSION,
        added: vec![],
        removed: vec![],
        changed: vec![],
        introduced: vec![],
        resolved: vec![],
    };
    for (key, new_claim) in &new_claims {
        match old_claims.get(key) {
            None => diff.added.push(new_claim.clone()),
            Some(old_claim)
                if old_claim.value != new_claim.value
                    || old_claim.evidence != new_claim.evidence =>
            {
                diff.changed.push(Change {
                    old: old_claim.clone(),
                    new: new_claim.clone(),
                });
            }
            Some(_) => {}
        }
    }
    diff.removed = old_claims
        .iter()
        .filter(|(k, _)| !new_claims.contains_key(*k))
        .map(|(_, c)| c.clone())
        .collect();
    let options = Options {
        baseline: Baseline::when(use_baseline),
        full_report: false,
        memo: None,
    };
    let (old_report, new_report) = (analyse(old, &options, &()), analyse(new, &options, &()));
    // Each old finding by fingerprint, with whether it was reviewed.
    let old_prints: BTreeMap<&str, bool> = old_report
        .findings
        .iter()
        .map(|f| (f.fingerprint.as_str(), f.reviewed))
        .collect();
    let new_prints: BTreeSet<&str> = new_report
        .findings
        .iter()
        .map(|f| f.fingerprint.as_str())
        .collect();
    // New, or reviewed before and not any more (a reviewed form spread beyond its entry).
    diff.introduced = new_report
        .findings
        .iter()
        .filter(|f| match old_prints.get(f.fingerprint.as_str()) {
            None => true,
            Some(&was_reviewed) => was_reviewed && !f.reviewed,
        })
        .cloned()
        .collect();
    diff.resolved = old_report
        .findings
        .iter()
        .filter(|f| !new_prints.contains(f.fingerprint.as_str()))
        .cloned()
        .collect();
    diff
}

/// Each claim by its pairing key: source and claim id, or source, subject, property and
/// qualifiers (numbered when several claims share them).
fn keyed_claims(corpus: &Corpus) -> BTreeMap<String, ClaimView> {
    let mut claims = BTreeMap::new();
    for source in &corpus.sources {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for claim in &source.claims {
            let key = match &claim.id {
                Some(id) => format!("{}#{}", source.id.value, id.value),
                None => {
                    let base = format!(
                        "{}/{}/{}/{}/{}",
                        source.id.value,
                        fold_key(&claim.subject.value),
                        fold_key(&claim.property.value),
                        qualifier(&claim.when),
                        qualifier(&claim.place)
                    );
                    let n = seen.entry(base.clone()).or_default();
                    *n += 1;
                    format!("{base}/{n}")
                }
            };
            claims.insert(key, view(&source.id.value, claim));
        }
    }
    claims
}

fn qualifier(text: &Option<Located<String>>) -> String {
    text.as_ref()
        .map(|t| fold_key(&t.value))
        .unwrap_or_default()
}

fn view(source: &str, claim: &Claim) -> ClaimView {
    ClaimView {
        source: source.to_string(),
        id: claim.id.as_ref().map(|i| i.value.clone()),
        subject: claim.subject.value.clone(),
        property: claim.property.value.clone(),
        value: claim.value.value.clone(),
        evidence: claim.evidence.as_ref().map(|e| e.value.clone()),
        location: claim.value.at.clone(),
    }
}

/// `FILE:LINE:COLUMN ` where a finding is best shown, or nothing.
fn located(finding: &Finding) -> String {
    focus_location(finding).map_or_else(String::new, |at| format!("{at} "))
}

fn render_text(diff: &Diff) -> String {
    let mut out = String::new();
    for claim in &diff.added {
        let _ = writeln!(
            out,
            "{} {} {} / {}: {}",
            "added".green().bold(),
            claim.location,
            claim.subject,
            claim.property,
            claim.value
        );
    }
    for claim in &diff.removed {
        let _ = writeln!(
            out,
            "{} {} {} / {}: {}",
            "removed".red().bold(),
            claim.location,
            claim.subject,
            claim.property,
            claim.value
        );
    }
    for change in &diff.changed {
        let (old, new) = (&change.old, &change.new);
        let _ = writeln!(
            out,
            "{} {} {} / {}: {}",
            "changed".yellow().bold(),
            new.location,
            new.subject,
            new.property,
            word_diff(&old.value, &new.value)
        );
        if old.evidence != new.evidence {
            let (a, b) = (
                old.evidence.as_deref().unwrap_or(""),
                new.evidence.as_deref().unwrap_or(""),
            );
            let _ = writeln!(out, "        evidence: {}", word_diff(a, b));
        }
    }
    for finding in &diff.introduced {
        let reviewed = if finding.reviewed { " (reviewed)" } else { "" };
        let _ = writeln!(
            out,
            "{} {}{}[{}]: {}{reviewed}",
            "introduced".red().bold(),
            located(finding),
            finding.severity.name(),
            finding.code.name(),
            finding.message
        );
        if let Some(beyond) = &finding.beyond_baseline {
            let sources: Vec<&str> = beyond.sources.iter().map(|s| s.source.as_str()).collect();
            let _ = writeln!(
                out,
                "        beyond the baseline entry at {}: more occurrences in {}",
                beyond.entry,
                sources.join(", ")
            );
        }
    }
    for finding in &diff.resolved {
        let _ = writeln!(
            out,
            "{} {}{}[{}]: {}",
            "resolved".green().bold(),
            located(finding),
            finding.severity.name(),
            finding.code.name(),
            finding.message
        );
    }
    let _ = writeln!(
        out,
        "{} added, {} removed, {} changed; {} findings introduced, {} resolved",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        diff.introduced.len(),
        diff.resolved.len()
    );
    out
}
