//! The consistency report as one self-contained HTML page (`report --format html`): a summary,
//! the findings as cards with the article sentences that carry each variant, the source × fact
//! matrix, and each source's reliability. Styles, script and charts are inline, so no request
//! leaves the page. The page is a template (`html/page.html`, minijinja) filled from a view of
//! the report built here.

use std::collections::BTreeSet;

use concord_engine::analysis::Group;
use concord_engine::baseline;
use concord_engine::finding::{Finding, Variant};
use concord_engine::model::{Corpus, Location};
use concord_engine::normalise::text::fold_key;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use super::Report;
use crate::diagnostic::SourceTexts;

/// How many finding cards a page shows at most; past that it says how many it left out (the
/// JSON report has them all).
const MAX_CARDS: usize = 2_000;
/// How many contested facts the matrix shows, and how many facts at most on demand.
const MAX_CONTESTED_COLUMNS: usize = 60;
const MAX_COLUMNS: usize = 300;
/// How many sources the matrix shows at most (the most disagreeing first).
const MAX_ROWS: usize = 200;
/// How many article sentences a variant shows at most.
const MAX_SENTENCES: usize = 3;
/// How many characters of a sentence are shown on each side of the marked words.
const SENTENCE_CONTEXT: usize = 240;

const TEMPLATE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");

/// The page for `report` (which must hold the groups and sources of a full report).
pub fn render(report: &Report, corpus: &Corpus, texts: &SourceTexts) -> String {
    let page = Page::of(report, corpus, texts);
    let mut env = minijinja::Environment::new();
    env.add_template("page.html", TEMPLATE)
        .expect("the page template parses");
    env.get_template("page.html")
        .and_then(|t| t.render(&page))
        .expect("the page renders")
}

#[derive(Serialize)]
struct Page<'a> {
    style: &'static str,
    script: &'static str,
    summary: SummaryView,
    codes: Vec<&'static str>,
    source_ids: Vec<&'a str>,
    findings: Vec<Card>,
    findings_total: usize,
    matrix: Matrix,
    sources: Vec<SourceCard>,
}

#[derive(Serialize)]
struct SummaryView {
    sources: usize,
    claims: usize,
    facts: usize,
    corroborated: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    reviewed: usize,
    unreviewed: usize,
    /// The findings by severity as bars of an inline SVG chart.
    bars: Vec<Bar>,
}

#[derive(Serialize)]
struct Bar {
    label: &'static str,
    count: usize,
    /// Width in the chart's units (0 to 100).
    width: f64,
    y: usize,
}

#[derive(Serialize)]
struct Card {
    id: String,
    code: &'static str,
    severity: &'static str,
    message: String,
    reviewed: bool,
    note: Option<String>,
    beyond: Option<String>,
    sources: String,
    search: String,
    variants: Vec<VariantView>,
    suggestion: Option<String>,
    confidence: Option<String>,
}

#[derive(Serialize)]
struct VariantView {
    text: String,
    suggested: bool,
    sources: String,
    places: Vec<String>,
    sentences: Vec<Sentence>,
}

/// An article sentence (or a claim's evidence) that carries a variant, cut into pieces, the
/// words that differ from the suggestion marked.
#[derive(Serialize)]
struct Sentence {
    place: String,
    pieces: Vec<Piece>,
    /// The article's address with a text fragment that scrolls to the sentence.
    link: Option<String>,
}

#[derive(Serialize)]
struct Piece {
    text: String,
    marked: bool,
}

#[derive(Serialize)]
struct Matrix {
    columns: Vec<Column>,
    rows: Vec<Row>,
    contested: usize,
    facts: usize,
    rows_total: usize,
}

#[derive(Serialize)]
struct Column {
    label: String,
    contested: bool,
}

#[derive(Serialize)]
struct Row {
    source: String,
    reliability: f64,
    disagreements: usize,
    cells: Vec<&'static str>,
}

#[derive(Serialize)]
struct SourceCard {
    id: String,
    outlet: Option<String>,
    url: Option<String>,
    article: Option<String>,
    claims: usize,
    reliability: f64,
    percent: String,
    agreements: usize,
    disagreements: usize,
}

