//! Value conflicts: within each fact group, values that cannot be the same once units, scale
//! words, qualifiers and dates are understood.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::{claim_at, variants};
use crate::finding::{Finding, FindingCode, Suggestion, key_slug, slug};
use crate::matching::{ClaimRef, EntityOf, FactKey, Properties, entity_key};
use crate::model::{Corpus, ValueKind};
use crate::normalise::date::{self, DayOrder, Numeric};
use crate::normalise::people::{Person, list_within, parse_list};
use crate::normalise::quantity::{self, Language};
use crate::normalise::text::{decode_entities, fold_key, has_entities};
use crate::normalise::value::{Normal, Wording, is_empty_value};
use crate::truth::Candidate;

/// Each claim's normalised value, by source index then claim index.
pub type Normals = Vec<Vec<Normal>>;

/// The language a source writes in.
fn language(corpus: &Corpus, source: usize) -> Option<Language> {
    corpus.sources[source]
        .language
        .as_deref()
        .and_then(Language::from_code)
}

/// The order a source writes numeric dates in (from its `locale` and `language`).
pub fn day_order(corpus: &Corpus, source: usize) -> Option<DayOrder> {
    let source = &corpus.sources[source];
    date::day_order(source.language.as_deref(), source.locale.as_deref())
}

/// A claim's value normalised by its declared or inferred kind.
pub fn normalise_claim(
    corpus: &Corpus,
    properties: &Properties,
    (s, c): ClaimRef,
    entity_of: &EntityOf,
) -> Normal {
    let source = &corpus.sources[s];
    let claim = &source.claims[c];
    let written = claim.value.value.as_str();
    // Values copied from web pages carry HTML entities: they are read decoded.
    let decoded = decode_entities(written);
    let value = decoded.as_ref();
    if is_empty_value(value) {
        return Normal::Empty;
    }
    let unit = claim.unit.as_ref().map(|u| u.value.as_str());
    let as_entity = || {
        entity_of
            .get(written)
            .map(|e| Normal::Entity(entity_key(corpus, Some(e), written)))
    };
    match properties.declared_kind(claim) {
        Some(ValueKind::Quote) => Normal::Quote(Wording::new(value)),
        Some(ValueKind::Quantity) => quantity::parse(value, language(corpus, s), unit)
            .map_or_else(|| Normal::Text(Wording::new(value)), Normal::Quantity),
        Some(ValueKind::Date) => {
            date::parse_value(value, source.published, day_order(corpus, s), Numeric::All)
                .map_or_else(|| Normal::Text(Wording::new(value)), Normal::Moment)
        }
        Some(ValueKind::Entity) => {
            as_entity().unwrap_or_else(|| Normal::Entity(format!("text:{}", fold_key(value))))
        }
        Some(ValueKind::Names) => Normal::Names(parse_list(value).0),
        Some(ValueKind::Text) => Normal::Text(Wording::new(value)),
        None => date::parse_value(
            value,
            source.published,
            day_order(corpus, s),
            Numeric::FourDigitYears,
        )
        .map(Normal::Moment)
        .or_else(|| quantity::parse(value, language(corpus, s), unit).map(Normal::Quantity))
        .or_else(as_entity)
        .unwrap_or_else(|| Normal::Text(Wording::new(value))),
    }
}

/// Reads as numeric dates with a two-digit year (`14/07/25`) the values of no declared kind that
/// were read as text or as a figure (from their leading digits), in the fact groups where another value is a date: their kind is inferred
/// from the fact's other values.
pub fn infer_numeric_dates(
    corpus: &Corpus,
    properties: &Properties,
    groups: &BTreeMap<FactKey, Vec<ClaimRef>>,
    normals: &mut Normals,
) {
    for claims in groups.values() {
        let has_date = claims.iter().any(|&(s, c)| {
            matches!(
                normals[s][c],
                Normal::Moment(date::Moment::Days { .. } | date::Moment::EitherDay { .. })
            )
        });
        if !has_date {
            continue;
        }
        for &(s, c) in claims {
            let claim = &corpus.sources[s].claims[c];
            // A value that names something (a registered entity, a cluster of names) is no
            // numeric date.
            let undated = matches!(&normals[s][c], Normal::Text(_) | Normal::Quantity(_));
            if !undated || properties.declared_kind(claim).is_some() {
                continue;
            }
            let read = date::parse_value(
                &decode_entities(&claim.value.value),
                corpus.sources[s].published,
                day_order(corpus, s),
                Numeric::All,
            );
            if let Some(
                moment @ date::Moment::Days { .. } | moment @ date::Moment::EitherDay { .. },
            ) = read
            {
                normals[s][c] = Normal::Moment(moment);
            }
        }
    }
}

