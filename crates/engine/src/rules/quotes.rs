//! Quotation variants: one speaker's quotations close enough to be one remark, worded
//! differently.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::{split, variants};
use crate::disjoint_sets::DisjointSets;
use crate::finding::{Finding, FindingCode, key_slug, slug};
use crate::matching::remarks::{
    Quotation, Readings, SAME_REMARK, TRIGRAM_FLOOR, Trigram, Written, one_remark,
};
use crate::matching::{ClaimRef, FactKey, alike};
use crate::model::Corpus;
use crate::normalise::date;
use crate::normalise::quantity::Language;
use crate::normalise::text::fold_key;
use crate::normalise::value::{Normal, Wording};
use crate::truth::{Candidate, Trust};

use super::values::Normals;

/// How many alike pairs `--explain` lists for one remark.
const MAX_EXPLAINED_PAIRS: usize = 10;

/// One finding per set of one speaker's quotations that are one remark worded differently, with
/// the fact groups it touches.
pub fn quote_findings(
    corpus: &Corpus,
    groups: &BTreeMap<FactKey, Vec<ClaimRef>>,
    normals: &Normals,
    trust: &Trust,
    readings: &mut Readings,
) -> Vec<(Finding, Vec<FactKey>)> {
    // Quotations by speaker, with the group each belongs to.
    let mut by_speaker: BTreeMap<&str, Vec<(ClaimRef, &FactKey, &Wording)>> = BTreeMap::new();
    for (key, claims) in groups {
        for &r in claims {
            if let Normal::Quote(wording) = &normals[r.0][r.1] {
                by_speaker
                    .entry(key.subject.as_str())
                    .or_default()
                    .push((r, key, wording));
            }
        }
    }
    let speakers: Vec<Speaker> = by_speaker
        .into_iter()
        .map(|(name, quotes)| Speaker::new(name, quotes))
        .collect();
    // A quotation is read once however many speakers repeat it, and `readings` keeps only
    // this corpus's quotations.
    let texts: Vec<Written> = speakers
        .iter()
        .flat_map(|speaker| {
            speaker.distinct.iter().map(|&q| {
                let (r, _, wording) = speaker.quotes[q];
                written(corpus, r, wording)
            })
        })
        .collect();
    readings.read(texts.iter().copied());
    let used: FxHashSet<&str> = texts.iter().map(|&(text, _)| text).collect();
    readings.retain(|text| used.contains(text));
    // Speakers are independent: each is compared in parallel.
    speakers
        .par_iter()
        .flat_map_iter(|speaker| speaker_quote_findings(corpus, speaker, readings, trust))
        .collect()
}

/// One speaker's quotations, each with the group it belongs to.
struct Speaker<'a> {
    name: &'a str,
    quotes: Vec<(ClaimRef, &'a FactKey, &'a Wording)>,
    /// The first quotation of each distinct wording (with its `when` and `where`), which is
    /// read and compared for all.
    distinct: Vec<usize>,
    /// Each quotation's wording, an index into `distinct`.
    wording_of: Vec<usize>,
}

impl<'a> Speaker<'a> {
    fn new(name: &'a str, quotes: Vec<(ClaimRef, &'a FactKey, &'a Wording)>) -> Self {
        let mut distinct: Vec<usize> = Vec::new();
        let mut wording_of: Vec<usize> = Vec::with_capacity(quotes.len());
        let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
        for (q, (_, key, wording)) in quotes.iter().enumerate() {
            let id = (wording.key.as_str(), key.when.as_str(), key.place.as_str());
            let index = *seen.entry(id).or_insert_with(|| {
                distinct.push(q);
                distinct.len() - 1
            });
            wording_of.push(index);
        }
        Self {
            name,
            quotes,
            distinct,
            wording_of,
        }
    }
}

/// A quotation's text with its source's language.
fn written<'a>(corpus: &Corpus, (s, _): ClaimRef, wording: &'a Wording) -> Written<'a> {
    let language = corpus.sources[s].language.as_deref();
    (&wording.text, language.and_then(Language::from_code))
}

