//! SARIF 2.1.0, for code-scanning dashboards: one run, one rule per finding code, one result per
//! finding. Reviewed findings carry an external suppression.

use serde_json::{Value, json};

use super::Report;
use concord_engine::finding::{Finding, FindingCode, Severity};
use concord_engine::model::Location;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = FindingCode::NAMES
        .iter()
        .map(|name| {
            let code = FindingCode::parse(name).expect("listed codes parse");
            json!({
                "id": name,
                "shortDescription": {"text": description(code)},
                "defaultConfiguration": {"level": level(code.default_severity())},
            })
        })
        .collect();
    let results: Vec<Value> = report.findings.iter().map(result).collect();
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "concord",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&document).expect("SARIF serialises");
    text.push('\n');
    text
}

fn result(finding: &Finding) -> Value {
    let focus = super::focus_location(finding);
    let related: Vec<Value> = finding
        .variants
        .iter()
        .flat_map(|v| v.locations.iter().map(move |l| (v, l)))
        .filter(|(_, l)| Some(*l) != focus)
        .enumerate()
        .map(|(i, (variant, l))| {
            let mut related = physical(l);
            related["id"] = json!(i);
            related["message"] =
                json!({"text": format!("\"{}\" ({})", variant.text, variant.sources.join(", "))});
            related
        })
        .collect();
    let mut value = json!({
        "ruleId": finding.code.name(),
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": focus.map(physical).into_iter().collect::<Vec<_>>(),
        "partialFingerprints": {"concord/v1": finding.fingerprint},
    });
    if !related.is_empty() {
        value["relatedLocations"] = json!(related);
    }
    if finding.reviewed {
        value["suppressions"] =
            json!([{"kind": "external", "justification": "reviewed in the baseline"}]);
    }
    value
}

fn physical(location: &Location) -> Value {
    let mut region = json!({"startLine": location.line.max(1)});
    if location.column > 0 {
        region["startColumn"] = json!(location.column);
    }
    json!({"physicalLocation": {
        "artifactLocation": {"uri": location.file.as_ref()},
        "region": region,
    }})
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn description(code: FindingCode) -> &'static str {
    match code {
        FindingCode::SpellingVariant => "One entity's name is spelled two ways",
        FindingCode::ConfusableVariant => {
            "Two forms are equal once look-alike characters are folded"
        }
        FindingCode::CaseVariant => "Two forms differ only in letter case, accents or spacing",
        FindingCode::ValueConflict => "Sources give incompatible values for the same fact",
        FindingCode::QuoteVariant => "One quotation is worded differently in two places",
        FindingCode::EvidenceMissing => "A claim's evidence does not occur in its article",
        FindingCode::ValueUnsupported => "A claim's value is not what its own evidence says",
        FindingCode::UnalignedFact => {
            "Two facts probably state one thing under different wordings, so are never compared"
        }
    }
}