/// The values of one fact group, as options for the truth estimate.
pub struct ValueSet {
    pub key: FactKey,
    pub subject: String,
    pub property: String,
    pub when: Option<String>,
    pub place: Option<String>,
    pub claims: Vec<ClaimRef>,
    pub options: Vec<Candidate>,
    pub conflict: bool,
    pub explain: Vec<String>,
}

/// Each fact group's values, compared (groups in parallel).
pub fn value_classes(
    corpus: &Corpus,
    properties: &Properties,
    groups: &BTreeMap<FactKey, Vec<ClaimRef>>,
    normals: &Normals,
) -> Vec<ValueSet> {
    let entity_names: HashMap<&str, &str> = corpus
        .registry
        .entities
        .iter()
        .map(|e| (e.id.value.as_str(), e.name.value.as_str()))
        .collect();
    let groups: Vec<(&FactKey, &Vec<ClaimRef>)> = groups.iter().collect();
    groups
        .par_iter()
        .map(|(key, claims)| value_set(corpus, properties, &entity_names, key, claims, normals))
        .collect()
}

/// One fact group's values: its classes of equal values, and whether any two conflict.
fn value_set(
    corpus: &Corpus,
    properties: &Properties,
    entity_names: &HashMap<&str, &str>,
    key: &FactKey,
    claims: &[ClaimRef],
    normals: &Normals,
) -> ValueSet {
    let first = &corpus.sources[claims[0].0].claims[claims[0].1];
    let property = properties
        .registered(&first.property.value)
        .map(|p| &corpus.registry.properties[p]);
    let multiple = property.is_some_and(|p| p.multiple);
    let tolerance = property.and_then(|p| p.tolerance).unwrap_or(0.0);
    let mut classes: Vec<(String, Normal, Vec<ClaimRef>)> = Vec::new();
    for &claim_ref in claims {
        let normal = &normals[claim_ref.0][claim_ref.1];
        if matches!(normal, Normal::Empty) {
            continue;
        }
        match classes.iter_mut().find(|(_, n, _)| n.same_class(normal)) {
            Some((_, _, members)) => members.push(claim_ref),
            None => classes.push((normal.class_key(), normal.clone(), vec![claim_ref])),
        }
    }
    merge_equal_values(&mut classes);
    let is_quote = classes
        .iter()
        .any(|(_, n, _)| matches!(n, Normal::Quote(_)));
    let mut conflict = false;
    let mut explain = Vec::new();
    if !multiple && !is_quote {
        for (i, (_, a, ma)) in classes.iter().enumerate() {
            for (_, b, mb) in &classes[i + 1..] {
                if !a.agrees_with(b, tolerance) {
                    conflict = true;
                    let (ca, cb) = (claim_at(corpus, ma[0]), claim_at(corpus, mb[0]));
                    explain.push(format!(
                        "\"{}\" is {} and \"{}\" is {}: they cannot both hold (tolerance {tolerance})",
                        ca.value.value,
                        a.describe(),
                        cb.value.value,
                        b.describe()
                    ));
                }
            }
        }
    }
    let options = classes
        .iter()
        .map(|(key, normal, members)| {
            let spellings = class_spellings(corpus, normals, key, normal, members);
            Candidate {
                text: most_common(&spellings).to_string(),
                sources: members.iter().map(|r| r.0).collect(),
                locations: members
                    .iter()
                    .map(|&r| claim_at(corpus, r).value.at.clone())
                    .collect(),
                registered: false,
            }
        })
        .collect();
    let subjects: Vec<&str> = claims
        .iter()
        .map(|&r| claim_at(corpus, r).subject.value.as_str())
        .collect();
    let subject = match key.subject.strip_prefix("entity:") {
        Some(id) => entity_names.get(id).unwrap_or(&id).to_string(),
        None => most_common(&subjects).to_string(),
    };
    ValueSet {
        key: key.clone(),
        subject,
        property: property.map_or_else(|| first.property.value.clone(), |p| p.name.value.clone()),
        when: claims
            .iter()
            .find_map(|&r| claim_at(corpus, r).when.as_ref().map(|w| w.value.clone())),
        place: claims
            .iter()
            .find_map(|&r| claim_at(corpus, r).place.as_ref().map(|w| w.value.clone())),
        claims: claims.to_vec(),
        options,
        conflict,
        explain,
    }
}

