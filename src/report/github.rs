//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message` line per
//! unreviewed finding, so that findings show on the lines of a pull request.

use std::fmt::Write;

use super::Report;
use concord_engine::finding::{Finding, Severity};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in report.findings.iter().filter(|f| !f.reviewed) {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = Vec::new();
        if let Some(location) = super::focus_location(finding) {
            properties.push(format!("file={}", escape_property(&location.file)));
            properties.push(format!("line={}", location.line));
            properties.push(format!("col={}", location.column));
        }
        properties.push(format!("title={}", escape_property(&title(finding))));
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message(finding))
        );
    }
    out
}

fn title(finding: &Finding) -> String {
    format!("concord {}", finding.code.name())
}

/// The message with the other forms and the suggestion, on one logical line.
fn message(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if let Some(suggestion) = &finding.suggestion {
        let _ = write!(
            text,
            "\nsuggestion: {} (confidence {:.2})",
            suggestion.text, suggestion.confidence
        );
    }
    text
}

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_workflow_commands_reserve() {
        assert_eq!(escape_data("50% off\nnext"), "50%25 off%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
