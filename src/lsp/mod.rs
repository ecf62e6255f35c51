//! `concord lsp`: a Language Server Protocol server over standard input and output.
//!
//! On `initialize` it loads the corpus of the workspace folder (the root that holds `facts/`)
//! and publishes every finding and input error as diagnostics on the files they touch: the
//! `facts/` YAML files and the articles. Open buffers stand in for the files on disk (an
//! [`Overlay`]); each change, save, close or change on disk analyses the corpus again and
//! publishes the diagnostics that changed. Code actions ([`actions`]) use a finding's suggested
//! value, accept the finding into `facts/reviewed.yaml`, or register a name variant's spellings
//! in the registry; hovering a claim's value shows its fact group, and a finding's place the
//! finding ([`hover`]).
//!
//! The transport is written here rather than taken from `lsp-server`'s, so that a malformed
//! message is answered with a JSON-RPC error instead of ending the server.

mod actions;
mod hover;

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};

use concord_engine::analysis::Group;
use concord_engine::finding::{Finding, FindingCode, Severity, Variant};
use concord_engine::model::{Corpus, Location};
use concord_engine::{Baseline, Memo, Options, analyse};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    HoverProviderCapability, InitializeParams, NumberOrString, Position, PublishDiagnosticsParams,
    Range, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use serde_json::{Value, json};

use crate::diagnostic::{InputError, SourceTexts};
use crate::load::cache::Cache;
use crate::load::{self, Overlay};
use crate::report::span_skip;

/// The largest message the server reads; a larger one is refused and skipped.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// Serves until the client says `exit` or closes the input; the exit status.
pub fn serve() -> i32 {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut output = stdout.lock();
    let mut server: Option<Server> = None;
    let mut shutting_down = false;
    loop {
        let message = match read_message(&mut input) {
            Ok(Some(message)) => message,
            Ok(None) => return 0,
            Err(Malformed(reason)) => {
                send(
                    &mut output,
                    &error(RequestId::from(0), ErrorCode::ParseError, &reason),
                );
                continue;
            }
        };
        match message {
            Message::Request(request) if request.method == "initialize" => {
                let params: InitializeParams =
                    serde_json::from_value(request.params.clone()).unwrap_or_default();
                let mut started = Server::new(&params);
                send(
                    &mut output,
                    &Message::Response(Response::new_ok(request.id, capabilities())),
                );
                started.analyse_and_publish(&mut output);
                server = Some(started);
            }
            Message::Request(request) if request.method == "shutdown" => {
                shutting_down = true;
                send(
                    &mut output,
                    &Message::Response(Response::new_ok(request.id, Value::Null)),
                );
            }
            Message::Request(request) => {
                let reply = match &mut server {
                    Some(server) => server.answer(&request),
                    None => error(
                        request.id,
                        ErrorCode::ServerNotInitialized,
                        "initialize first",
                    ),
                };
                send(&mut output, &reply);
            }
            Message::Notification(notification) if notification.method == "exit" => {
                return if shutting_down { 0 } else { 1 };
            }
            Message::Notification(notification) => {
                if let Some(server) = &mut server
                    && server.take(&notification)
                {
                    server.analyse_and_publish(&mut output);
                }
            }
            Message::Response(_) => {}
        }
    }
}

fn capabilities() -> Value {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    json!({"capabilities": capabilities, "serverInfo": {"name": "concord", "version": env!("CARGO_PKG_VERSION")}})
}

/// What the server knows: the corpus root, the open buffers, the last analysis.
struct Server {
    root: PathBuf,
    overlay: Overlay,
    /// What each source file's text parsed to, kept between analyses so that an edit parses
    /// only the files whose text changed.
    cache: Cache,
    /// Reviewed findings are shown as hints, or not at all (`initializationOptions`:
    /// `{"reviewed": "hide"}`).
    show_reviewed: bool,
    corpus: Option<Corpus>,
    findings: Vec<Finding>,
    /// The fact groups of the corpus, for hover: worked out at the first hover after each
    /// analysis, so that diagnostics do not wait for them.
    facts: OnceCell<Facts>,
    texts: SourceTexts,
    /// What each analysis keeps for the next, so that an edit reads again only the quotations
    /// it changed.
    memo: Memo,
    /// The diagnostics last published for each file that has some: a file whose diagnostics
    /// did not change is not sent again, and one that has none now is cleared.
    published: BTreeMap<String, Vec<Diagnostic>>,
    /// The files opened, changed or closed since the last analysis: theirs are sent whatever.
    touched: BTreeSet<String>,
}