/// The spellings a class of values is shown by: of a list of people or a date that others joined,
/// those of its own value (the fullest list, the written date); without HTML entities when some
/// are.
fn class_spellings<'a>(
    corpus: &'a Corpus,
    normals: &Normals,
    key: &str,
    normal: &Normal,
    members: &[ClaimRef],
) -> Vec<&'a str> {
    let mut spellings: Vec<&str> = members
        .iter()
        .filter(|&&(s, c)| {
            !matches!(normal, Normal::Names(_) | Normal::Moment(_))
                || normals[s][c].class_key() == key
        })
        .map(|&r| claim_at(corpus, r).value.value.as_str())
        .collect();
    if spellings.is_empty() {
        spellings = members
            .iter()
            .map(|&r| claim_at(corpus, r).value.value.as_str())
            .collect();
    }
    if spellings.iter().any(|s| !has_entities(s)) {
        spellings.retain(|s| !has_entities(s));
    }
    spellings
}

/// Merges the classes of values that are one value written with different precision
/// (`1,5 million` and `1 500 000`): each one's middle lies within the other's interval; and each
/// ambiguous numeric date into the one date it can be (`03/07/2025` into `3 juillet 2025`).
fn merge_equal_values(classes: &mut Vec<(String, Normal, Vec<ClaimRef>)>) {
    merge_equal_quantities(classes);
    merge_ambiguous_dates(classes);
    merge_partial_lists(classes);
}

/// How much a list of people says: how many people, then how many initials.
fn list_size(people: &[Person]) -> (usize, usize) {
    (
        people.len(),
        people.iter().filter(|p| p.initial.is_some()).count(),
    )
}

/// Merges each list of people that leaves people out (the first author alone, `Dupont et al.`)
/// into the one fullest list it is part of, so that its sources support that list; a list part
/// of two fullest lists that disagree stays its own value.
fn merge_partial_lists(classes: &mut Vec<(String, Normal, Vec<ClaimRef>)>) {
    // A list is part of a fuller one when each of its people is one of the fuller list's, and
    // the fuller list says more (more people, or more initials).
    let within = |small: &[Person], large: &[Person]| {
        list_size(large) > list_size(small) && list_within(small, large)
    };
    let lists: Vec<Option<&Vec<Person>>> = classes
        .iter()
        .map(|(_, normal, _)| match normal {
            Normal::Names(people) if !people.is_empty() => Some(people),
            _ => None,
        })
        .collect();
    let contains = |large: usize, small: usize| match (lists[large], lists[small]) {
        (Some(l), Some(s)) => large != small && within(s, l),
        _ => false,
    };
    let fullest: Vec<usize> = (0..classes.len())
        .filter(|&i| lists[i].is_some() && !(0..classes.len()).any(|j| contains(j, i)))
        .collect();
    let mut into: Vec<(usize, usize)> = Vec::new();
    for (i, list) in lists.iter().enumerate() {
        if list.is_none() || fullest.contains(&i) {
            continue;
        }
        let targets: Vec<usize> = fullest
            .iter()
            .copied()
            .filter(|&j| contains(j, i))
            .collect();
        if let [j] = targets.as_slice() {
            into.push((i, *j));
        }
    }
    if into.is_empty() {
        return;
    }
    for &(from, to) in &into {
        let members = std::mem::take(&mut classes[from].2);
        classes[to].2.extend(members);
    }
    let merged: Vec<usize> = into.iter().map(|(from, _)| *from).collect();
    let mut index = 0;
    classes.retain(|_| {
        let keep = !merged.contains(&index);
        index += 1;
        keep
    });
}