impl<'a> Page<'a> {
    fn of(report: &'a Report, corpus: &'a Corpus, texts: &SourceTexts) -> Self {
        let s = &report.summary;
        let reviewed = report.findings.iter().filter(|f| f.reviewed).count();
        let counts = [
            ("errors", s.findings.error),
            ("warnings", s.findings.warning),
            ("info", s.findings.info),
        ];
        let most = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
        let bars = counts
            .iter()
            .enumerate()
            .map(|(i, &(label, count))| Bar {
                label,
                count,
                width: (count as f64 / most as f64 * 100.0).round(),
                y: i * 22,
            })
            .collect();
        let groups: &[Group] = report.groups.as_deref().unwrap_or_default();
        let mut codes: Vec<&'static str> = report.findings.iter().map(|f| f.code.name()).collect();
        codes.sort_unstable();
        codes.dedup();
        Page {
            style: STYLE,
            script: SCRIPT,
            summary: SummaryView {
                sources: s.sources,
                claims: s.claims,
                facts: s.facts,
                corroborated: s.corroborated,
                errors: s.findings.error,
                warnings: s.findings.warning,
                infos: s.findings.info,
                reviewed,
                unreviewed: report.findings.len() - reviewed,
                bars,
            },
            codes,
            source_ids: corpus.sources.iter().map(|s| s.id.value.as_str()).collect(),
            findings: report
                .findings
                .iter()
                .take(MAX_CARDS)
                .enumerate()
                .map(|(i, f)| Card::of(i, f, corpus, texts))
                .collect(),
            findings_total: report.findings.len(),
            matrix: Matrix::of(report, groups),
            sources: source_cards(report, corpus, groups),
        }
    }
}

impl Card {
    fn of(index: usize, finding: &Finding, corpus: &Corpus, texts: &SourceTexts) -> Self {
        let suggested = finding.suggestion.as_ref().map(|s| s.text.as_str());
        let note = finding.reviewed.then(|| {
            corpus
                .reviewed
                .iter()
                .find(|e| baseline::matches(e, finding))
                .and_then(|e| e.note.clone())
        });
        let mut sources: BTreeSet<&str> = BTreeSet::new();
        for variant in &finding.variants {
            sources.extend(variant.sources.iter().map(String::as_str));
        }
        let search = fold_key(&format!(
            "{} {} {}",
            finding.message,
            finding.code.name(),
            finding
                .variants
                .iter()
                .map(|v| v.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ));
        Card {
            id: format!("finding-{}", index + 1),
            code: finding.code.name(),
            severity: finding.severity.name(),
            message: finding.message.clone(),
            reviewed: finding.reviewed,
            note: note.flatten(),
            beyond: finding.beyond_baseline.as_ref().map(|b| {
                let names: Vec<&str> = b.sources.iter().map(|s| s.source.as_str()).collect();
                format!(
                    "not reviewed: {} now write the accepted forms more often than the baseline entry at {} accepts",
                    names.join(", "),
                    b.entry
                )
            }),
            sources: sources.into_iter().collect::<Vec<_>>().join(" "),
            search,
            variants: finding
                .variants
                .iter()
                .map(|v| VariantView {
                    text: v.text.clone(),
                    suggested: Some(v.text.as_str()) == suggested,
                    sources: v.sources.join(", "),
                    places: v.locations.iter().map(Location::to_string).collect(),
                    sentences: sentences(v, suggested, corpus, texts),
                })
                .collect(),
            suggestion: finding.suggestion.as_ref().map(|s| s.text.clone()),
            confidence: finding
                .suggestion
                .as_ref()
                .map(|s| format!("{:.0} %", s.confidence * 100.0)),
        }
    }
}

/// The article sentences that carry `variant`: around each of its places in an article, else
/// where its text stands in the articles of its sources, else the evidence of its claims.
fn sentences(
    variant: &Variant,
    suggested: Option<&str>,
    corpus: &Corpus,
    texts: &SourceTexts,
) -> Vec<Sentence> {
    if variant.text.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Sentence> = Vec::new();
    let marks = |text: &str| differing_words(&variant.text, suggested.unwrap_or(text));
    for location in &variant.locations {
        if found.len() == MAX_SENTENCES {
            break;
        }
        let source = corpus.sources.iter().find(|s| {
            s.article
                .as_ref()
                .is_some_and(|a| a.path.value == *location.file)
        });
        if let Some(source) = source
            && let Some(line) = texts.line(&location.file, location.line)
        {
            let at = line
                .char_indices()
                .nth(location.column.saturating_sub(1) as usize)
                .map_or(0, |(i, _)| i);
            found.push(sentence_at(
                line,
                at,
                &variant.text,
                &marks(&variant.text),
                location.to_string(),
                source.url.as_deref(),
            ));
            continue;
        }
        // A place in a source file: the claim there, and its evidence or its article.
        let claim = corpus.sources.iter().find_map(|s| {
            (s.id.at.file == location.file)
                .then(|| {
                    s.claims
                        .iter()
                        .find(|c| c.value.at == *location)
                        .map(|c| (s, c))
                })
                .flatten()
        });
        let Some((source, claim)) = claim else {
            continue;
        };
        let in_article = source.article.as_ref().and_then(|article| {
            let at = article.text.find(&variant.text)?;
            let (line_start, line) = line_around(&article.text, at);
            let (line_number, column) =
                concord_engine::normalise::text::line_column(&article.text, at);
            Some(sentence_at(
                line,
                at - line_start,
                &variant.text,
                &marks(&variant.text),
                format!("{}:{line_number}:{column}", article.path.value),
                source.url.as_deref(),
            ))
        });
        let from_evidence = || {
            let evidence = claim.evidence.as_ref()?;
            let at = evidence.value.find(&variant.text).unwrap_or(0);
            Some(sentence_at(
                &evidence.value,
                at,
                &variant.text,
                &marks(&variant.text),
                evidence.at.to_string(),
                source.url.as_deref(),
            ))
        };
        if let Some(sentence) = in_article.or_else(from_evidence)
            && !found.iter().any(|f| f.place == sentence.place)
        {
            found.push(sentence);
        }
    }
    found
}

/// The line of `text` that holds byte `at`, with the byte offset where it starts.
fn line_around(text: &str, at: usize) -> (usize, &str) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, &text[start..end])
}