impl Server {
    fn new(params: &InitializeParams) -> Self {
        #[allow(deprecated)] // `root_uri` is what most clients still send.
        let folder = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first().map(|f| f.uri.clone()))
            .or_else(|| params.root_uri.clone())
            .and_then(|uri| uri.to_file_path().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let show_reviewed = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("reviewed"))
            .and_then(Value::as_str)
            != Some("hide");
        let root = corpus_root(&folder);
        Self {
            cache: Cache::in_memory_from(&root),
            root,
            overlay: Overlay::default(),
            show_reviewed,
            corpus: None,
            findings: Vec::new(),
            facts: OnceCell::new(),
            texts: SourceTexts::default(),
            memo: Memo::default(),
            published: BTreeMap::new(),
            touched: BTreeSet::new(),
        }
    }

    /// Takes a notification into the buffers; true when the corpus must be analysed again.
    fn take(&mut self, notification: &Notification) -> bool {
        let params = notification.params.clone();
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) else {
                    return false;
                };
                self.buffer(&p.text_document.uri, Some(&p.text_document.text))
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params) else {
                    return false;
                };
                // Full synchronisation: the last change holds the whole text.
                let text = p.content_changes.last().map(|c| c.text.as_str());
                text.is_some() && self.buffer(&p.text_document.uri, text)
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) else {
                    return false;
                };
                self.buffer(&p.text_document.uri, None)
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => true,
            _ => false,
        }
    }

    /// Puts `text` in for the file at `uri` (`None`: the file on disk again); false when the
    /// file is not in the corpus.
    fn buffer(&mut self, uri: &Url, text: Option<&str>) -> bool {
        let Some(name) = self.name(uri) else {
            return false;
        };
        match text {
            Some(text) => self.overlay.insert(&name, text),
            None => self.overlay.remove(&name),
        }
        self.touched.insert(name);
        true
    }

    /// The path of `uri` relative to the corpus root, with `/`.
    fn name(&self, uri: &Url) -> Option<String> {
        let path = uri.to_file_path().ok()?;
        let relative = path.strip_prefix(&self.root).ok()?;
        Some(relative.to_string_lossy().replace('\\', "/"))
    }

    fn uri(&self, file: &str) -> Option<Url> {
        Url::from_file_path(self.root.join(file)).ok()
    }

    fn analyse_and_publish(&mut self, output: &mut impl Write) {
        // The last analysis goes before the next is made, so that the two are never held
        // together (at a million claims each takes hundreds of megabytes).
        self.corpus = None;
        self.findings = Vec::new();
        self.facts = OnceCell::new();
        self.texts = SourceTexts::default();
        let loaded = load::load_with(&self.root, Some(&self.cache), &self.overlay);
        let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        if loaded.errors.is_empty() {
            let options = Options {
                baseline: Baseline::Pinned,
                full_report: false,
                memo: Some(&self.memo),
            };
            let analysis = analyse(&loaded.corpus, &options, &());
            for finding in &analysis.findings {
                if finding.reviewed && !self.show_reviewed {
                    continue;
                }
                for (file, diagnostic) in self.diagnostics(finding, &loaded.texts) {
                    by_file.entry(file).or_default().push(diagnostic);
                }
            }
            self.findings = analysis.findings;
            self.corpus = Some(loaded.corpus);
        } else {
            for error in &loaded.errors {
                let (file, diagnostic) = input_error(error, &loaded.texts);
                by_file.entry(file).or_default().push(diagnostic);
            }
        }
        self.texts = loaded.texts;
        for file in self.published.keys().chain(&self.touched) {
            by_file.entry(file.clone()).or_default();
        }
        for (file, diagnostics) in by_file {
            if self.published.get(&file) == Some(&diagnostics) && !self.touched.contains(&file) {
                continue;
            }
            let Some(uri) = self.uri(&file) else { continue };
            let params = PublishDiagnosticsParams::new(uri, diagnostics.clone(), None);
            send(
                output,
                &Message::Notification(Notification::new(
                    "textDocument/publishDiagnostics".into(),
                    params,
                )),
            );
            if diagnostics.is_empty() {
                self.published.remove(&file);
            } else {
                self.published.insert(file, diagnostics);
            }
        }
        self.touched.clear();
        // What the files parsed to is packed for the next analysis once the diagnostics are
        // out: the editor does not wait for it.
        self.cache.keep();
    }

    /// A finding's diagnostics: one at each place of a form other than the suggested one, each
    /// pointing at the other variants' places.
    fn diagnostics(&self, finding: &Finding, texts: &SourceTexts) -> Vec<(String, Diagnostic)> {
        let suggested = finding.suggestion.as_ref().map(|s| s.text.as_str());
        let severity = if finding.reviewed {
            DiagnosticSeverity::HINT
        } else {
            match finding.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }
        };
        let mut out = Vec::new();
        for (index, variant) in finding.variants.iter().enumerate() {
            // A conflict shows on every file that states the fact; a variant of a name or a
            // quotation only where it departs from the suggestion.
            let is_suggested = Some(variant.text.as_str()) == suggested;
            if is_suggested && finding.code != FindingCode::ValueConflict {
                continue;
            }
            let (severity, message) = if is_suggested {
                (
                    DiagnosticSeverity::INFORMATION,
                    format!("{} (this value is the likely right one)", finding.message),
                )
            } else {
                (severity, finding.message.clone())
            };
            for location in &variant.locations {
                let range = range_of(texts, location, &variant.text);
                let related = related_variants(finding, index)
                    .filter_map(|other| {
                        let at = other.locations.first()?;
                        Some(DiagnosticRelatedInformation {
                            location: lsp_types::Location::new(
                                self.uri(&at.file)?,
                                range_of(texts, at, &other.text),
                            ),
                            message: format!(
                                "\"{}\": {}",
                                other.text,
                                some_sources(&other.sources)
                            ),
                        })
                    })
                    .collect();
                let reviewed = if finding.reviewed { " (reviewed)" } else { "" };
                let suggestion = finding
                    .suggestion
                    .as_ref()
                    .filter(|_| !is_suggested)
                    .map(|s| &s.text);
                out.push((
                    location.file.to_string(),
                    Diagnostic {
                        range,
                        severity: Some(severity),
                        code: Some(NumberOrString::String(finding.code.name().into())),
                        source: Some("concord".into()),
                        message: format!("{message}{reviewed}"),
                        related_information: Some(related),
                        data: Some(json!({
                            "fingerprint": finding.fingerprint,
                            "text": variant.text,
                            "suggestion": suggestion,
                        })),
                        ..Diagnostic::default()
                    },
                ));
            }
        }
        out
    }

    fn answer(&mut self, request: &Request) -> Message {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "textDocument/codeAction" => serde_json::from_value(request.params.clone())
                .map(|p| json!(self.code_actions(&p)))
                .map_err(|e| e.to_string()),
            "textDocument/hover" => serde_json::from_value(request.params.clone())
                .map(|p| json!(self.hover(&p)))
                .map_err(|e| e.to_string()),
            method => {
                return error(
                    id,
                    ErrorCode::MethodNotFound,
                    &format!("no method {method}"),
                );
            }
        };
        match result {
            Ok(value) => Message::Response(Response::new_ok(id, value)),
            Err(reason) => error(id, ErrorCode::InvalidParams, &reason),
        }
    }
}

