//! Name variants: one entity's spellings compared pairwise, reduced to the words that differ,
//! and classed `case-variant`, `confusable-variant` or `spelling-variant`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::variants;
use crate::finding::{Finding, FindingCode, slug};
use crate::matching::{EntityOf, EntityRef, Mention, MentionsOf, Relation, Resolver};
use crate::model::{Corpus, Location};
use crate::normalise::codes::{confusable_key, is_code, look_alike, loose_key};
use crate::normalise::names::spelling_match;
use crate::normalise::text::{fold_key, line_column};
use crate::truth::{Candidate, Trust};

/// The spellings of one entity that differ in one way.
pub struct NameSet {
    pub code: FindingCode,
    /// The registered entity's name; empty for a cluster of unregistered names.
    pub entity: String,
    pub explain: Vec<String>,
    pub options: Vec<Candidate>,
}

/// The words where two spellings of a name differ, to be classified in order: the last words
/// of each, as many as the shorter has (`Howard Latnik` / `Lutnick` → `Latnik` / `Lutnick`),
/// then, when the two differ in their number of words, all of them (`Abdul Aziz Benali` /
/// `Abdelaziz Benali` → `Abdul Aziz` / `Abdelaziz`). None when one is only a short form of the
/// other.
fn differing_words(a: &str, b: &str) -> Vec<(String, String)> {
    let (ta, tb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let same = |x: &str, y: &str| loose_key(x) == loose_key(y) && x == y;
    let prefix = ta.iter().zip(&tb).take_while(|(x, y)| same(x, y)).count();
    let (ra, rb) = (&ta[prefix..], &tb[prefix..]);
    let suffix = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let (ra, rb) = (&ra[..ra.len() - suffix], &rb[..rb.len() - suffix]);
    if ra.is_empty() || rb.is_empty() {
        return Vec::new();
    }
    let n = ra.len().min(rb.len());
    let mut spans = vec![(ra[ra.len() - n..].join(" "), rb[rb.len() - n..].join(" "))];
    if ra.len() != rb.len() {
        spans.push((ra.join(" "), rb.join(" ")));
    }
    spans
}

/// How two differing spellings relate, with the signals behind it.
fn classify(a: &str, b: &str) -> Option<(FindingCode, String)> {
    if loose_key(a) == loose_key(b) {
        return Some((
            FindingCode::CaseVariant,
            format!(
                "\"{a}\" and \"{b}\" fold to the same key \"{}\"",
                loose_key(a)
            ),
        ));
    }
    if look_alike(a, b) {
        return Some((
            FindingCode::ConfusableVariant,
            format!(
                "\"{a}\" and \"{b}\" are equal once look-alike characters are folded (\"{}\")",
                confusable_key(a)
            ),
        ));
    }
    if is_code(a) || is_code(b) {
        return None; // codes are never close by similarity
    }
    spelling_match(a, b).map(|m| {
        (
            FindingCode::SpellingVariant,
            format!("name match {:.2}: {}", m.score, m.signals),
        )
    })
}

/// For each entity, its spellings that differ, bucketed by the kind of difference.
pub fn name_variant_sets(
    corpus: &Corpus,
    mentions_of: &MentionsOf,
    entity_of: &EntityOf,
    resolver: &Resolver,
) -> Vec<NameSet> {
    let mut forms_of: Vec<((&EntityRef, &str), &Vec<&Mention>)> = mentions_of
        .iter()
        .filter_map(|(&form, list)| Some(((&entity_of.get(form)?.0, form), list)))
        .collect();
    forms_of.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut by_entity: Vec<(&EntityRef, Spellings)> = Vec::new();
    for ((entity, form), list) in &forms_of {
        match by_entity.last_mut() {
            Some((last, forms)) if last == entity => forms.push((form, list)),
            _ => by_entity.push((entity, vec![(form, list)])),
        }
    }
    // Registered spellings that a corpus form was matched against take part even when no source
    // writes them.
    let mut registry_forms: HashMap<&EntityRef, BTreeSet<&str>> = HashMap::new();
    for (entity, relation) in entity_of.values() {
        if let Some(Relation::Confusable { reference } | Relation::Spelling { reference, .. }) =
            relation
        {
            registry_forms.entry(entity).or_default().insert(reference);
        }
    }
    // Entities are compared in parallel, each with its own spellings.
    by_entity
        .par_iter()
        .flat_map_iter(|(entity, forms)| {
            let mut all = forms.clone();
            for &reference in registry_forms.get(entity).into_iter().flatten() {
                if !all.iter().any(|(f, _)| *f == reference) {
                    all.push((reference, &[]));
                }
            }
            entity_name_sets(corpus, entity, &all, resolver)
        })
        .collect()
}

/// An entity's spellings, each with the mentions that write it.
type Spellings<'a> = Vec<(&'a str, &'a [&'a Mention<'a>])>;

/// One entity's spellings that differ, bucketed by the kind of difference: each spelling with
/// the mentions that write it.
fn entity_name_sets(
    corpus: &Corpus,
    entity: &EntityRef,
    all: &[(&str, &[&Mention])],
    resolver: &Resolver,
) -> Vec<NameSet> {
    let entity_name = match entity {
        EntityRef::Registered(e) => corpus.registry.entities[*e].name.value.clone(),
        EntityRef::Cluster(_) => String::new(),
    };
    let mut sets: BTreeMap<FindingCode, NameSet> = BTreeMap::new();
    for (i, &(a, mentions_a)) in all.iter().enumerate() {
        for &(b, mentions_b) in &all[i + 1..] {
            if resolver.is_registered_spelling(a) && resolver.is_registered_spelling(b) {
                continue; // the registry lists both spellings: both are accepted
            }
            let classified = differing_words(a, b)
                .into_iter()
                .find_map(|(span_a, span_b)| {
                    let (first, second) = if span_a <= span_b {
                        (&span_a, &span_b)
                    } else {
                        (&span_b, &span_a)
                    };
                    let (code, explain) = classify(first, second)?;
                    Some((code, explain, span_a, span_b))
                });
            let Some((code, explain, span_a, span_b)) = classified else {
                continue;
            };
            let set = sets.entry(code).or_insert_with(|| NameSet {
                code,
                entity: entity_name.clone(),
                explain: Vec::new(),
                options: Vec::new(),
            });
            if !set.explain.contains(&explain) {
                set.explain.push(explain);
            }
            for (span, full, list) in [(&span_a, a, mentions_a), (&span_b, b, mentions_b)] {
                add_option(corpus, set, span, full, list, resolver);
            }
        }
    }
    sets.into_values()
        .filter(|set| {
            // The registry names its entities in every language it lists; names it does not
            // know may be translations.
            let unregistered = set.entity.is_empty();
            !(set.code == FindingCode::SpellingVariant
                && unregistered
                && only_translations(corpus, set))
        })
        .collect()
}

/// True when each spelling of a set is written in a language none of the others is: `Chine`
/// in French and `China` in English are a translation, not a misspelling. A source of unknown
/// language, or a spelling only the registry writes, may be in any language.
fn only_translations(corpus: &Corpus, set: &NameSet) -> bool {
    let languages: Vec<Option<BTreeSet<String>>> = set
        .options
        .iter()
        .map(|o| {
            let languages: Option<BTreeSet<String>> = o
                .sources
                .iter()
                .map(|&s| {
                    corpus.sources[s]
                        .language
                        .as_deref()
                        .map(|l| fold_key(l).chars().take(2).collect())
                })
                .collect();
            languages.filter(|l| !l.is_empty())
        })
        .collect();
    languages.iter().enumerate().all(|(i, a)| {
        languages[i + 1..].iter().all(|b| match (a, b) {
            (Some(a), Some(b)) => a.is_disjoint(b),
            _ => false,
        })
    })
}

/// Adds the mentions of `full` (which write `span`) to the set's option for `span`.
fn add_option(
    corpus: &Corpus,
    set: &mut NameSet,
    span: &str,
    full: &str,
    mentions: &[&Mention],
    resolver: &Resolver,
) {
    let index = match set.options.iter().position(|o| o.text == span) {
        Some(i) => i,
        None => {
            set.options.push(Candidate {
                text: span.to_string(),
                sources: BTreeSet::new(),
                locations: Vec::new(),
                registered: false,
            });
            set.options.len() - 1
        }
    };
    let option = &mut set.options[index];
    option.registered |= resolver.is_registered_spelling(full);
    if mentions.is_empty() {
        // A spelling only the registry writes: point at the registry's line.
        let registered = corpus
            .registry
            .entities
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases));
        if let Some(name) = registered.into_iter().find(|n| n.value == full) {
            option.locations.push(name.at.clone());
        }
    }
    for mention in mentions {
        option.sources.insert(mention.source);
        if !option.locations.contains(mention.at) {
            option.locations.push(mention.at.clone());
        }
        if let Some(at) = article_location(corpus, mention.source, span)
            && !option.locations.contains(&at)
        {
            option.locations.push(at);
        }
    }
}

