//! `concord lsp` driven over stdio with JSON-RPC as an editor drives it: initialize, open a file
//! with a misspelling, receive its diagnostic, ask for code actions, apply the edit and see the
//! diagnostic go; make a value conflict and see it on both files; break the YAML and see a
//! located error, then fix it; survive malformed messages, unknown methods and a huge buffer.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// An editor's side of the conversation.
struct Client {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// The diagnostics last published for each file, as an editor keeps them.
    published: BTreeMap<String, Vec<Value>>,
}

impl Client {
    fn start(root: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let mut output = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    if output.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(value) = header.strip_prefix("Content-Length: ") {
                        length = value.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                output.read_exact(&mut body).unwrap();
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            input,
            messages,
            next_id: 1,
            published: BTreeMap::new(),
        };
        let uri = uri(root, "");
        let reply = client.request(
            "initialize",
            json!({"processId": null, "rootUri": uri, "capabilities": {},
                   "workspaceFolders": [{"uri": uri, "name": "corpus"}]}),
        );
        assert!(
            reply["result"]["capabilities"]["codeActionProvider"] == json!(true),
            "{reply}"
        );
        client.notify("initialized", json!({}));
        client
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.input.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send_raw(&json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string());
    }

    /// Sends a request and waits for its response (diagnostics that arrive first are kept).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send_raw(
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string(),
        );
        loop {
            let message = self.next();
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    fn next(&mut self) -> Value {
        let message = self
            .messages
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers");
        if message["method"] == "textDocument/publishDiagnostics" {
            let params = &message["params"];
            self.published.insert(
                params["uri"].as_str().unwrap().to_string(),
                params["diagnostics"].as_array().unwrap().clone(),
            );
        }
        message
    }

    /// Waits until the server has taken every message sent so far: it answers a request after
    /// them (here one of a method it does not know).
    fn settle(&mut self) {
        self.request("concord/settle", json!({}));
    }

    /// The diagnostics of the file `name` of `root` once the server has taken every message
    /// sent so far, as the editor shows them: the last published.
    fn diagnostics_for(&mut self, root: &Path, name: &str) -> Vec<Value> {
        self.settle();
        self.published
            .get(&uri(root, name))
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, root: &Path, name: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(root, name), "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, root: &Path, name: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(root, name), "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `old` with the text edits that `edit` (a workspace edit) makes to the file at `uri` applied,
/// as an editor applies them; `created` tells whether the edit creates the file first.
fn apply(edit: &Value, uri: &str, old: &str) -> (String, bool) {
    let mut created = false;
    let mut edits: Vec<Value> = edit["changes"][uri].as_array().cloned().unwrap_or_default();
    for change in edit["documentChanges"].as_array().into_iter().flatten() {
        if change["kind"] == "create" && change["uri"] == uri {
            created = true;
        } else if change["textDocument"]["uri"] == uri {
            edits.extend(change["edits"].as_array().unwrap().iter().cloned());
        }
    }
    assert!(!edits.is_empty(), "no edit of {uri} in {edit}");
    // From the last edit back, so that each range still means what it meant in `old`.
    edits.sort_by_key(|e| {
        let start = &e["range"]["start"];
        (start["line"].as_u64(), start["character"].as_u64())
    });
    let mut text = old.to_string();
    for e in edits.iter().rev() {
        let start = offset(&text, &e["range"]["start"]);
        let end = offset(&text, &e["range"]["end"]);
        text.replace_range(start..end, e["newText"].as_str().unwrap());
    }
    (text, created)
}

/// The byte offset in `text` of an LSP position (a line, and a column in UTF-16 units),
/// clamped to the end of its line and of the text.
fn offset(text: &str, position: &Value) -> usize {
    let (line, character) = (
        position["line"].as_u64().unwrap(),
        position["character"].as_u64().unwrap(),
    );
    let mut at = 0;
    for _ in 0..line {
        match text[at..].find('\n') {
            Some(end) => at += end + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[at..].char_indices() {
        if units >= character || c == '\n' {
            return at + i;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// The position of the `nth` (0-based) occurrence of `needle` in `text`, as an LSP position
/// one character into it.
fn position_of(text: &str, needle: &str, nth: usize) -> Value {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1);
    json!({"line": line, "character": column + 1})
}

fn uri(root: &Path, name: &str) -> String {
    let path = std::fs::canonicalize(root).unwrap().join(name);
    let path = path.to_str().unwrap().trim_end_matches('/');
    format!("file://{path}")
}

const A: &str = "source: {id: a, language: en}\nclaims:\n  - {subject: Howard Lutnick, property: role, value: secretary}\n  - {subject: Acme, property: revenue, value: 4.6 billion dollars}\n";
const B: &str = "source: {id: b, language: en}\nclaims:\n  - {subject: Howard Lutnick, property: role, value: secretary}\n  - {subject: Acme, property: revenue, value: $4.6 billion}\n";
const C: &str = "source: {id: c, language: en}\nclaims:\n  - {subject: Howard Latnik, property: role, value: secretary}\n";

fn corpus() -> tempfile::TempDir {
    common::scratch_corpus(&[
        ("facts/a.yaml", A),
        ("facts/b.yaml", B),
        ("facts/c.yaml", C),
    ])
}

#[test]
fn a_misspelling_is_diagnosed_fixed_by_its_code_action_and_gone() {
    let dir = corpus();
    let root = dir.path();
    let mut client = Client::start(root);
    let diagnostics = client.diagnostics_for(root, "facts/c.yaml");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "spelling-variant");
    assert_eq!(diagnostic["severity"], 1, "an error");
    assert_eq!(
        diagnostic["range"],
        json!({"start": {"line": 2, "character": 21}, "end": {"line": 2, "character": 27}}),
        "the range covers Latnik"
    );
    let related = diagnostic["relatedInformation"].as_array().unwrap();
    assert!(
        related[0]["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("facts/a.yaml"),
        "{related:?}"
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(root, "facts/c.yaml")}, "range": diagnostic["range"],
               "context": {"diagnostics": [diagnostic]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Use \"Lutnick\"",
            "Accept this finding into facts/reviewed.yaml",
            "Register \"Howard Lutnick\" with aliases \"Howard Latnik\" in facts/registry.yaml (entity kind: person)",
            "Register \"Howard Lutnick\", \"Howard Latnik\" as distinct entities (person) in facts/registry.yaml",
        ]
    );
    // Neither file exists yet: each edit creates its file, then fills it.
    let (accepted, created) = apply(&actions[1]["edit"], &uri(root, "facts/reviewed.yaml"), "");
    assert!(
        created && accepted.contains("accepted:\n      c: 1\n"),
        "{accepted}"
    );
    let (registry, created) = apply(&actions[2]["edit"], &uri(root, "facts/registry.yaml"), "");
    assert!(
        created
            && registry
                .contains("name: Howard Lutnick\n    kind: person\n    aliases: [Howard Latnik]\n"),
        "{registry}"
    );

    // The editor applies the first action's edit to its buffer.
    let edit = &actions[0]["edit"]["changes"][uri(root, "facts/c.yaml")][0];
    assert_eq!(edit["newText"], "Lutnick");
    let fixed = C.replace("Latnik", "Lutnick");
    client.open(root, "facts/c.yaml", C);
    assert_eq!(client.diagnostics_for(root, "facts/c.yaml").len(), 1);
    client.change(root, "facts/c.yaml", 2, &fixed);
    assert_eq!(
        client.diagnostics_for(root, "facts/c.yaml"),
        Vec::<Value>::new()
    );
    assert_eq!(
        std::fs::read_to_string(root.join("facts/c.yaml")).unwrap(),
        C,
        "disk untouched"
    );

    // Closing the buffer falls back to the file on disk.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(root, "facts/c.yaml")}}),
    );
    assert_eq!(client.diagnostics_for(root, "facts/c.yaml").len(), 1);

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(root, "facts/c.yaml")}, "position": {"line": 2, "character": 24}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("\"Latnik\": c") && shown.contains("Likely right: **Lutnick**"),
        "{shown}"
    );

    // The accepting edit creates facts/reviewed.yaml: the editor opens it, unsaved, and the
    // finding is reviewed, shown as a hint.
    client.open(root, "facts/reviewed.yaml", &accepted);
    let reviewed = client.diagnostics_for(root, "facts/c.yaml");
    assert_eq!(reviewed[0]["severity"], 4, "{reviewed:?}");
    assert!(!root.join("facts/reviewed.yaml").exists());
}

/// A registry that knows Howard Lutnick, with a comment that must survive the edits.
const REGISTRY: &str =
    "# Kept by people.\nentities:\n  - id: lutnick\n    name: Howard Lutnick\n    kind: person\n";

/// The registry action whose title starts with `title`, asked on c.yaml's misspelling.
fn registry_action(client: &mut Client, root: &Path, title: &str) -> Value {
    let diagnostics = client.diagnostics_for(root, "facts/c.yaml");
    assert_eq!(
        diagnostics[0]["code"], "spelling-variant",
        "{diagnostics:?}"
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(root, "facts/c.yaml")}, "range": diagnostics[0]["range"],
               "context": {"diagnostics": diagnostics}}),
    );
    let actions = actions["result"].as_array().unwrap();
    let found = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title));
    found
        .unwrap_or_else(|| panic!("no {title} in {actions:?}"))
        .clone()
}

