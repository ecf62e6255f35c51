//! Text output, shaped like a compiler's diagnostics: severity and code, message, the line that
//! holds the problem with the span underlined, then notes.

use std::fmt::Write;

use colored::Colorize;
use similar::{ChangeTag, TextDiff};

use super::Report;
use crate::diagnostic::{InputError, SourceTexts};
use concord_engine::finding::{Finding, FindingCode, Severity};
use concord_engine::model::Location;

/// How many characters of a long line are shown on each side of the span.
const LINE_CONTEXT: usize = 60;

/// Options of the text renderer.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextOptions {
    /// Show the signals and scores behind each finding.
    pub explain: bool,
}

pub fn render(report: &Report, texts: &SourceTexts, options: TextOptions) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        render_finding(&mut out, finding, texts, options);
        out.push('\n');
    }
    if let Some(groups) = &report.groups {
        render_groups(&mut out, report, groups, options);
    }
    for warning in &report.warnings {
        let _ = writeln!(
            out,
            "{}: {}",
            "warning".yellow().bold(),
            warning.message.bold()
        );
        snippet(&mut out, texts, &warning.location, 1);
        out.push('\n');
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} sources, {} claims, {} facts ({} corroborated): {}, {}, {} info; {} reviewed{}",
        s.sources,
        s.claims,
        s.facts,
        s.corroborated,
        plural(s.findings.error, "error"),
        plural(s.findings.warning, "warning"),
        s.findings.info,
        s.reviewed,
        match report.warnings.len() {
            0 => String::new(),
            n => format!("; {}", plural(n, "baseline warning")),
        }
    );
    out
}

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn severity_label(severity: Severity) -> colored::ColoredString {
    match severity {
        Severity::Error => "error".red().bold(),
        Severity::Warning => "warning".yellow().bold(),
        Severity::Info => "info".cyan().bold(),
    }
}

/// One finding: its header, the line that holds it, its variants, diff and suggestion.
pub fn render_finding(
    out: &mut String,
    finding: &Finding,
    texts: &SourceTexts,
    options: TextOptions,
) {
    let reviewed = if finding.reviewed {
        " (reviewed)".dimmed().to_string()
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{}[{}]: {}{reviewed}",
        severity_label(finding.severity),
        finding.code.name(),
        finding.message.bold()
    );
    if let Some(location) = super::focus_location(finding) {
        let text = finding
            .variants
            .iter()
            .find(|v| v.locations.contains(location))
            .map_or("", |v| v.text.as_str());
        let skip = super::span_skip(texts, location, text);
        snippet_from(out, texts, location, skip, text.chars().count());
    }
    for variant in &finding.variants {
        let places: Vec<String> = variant.locations.iter().map(Location::to_string).collect();
        let text = if variant.text.is_empty() {
            "(nothing close)".to_string()
        } else {
            format!("\"{}\"", variant.text)
        };
        let _ = writeln!(
            out,
            "   {} {text}: {} at {}",
            "=".blue().bold(),
            if variant.sources.is_empty() {
                "the registry".to_string()
            } else {
                variant.sources.join(", ")
            },
            places.join(", ")
        );
    }
    if matches!(
        finding.code,
        FindingCode::QuoteVariant | FindingCode::ValueConflict | FindingCode::EvidenceMissing
    ) && finding.variants.len() >= 2
    {
        let _ = writeln!(
            out,
            "   {} diff: {}",
            "=".blue().bold(),
            word_diff(&finding.variants[0].text, &finding.variants[1].text)
        );
    }
    if let Some(suggestion) = &finding.suggestion {
        let _ = writeln!(
            out,
            "   {} suggestion: \"{}\" (confidence {:.2})",
            "=".blue().bold(),
            suggestion.text.green(),
            suggestion.confidence
        );
    }
    if let Some(beyond) = &finding.beyond_baseline {
        for excess in &beyond.sources {
            let _ = writeln!(
                out,
                "   {} not reviewed: {} writes the accepted forms {} where the baseline entry at {} accepts {}",
                "=".blue().bold(),
                excess.source,
                plural(excess.found, "time"),
                beyond.entry,
                excess.accepted
            );
        }
    }
    if options.explain {
        for line in &finding.explain {
            let _ = writeln!(out, "   {} explain: {line}", "=".blue().bold());
        }
        let _ = writeln!(
            out,
            "   {} fingerprint: {}",
            "=".blue().bold(),
            finding.fingerprint
        );
    }
}

/// A word diff from `old` to `new`: removed words red, added words green; without color,
/// `[-removed-]` and `{+added+}` as `git diff --word-diff` writes them.
pub fn word_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    // Runs of one kind of change, so that a reworded phrase shows as one removal and one addition.
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, text)) if *tag == change.tag() => text.push_str(change.value()),
            _ => runs.push((change.tag(), change.value().to_string())),
        }
    }
    let colored = colored::control::SHOULD_COLORIZE.should_colorize();
    let mut out = String::new();
    for (tag, text) in runs {
        let _ = match tag {
            ChangeTag::Equal => write!(out, "{text}"),
            ChangeTag::Delete if colored => write!(out, "{}", text.red().strikethrough()),
            ChangeTag::Insert if colored => write!(out, "{}", text.green().underline()),
            ChangeTag::Delete => write!(out, "[-{text}-]"),
            ChangeTag::Insert => write!(out, "{{+{text}+}}"),
        };
    }
    out
}