/// Merges each ambiguous numeric date into the class of the one unambiguous date it can be
/// exactly, else the one it overlaps; it stays its own value when it can be two or none.
fn merge_ambiguous_dates(classes: &mut Vec<(String, Normal, Vec<ClaimRef>)>) {
    let mut i = 0;
    while i < classes.len() {
        let Normal::Moment(ambiguous) = &classes[i].1 else {
            i += 1;
            continue;
        };
        if !ambiguous.is_ambiguous() {
            i += 1;
            continue;
        }
        let targets = |test: &dyn Fn(&date::Moment) -> bool| -> Vec<usize> {
            (0..classes.len())
                .filter(|&j| match &classes[j].1 {
                    Normal::Moment(m) => !m.is_ambiguous() && test(m),
                    _ => false,
                })
                .collect()
        };
        let mut into = targets(&|m| ambiguous.may_equal(m));
        if into.is_empty() {
            into = targets(&|m| ambiguous.overlaps(m));
        }
        match into.as_slice() {
            [j] => {
                let j = *j;
                let (_, _, members) = classes.remove(i);
                let j = if j > i { j - 1 } else { j };
                classes[j].2.extend(members);
            }
            _ => i += 1,
        }
    }
}

/// Merges the classes of one figure written with different precision. Two units written
/// (`$2 million`, `C$2 million`) are never merged, even when they agree: a bare dollar agrees
/// with each country's, which do not agree with each other, so merging would depend on order.
fn merge_equal_quantities(classes: &mut Vec<(String, Normal, Vec<ClaimRef>)>) {
    let mut i = 0;
    while i < classes.len() {
        let equal = (i + 1..classes.len()).find(|&j| match (&classes[i].1, &classes[j].1) {
            (Normal::Quantity(a), Normal::Quantity(b)) => {
                a.same_value(b) && (a.unit == b.unit || a.unit.is_none() || b.unit.is_none())
            }
            _ => false,
        });
        match equal {
            Some(j) => {
                let (_, _, members) = classes.remove(j);
                classes[i].2.extend(members);
            }
            None => i += 1,
        }
    }
}

/// The most frequent of `items`, the first among equals.
pub fn most_common<'a>(items: &[&'a str]) -> &'a str {
    let mut best = items[0];
    let mut best_count = 0;
    for item in items {
        let count = items.iter().filter(|i| *i == item).count();
        if count > best_count {
            best = item;
            best_count = count;
        }
    }
    best
}