/// Every fact group of a corpus, each value with where it is written, and each source's
/// estimated reliability by source id.
#[derive(Default)]
struct Facts {
    groups: Vec<Group>,
    reliability: HashMap<String, f64>,
}

impl Facts {
    fn of(corpus: &Corpus, memo: &Memo) -> Self {
        let options = Options {
            baseline: Baseline::Pinned,
            full_report: true,
            memo: Some(memo),
        };
        let analysis = analyse(corpus, &options, &());
        Self {
            groups: analysis.groups.unwrap_or_default(),
            reliability: (analysis.sources.unwrap_or_default().into_iter())
                .map(|s| (s.id, s.reliability))
                .collect(),
        }
    }
}

/// The variants a diagnostic on variant `index` points at: the facts it would meet for an
/// alignment suggestion, else the other variants; at most [`RELATED_SHOWN`], since a finding
/// with hundreds of variants would otherwise send each place hundreds of others.
fn related_variants(finding: &Finding, index: usize) -> impl Iterator<Item = &Variant> {
    let paired: Option<Vec<usize>> = finding.alignment.as_ref().map(|alignment| {
        alignment
            .pairs
            .iter()
            .filter_map(|&[a, b]| match index {
                _ if a == index => Some(b),
                _ if b == index => Some(a),
                _ => None,
            })
            .collect()
    });
    finding
        .variants
        .iter()
        .enumerate()
        .filter(move |(i, _)| *i != index && paired.as_ref().is_none_or(|p| p.contains(i)))
        .map(|(_, variant)| variant)
        .take(RELATED_SHOWN)
}

