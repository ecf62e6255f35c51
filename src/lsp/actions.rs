//! Code actions on concord's diagnostics: use the suggested value; accept the finding into the
//! baseline; register a name variant's spellings as aliases of the suggested entity, or as
//! distinct entities; register an unaligned fact's wordings as aliases, so that its facts meet
//! (the registry edits of `concord review`). Each is a workspace edit for the
//! editor to apply: the server writes no file.

use std::collections::HashMap;

use concord_engine::model::Corpus;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile,
    CreateFileOptions, Diagnostic, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, ResourceOp, TextDocumentEdit,
    TextEdit, WorkspaceEdit,
};

use super::{Server, utf16};
use crate::commands::baseline::{BASELINE, NEW_NOTE, accepted_text};
use crate::commands::register::{
    self, Change, Registration, alignment_registration, guess_kind, is_alignment, is_name_variant,
    registration,
};

impl Server {
    /// The actions for each concord diagnostic of the request.
    pub(super) fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let mut actions = Vec::new();
        for diagnostic in &params.context.diagnostics {
            if diagnostic.source.as_deref() != Some("concord") {
                continue;
            }
            let data = diagnostic.data.clone().unwrap_or_default();
            if let Some(suggestion) = data["suggestion"].as_str() {
                let edit = TextEdit::new(diagnostic.range, suggestion.to_string());
                let uri = params.text_document.uri.clone();
                let edit = WorkspaceEdit::new(HashMap::from([(uri, vec![edit])]));
                let title = format!("Use \"{suggestion}\"");
                actions.push(quick_fix(title, diagnostic, edit, true));
            }
            let fingerprint = data["fingerprint"].as_str().unwrap_or_default();
            let finding = self.findings.iter().find(|f| f.fingerprint == fingerprint);
            let (Some(finding), Some(corpus)) = (finding, &self.corpus) else {
                continue;
            };
            if !finding.reviewed
                && let Ok(existing) = self.read(BASELINE)
            {
                let text = accepted_text(
                    existing.as_deref().unwrap_or_default(),
                    corpus,
                    &[finding],
                    NEW_NOTE,
                );
                if let Some(edit) = self.replace_file(BASELINE, existing.as_deref(), text) {
                    let title = format!("Accept this finding into {BASELINE}");
                    actions.push(quick_fix(title, diagnostic, edit, false));
                }
            }
            if is_name_variant(finding) {
                let distinct = Registration::Distinct(guess_kind(corpus, finding));
                for how in [Registration::Aliases, distinct] {
                    let Some(change) = registration(corpus, finding, how) else {
                        continue;
                    };
                    if let Some((files, edit)) = self.edits(corpus, &change) {
                        let title = match how {
                            Registration::Aliases => format!(
                                "Register {} in {files}{}",
                                change.describe(),
                                change.kind_note()
                            ),
                            Registration::Distinct(kind) => format!(
                                "Register {} as distinct entities ({}) in {files}",
                                change.describe(),
                                kind.name()
                            ),
                        };
                        actions.push(quick_fix(title, diagnostic, edit, false));
                    }
                }
            }
            if is_alignment(finding)
                && let Ok(Some(change)) = alignment_registration(corpus, finding)
                && let Some((files, edit)) = self.edits(corpus, &change)
            {
                let title = format!(
                    "Register {} in {files}{}",
                    change.describe(),
                    change.kind_note()
                );
                actions.push(quick_fix(title, diagnostic, edit, false));
            }
        }
        actions
    }

    /// The files `change` edits, in words, and its edit; `None` when the registry is laid out
    /// in a way concord cannot edit safely (`concord review` says why).
    fn edits(&self, corpus: &Corpus, change: &Change) -> Option<(String, WorkspaceEdit)> {
        let edits = change
            .edit(&corpus.registry, &|file| self.read(file))
            .ok()?;
        let mut files = Vec::new();
        for edit in edits {
            let existing = self.read(&edit.file).ok()?;
            files.push((edit.file, existing, edit.text));
        }
        let names: Vec<&str> = files.iter().map(|(file, _, _)| file.as_str()).collect();
        let names = names.join(" and ");
        Some((names, self.replace_files(files)?))
    }

    /// Reads a file of the corpus as the editor has it: its open buffer, else the disk.
    fn read(&self, file: &str) -> Result<Option<String>, String> {
        match self.overlay.get(file) {
            Some(text) => Ok(Some(text.to_string())),
            None => register::disk(&self.root)(file),
        }
    }

    /// An edit that replaces the whole of `file`, whose text is now `old`, with `text`; a file
    /// that does not exist (`old` is `None`) is created first.
    fn replace_file(&self, file: &str, old: Option<&str>, text: String) -> Option<WorkspaceEdit> {
        self.replace_files(vec![(file.to_string(), old.map(str::to_string), text)])
    }

    /// An edit that replaces the whole of each file (its name, its text now or `None` when it
    /// does not exist, its new text); a file that does not exist is created first.
    fn replace_files(&self, files: Vec<(String, Option<String>, String)>) -> Option<WorkspaceEdit> {
        let mut changes = HashMap::new();
        let mut operations = Vec::new();
        let creates = files.iter().any(|(_, old, _)| old.is_none());
        for (file, old, text) in files {
            let uri = self.uri(&file)?;
            let edit = TextEdit::new(
                Range::new(
                    Position::new(0, 0),
                    end_of(old.as_deref().unwrap_or_default()),
                ),
                text,
            );
            if !creates {
                changes.insert(uri, vec![edit]);
                continue;
            }
            if old.is_none() {
                operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
                    CreateFile {
                        uri: uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    },
                )));
            }
            operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(edit)],
            }));
        }
        Some(match creates {
            false => WorkspaceEdit::new(changes),
            true => WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(operations)),
                ..WorkspaceEdit::default()
            },
        })
    }
}

fn quick_fix(
    title: String,
    diagnostic: &Diagnostic,
    edit: WorkspaceEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// The position just after the last character of `text`.
fn end_of(text: &str) -> Position {
    let lines = text.split('\n');
    let last = lines.clone().next_back().unwrap_or_default();
    Position::new(lines.count() as u32 - 1, utf16(last))
}
