//! Hover: on a claim's value in a `facts/` file, its fact group (each value with the sources
//! behind it and their reliability, the suggestion and its confidence, the findings about it);
//! on a finding's place, the finding (its variants, their sources, the suggestion).

use std::collections::HashMap;

use concord_engine::analysis::Group;
use concord_engine::finding::Finding;
use concord_engine::model::{Located, Location};
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Position};

use super::{Facts, Server, range_of};

impl Server {
    pub(super) fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let file = self.name(&at.text_document.uri)?;
        let mut parts = Vec::new();
        if let Some(value) = self.value_at(&file, at.position)
            && let Some(corpus) = &self.corpus
            && let facts = self.facts.get_or_init(|| Facts::of(corpus, &self.memo))
            && let Some(group) = facts
                .groups
                .iter()
                .find(|g| g.values.iter().any(|v| v.locations.contains(&value.at)))
        {
            parts.push(self.describe_group(group, &facts.reliability, value));
        }
        for finding in &self.findings {
            let covers = finding.variants.iter().any(|v| {
                v.locations
                    .iter()
                    .any(|l| *l.file == *file && self.covers(l, &v.text, at.position))
            });
            if covers {
                parts.push(describe_finding(finding));
            }
        }
        (!parts.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    /// The value of the claim of `file` under `position`, as written.
    fn value_at(&self, file: &str, position: Position) -> Option<&Located<String>> {
        let corpus = self.corpus.as_ref()?;
        corpus
            .sources
            .iter()
            .filter(|s| *s.id.at.file == *file)
            .flat_map(|s| &s.claims)
            .map(|c| &c.value)
            .find(|v| self.covers(&v.at, &v.value, position))
    }

    /// True when `text`, written at `location`, covers `position`.
    fn covers(&self, location: &Location, text: &str, position: Position) -> bool {
        let range = range_of(&self.texts, location, text);
        range.start <= position && position <= range.end
    }

    /// The fact group as Markdown; `this` is the hovered claim's value.
    fn describe_group(
        &self,
        group: &Group,
        reliability: &HashMap<String, f64>,
        this: &Located<String>,
    ) -> String {
        let mut heading = format!("**{}** · {}", group.subject, group.property);
        for (name, qualifier) in [("when", &group.when), ("where", &group.place)] {
            if let Some(q) = qualifier {
                heading.push_str(&format!(" · {name} {q}"));
            }
        }
        let mut text = format!("Fact: {heading}\n");
        for value in &group.values {
            let suggested = group
                .suggestion
                .as_ref()
                .is_some_and(|s| s.text == value.text);
            // A value is the most written spelling of the claims that state it; the hovered
            // claim may write it otherwise.
            let this_claim = match value.locations.contains(&this.at) {
                false => None,
                true if this.value == value.text => Some("this claim".to_string()),
                true => Some(format!("this claim, as \"{}\"", this.value)),
            };
            let mark = match (suggested, this_claim) {
                (true, Some(this)) => format!(" (likely right; {this})"),
                (true, None) => " (likely right)".to_string(),
                (false, Some(this)) => format!(" ({this})"),
                (false, None) => String::new(),
            };
            let sources: Vec<String> = value
                .sources
                .iter()
                .map(|s| match reliability.get(s) {
                    Some(r) => format!("{s} ({r:.2})"),
                    None => s.clone(),
                })
                .collect();
            text.push_str(&format!(
                "\n- \"{}\"{mark}: {}",
                value.text,
                sources.join(", ")
            ));
        }
        match &group.suggestion {
            Some(s) => text.push_str(&format!(
                "\n\nLikely right: **{}** (confidence {:.2})",
                s.text, s.confidence
            )),
            None => text.push_str("\n\nNo value is likely right over the others."),
        }
        let codes: Vec<&str> = group
            .findings
            .iter()
            .filter_map(|fp| self.findings.iter().find(|f| f.fingerprint == *fp))
            .map(|f| f.code.name())
            .collect();
        if !codes.is_empty() {
            text.push_str(&format!("\n\nFindings: {}", codes.join(", ")));
        }
        text.push_str("\n\nEach source's estimated reliability is in brackets.");
        text
    }
}

/// A finding as Markdown: its message, its variants with their sources, the suggestion.
fn describe_finding(finding: &Finding) -> String {
    let mut text = format!(
        "**{}** `{}`: {}\n",
        finding.severity.name(),
        finding.code.name(),
        finding.message
    );
    for variant in &finding.variants {
        text.push_str(&format!(
            "\n- \"{}\": {}",
            variant.text,
            variant.sources.join(", ")
        ));
    }
    if let Some(s) = &finding.suggestion {
        text.push_str(&format!(
            "\n\nLikely right: **{}** (confidence {:.2})",
            s.text, s.confidence
        ));
    }
    text
}
