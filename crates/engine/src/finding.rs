//! Findings: what concord reports about a corpus. One [`Finding`] type feeds every output format.

use serde::Serialize;

use crate::model::Location;
use crate::normalise::text::fold_key;

/// The finding codes of CLI.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    SpellingVariant,
    ConfusableVariant,
    CaseVariant,
    ValueConflict,
    QuoteVariant,
    EvidenceMissing,
    ValueUnsupported,
    UnalignedFact,
}

impl FindingCode {
    pub const NAMES: [&'static str; 8] = [
        "spelling-variant",
        "confusable-variant",
        "case-variant",
        "value-conflict",
        "quote-variant",
        "evidence-missing",
        "value-unsupported",
        "unaligned-fact",
    ];
    const ALL: [FindingCode; 8] = [
        Self::SpellingVariant,
        Self::ConfusableVariant,
        Self::CaseVariant,
        Self::ValueConflict,
        Self::QuoteVariant,
        Self::EvidenceMissing,
        Self::ValueUnsupported,
        Self::UnalignedFact,
    ];

    pub fn parse(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Self::ALL[i])
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL
            .iter()
            .position(|c| *c == self)
            .expect("every code is listed")]
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Self::CaseVariant | Self::UnalignedFact => Severity::Info,
            Self::QuoteVariant => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// One way a thing is written, with the sources that write it so and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Variant {
    pub text: String,
    pub sources: Vec<String>,
    pub locations: Vec<Location>,
}

/// The value concord thinks is right, and how sure it is (0 to 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub text: String,
    pub confidence: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// Stable across runs and across unrelated edits: derived from what the finding is about,
    /// never from positions or ordering.
    pub fingerprint: String,
    pub message: String,
    pub subject: Option<String>,
    pub property: Option<String>,
    pub variants: Vec<Variant>,
    pub suggestion: Option<Suggestion>,
    pub reviewed: bool,
    /// The signals and scores behind the finding, shown with `--explain`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
    /// A baseline entry matches this finding, but sources now write its non-suggested forms
    /// more often than the entry accepted: the finding is unreviewed again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beyond_baseline: Option<BeyondBaseline>,
    /// For `unaligned-fact`: the registry entries that would align the facts, and what they
    /// would then say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment: Option<Alignment>,
}

/// The registry entries that would make two facts' wordings meet: a subject alias, a property
/// alias or both; and how many of the aligned pairs would then agree or conflict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alignment {
    /// The subject wording to register as an alias of `subject`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The property wording to register as an alias of `property`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property_alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The facts that would meet, as pairs of indexes into the finding's variants.
    pub pairs: Vec<[usize; 2]>,
    /// The facts are told of two entities: no alias aligns them (and none is named above); one
    /// claim must be restated under the other's subject and property.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub restate: bool,
    pub agree: usize,
    pub conflict: usize,
}

/// Where a finding goes beyond the baseline entry that matches it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BeyondBaseline {
    /// The entry in the baseline.
    pub entry: Location,
    /// Each source that writes the non-suggested forms more often than the entry accepted.
    pub sources: Vec<Excess>,
}

/// One source's occurrences beyond what a baseline entry accepted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Excess {
    pub source: String,
    pub accepted: usize,
    pub found: usize,
    /// Where the source writes the non-suggested forms.
    pub locations: Vec<Location>,
}

/// A fingerprint part made of `text`: folded, with runs of anything but letters and digits as `-`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in fold_key(text).chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// A fingerprint part from a group key (`entity:howard-lutnick` → `howard-lutnick`), keeping
/// registry ids as they are written.
pub fn key_slug(key: &str) -> String {
    let bare = key.split_once(':').map_or(key, |(_, rest)| rest);
    bare.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for name in FindingCode::NAMES {
            assert_eq!(FindingCode::parse(name).map(FindingCode::name), Some(name));
        }
        assert_eq!(FindingCode::parse("spelling"), None);
    }

    #[test]
    fn severities() {
        let severity = |name| FindingCode::parse(name).unwrap().default_severity();
        for name in ["case-variant", "unaligned-fact"] {
            assert_eq!(severity(name), Severity::Info, "{name}");
        }
        assert_eq!(severity("quote-variant"), Severity::Warning);
        for name in ["spelling-variant", "confusable-variant", "value-conflict"] {
            assert_eq!(severity(name), Severity::Error, "{name}");
        }
        let names = [Severity::Info, Severity::Warning, Severity::Error].map(Severity::name);
        assert_eq!(names, ["info", "warning", "error"]);
    }

    #[test]
    fn key_slugs_keep_registry_ids_as_written() {
        assert_eq!(key_slug("entity:howard-lutnick"), "howard-lutnick");
        assert_eq!(key_slug("property:revenue_2025.q1"), "revenue_2025.q1");
        assert_eq!(key_slug("name:Jensen Huang"), "jensen-huang");
        assert_eq!(
            key_slug("hauts dirigeants/chinois"),
            "hauts-dirigeants-chinois"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Howard Lutnick"), "howard-lutnick");
        assert_eq!(slug("revenus en Chine (2025)"), "revenus-en-chine-2025");
        assert_eq!(slug("États-Unis"), "etats-unis");
    }
}
