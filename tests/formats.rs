//! The machine formats: SARIF 2.1.0 validates against the official schema (pinned in
//! `tests/sarif-schema-2.1.0.json`), and GitHub workflow commands point at the finding's line.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// `concord ARGS… REPOSITORY`, on the seeds: the exit status and standard output.
fn on_the_seeds(args: &[&str]) -> (i32, String) {
    let mut all = args.to_vec();
    all.push(env!("CARGO_MANIFEST_DIR"));
    let run = common::concord(&all, ".");
    (run.status, run.stdout)
}

/// Validates `document` against the pinned schema with Python's `jsonschema` (Draft 7); returns
/// the validation errors. (The official schema writes one pattern with an unbalanced `]`, which
/// stricter validators refuse to compile.)
fn sarif_errors(document: &str) -> Vec<String> {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sarif-schema-2.1.0.json");
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        errors = jsonschema.Draft7Validator(schema).iter_errors(json.load(sys.stdin))\n\
        print('\\n'.join(f'{list(e.absolute_path)}: {e.message}' for e in errors))";
    let mut child = Command::new("python3")
        .args(["-c", script, schema])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(document.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the validator failed (is python3's jsonschema installed? `python3 -m pip install jsonschema`): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    for command in ["check", "report"] {
        let (status, stdout) = on_the_seeds(&[command, "--format", "sarif", "--no-baseline"]);
        assert_eq!(status, 1);
        let errors = sarif_errors(&stdout);
        assert!(errors.is_empty(), "{errors:#?}");
        let document: Value = serde_json::from_str(&stdout).unwrap();
        let results = document["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 4, "the seeds' four findings");
        assert!(results.iter().any(|r| r["ruleId"] == "spelling-variant"
            && r["partialFingerprints"]["concord/v1"] == "spelling-variant:lutnick"));
    }
    // With the baseline, reviewed findings are suppressed results, and the document still validates.
    let (status, stdout) = on_the_seeds(&["check", "--format", "sarif"]);
    assert_eq!(status, 0);
    assert!(sarif_errors(&stdout).is_empty());
    let document: Value = serde_json::from_str(&stdout).unwrap();
    let results = document["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .all(|r| r["suppressions"][0]["kind"] == "external")
    );
    // A document that breaks the schema is caught, so the check can fail.
    let broken = stdout.replacen("\"version\": \"2.1.0\"", "\"version\": \"9\"", 1);
    assert!(!sarif_errors(&broken).is_empty());
}

#[test]
fn github_commands_point_at_the_lines_of_unreviewed_findings() {
    let (status, stdout) = on_the_seeds(&["check", "--format", "github", "--no-baseline"]);
    assert_eq!(status, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    let spelling = lines
        .iter()
        .find(|l| l.contains("title=concord spelling-variant"))
        .expect("the spelling variant");
    assert!(
        spelling.starts_with("::error file=facts/gate.yaml,line="),
        "{spelling}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::notice ") && l.contains("case-variant"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning ") && l.contains("quote-variant"))
    );
    // Reviewed findings are not annotated.
    let (status, stdout) = on_the_seeds(&["check", "--format", "github"]);
    assert_eq!(status, 0);
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn each_sarif_result_is_located_at_its_finding_in_file_line_and_column() {
    let (status, stdout) = on_the_seeds(&["check", "--format", "sarif", "--no-baseline"]);
    assert_eq!(status, 1);
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    let (_, json) = on_the_seeds(&["check", "--format", "json", "--no-baseline"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let (_, github) = on_the_seeds(&["check", "--format", "github", "--no-baseline"]);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4, "{stdout}");
    for result in results {
        let rule = result["ruleId"].as_str().unwrap();
        let locations = result["locations"]
            .as_array()
            .unwrap_or_else(|| panic!("{rule}: a result without locations: {result:#}"));
        assert_eq!(locations.len(), 1, "{rule}: {result:#}");
        let place = &locations[0]["physicalLocation"];
        let file = place["artifactLocation"]["uri"].as_str().expect("a uri");
        let line = place["region"]["startLine"].as_u64().expect("a line");
        let column = place["region"]["startColumn"].as_u64().expect("a column");

        // The place is one of the finding's own occurrences, of a form other than the one
        // it suggests (the form to look at).
        let finding = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["fingerprint"] == result["partialFingerprints"]["concord/v1"])
            .expect("the JSON finding of the SARIF result");
        let variant = finding["variants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| {
                v["locations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|l| l["file"] == file && l["line"] == line && l["column"] == column)
            })
            .unwrap_or_else(|| {
                panic!("{rule}: {file}:{line}:{column} is no occurrence of {finding:#}")
            });
        assert_ne!(variant["text"], finding["suggestion"]["text"], "{rule}");

        // The file says that form there.
        let text = std::fs::read_to_string(common::repository().join(file)).unwrap();
        let at: String = text
            .lines()
            .nth(line as usize - 1)
            .expect("the line exists")
            .chars()
            .skip(column as usize - 1)
            .collect();
        let form = variant["text"].as_str().unwrap();
        assert!(
            at.contains(form),
            "{rule}: {file}:{line}:{column} reads {at:?}, not {form:?}"
        );

        // The GitHub annotation of the same finding points at the same place.
        let annotation = format!("file={file},line={line},col={column},title=concord {rule}::");
        assert!(github.contains(&annotation), "{annotation} in:\n{github}");
    }
    // The example of the README: `Latnik` at facts/gate.yaml:10:14.
    let spelling = results
        .iter()
        .find(|r| r["ruleId"] == "spelling-variant")
        .unwrap();
    let place = &spelling["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "facts/gate.yaml");
    assert_eq!(
        (
            &place["region"]["startLine"],
            &place["region"]["startColumn"]
        ),
        (&Value::from(10), &Value::from(14))
    );
}