/// Applies a registry action's edit as an editor does, to the open buffer of
/// facts/registry.yaml whose text is `buffer`; returns the edited text.
fn apply_to_registry(client: &mut Client, root: &Path, action: &Value, buffer: &str) -> String {
    let (edited, created) = apply(&action["edit"], &uri(root, "facts/registry.yaml"), buffer);
    assert!(!created, "the registry exists: it is edited, not created");
    client.change(root, "facts/registry.yaml", 2, &edited);
    edited
}

/// The hover text at the `nth` occurrence of `needle` in the file `name` (whose text is `text`).
fn hover(
    client: &mut Client,
    root: &Path,
    name: &str,
    text: &str,
    needle: &str,
    nth: usize,
) -> String {
    let reply = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(root, name)}, "position": position_of(text, needle, nth)}),
    );
    reply["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn registering_a_misspelling_as_an_alias_settles_it() {
    let dir = common::scratch_corpus(&[
        ("facts/a.yaml", A),
        ("facts/b.yaml", B),
        ("facts/c.yaml", C),
        ("facts/registry.yaml", REGISTRY),
    ]);
    let root = dir.path();
    let mut client = Client::start(root);
    client.diagnostics_for(root, "facts/c.yaml");
    // The registry is open with an unsaved line: the edit is made on the buffer, not the disk.
    let buffer = REGISTRY.replace("entities:", "# an unsaved note\nentities:");
    client.open(root, "facts/registry.yaml", &buffer);
    let action = registry_action(
        &mut client,
        root,
        "Register \"Howard Latnik\" as aliases of lutnick in facts/registry.yaml",
    );
    let edited = apply_to_registry(&mut client, root, &action, &buffer);
    assert_eq!(
        edited,
        "# Kept by people.\n# an unsaved note\nentities:\n  - id: lutnick\n    name: Howard Lutnick\n    aliases: [Howard Latnik]\n    kind: person\n"
    );
    assert_eq!(
        client.diagnostics_for(root, "facts/c.yaml"),
        Vec::<Value>::new(),
        "the alias settles the misspelling"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("facts/registry.yaml")).unwrap(),
        REGISTRY,
        "the server writes nothing"
    );
    // The alias is one person: c's claim is in the same fact as a's and b's.
    let shown = hover(&mut client, root, "facts/c.yaml", C, "secretary", 0);
    assert!(
        shown.starts_with("Fact: **Howard Lutnick** · role\n")
            && shown.contains("\"secretary\" (likely right; this claim): a (")
            && shown.contains("c ("),
        "{shown}"
    );
}

