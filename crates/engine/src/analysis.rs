//! The analysis: one entry point, [`analyse`], that every command runs on a loaded corpus.
//!
//! It resolves names and groups claims into facts ([`crate::matching`]), reads each value by its
//! kind ([`crate::normalise`]), applies the rules ([`crate::rules`]), estimates each source's
//! reliability jointly with the likely values ([`crate::truth`]: a value is as credible as the
//! sources behind it, a source as reliable as its values), which weighs every suggestion, and
//! marks the findings the baseline accepts ([`crate::baseline`]).

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::baseline::{self, BaselineWarning};
use crate::finding::{Finding, Severity, Suggestion};
use crate::matching::remarks::Readings;
use crate::matching::{
    self, ClaimRef, EntityOf, EntityRef, FactKey, MentionsOf, Properties, Relation, Resolver,
    collect_mentions, entity_key, resolve_all,
};
use crate::model::{Corpus, Location};
use crate::normalise::stems::Reading;
use crate::rules::values::{
    Normals, ValueSet, conflict_finding, infer_numeric_dates, normalise_claim, value_classes,
};
use crate::rules::{alignment, claim_at, evidence, names, quotes, source_ids, split, support};
use crate::truth::{Candidate, Trust};

/// What to analyse besides the findings.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'m> {
    /// How the corpus's `reviewed:` entries apply.
    pub baseline: Baseline,
    /// List every fact group and each source's reliability (for `report`).
    pub full_report: bool,
    /// What the last analysis kept for this one, if it is one of a series (a language server's
    /// re-checks after each edit).
    pub memo: Option<&'m Memo>,
}

/// What one analysis keeps for the next of a series: each quotation read for comparison
/// (its language detected, its words stemmed), which is most of the cost of comparing
/// quotations; the next analysis reads only the quotations it has not seen. Reading depends on
/// nothing but the text and its source's language, so a memo never changes a result.
#[derive(Default)]
pub struct Memo {
    quotations: Mutex<Option<Readings>>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").finish_non_exhaustive()
    }
}

/// How the baseline applies to the findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Baseline {
    /// Every finding is unreviewed (`--no-baseline`).
    Ignore,
    /// An entry accepts what it records per source, and no more (`check`, `report`, `diff`).
    #[default]
    Pinned,
    /// An entry accepts its forms wherever they are written: for `scan`, whose sources are the
    /// articles rather than the sources whose occurrences the entries record.
    FormsOnly,
}

impl Baseline {
    /// `Pinned` when the baseline is used, else `Ignore`.
    pub fn when(used: bool) -> Self {
        if used { Self::Pinned } else { Self::Ignore }
    }
}

/// Told which stage a long analysis is in, for a progress display; every method does nothing
/// by default, and `()` is the observer that shows nothing.
pub trait Observer: Sync {
    fn stage(&self, _name: &'static str) {}
}

impl Observer for () {}

/// What the analysis found.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub summary: Summary,
    /// Errors first, then by fingerprint.
    pub findings: Vec<Finding>,
    /// Every fact group, with [`Options::full_report`].
    pub groups: Option<Vec<Group>>,
    /// Each source's estimated reliability, with [`Options::full_report`].
    pub sources: Option<Vec<SourceSummary>>,
    /// Baseline entries that match no finding, or that record nothing they accepted.
    pub warnings: Vec<BaselineWarning>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub sources: usize,
    pub claims: usize,
    pub facts: usize,
    pub corroborated: usize,
    pub findings: SeverityCounts,
    pub reviewed: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of(findings: &[Finding]) -> Self {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        Self {
            error: count(Severity::Error),
            warning: count(Severity::Warning),
            info: count(Severity::Info),
        }
    }
}

/// One fact: the distinct values stated for one subject and property, and who states each.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub subject: String,
    pub property: String,
    pub when: Option<String>,
    #[serde(rename = "where")]
    pub place: Option<String>,
    pub values: Vec<GroupValue>,
    pub suggestion: Option<Suggestion>,
    pub findings: Vec<String>,
    /// Why these claims were grouped: how each subject was resolved and each qualifier read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupValue {
    pub text: String,
    pub sources: Vec<String>,
    /// Where each claim of this value writes it (for the language server's hover); not in the
    /// JSON report, whose shape CLI.md fixes.
    #[serde(skip)]
    pub locations: Vec<Location>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceSummary {
    pub id: String,
    pub claims: usize,
    pub reliability: f64,
}