/// The words of `variant` that are not in `suggested` (all of them when it is the suggestion
/// itself: nothing is marked then).
fn differing_words(variant: &str, suggested: &str) -> Vec<String> {
    if variant == suggested {
        return Vec::new();
    }
    TextDiff::from_words(suggested, variant)
        .iter_all_changes()
        .filter(|c| c.tag() == ChangeTag::Insert)
        .map(|c| c.value().trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The sentence of `line` around byte `at`, with the words of `marked` marked where the
/// variant `text` stands.
fn sentence_at(
    line: &str,
    at: usize,
    text: &str,
    marked: &[String],
    place: String,
    url: Option<&str>,
) -> Sentence {
    let at = floor_boundary(line, at.min(line.len()));
    let ends = |c: char| matches!(c, '.' | '!' | '?');
    let start = line[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(c) && line[i + 1..].starts_with(' '))
        .map_or(0, |(i, _)| i + 2)
        .max(floor_boundary(line, at.saturating_sub(SENTENCE_CONTEXT)));
    let stop = at + text.len().min(line.len() - at);
    let end = line[stop..]
        .char_indices()
        .find(|&(_, c)| ends(c))
        .map_or(line.len(), |(i, c)| stop + i + c.len_utf8())
        .min(floor_boundary(
            line,
            (stop + SENTENCE_CONTEXT).min(line.len()),
        ));
    let sentence = line[start..end].trim();
    let offset = line[start..end].len() - line[start..end].trim_start().len();
    // The variant's span, relative to the sentence.
    let span_start = (at - start).saturating_sub(offset).min(sentence.len());
    let span_end = floor_boundary(sentence, (span_start + text.len()).min(sentence.len()));
    let mut pieces = Vec::new();
    let mut push = |text: &str, marked: bool| {
        if !text.is_empty() {
            pieces.push(Piece {
                text: text.to_string(),
                marked,
            });
        }
    };
    push(&sentence[..span_start], false);
    for word in sentence[span_start..span_end].split_inclusive(' ') {
        let bare = word.trim_end();
        push(bare, !bare.is_empty() && marked.iter().any(|m| m == bare));
        push(&word[bare.len()..], false);
    }
    push(&sentence[span_end..], false);
    let link = url.map(|url| {
        let words: Vec<&str> = sentence.split_whitespace().take(8).collect();
        format!("{url}#:~:text={}", percent_encode(&words.join(" ")))
    });
    Sentence {
        place,
        pieces,
        link,
    }
}

/// `index`, or the nearest char boundary before it.
fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A text fragment directive's text, percent-encoded (letters, digits and `-._~` kept).
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Matrix {
    fn of(report: &Report, groups: &[Group]) -> Self {
        let mut ordered: Vec<&Group> = groups.iter().collect();
        // Contested facts first, the most disputed (most values, then most sources) first.
        ordered.sort_by_key(|g| {
            let sources: usize = g.values.iter().map(|v| v.sources.len()).sum();
            (
                std::cmp::Reverse(g.values.len().min(2)),
                std::cmp::Reverse(g.values.len()),
                std::cmp::Reverse(sources),
            )
        });
        let contested = groups.iter().filter(|g| g.values.len() >= 2).count();
        let shown: Vec<&Group> = ordered
            .into_iter()
            .enumerate()
            .filter(|(i, g)| {
                if g.values.len() >= 2 {
                    *i < MAX_CONTESTED_COLUMNS
                } else {
                    *i < MAX_COLUMNS
                }
            })
            .map(|(_, g)| g)
            .collect();
        let mut rows: Vec<Row> = report
            .sources
            .iter()
            .flatten()
            .map(|source| {
                let cells: Vec<&'static str> = shown.iter().map(|g| cell(g, &source.id)).collect();
                let disagreements = cells
                    .iter()
                    .zip(&shown)
                    .filter(|(c, g)| **c == "disagrees" && g.values.len() >= 2)
                    .count();
                Row {
                    source: source.id.clone(),
                    reliability: source.reliability,
                    disagreements,
                    cells,
                }
            })
            .collect();
        let rows_total = rows.len();
        rows.sort_by_key(|r| std::cmp::Reverse(r.disagreements));
        rows.truncate(MAX_ROWS);
        Matrix {
            columns: shown
                .iter()
                .map(|g| Column {
                    label: format!("{} / {}", g.subject, g.property),
                    contested: g.values.len() >= 2,
                })
                .collect(),
            rows,
            contested,
            facts: groups.len(),
            rows_total,
        }
    }
}

/// What `source` says of a fact: `agrees` with the suggestion, `disagrees`, or `silent`.
fn cell(group: &Group, source: &str) -> &'static str {
    let suggested = group.suggestion.as_ref().map(|s| s.text.as_str());
    match group
        .values
        .iter()
        .find(|v| v.sources.iter().any(|s| s == source))
    {
        None => "silent",
        Some(v) if Some(v.text.as_str()) == suggested || group.values.len() < 2 => "agrees",
        Some(_) => "disagrees",
    }
}

fn source_cards(report: &Report, corpus: &Corpus, groups: &[Group]) -> Vec<SourceCard> {
    let mut cards: Vec<SourceCard> = report
        .sources
        .iter()
        .flatten()
        .map(|summary| {
            let source = corpus.sources.iter().find(|s| s.id.value == summary.id);
            let contested = groups.iter().filter(|g| g.values.len() >= 2);
            let (mut agreements, mut disagreements) = (0, 0);
            for group in contested {
                match cell(group, &summary.id) {
                    "agrees" => agreements += 1,
                    "disagrees" => disagreements += 1,
                    _ => {}
                }
            }
            SourceCard {
                id: summary.id.clone(),
                outlet: source.and_then(|s| s.outlet.clone()),
                url: source.and_then(|s| s.url.clone()),
                article: source.and_then(|s| s.article.as_ref().map(|a| a.path.value.clone())),
                claims: summary.claims,
                reliability: summary.reliability,
                percent: format!("{:.0}", summary.reliability * 100.0),
                agreements,
                disagreements,
            }
        })
        .collect();
    cards.sort_by(|a, b| {
        b.reliability
            .total_cmp(&a.reliability)
            .then(a.id.cmp(&b.id))
    });
    cards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_marks_only_the_words_that_differ() {
        let line = "Le H20 est vendu. Le ministre Howard Latnik a parlé. Puis rien.";
        let at = line.find("Latnik").unwrap();
        let s = sentence_at(
            line,
            at,
            "Latnik",
            &differing_words("Latnik", "Lutnick"),
            "x".into(),
            None,
        );
        let text: String = s.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "Le ministre Howard Latnik a parlé.");
        let marked: Vec<&str> = s
            .pieces
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.trim())
            .collect();
        assert_eq!(marked, ["Latnik"]);
    }

    #[test]
    fn the_suggested_variant_marks_nothing() {
        assert!(differing_words("Lutnick", "Lutnick").is_empty());
        assert_eq!(
            differing_words("$42 billion", "4.2 billion dollars"),
            ["$42"]
        );
    }

    #[test]
    fn text_fragments_are_percent_encoded() {
        assert_eq!(
            percent_encode("Howard Latnik, a dit"),
            "Howard%20Latnik%2C%20a%20dit"
        );
    }
}