#[test]
fn registering_a_misspelling_as_a_distinct_entity_keeps_the_names_apart() {
    let dir = common::scratch_corpus(&[
        ("facts/a.yaml", A),
        ("facts/b.yaml", B),
        ("facts/c.yaml", C),
        ("facts/registry.yaml", REGISTRY),
    ]);
    let root = dir.path();
    let mut client = Client::start(root);
    client.diagnostics_for(root, "facts/c.yaml");
    client.open(root, "facts/registry.yaml", REGISTRY);
    let action = registry_action(
        &mut client,
        root,
        "Register \"Howard Latnik\" as distinct entities (person) in facts/registry.yaml",
    );
    // Before: Latnik is read as a misspelling of Lutnick, so c's role is Lutnick's.
    let before = hover(&mut client, root, "facts/c.yaml", C, "secretary", 0);
    assert!(
        before.starts_with("Fact: **Howard Lutnick** · role\n"),
        "{before}"
    );
    let edited = apply_to_registry(&mut client, root, &action, REGISTRY);
    assert!(
        edited.starts_with(REGISTRY)
            && edited
                .ends_with("  - id: howard-latnik\n    name: Howard Latnik\n    kind: person\n"),
        "{edited}"
    );
    assert_eq!(
        client.diagnostics_for(root, "facts/c.yaml"),
        Vec::<Value>::new(),
        "two people: no misspelling"
    );
    // After: two people, two facts, each with its own sources.
    let c = hover(&mut client, root, "facts/c.yaml", C, "secretary", 0);
    assert!(
        c.starts_with("Fact: **Howard Latnik** · role\n")
            && !c.contains("a (")
            && c.contains("c ("),
        "{c}"
    );
    let a = hover(&mut client, root, "facts/a.yaml", A, "secretary", 0);
    assert!(
        a.starts_with("Fact: **Howard Lutnick** · role\n")
            && a.contains("a (")
            && !a.contains("c ("),
        "{a}"
    );
}

