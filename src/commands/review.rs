//! `concord review`: the unreviewed findings one at a time in a terminal, in the manner of
//! `git add -p`. Each answer is written at once (atomically), so quitting or being interrupted
//! loses nothing already decided; the corpus is read again after each write, so a registration
//! that settles several findings settles them all.

use std::collections::BTreeSet;
use std::io::{self, BufRead, Write};
use std::path::Path;

use colored::Colorize;

use super::register::{
    self, Change, Registration, alignment_registration, guess_kind, is_alignment, is_name_variant,
    registration,
};
use crate::load::cache::Cache;
use crate::report::text::{self, TextOptions};
use crate::{exit, load};
use concord_engine::finding::Finding;
use concord_engine::model::{Corpus, EntityKind};
use concord_engine::{Baseline, Options, analyse};

/// What to tell a user who runs `review` without a terminal.
pub const NEEDS_TERMINAL: &str = "concord review asks questions and needs a terminal on its input and output.\n\
     In a script, use `concord check --write-baseline` to accept every unreviewed finding, \
     or edit facts/reviewed.yaml and the registry by hand.";

const HELP: &str = "\
a - accept this finding into facts/reviewed.yaml, with a note saying why
r - register: add its spellings as aliases of one entity, or as distinct entities;
    for an unaligned fact, its wordings as aliases, so that the facts meet
s - skip this finding for now
q - quit; what was answered is already written
A - accept every remaining finding, with one note
R - register every remaining finding of its kind the same way
S - skip every remaining finding
? - this help";

/// What was done in a review, for the closing line.
#[derive(Default)]
struct Tally {
    accepted: usize,
    registered: usize,
    skipped: usize,
}

/// Runs the review on the corpus at `root`, asking on `input` and writing to `out`; returns the
/// exit status: 0 when the review ran, 2 when the corpus cannot be read or written.
pub fn run(root: &Path, input: &mut dyn BufRead, out: &mut dyn Write, explain: bool) -> i32 {
    match review(root, input, out, explain) {
        Ok(status) => status,
        Err(e) => {
            let _ = writeln!(out, "error: {e}");
            exit::INPUT_ERROR
        }
    }
}

fn review(
    root: &Path,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    explain: bool,
) -> io::Result<i32> {
    let mut tally = Tally::default();
    // Findings answered with skip, or registered without being settled, in this session.
    let mut passed: BTreeSet<String> = BTreeSet::new();
    let mut total = 0;
    let mut shown = 0;
    loop {
        let loaded = load::load_with_cache(root, Some(&Cache::open(root)));
        if !loaded.errors.is_empty() {
            write!(
                out,
                "{}",
                text::render_errors(&loaded.errors, &loaded.texts, "nothing was reviewed")
            )?;
            return Ok(exit::INPUT_ERROR);
        }
        let corpus = &loaded.corpus;
        let options = Options {
            baseline: Baseline::Pinned,
            full_report: false,
            memo: None,
        };
        let report = analyse(corpus, &options, &());
        let pending: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| !f.reviewed && !passed.contains(&f.fingerprint))
            .collect();
        // The findings shown and those left: a registration that makes facts meet can reveal
        // a conflict, which adds one.
        total = total.max(shown + pending.len());
        let Some(finding) = pending.first().copied() else {
            break;
        };
        shown += 1;
        writeln!(out, "\n{}", format!("Finding {shown} of {total}").bold())?;
        let mut rendered = String::new();
        text::render_finding(
            &mut rendered,
            finding,
            &loaded.texts,
            TextOptions { explain },
        );
        write!(out, "{rendered}")?;
        let answer = loop {
            let prompt = "Accept, register, skip or quit [a,r,s,q,A,R,S,?]? ";
            // The end of input quits.
            let line = ask(input, out, prompt)?.unwrap_or_else(|| "q".to_string());
            match line.as_str() {
                "a" | "r" | "s" | "q" | "A" | "R" | "S" | "Q" => {
                    break line.chars().next().expect("one key");
                }
                _ => writeln!(out, "{HELP}")?,
            }
        };
        match answer {
            'a' | 'A' => {
                let Some(note) = ask_note(input, out)? else {
                    break;
                };
                let accepted: Vec<&Finding> = if answer == 'A' {
                    pending.clone()
                } else {
                    vec![finding]
                };
                super::baseline::accept(root, corpus, &accepted, &note)?;
                tally.accepted += accepted.len();
                writeln!(
                    out,
                    "accepted {} into facts/reviewed.yaml",
                    text::plural(accepted.len(), "finding")
                )?;
                if answer == 'A' {
                    break;
                }
            }
            'r' | 'R' => {
                let how = if is_name_variant(finding) {
                    match ask_registration(input, out, corpus, finding)? {
                        Some(how) => How::Name(how),
                        None => break,
                    }
                } else if is_alignment(finding) {
                    // One finding: the person says the kind of a new entity; every remaining
                    // one (`R`): each takes its guess, which the closing message says.
                    match (answer, alignment_registration(corpus, finding)) {
                        ('r', Ok(Some(change))) => match change.new_entity() {
                            Some(entity) => {
                                let guess = entity.kind.unwrap_or(EntityKind::Other);
                                let question =
                                    format!("Kind of the new entity \"{}\"", entity.name);
                                match ask_kind(input, out, &question, guess)? {
                                    Some(kind) => How::Alignment(Some(kind)),
                                    None => break,
                                }
                            }
                            None => How::Alignment(None),
                        },
                        _ => How::Alignment(None),
                    }
                } else {
                    writeln!(
                        out,
                        "only name variants and unaligned facts that an alias aligns can be registered; accept or skip this {}",
                        finding.code.name()
                    )?;
                    shown -= 1;
                    continue;
                };
                let targets: Vec<&Finding> = if answer == 'R' {
                    pending.iter().copied().filter(|f| how.settles(f)).collect()
                } else {
                    vec![finding]
                };
                for target in &targets {
                    // Each registration reads the corpus as the previous one left it.
                    let reloaded = load::load(root);
                    match how.plan(&reloaded.corpus, target) {
                        Ok(Some(change)) => match apply(root, &reloaded.corpus, &change) {
                            Ok(message) => {
                                tally.registered += 1;
                                writeln!(out, "{message}")?;
                            }
                            Err(e) => writeln!(out, "{}: {e}", "not registered".yellow())?,
                        },
                        Ok(None) => writeln!(
                            out,
                            "\"{}\": the registry has it already",
                            target.variants[0].text
                        )?,
                        Err(e) => writeln!(out, "{}: {e}", "not registered".yellow())?,
                    }
                    passed.insert(target.fingerprint.clone());
                }
                if answer == 'R' {
                    tally.skipped += pending.len() - targets.len();
                    break;
                }
            }
            's' => {
                tally.skipped += 1;
                passed.insert(finding.fingerprint.clone());
            }
            // `S`, `q`, `Q`: the rest stays unreviewed.
            _ => {
                tally.skipped += pending.len();
                break;
            }
        }
    }
    writeln!(
        out,
        "\nreviewed: {} accepted, {} registered, {} skipped",
        tally.accepted, tally.registered, tally.skipped
    )?;
    Ok(exit::SUCCESS)
}