/// The finding of a fact group whose values conflict.
pub fn conflict_finding(
    corpus: &Corpus,
    set: &ValueSet,
    suggestion: Option<Suggestion>,
) -> Finding {
    let mut fingerprint = format!(
        "value-conflict:{}/{}",
        key_slug(&set.key.subject),
        key_slug(&set.key.property)
    );
    for qualifier in [&set.when, &set.place].into_iter().flatten() {
        fingerprint.push('@');
        fingerprint.push_str(&slug(qualifier));
    }
    let values: Vec<String> = set
        .options
        .iter()
        .map(|o| format!("\"{}\"", o.text))
        .collect();
    Finding {
        code: FindingCode::ValueConflict,
        severity: FindingCode::ValueConflict.default_severity(),
        fingerprint,
        message: format!(
            "sources disagree on {} / {}: {}",
            set.subject,
            set.property,
            values.join(" vs ")
        ),
        subject: Some(set.subject.clone()),
        property: Some(set.property.clone()),
        variants: variants(corpus, &set.options),
        suggestion,
        reviewed: false,
        explain: set.explain.clone(),
        beyond_baseline: None,
        alignment: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Baseline, Group, Options, analyse};
    use crate::model::fixtures::located;
    use crate::model::fixtures::{claim, corpus, source};
    use crate::model::{Corpus, Property, Source, ValueKind};

    /// One fact (Acme's `date` or `total`) stated by sources `a`, `b`, … with the values
    /// given, each of the kind declared, if any.
    fn fact(values: &[(&str, Option<ValueKind>)]) -> Group {
        fact_in(values, |_| {})
    }

    /// [`fact`], with the corpus changed by `change` before the analysis.
    fn fact_in(values: &[(&str, Option<ValueKind>)], change: impl Fn(&mut Corpus)) -> Group {
        let mut corpus = corpus(&[]);
        corpus.sources = (values.iter().zip(["a", "b", "c", "d"]))
            .map(|(&(value, kind), id)| -> Source {
                let claims = vec![crate::model::Claim {
                    kind,
                    ..claim("Acme", "total", value)
                }];
                source(id, claims)
            })
            .collect();
        change(&mut corpus);
        let options = Options {
            baseline: Baseline::Ignore,
            full_report: true,
            memo: None,
        };
        let mut groups = analyse(&corpus, &options, &()).groups.unwrap();
        assert_eq!(groups.len(), 1, "{groups:?}");
        groups.remove(0)
    }

    /// Each value as shown, with its sources.
    fn values(group: &Group) -> Vec<(&str, Vec<&str>)> {
        (group.values.iter())
            .map(|v| {
                (
                    v.text.as_str(),
                    v.sources.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_two_digit_year_is_read_as_a_date_beside_a_date_unless_a_kind_is_declared() {
        let group = fact(&[("14 juillet 2025", None), ("14/07/25", None)]);
        assert_eq!(values(&group), [("14 juillet 2025", vec!["a", "b"])]);
        let group = fact(&[
            ("14 juillet 2025", None),
            ("14/07/25", Some(ValueKind::Text)),
        ]);
        assert_eq!(values(&group).len(), 2, "{group:?}");
    }

    #[test]
    fn a_merged_value_is_shown_by_its_most_common_spelling_a_date_by_its_own() {
        // Figures of one value at two precisions: every spelling counts.
        let group = fact(&[
            ("1,5 million", None),
            ("1 500 000", None),
            ("1 500 000", None),
        ]);
        assert_eq!(values(&group), [("1 500 000", vec!["a", "b", "c"])]);
        // An ambiguous numeric date (in a source of no language) joins the one date it can
        // be, which shows it.
        let no_language = |corpus: &mut Corpus| corpus.sources[0].language = None;
        let group = fact_in(
            &[("03/07/2025", None), ("3 juillet 2025", None)],
            no_language,
        );
        assert_eq!(values(&group), [("3 juillet 2025", vec!["a", "b"])]);
    }

    #[test]
    fn a_figure_is_read_in_its_sources_language() {
        // `1,250` is one and a quarter in French, twelve hundred and fifty in English.
        let english = |corpus: &mut Corpus| corpus.sources[1].language = Some("en".into());
        let group = fact_in(&[("1,250", None), ("1.25", None)], english);
        assert_eq!(values(&group).len(), 1, "{group:?}");
        // `03/07/2025` is the 3rd of July in French: not the 7th of March.
        let group = fact(&[("03/07/2025", None), ("7 mars 2025", None)]);
        assert_eq!(values(&group).len(), 2, "{group:?}");
    }

    #[test]
    fn an_ambiguous_date_joins_the_one_date_it_can_be_and_stays_apart_from_two() {
        let no_language = |corpus: &mut Corpus| {
            for source in corpus.sources.iter_mut().take(2) {
                source.language = None;
            }
        };
        // `03/07` and `07/03` can each be the 3rd of July, the one date written out.
        let dates = [
            ("03/07/2025", None),
            ("07/03/2025", None),
            ("3 juillet 2025", None),
        ];
        let group = fact_in(&dates, no_language);
        assert_eq!(values(&group), [("3 juillet 2025", vec!["a", "b", "c"])]);
        // Beside the 3rd of July and the 7th of March, `03/07/2025` stays itself.
        let dates = [
            ("03/07/2025", None),
            ("3 juillet 2025", None),
            ("7 mars 2025", None),
        ];
        let group = fact_in(&dates, no_language);
        assert_eq!(values(&group).len(), 3, "{group:?}");
    }

    #[test]
    fn one_figure_at_two_precisions_is_one_value_unless_two_units_are_written() {
        let one = |a: &str, b: &str| values(&fact(&[(a, None), (b, None)])).len() == 1;
        assert!(one("2 millions de dollars", "2 000 000 de dollars"));
        assert!(one("2 millions", "2 000 000 de dollars"));
        assert!(one("2 millions de dollars", "2 000 000"));
        assert!(!one(
            "2 millions de dollars",
            "2 000 000 de dollars canadiens"
        ));
        assert!(!one("2 millions", "3 millions"));
    }

    #[test]
    fn a_partial_list_of_people_joins_the_one_fullest_list_it_is_part_of() {
        let names = Some(ValueKind::Names);
        let full = "Jean Dupont, Marie Curie et Paul Martin";
        let group = fact(&[(full, names), ("Jean Dupont et al.", names)]);
        assert_eq!(values(&group), [(full, vec!["a", "b"])]);
        // A first name says more than a surname alone.
        let group = fact(&[
            ("Dupont et Curie", names),
            ("Jean Dupont et Marie Curie", names),
        ]);
        assert_eq!(
            values(&group),
            [("Jean Dupont et Marie Curie", vec!["a", "b"])]
        );
        // Part of two fuller lists that differ: its own value.
        let group = fact(&[
            ("Jean Dupont et Marie Curie", names),
            ("Jean Dupont et Paul Martin", names),
            ("Jean Dupont", names),
        ]);
        assert_eq!(values(&group).len(), 3, "{group:?}");
        // `et al.` alone names no one: its own value.
        let group = fact(&[("Jean Dupont et Marie Curie", names), ("et al.", names)]);
        assert_eq!(values(&group).len(), 2, "{group:?}");
        // The same people in another order are one list.
        let group = fact(&[
            ("Jean Dupont et Marie Curie", names),
            ("Marie Curie et Jean Dupont", names),
        ]);
        assert_eq!(values(&group).len(), 1, "{group:?}");
    }

    #[test]
    fn quotations_and_facts_of_several_values_are_no_value_conflict() {
        let conflict =
            |group: &Group| (group.findings.iter()).any(|f| f.starts_with("value-conflict"));
        let quote = Some(ValueKind::Quote);
        let quotes = [
            ("Nous vendons des puces.", quote),
            ("Nous ne vendons rien.", quote),
        ];
        assert!(!conflict(&fact(&quotes)));
        assert!(conflict(&fact(&[("3", None), ("30", None)])));
        // A registered property of several values: Acme's totals may be 3 and 30.
        let multiple = |corpus: &mut Corpus| {
            corpus.registry.properties.push(Property {
                id: located("total"),
                name: located("total"),
                aliases: vec![],
                kind: None,
                tolerance: None,
                multiple: true,
            })
        };
        assert!(!conflict(&fact_in(&[("3", None), ("30", None)], multiple)));
    }

    #[test]
    fn a_value_written_only_with_html_entities_is_shown_so() {
        let group = fact(&[("prix &amp; taxes", None), ("prix &amp; taxes", None)]);
        assert_eq!(values(&group), [("prix &amp; taxes", vec!["a", "b"])]);
        let group = fact(&[("prix &amp; taxes", None), ("prix & taxes", None)]);
        assert_eq!(values(&group), [("prix & taxes", vec!["a", "b"])]);
    }
}