/// Analyses a loaded corpus: every finding, sorted (errors first, then by fingerprint), with the
/// baseline applied and the full report's groups and sources as `options` ask.
pub fn analyse(corpus: &Corpus, options: &Options, observer: &dyn Observer) -> Analysis {
    let reconciled = reconcile(corpus, options, observer);
    let mut findings = evidence::check(corpus);
    findings.extend(reconciled.findings);
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    let warnings = match options.baseline {
        Baseline::Ignore => Vec::new(),
        Baseline::Pinned => baseline::apply(&mut findings, corpus, true),
        Baseline::FormsOnly => baseline::apply(&mut findings, corpus, false),
    };
    let summary = Summary {
        sources: corpus.sources.len(),
        claims: corpus.claim_count(),
        findings: SeverityCounts::of(&findings),
        reviewed: findings.iter().filter(|f| f.reviewed).count(),
        facts: reconciled.facts,
        corroborated: reconciled.corroborated,
    };
    Analysis {
        summary,
        findings,
        groups: options.full_report.then_some(reconciled.groups),
        sources: options.full_report.then_some(reconciled.sources),
        warnings,
    }
}

/// What the rules found across sources, before the evidence check and the baseline.
struct Reconciled {
    findings: Vec<Finding>,
    /// How many facts the claims state (fact groups).
    facts: usize,
    corroborated: usize,
    /// Each fact group, for a full report; empty otherwise.
    groups: Vec<Group>,
    sources: Vec<SourceSummary>,
}

/// Reconciles the corpus. With `full_report` (for `report`), it also lists every fact group with
/// how its claims were read, which `check` does not show.
fn reconcile(corpus: &Corpus, options: &Options, observer: &dyn Observer) -> Reconciled {
    let full_report = options.full_report;
    observer.stage("resolving names");
    let mut resolver = Resolver::new(corpus);
    let properties = Properties::new(corpus);
    let mentions = collect_mentions(corpus, &properties, &mut resolver);
    let mut mentions_of: MentionsOf = FxHashMap::default();
    for mention in &mentions {
        mentions_of.entry(mention.form).or_default().push(mention);
    }
    let entity_of = resolve_all(&mentions_of, &mut resolver);
    let subject_key = |form: &str| entity_key(corpus, entity_of.get(form), form);
    observer.stage("grouping claims into facts");
    let groups = matching::group_facts(corpus, &properties, subject_key);
    observer.stage("reading values");
    // Each claim's reading depends on nothing else: sources are read in parallel.
    let mut normals: Normals = (0..corpus.sources.len())
        .into_par_iter()
        .map(|s| {
            (0..corpus.sources[s].claims.len())
                .map(|c| normalise_claim(corpus, &properties, (s, c), &entity_of))
                .collect()
        })
        .collect();
    infer_numeric_dates(corpus, &properties, &groups, &mut normals);

    observer.stage("comparing spellings");
    let name_sets = names::name_variant_sets(corpus, &mentions_of, &entity_of, &resolver);
    observer.stage("comparing values");
    let value_sets = value_classes(corpus, &properties, &groups, &normals);
    let contests: Vec<&[Candidate]> = name_sets
        .iter()
        .map(|n| n.options.as_slice())
        .chain(value_sets.iter().map(|v| v.options.as_slice()))
        .collect();
    observer.stage("estimating source reliability");
    let trust = Trust::estimate(corpus.sources.len(), &contests);

    observer.stage("writing findings");
    let mut findings: Vec<Finding> = name_sets
        .iter()
        .filter_map(|set| names::name_finding(corpus, set, &trust))
        .collect();
    observer.stage("reading the evidence");
    findings.extend(support::check(corpus, &normals, &entity_of));
    observer.stage("comparing quotations");
    let mut group_findings: HashMap<FactKey, Vec<String>> = HashMap::new();
    let kept = options
        .memo
        .and_then(|memo| memo.quotations.lock().ok()?.take());
    let mut quotations = kept.unwrap_or_else(|| Readings::new(Reading::Quotation));
    let quote_findings = quotes::quote_findings(corpus, &groups, &normals, &trust, &mut quotations);
    if let Some(mut kept) = options.memo.and_then(|memo| memo.quotations.lock().ok()) {
        *kept = Some(quotations);
    }
    for (finding, keys) in quote_findings {
        for key in keys {
            group_findings
                .entry(key)
                .or_default()
                .push(finding.fingerprint.clone());
        }
        findings.push(finding);
    }
    observer.stage("aligning facts");
    findings.extend(alignment::unaligned_facts(corpus, &value_sets, &normals));
    let suggestions: Vec<_> = value_sets
        .par_iter()
        .map(|set| split(trust.suggest(&set.options)))
        .collect();
    let corroborated = value_sets
        .iter()
        .zip(&suggestions)
        .filter(|(set, (_, winner))| {
            set.options
                .get(*winner)
                .is_some_and(|o| o.sources.len() >= 2)
        })
        .count();
    let mut report_groups = Vec::new();
    for (set, (suggestion, _)) in value_sets.iter().zip(suggestions) {
        let conflict = set
            .conflict
            .then(|| conflict_finding(corpus, set, suggestion.clone()));
        if full_report {
            let mut fingerprints = group_findings.remove(&set.key).unwrap_or_default();
            fingerprints.extend(conflict.iter().map(|f| f.fingerprint.clone()));
            let explain = grouping_reasons(corpus, &properties, &set.claims, &entity_of);
            report_groups.push(report_group(corpus, set, suggestion, fingerprints, explain));
        }
        findings.extend(conflict);
    }
    let sources = corpus
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| SourceSummary {
            id: s.id.value.clone(),
            claims: s.claims.len(),
            reliability: round(trust.reliability[i]),
        })
        .collect();
    Reconciled {
        findings,
        facts: value_sets.len(),
        corroborated,
        groups: report_groups,
        sources,
    }
}