fn render_groups(out: &mut String, report: &Report, groups: &[super::Group], options: TextOptions) {
    let _ = writeln!(out, "{}", "facts".bold());
    for group in groups {
        let qualifiers: Vec<String> = [("when", &group.when), ("where", &group.place)]
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
            .collect();
        let qualifiers = if qualifiers.is_empty() {
            String::new()
        } else {
            format!(" ({})", qualifiers.join(", "))
        };
        let _ = writeln!(
            out,
            "  {} / {}{qualifiers}",
            group.subject.bold(),
            group.property
        );
        for value in &group.values {
            let _ = writeln!(out, "    \"{}\": {}", value.text, value.sources.join(", "));
        }
        if let Some(suggestion) = &group.suggestion {
            let _ = writeln!(
                out,
                "    suggestion: \"{}\" (confidence {:.2})",
                suggestion.text, suggestion.confidence
            );
        }
        if options.explain {
            for reason in &group.explain {
                let _ = writeln!(out, "    explain: {reason}");
            }
        }
    }
    if let Some(sources) = &report.sources {
        let _ = writeln!(out, "{}", "sources".bold());
        for source in sources {
            let _ = writeln!(
                out,
                "  {}: {} claims, reliability {:.2}",
                source.id, source.claims, source.reliability
            );
        }
    }
    out.push('\n');
}

/// Renders every input error, each with its line and a caret.
pub fn render_errors(errors: &[InputError], texts: &SourceTexts, consequence: &str) -> String {
    let mut out = String::new();
    for error in errors {
        let _ = writeln!(out, "{}: {}", "error".red().bold(), error.message.bold());
        if error.at.line == 0 {
            let _ = writeln!(out, "  {} {}", "-->".blue().bold(), error.at.file);
        } else {
            snippet(&mut out, texts, &error.at, error.width);
        }
        if let Some(help) = &error.help {
            let _ = writeln!(out, "   {} help: {help}", "=".blue().bold());
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}: {} in the input; {consequence}",
        "error".red().bold(),
        plural(errors.len(), "problem")
    );
    out
}

/// `--> file:line:col`, the line (cut around the span when long) and a caret line under the span.
fn snippet(out: &mut String, texts: &SourceTexts, at: &Location, width: impl TryInto<usize>) {
    snippet_from(out, texts, at, 0, width);
}

/// [`snippet`], the carets `skip` characters after the column of `at`.
fn snippet_from(
    out: &mut String,
    texts: &SourceTexts,
    at: &Location,
    skip: usize,
    width: impl TryInto<usize>,
) {
    let _ = writeln!(out, "  {} {at}", "-->".blue().bold());
    let Some(line) = texts.line(&at.file, at.line) else {
        return;
    };
    let width = width.try_into().unwrap_or(1).max(1);
    let chars: Vec<char> = line.chars().collect();
    let column = (at.column as usize).saturating_sub(1) + skip;
    let start = column.saturating_sub(LINE_CONTEXT);
    let end = (column + width + LINE_CONTEXT).min(chars.len());
    let mut shown: String = chars[start.min(end)..end]
        .iter()
        .collect::<String>()
        .replace('\t', " ");
    let mut caret_at = column - start;
    if start > 0 {
        shown.insert(0, '…');
        caret_at += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    let number = at.line.to_string();
    let pad = " ".repeat(number.len());
    let bar = "|".blue().bold();
    let _ = writeln!(out, " {pad} {bar}");
    let _ = writeln!(out, " {} {bar} {shown}", number.blue().bold());
    let visible = width.min(chars.len().saturating_sub(column)).max(1);
    let _ = writeln!(
        out,
        " {pad} {bar} {}{}",
        " ".repeat(caret_at),
        "^".repeat(visible).red().bold()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_word_diff_marks_changed_words() {
        colored::control::set_override(false);
        assert_eq!(
            word_diff("ni le meilleur produit", "ni le pire produit"),
            "ni le [-meilleur-]{+pire+} produit"
        );
    }

    #[test]
    fn snippet_cuts_long_lines_around_the_span() {
        colored::control::set_override(false);
        let mut texts = SourceTexts::default();
        let line = format!("{}Latnik{}", "a".repeat(200), "b".repeat(200));
        texts.insert("x".into(), line.into());
        let mut out = String::new();
        snippet(
            &mut out,
            &texts,
            &Location {
                file: "x".into(),
                line: 1,
                column: 201,
            },
            6usize,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[2].contains("…aaaa") && lines[2].contains("Latnikbbb") && lines[2].ends_with('…')
        );
        let caret_column = lines[3].find('^').unwrap();
        assert_eq!(
            &lines[2][caret_column + 2..caret_column + 8],
            "Latnik",
            "{out}"
        );
    }
}