/// The most other places a diagnostic points at.
const RELATED_SHOWN: usize = 10;

/// The first few of `sources`, and how many more: a value stated by hundreds of sources would
/// otherwise fill every related place's message.
fn some_sources(sources: &[String]) -> String {
    const SHOWN: usize = 5;
    let shown = sources[..sources.len().min(SHOWN)].join(", ");
    match sources.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// The folder at or above `folder` that holds `facts/`, else `folder`.
fn corpus_root(folder: &Path) -> PathBuf {
    folder
        .ancestors()
        .find(|dir| dir.join("facts").is_dir())
        .unwrap_or(folder)
        .to_path_buf()
}

/// An input error as a diagnostic on its file.
fn input_error(error: &InputError, texts: &SourceTexts) -> (String, Diagnostic) {
    let range = if error.at.line == 0 {
        Range::default()
    } else {
        let start = position(texts, &error.at);
        let line = texts
            .line(&error.at.file, error.at.line)
            .unwrap_or_default();
        let skipped: String = line
            .chars()
            .skip(error.at.column.saturating_sub(1) as usize)
            .take(error.width as usize)
            .collect();
        Range::new(
            start,
            Position::new(start.line, start.character + utf16(&skipped)),
        )
    };
    let mut message = error.message.clone();
    if let Some(help) = &error.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    (
        error.at.file.to_string(),
        Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("concord".into()),
            message,
            ..Diagnostic::default()
        },
    )
}

/// The range of `text` where it stands on the line of `location`, from its column on.
fn range_of(texts: &SourceTexts, location: &Location, text: &str) -> Range {
    let first_line = text.split('\n').next().unwrap_or_default();
    let start = Location {
        column: location.column + span_skip(texts, location, first_line) as u32,
        ..location.clone()
    };
    let start = position(texts, &start);
    Range::new(
        start,
        Position::new(start.line, start.character + utf16(first_line)),
    )
}

/// An LSP position (0-based line, UTF-16 column) from concord's (1-based line, column in
/// characters).
fn position(texts: &SourceTexts, location: &Location) -> Position {
    let line = location.line.saturating_sub(1);
    let before: String = texts
        .line(&location.file, location.line)
        .unwrap_or_default()
        .chars()
        .take(location.column.saturating_sub(1) as usize)
        .collect();
    Position::new(line, utf16(&before))
}

fn utf16(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Message {
    Message::Response(Response::new_err(id, code as i32, message.to_string()))
}

fn send(output: &mut impl Write, message: &Message) {
    let body = serde_json::to_string(message).expect("a message serialises");
    let _ = write!(output, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = output.flush();
}

/// Why a message could not be read; the server answers and reads on.
struct Malformed(String);

/// The next message, `None` at the end of the input.
fn read_message(input: &mut impl BufRead) -> Result<Option<Message>, Malformed> {
    let mut length: Option<usize> = None;
    loop {
        let mut header = String::new();
        match input.read_line(&mut header) {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(e) => return Err(Malformed(format!("cannot read a header: {e}"))),
        }
        let header = header.trim_end();
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some(value) = header.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok();
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_MESSAGE_BYTES {
        // Skip the body without keeping it.
        let _ = io::copy(&mut input.take(length as u64), &mut io::sink());
        return Err(Malformed(format!(
            "a message of {length} bytes is over the limit"
        )));
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Ok(None);
    }
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| Malformed(format!("not a JSON-RPC message: {e}")))
}