/// A fact group as the full report shows it.
fn report_group(
    corpus: &Corpus,
    set: &ValueSet,
    suggestion: Option<Suggestion>,
    findings: Vec<String>,
    explain: Vec<String>,
) -> Group {
    Group {
        subject: set.subject.clone(),
        property: set.property.clone(),
        when: set.when.clone(),
        place: set.place.clone(),
        values: set
            .options
            .iter()
            .map(|o| GroupValue {
                text: o.text.clone(),
                sources: source_ids(corpus, &o.sources),
                locations: o.locations.clone(),
            })
            .collect(),
        suggestion,
        findings,
        explain,
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// How each distinct subject, property and qualifier of a group was read, for `--explain`.
fn grouping_reasons(
    corpus: &Corpus,
    properties: &Properties,
    claims: &[ClaimRef],
    entity_of: &EntityOf,
) -> Vec<String> {
    let mut reasons = Vec::new();
    let mut push = |reason: String| {
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    };
    for &(s, c) in claims {
        let claim = claim_at(corpus, (s, c));
        let subject = &claim.subject.value;
        let named = |e: usize| corpus.registry.entities[e].name.value.as_str();
        push(match entity_of.get(subject) {
            Some((EntityRef::Registered(e), Some(Relation::Alias))) => {
                format!(
                    "subject \"{subject}\" is {} by its registered name or alias",
                    named(*e)
                )
            }
            Some((EntityRef::Registered(e), Some(Relation::ShortForm))) => {
                format!(
                    "subject \"{subject}\" is {} as a short form of its name",
                    named(*e)
                )
            }
            Some((EntityRef::Registered(e), Some(Relation::Confusable { reference }))) => format!(
                "subject \"{subject}\" is {} through look-alike folding of \"{reference}\"",
                named(*e)
            ),
            Some((
                EntityRef::Registered(e),
                Some(Relation::Spelling {
                    reference,
                    evidence,
                }),
            )) => {
                format!(
                    "subject \"{subject}\" is {} as a misspelling of \"{reference}\" (score {:.2}: {})",
                    named(*e),
                    evidence.score,
                    evidence.signals
                )
            }
            Some((EntityRef::Cluster(name), _)) => {
                format!(
                    "subject \"{subject}\" is grouped with the unregistered names of \"{name}\""
                )
            }
            _ => format!("subject \"{subject}\" is free text, compared after folding"),
        });
        let property = &claim.property.value;
        push(match properties.registered(property) {
            Some(p) => format!(
                "property \"{property}\" is the registered property {}",
                corpus.registry.properties[p].id.value
            ),
            None => format!(
                "property \"{property}\" is free text, grouped as \"{}\"",
                properties.key(property)
            ),
        });
        let published = corpus.sources[s].published;
        for (name, qualifier, anchor) in [
            ("when", &claim.when, published),
            ("where", &claim.place, None),
        ] {
            if let Some(text) = qualifier {
                let key = matching::qualifier_key(Some(&text.value), anchor);
                push(format!("{name} \"{}\" is read as {key}", text.value));
            }
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Claim, Entity, EntityKind, Located, Location, Registry, ReviewedEntry, Source, ValueKind,
        fixtures,
    };

    fn at(file: &str, line: u32) -> Location {
        Location {
            file: file.into(),
            line,
            column: 5,
        }
    }

    fn located(text: &str, file: &str, line: u32) -> Located<String> {
        Located {
            value: text.into(),
            at: at(file, line),
        }
    }

    /// A source whose claims (subject, property, value) stand one a line from line 5.
    fn source(id: &str, claims: &[(&str, &str, &str)]) -> Source {
        let file = format!("facts/{id}.yaml");
        let claims = claims
            .iter()
            .zip(5..)
            .map(|(&(subject, property, value), line)| Claim {
                at: at(&file, line),
                subject: located(subject, &file, line),
                property: located(property, &file, line),
                value: located(value, &file, line),
                ..fixtures::claim(subject, property, value)
            })
            .collect();
        Source {
            id: located(id, &file, 2),
            ..fixtures::source(id, claims)
        }
    }

    /// Three sources on one registered man: all give his role alike, the third with a Cyrillic
    /// `о` in his name; the third also misspells his name and gives another figure for his
    /// visit. One unregistered man besides.
    fn corpus(reviewed: Vec<ReviewedEntry>) -> Corpus {
        let registry = "facts/registry.yaml";
        let role = ("rôle", "secrétaire au Commerce");
        Corpus {
            root: ".".into(),
            sources: vec![
                source(
                    "a",
                    &[
                        ("Howard Lutnick", role.0, role.1),
                        ("Lutnick", "jours de visite", "3"),
                    ],
                ),
                source(
                    "b",
                    &[
                        ("Howard Lutnick", role.0, role.1),
                        ("Howard Lutnick", "jours de visite", "3"),
                        ("Jensen Huang", "rôle", "patron de Nvidia"),
                    ],
                ),
                source(
                    "c",
                    &[
                        ("Howard Latnik", "jours de visite", "30"),
                        ("H\u{43e}ward Lutnick", role.0, role.1),
                    ],
                ),
            ],
            registry: Registry {
                entities: vec![Entity {
                    id: located("howard-lutnick", registry, 2),
                    name: located("Howard Lutnick", registry, 3),
                    kind: EntityKind::Person,
                    aliases: vec![],
                }],
                properties: vec![],
            },
            reviewed,
        }
    }

    fn options(baseline: Baseline) -> Options<'static> {
        Options {
            baseline,
            full_report: true,
            memo: None,
        }
    }

    #[test]
    fn the_summary_counts_what_the_analysis_found() {
        let analysis = analyse(&corpus(vec![]), &options(Baseline::Ignore), &());
        let codes: Vec<&str> = analysis.findings.iter().map(|f| f.code.name()).collect();
        let errors = ["confusable-variant", "spelling-variant", "value-conflict"];
        assert_eq!(codes, errors);
        let summary = &analysis.summary;
        let counts = (summary.sources, summary.claims, summary.facts);
        assert_eq!(counts, (3, 7, 3));
        // The role and the visit are stated by two sources or more; Huang's role by one.
        assert_eq!(summary.corroborated, 2);
        let findings = SeverityCounts {
            error: 3,
            warning: 0,
            info: 0,
        };
        assert_eq!(summary.findings, findings);
        assert_eq!(summary.reviewed, 0);
        // The source that disagrees is trusted less, each to two decimals.
        let sources = analysis.sources.expect("a full report lists the sources");
        let reliability: Vec<f64> = sources.iter().map(|s| s.reliability).collect();
        assert!(reliability[2] < reliability[0], "{reliability:?}");
        for r in reliability {
            assert_eq!(r, (r * 100.0).round() / 100.0);
            assert!(r > 0.0 && r < 1.0);
        }
    }

    #[test]
    fn a_reviewed_finding_is_counted_only_with_the_baseline() {
        let entry = ReviewedEntry {
            at: at("facts/reviewed.yaml", 2),
            code: "spelling-variant".into(),
            forms: vec!["Latnik".into(), "Lutnick".into()],
            note: None,
            accepted: None,
        };
        let corpus = corpus(vec![entry]);
        let pinned = analyse(&corpus, &options(Baseline::when(true)), &());
        assert_eq!(pinned.summary.reviewed, 1);
        let reviewed = pinned.findings.iter().find(|f| f.reviewed).unwrap();
        assert_eq!(reviewed.code.name(), "spelling-variant");
        let ignored = analyse(&corpus, &options(Baseline::when(false)), &());
        assert_eq!(ignored.summary.reviewed, 0);
    }

    #[test]
    fn the_full_report_says_how_each_subject_was_read() {
        let analysis = analyse(&corpus(vec![]), &options(Baseline::Ignore), &());
        let groups = analysis.groups.expect("a full report lists the groups");
        let visit = groups
            .iter()
            .find(|g| g.property == "jours de visite")
            .expect("the visit's group");
        // The value two sources give is suggested; each value says who gives it.
        let suggested = visit.suggestion.as_ref().map(|s| s.text.as_str());
        assert_eq!(suggested, Some("3"));
        let sources: Vec<&[String]> = visit.values.iter().map(|v| &v.sources[..]).collect();
        assert_eq!(sources, [&["a", "b"][..], &["c"][..]]);
        let explain: Vec<&str> = groups
            .iter()
            .flat_map(|g| &g.explain)
            .map(String::as_str)
            .collect();
        for reason in [
            "subject \"Howard Lutnick\" is Howard Lutnick by its registered name or alias",
            "subject \"Lutnick\" is Howard Lutnick as a short form of its name",
            "subject \"H\u{43e}ward Lutnick\" is Howard Lutnick through look-alike folding of \
             \"Howard Lutnick\"",
            "subject \"Jensen Huang\" is grouped with the unregistered names of \"jensen-huang\"",
            "property \"jours de visite\" is free text, grouped as \"jours de visite\"",
        ] {
            assert!(explain.contains(&reason), "{reason}\n{explain:#?}");
        }
        let misspelling = "subject \"Howard Latnik\" is Howard Lutnick as a misspelling of \
                           \"Howard Lutnick\" (score";
        assert!(
            explain.iter().any(|r| r.starts_with(misspelling)),
            "{explain:#?}"
        );
        // Each reason once in a group, though two claims give it.
        let role = groups
            .iter()
            .find(|g| g.property == "rôle" && g.subject == "Howard Lutnick")
            .expect("the role's group");
        let registered = role
            .explain
            .iter()
            .filter(|r| r.starts_with("subject \"Howard Lutnick\""))
            .count();
        assert_eq!(registered, 1, "{:?}", role.explain);
        // Without a full report, no groups or sources.
        let check = analyse(
            &corpus(vec![]),
            &Options {
                baseline: Baseline::Ignore,
                full_report: false,
                memo: None,
            },
            &(),
        );
        assert!(check.groups.is_none() && check.sources.is_none());
    }

    /// The corpus with Lutnick quoted once by each source, in the given languages.
    fn quoted(quotations: [(&str, &str); 3]) -> Corpus {
        let mut corpus = corpus(vec![]);
        for (source, (language, text)) in corpus.sources.iter_mut().zip(quotations) {
            let mut claim = source.claims[0].clone();
            claim.subject.value = "Howard Lutnick".into();
            claim.property.value = "a déclaré".into();
            claim.value.value = text.into();
            claim.kind = Some(ValueKind::Quote);
            source.claims.push(claim);
            source.language = Some(language.into());
        }
        corpus
    }

    #[test]
    fn a_memo_of_the_last_analysis_changes_no_result() {
        let remark = "Nous ne leur vendons pas nos meilleurs produits, ni nos deuxièmes meilleurs";
        let reworded = "Nous ne leur vendons ni le meilleur, ni le deuxième meilleur";
        // Too short for its language to be told, so that it is read in its source's.
        let short = "Nous vendons nos puces";
        // One remark in two wordings; then one wording edited into a short remark; then that
        // remark in a source of the other language, so read in English, and a remark no
        // earlier corpus had.
        let corpora = [
            quoted([("fr", remark), ("fr", reworded), ("fr", remark)]),
            quoted([("fr", remark), ("fr", short), ("en", remark)]),
            quoted([
                ("en", short),
                ("fr", reworded),
                ("en", "We will sell them chips"),
            ]),
        ];
        let found = |corpus: &Corpus, memo: Option<&Memo>| {
            let options = Options {
                memo,
                ..options(Baseline::Ignore)
            };
            format!("{:?}", analyse(corpus, &options, &()))
        };
        let memo = Memo::default();
        for corpus in &corpora {
            assert_eq!(found(corpus, Some(&memo)), found(corpus, None));
        }
        let first = analyse(&corpora[0], &options(Baseline::Ignore), &());
        assert!(
            first
                .findings
                .iter()
                .any(|f| f.code.name() == "quote-variant")
        );
    }
}