/// The findings of one speaker's quotations, each with the fact groups it touches.
fn speaker_quote_findings(
    corpus: &Corpus,
    speaker: &Speaker,
    readings: &Readings,
    trust: &Trust,
) -> Vec<(Finding, Vec<FactKey>)> {
    let mut findings = Vec::new();
    let Speaker {
        name: speaker,
        quotes,
        distinct,
        wording_of,
    } = speaker;
    let keys: Vec<&str> = quotes.iter().map(|q| q.2.key.as_str()).collect();
    let quotations: Vec<Quotation> = distinct
        .iter()
        .map(|&q| {
            let (r, _, wording) = quotes[q];
            let source = &corpus.sources[r.0];
            let claim = &source.claims[r.1];
            let when = claim
                .when
                .as_ref()
                .and_then(|w| date::parse(&w.value, source.published));
            let place = claim.place.as_ref().map_or("", |p| p.value.as_str());
            Quotation::new(readings.get(written(corpus, r, wording)), when, place)
        })
        .collect();
    let trigrams: Vec<&[Trigram]> = quotations.iter().map(|q| q.remark.trigrams()).collect();
    let mut sets = DisjointSets::new(distinct.len());
    // Why each pair was joined, by its first wording: each finding explains its own pairs.
    let mut reasons: Vec<(usize, String)> = Vec::new();
    for (i, j, _) in alike::alike_pairs(&trigrams, TRIGRAM_FLOOR) {
        if keys[distinct[i]] == keys[distinct[j]] {
            continue;
        }
        let Some((likeness, same_day)) = one_remark(&quotations[i], &quotations[j]) else {
            continue;
        };
        sets.join(i, j);
        reasons.push((
            i,
            format!(
                "content stems {:.2}, trigrams {:.2}, shorter one contained {:.2}: score {:.2} (one remark from {}{}) between \"{}\" and \"{}\"",
                likeness.stems,
                likeness.trigrams,
                likeness.contained,
                likeness.score,
                SAME_REMARK,
                if same_day { ", less on the same day" } else { "" },
                quotes[distinct[i]].2.text,
                quotes[distinct[j]].2.text
            ),
        ));
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (q, &wording) in wording_of.iter().enumerate() {
        components.entry(sets.find(wording)).or_default().push(q);
    }
    for member_indexes in components.into_values() {
        if member_indexes
            .iter()
            .all(|&q| keys[q] == keys[member_indexes[0]])
        {
            continue; // one wording: nothing to report; two or more make as many options
        }
        let members: Vec<&(ClaimRef, &FactKey, &Wording)> =
            member_indexes.iter().map(|&q| &quotes[q]).collect();
        let mut options: Vec<Candidate> = Vec::new();
        let mut option_keys: Vec<&str> = Vec::new();
        for (&q, ((s, c), _, wording)) in member_indexes.iter().zip(&members) {
            let at = corpus.sources[*s].claims[*c].value.at.clone();
            match option_keys.iter().position(|k| *k == keys[q]) {
                Some(o) => {
                    options[o].sources.insert(*s);
                    options[o].locations.push(at);
                }
                None => {
                    option_keys.push(keys[q]);
                    options.push(Candidate {
                        text: wording.text.clone(),
                        sources: BTreeSet::from([*s]),
                        locations: vec![at],
                        registered: false,
                    });
                }
            }
        }
        let (suggestion, _) = split(trust.suggest(&options));
        let subject = &corpus.sources[members[0].0.0].claims[members[0].0.1]
            .subject
            .value;
        let stable_text = options
            .iter()
            .map(|o| fold_key(&o.text))
            .min()
            .unwrap_or_default();
        let opening: String = stable_text.split(' ').take(6).collect::<Vec<_>>().join(" ");
        let keys: Vec<FactKey> = members.iter().map(|(_, k, _)| (*k).clone()).collect();
        findings.push((
            Finding {
                code: FindingCode::QuoteVariant,
                severity: FindingCode::QuoteVariant.default_severity(),
                fingerprint: format!("quote-variant:{}/{}", key_slug(speaker), slug(&opening)),
                message: format!(
                    "one remark of {subject} is quoted in {} wordings",
                    options.len()
                ),
                subject: Some(subject.clone()),
                property: Some(
                    corpus.sources[members[0].0.0].claims[members[0].0.1]
                        .property
                        .value
                        .clone(),
                ),
                variants: variants(corpus, &options),
                suggestion,
                reviewed: false,
                explain: reasons
                    .iter()
                    .filter(|(i, _)| sets.find(*i) == sets.find(wording_of[member_indexes[0]]))
                    .map(|(_, reason)| reason.clone())
                    .take(MAX_EXPLAINED_PAIRS)
                    .collect(),
                beyond_baseline: None,
                alignment: None,
            },
            keys,
        ));
    }
    findings
}