#[test]
fn hovering_a_value_shows_its_fact_group() {
    let d = "source: {id: d, language: en}\nclaims:\n  - {subject: ACME, property: revenue, value: 4.6 billion dollars}\n";
    let dir = common::scratch_corpus(&[
        ("facts/a.yaml", A),
        ("facts/b.yaml", B),
        ("facts/c.yaml", C),
        ("facts/d.yaml", d),
        ("facts/e.yaml", &d.replace("id: d", "id: e")),
    ]);
    let root = dir.path();
    let mut client = Client::start(root);
    client.diagnostics_for(root, "facts/c.yaml");
    let conflicting = A.replace("4.6 billion", "46 billion");
    client.open(root, "facts/a.yaml", &conflicting);
    client.diagnostics_for(root, "facts/c.yaml");
    let shown = hover(
        &mut client,
        root,
        "facts/a.yaml",
        &conflicting,
        "46 billion",
        0,
    );
    let (group, finding) = shown
        .split_once("\n\n---\n\n")
        .expect("the group, then the conflict");
    assert!(
        group.starts_with("Fact: **Acme** · revenue\n")
            && group.contains("\n- \"46 billion dollars\" (this claim): a (")
            && group.contains(" (likely right): b (")
            && group.contains(", d (")
            && group.contains(", e (")
            && group.contains("Likely right: **")
            && group.contains("Findings: value-conflict"),
        "{group}"
    );
    assert!(finding.contains("`value-conflict`"), "{finding}");
    // A value is shown as most claims write it, and the hovered claim as it writes it.
    let b = hover(&mut client, root, "facts/b.yaml", B, "$4.6", 0);
    assert!(
        b.contains(
            "\n- \"4.6 billion dollars\" (likely right; this claim, as \"$4.6 billion\"): b ("
        ),
        "{b}"
    );
    // Each value of the file shows its own fact.
    let role = hover(
        &mut client,
        root,
        "facts/a.yaml",
        &conflicting,
        "secretary",
        0,
    );
    assert!(
        role.starts_with("Fact: **Howard Lutnick** · role\n") && !role.contains("revenue"),
        "{role}"
    );
    // Off a value (on a key) there is no group.
    let off = hover(
        &mut client,
        root,
        "facts/a.yaml",
        &conflicting,
        "revenue",
        0,
    );
    assert_eq!(off, "", "{off}");
}