/// Where `text` first stands as whole words in the source's article.
fn article_location(corpus: &Corpus, source: usize, text: &str) -> Option<Location> {
    let article = corpus.sources[source].article.as_ref()?;
    let body: &str = &article.text;
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let offset = body.match_indices(text).map(|(i, _)| i).find(|&i| {
        !is_word(body[..i].chars().next_back()) && !is_word(body[i + text.len()..].chars().next())
    })?;
    let (line, column) = line_column(body, offset);
    Some(Location {
        file: article.path.value.as_str().into(),
        line,
        column,
    })
}

/// The finding of a set of spellings: the suggested one, the others, and why.
pub fn name_finding(corpus: &Corpus, set: &NameSet, trust: &Trust) -> Option<Finding> {
    if set.options.len() < 2 {
        return None;
    }
    let (suggestion, best) = trust.suggest(&set.options)?;
    let others: Vec<String> = set
        .options
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, o)| format!("\"{}\"", o.text))
        .collect();
    let others = others.join(", ");
    let named = if set.entity.is_empty() || set.entity == suggestion.text {
        String::new()
    } else {
        format!(" ({})", set.entity)
    };
    let message = match set.code {
        FindingCode::SpellingVariant => format!(
            "{others} looks like a misspelling of \"{}\"{named}",
            suggestion.text
        ),
        FindingCode::ConfusableVariant => {
            format!(
                "{others} and \"{}\" are the same once look-alike characters are folded{named}",
                suggestion.text
            )
        }
        _ => format!(
            "{others} and \"{}\" differ only in case, accents or spacing{named}",
            suggestion.text
        ),
    };
    let mut variants = variants(corpus, &set.options);
    variants.sort_by_key(|v| std::cmp::Reverse(v.text == suggestion.text));
    Some(Finding {
        code: set.code,
        severity: set.code.default_severity(),
        fingerprint: format!("{}:{}", set.code.name(), slug(&suggestion.text)),
        message,
        subject: Some(if set.entity.is_empty() {
            suggestion.text.clone()
        } else {
            set.entity.clone()
        }),
        property: None,
        variants,
        suggestion: Some(suggestion),
        reviewed: false,
        explain: set.explain.clone(),
        beyond_baseline: None,
        alignment: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_words_table() {
        let cases = [
            (
                "Howard Latnik",
                "Howard Lutnick",
                vec![("Latnik", "Lutnick")],
            ),
            (
                "Howard Latnik",
                "Lutnick",
                vec![("Latnik", "Lutnick"), ("Howard Latnik", "Lutnick")],
            ),
            (
                "Abdul Aziz Benali",
                "Abdelaziz Benali",
                vec![("Aziz", "Abdelaziz"), ("Abdul Aziz", "Abdelaziz")],
            ),
            ("NVIDIA", "Nvidia", vec![("NVIDIA", "Nvidia")]),
            ("Huang", "Jensen Huang", vec![]),
            ("Jensen Huang", "Jensen Huang", vec![]),
        ];
        for (a, b, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(x, y)| (x.to_string(), y.to_string()))
                .collect();
            assert_eq!(differing_words(a, b), expected, "{a} / {b}");
        }
    }

    #[test]
    fn a_spelling_is_located_where_the_article_writes_it_as_whole_words() {
        use crate::model::Article;
        use crate::model::fixtures::{corpus, located, source};
        let mut corpus = corpus(&[]);
        let mut article_source = source("a", vec![]);
        article_source.article = Some(Article {
            path: located("seeds/a.txt"),
            text: "Les Latniks et Latnik.\nLatnikov, puis Latnik, ont parlé.".into(),
        });
        corpus.sources.push(article_source);
        let found = article_location(&corpus, 0, "Latnik").unwrap();
        assert_eq!((found.line, found.column), (1, 16));
        corpus.sources[0].article.as_mut().unwrap().text = "XLatnik puis Latnik.".into();
        let found = article_location(&corpus, 0, "Latnik").unwrap();
        assert_eq!((found.line, found.column), (1, 14));
        assert_eq!(article_location(&corpus, 0, "Lutnick"), None);
    }

    #[test]
    fn classification_table() {
        let code = |a, b| classify(a, b).map(|(c, _)| c);
        assert_eq!(code("NVIDIA", "Nvidia"), Some(FindingCode::CaseVariant));
        assert_eq!(code("H2O", "H20"), Some(FindingCode::ConfusableVariant));
        assert_eq!(
            code("Latnik", "Lutnick"),
            Some(FindingCode::SpellingVariant)
        );
        for (a, b) in [
            ("H20", "H200"),
            ("H100", "H200"),
            ("A100", "H100"),
            ("B100", "B200"),
            ("GB200", "B200"),
            ("Zhang Wei", "Zhang Wen"),
            // A code beside a word it is spelled like: another product, not a misspelling.
            ("Gemini2", "Gemini"),
            ("Gemini", "Gemini2"),
        ] {
            assert_eq!(code(a, b), None, "{a} / {b}");
        }
    }
}