/// Prints `prompt` and reads one answer, trimmed; `None` at the end of input.
fn ask(input: &mut dyn BufRead, out: &mut dyn Write, prompt: &str) -> io::Result<Option<String>> {
    write!(out, "{}", prompt.blue().bold())?;
    out.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(out)?;
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

/// Asks for the note of an accepted finding until one is given; `None` at the end of input.
fn ask_note(input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<Option<String>> {
    loop {
        match ask(input, out, "Note (why it is accepted): ")? {
            None => return Ok(None),
            Some(note) if note.is_empty() => writeln!(out, "a note is needed")?,
            Some(note) => return Ok(Some(note)),
        }
    }
}

fn ask_registration(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    corpus: &Corpus,
    finding: &Finding,
) -> io::Result<Option<Registration>> {
    let suggestion = &finding.suggestion.as_ref().expect("a name variant").text;
    loop {
        let prompt =
            format!("(a)liases of \"{suggestion}\", or (d)istinct entities that must stay apart? ");
        match ask(input, out, &prompt)?.as_deref() {
            None => return Ok(None),
            Some("a") => return Ok(Some(Registration::Aliases)),
            Some("d") => break,
            Some(_) => {}
        }
    }
    let guess = guess_kind(corpus, finding);
    let kind = ask_kind(input, out, "Kind of the new entities", guess)?;
    Ok(kind.map(Registration::Distinct))
}

/// Asks for an entity kind, `guess` when the answer is empty; `None` at the end of input.
fn ask_kind(
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    question: &str,
    guess: EntityKind,
) -> io::Result<Option<EntityKind>> {
    loop {
        let prompt = format!(
            "{question} ({}) [{}]: ",
            EntityKind::NAMES.join(", "),
            guess.name()
        );
        match ask(input, out, &prompt)?.as_deref() {
            None => return Ok(None),
            Some("") => return Ok(Some(guess)),
            Some(word) => match EntityKind::parse(word) {
                Some(kind) => return Ok(Some(kind)),
                None => writeln!(out, "one of: {}", EntityKind::NAMES.join(", "))?,
            },
        }
    }
}

/// How the person asked to register: a name variant's way, or an alignment (with the kind of
/// its new entity when the person said it, else the guess).
#[derive(Clone, Copy)]
enum How {
    Name(Registration),
    Alignment(Option<EntityKind>),
}

impl How {
    /// True for the findings this kind of registration settles (for `R`).
    fn settles(self, finding: &Finding) -> bool {
        match self {
            How::Name(_) => is_name_variant(finding),
            How::Alignment(_) => is_alignment(finding),
        }
    }

    /// The change this registration makes for `finding` in `corpus`.
    fn plan(self, corpus: &Corpus, finding: &Finding) -> Result<Option<Change>, String> {
        match self {
            How::Name(how) => Ok(registration(corpus, finding, how)),
            How::Alignment(kind) => {
                Ok(
                    alignment_registration(corpus, finding)?.map(|change| match kind {
                        Some(kind) => change.with_entity_kind(kind),
                        None => change,
                    }),
                )
            }
        }
    }
}

/// Writes the change's edits (all planned and checked before the first is written); says what
/// was registered where, and the kind of a new entity.
fn apply(root: &Path, corpus: &Corpus, change: &Change) -> Result<String, String> {
    let edits = change.edit(&corpus.registry, &register::disk(root))?;
    for edit in &edits {
        edit.write(root)?;
    }
    let files: Vec<&str> = edits.iter().map(|e| e.file.as_str()).collect();
    Ok(format!(
        "registered {} in {}{}",
        change.describe(),
        files.join(" and "),
        change.kind_note()
    ))
}