#[test]
fn a_conflicting_value_shows_on_both_files_and_broken_yaml_is_located() {
    let dir = corpus();
    let root = dir.path();
    let mut client = Client::start(root);
    client.diagnostics_for(root, "facts/c.yaml");
    client.open(
        root,
        "facts/a.yaml",
        &A.replace("4.6 billion", "46 billion"),
    );
    let conflicts = |client: &mut Client, name: &str| {
        let diagnostics = client.diagnostics_for(root, name);
        let is_conflict = |d: &&Value| d["code"] == "value-conflict";
        diagnostics.iter().filter(is_conflict).count()
    };
    assert_eq!(
        ["facts/a.yaml", "facts/b.yaml", "facts/c.yaml"].map(|name| conflicts(&mut client, name)),
        [1, 1, 0],
        "the conflict shows on both files that state the fact"
    );

    client.change(root, "facts/a.yaml", 2, "source: {id: a\nclaims: [\n");
    let broken = client.diagnostics_for(root, "facts/a.yaml");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(
        broken[0]["message"]
            .as_str()
            .unwrap()
            .contains("not valid YAML"),
        "{broken:?}"
    );
    assert_eq!(broken[0]["range"]["start"]["line"], 1);
    client.change(root, "facts/a.yaml", 3, A);
    assert_eq!(
        client.diagnostics_for(root, "facts/a.yaml"),
        Vec::<Value>::new()
    );
}

#[test]
fn bad_input_never_kills_the_server() {
    let dir = corpus();
    let root = dir.path();
    let mut client = Client::start(root);
    client.diagnostics_for(root, "facts/c.yaml");
    client.send_raw("{this is not json");
    let error = client.next();
    assert_eq!(error["error"]["code"], -32700, "{error}");
    let unknown = client.request("textDocument/nonsense", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let huge = format!(
        "source: {{id: a}}\nclaims: []\n# {}\n",
        "x".repeat(50 * 1024 * 1024)
    );
    client.open(root, "facts/a.yaml", &huge);
    let refused = client.diagnostics_for(root, "facts/a.yaml");
    assert!(
        refused[0]["message"].as_str().unwrap().contains("MiB"),
        "{refused:?}"
    );
    // Still serving.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(root, "facts/c.yaml")}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(0));
}

#[test]
fn registering_an_unaligned_fact_makes_the_facts_meet_and_shows_their_conflict() {
    // A French and an English paper give each town's death toll under two wordings.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::copy_dir(
        &common::repository().join("tests/corpora/alignment/death-toll"),
        root,
    );
    let registry = std::fs::read_to_string(root.join("facts/registry.yaml")).unwrap();
    let mut client = Client::start(root);
    let diagnostics = client.diagnostics_for(root, "facts/valley-post.yaml");
    assert_eq!(diagnostics.len(), 5, "one per town: {diagnostics:?}");
    assert!(
        diagnostics
            .iter()
            .all(|d| d["code"] == "unaligned-fact" && d["severity"] == 3),
        "{diagnostics:?}"
    );
    // Each points at the one fact it would meet: the same town's in the other paper.
    for diagnostic in &diagnostics {
        let related = diagnostic["relatedInformation"].as_array().unwrap();
        assert_eq!(related.len(), 1, "{related:?}");
        let place = related[0]["location"]["uri"].as_str().unwrap();
        assert!(place.ends_with("courrier-ardeche.yaml"), "{place}");
    }
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(root, "facts/valley-post.yaml")}, "range": diagnostics[0]["range"],
               "context": {"diagnostics": [diagnostics[0]]}}),
    );
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    let wanted =
        "Register property \"bilan des morts\" with aliases \"death toll\" in facts/registry.yaml";
    assert_eq!(
        titles,
        ["Accept this finding into facts/reviewed.yaml", wanted]
    );
    let action = actions["result"][1].clone();

    client.open(root, "facts/registry.yaml", &registry);
    client.diagnostics_for(root, "facts/valley-post.yaml");
    let edited = apply_to_registry(&mut client, root, &action, &registry);
    assert_eq!(
        edited,
        format!(
            "{registry}properties:\n  - id: bilan-des-morts\n    name: bilan des morts\n    aliases: [death toll]\n"
        )
    );
    // The tolls meet: the only diagnostic left is Aubenas's, 8 here against 6 in the French paper.
    let diagnostics = client.diagnostics_for(root, "facts/valley-post.yaml");
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["value-conflict"], "{diagnostics:?}");
    assert_eq!(
        diagnostics[0]["range"]["start"]["line"], 7,
        "Aubenas's line"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("facts/registry.yaml")).unwrap(),
        registry,
        "the server writes nothing"
    );
}

// ---------------------------------------------------------------------------------------------
// Edits in any order: the server's diagnostics equal a fresh server's on the same texts
// ---------------------------------------------------------------------------------------------

/// The claims a file of the edited corpus may hold: spellings of one name, figures that agree
/// or conflict, two wordings of one remark and another remark, and a line that breaks the YAML.
const CLAIM_LINES: [&str; 9] = [
    "  - {subject: Howard Lutnick, property: role, value: secretary}\n",
    "  - {subject: Howard Latnik, property: role, value: secretary}\n",
    "  - {subject: Acme, property: revenue, value: 4.6 billion dollars}\n",
    "  - {subject: Acme, property: revenue, value: 46 billion dollars}\n",
    "  - {subject: Acme, property: founded, value: March 3, 2001}\n",
    "  - {subject: Howard Lutnick, property: said, kind: quote, value: \"We do not sell them our best, nor our second best\"}\n",
    "  - {subject: Howard Lutnick, property: said, kind: quote, value: \"We don't sell them the best or the second best\"}\n",
    "  - {subject: Howard Lutnick, property: said, kind: quote, value: \"We sell chips\"}\n",
    "  - {subject: Acme, property: founded: value: 2001}\n",
];

/// One file's text: the source `id` with the claim lines `chosen` picks (a bit each of the
/// eight low bits), and the broken line when the three high bits are set (one time in eight).
fn edited_text(id: usize, chosen: u16) -> String {
    let mut text = format!("source: {{id: s{id}, language: en}}\nclaims:\n");
    let (claims, broken) = CLAIM_LINES.split_at(8);
    for (bit, line) in claims.iter().enumerate() {
        if chosen & (1 << bit) != 0 {
            text.push_str(line);
        }
    }
    if chosen >> 13 == 0b111 {
        text.push_str(broken[0]);
    }
    if text.ends_with("claims:\n") {
        text = text.replace("claims:\n", "claims: []\n");
    }
    text
}

/// What an editor and the disk do to the corpus.
#[derive(Clone, Debug)]
enum Edit {
    /// The editor opens or changes a buffer of the file.
    Type(usize, u16),
    /// The editor closes the file's buffer: the disk counts again.
    Close(usize),
    /// The file is written on disk, then the watched-files notification comes.
    Write(usize, u16),
    /// The file is deleted on disk, then the watched-files notification comes.
    Delete(usize),
}

fn edits() -> impl proptest::strategy::Strategy<Value = Vec<Edit>> {
    use proptest::prelude::*;
    let file = 0..4usize;
    let edit = prop_oneof![
        (file.clone(), any::<u16>()).prop_map(|(f, c)| Edit::Type(f, c)),
        file.clone().prop_map(Edit::Close),
        (file.clone(), any::<u16>()).prop_map(|(f, c)| Edit::Write(f, c)),
        file.prop_map(Edit::Delete),
    ];
    proptest::collection::vec(edit, 1..8)
}

/// The diagnostics last published for each file that has some, once the server has taken
/// every message sent so far.
fn settled_diagnostics(client: &mut Client) -> BTreeMap<String, Vec<Value>> {
    client.settle();
    let mut published = client.published.clone();
    published.retain(|_, diagnostics| !diagnostics.is_empty());
    published
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn after_any_edits_the_diagnostics_are_a_fresh_servers(
        start in proptest::collection::vec(proptest::prelude::any::<u16>(), 4),
        edits in edits(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let name = |file: usize| format!("facts/s{file}.yaml");
        std::fs::create_dir_all(root.join("facts")).unwrap();
        for (file, chosen) in start.iter().enumerate().take(3) {
            std::fs::write(root.join(name(file)), edited_text(file, *chosen)).unwrap();
        }
        let mut warm = Client::start(root);
        let mut buffers: BTreeMap<usize, String> = BTreeMap::new();
        let mut version = 1;
        let watched = |client: &mut Client, file: usize, kind: u8| {
            client.notify(
                "workspace/didChangeWatchedFiles",
                json!({"changes": [{"uri": uri(root, &name(file)), "type": kind}]}),
            );
        };
        for edit in &edits {
            match *edit {
                Edit::Type(file, chosen) => {
                    let text = edited_text(file, chosen);
                    if buffers.contains_key(&file) {
                        version += 1;
                        warm.change(root, &name(file), version, &text);
                    } else {
                        warm.open(root, &name(file), &text);
                    }
                    buffers.insert(file, text);
                }
                Edit::Close(file) => {
                    warm.notify(
                        "textDocument/didClose",
                        json!({"textDocument": {"uri": uri(root, &name(file))}}),
                    );
                    buffers.remove(&file);
                }
                Edit::Write(file, chosen) => {
                    std::fs::write(root.join(name(file)), edited_text(file, chosen)).unwrap();
                    watched(&mut warm, file, 2);
                }
                Edit::Delete(file) => {
                    let _ = std::fs::remove_file(root.join(name(file)));
                    watched(&mut warm, file, 3);
                }
            }
        }
        let warm_diagnostics = settled_diagnostics(&mut warm);

        let mut cold = Client::start(root);
        for (file, text) in &buffers {
            cold.open(root, &name(*file), text);
        }
        let cold_diagnostics = settled_diagnostics(&mut cold);
        proptest::prop_assert_eq!(warm_diagnostics, cold_diagnostics, "edits: {:?}", edits);
    }
}

#[test]
fn a_finding_of_many_places_points_each_at_a_few_others() {
    // Six sources give one figure; twelve others give twelve other figures.
    let mut files = Vec::new();
    for n in 0..18 {
        let figure = if n < 6 {
            "4.6".to_string()
        } else {
            format!("{}.1", n + 10)
        };
        files.push((
            format!("facts/s{n}.yaml"),
            format!(
                "source: {{id: s{n}, language: en}}\nclaims:\n  - {{subject: Acme, property: revenue, value: {figure} billion dollars}}\n"
            ),
        ));
    }
    let dir = common::scratch_corpus(&files);
    let root = dir.path();
    let mut client = Client::start(root);
    let diagnostics = client.diagnostics_for(root, "facts/s17.yaml");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let related = diagnostics[0]["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 10, "{related:?}");
    // The figure six sources give names five of them, and how many more.
    let likely = related
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .find(|m| m.starts_with("\"4.6 billion dollars\""))
        .expect("the likely value is among the places shown");
    assert!(
        likely.ends_with(": s0, s1, s2, s3, s4 and 1 more"),
        "{likely}"
    );
}
