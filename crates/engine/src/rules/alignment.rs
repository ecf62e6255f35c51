//! Facts that should meet (`unaligned-fact`): two fact groups stated by different sources that
//! probably state one fact under different wordings of the subject or of the property, so
//! their claims are never compared.
//!
//! Pairs of groups are compared only within blocks: groups of one subject, of one property,
//! whose subjects share a content word, or that share a telling figure or a day, all with the
//! same `when` and `where`. A pair is suggested on several signals at once, never one alone:
//!
//! - the subjects: one entity, or wordings alike by their content stems and trigrams, or a
//!   name and a description that may stand for it;
//! - the properties: one property, or wordings alike by their content stems and trigrams,
//!   each read through the bilingual lexicon of [`crate::normalise::concepts`] (`CEO` and
//!   `PDG` read alike). A wording that only adds a qualifier to the other (`revenus menacés
//!   en Chine` beside `revenus en Chine`), or that differs from it by a contrasting concept
//!   (`strike start` / `strike ends`), is another fact unless the values say otherwise;
//! - the values: of kinds that compare, and equal where equality would be no coincidence (a
//!   figure with a unit or of three digits, a day, a long text), or telling figures that differ
//!   as one figure mistyped would (`640 000` / `64 000`);
//! - the instances: two property wordings whose values agree for one subject after another
//!   (`bilan des morts` / `death toll`, city by city) are one property, as schema matching by
//!   instances does (COMA++), and two whose values differ for subject after subject are two;
//! - the pairing: within one subject (or two alike), the two groups' values are the same, or
//!   one a slip of the other (a figure mistyped, a day off), and no other group of the subject
//!   that either's sources state has a value so related: each article gives it for one
//!   property only; for two subjects not alike, the same rare value, and no rival among both
//!   subjects' groups nor any group giving that value;
//! - the evidence: the two claims' evidence sentences say the same;
//! - a third group: two groups each suggested with a third, of one rare value, are suggested
//!   together too.
//!
//! Each suggestion says which registry entry would align the two (a property alias, an entity
//! alias) and what the facts would then say: agree, or conflict. Two entities (two registered
//! entities, or two names) are aligned only as one fact told of either, which no alias aligns
//! (`restate`), when the corpus links them and they share a rare value.
//!
//! Reading a wording (detecting its language, stemming it) is what costs, so each distinct
//! wording is read once, in parallel, and only when a pair that can be suggested needs it: two
//! entities' subjects are never read, so the subject of a corpus of registered names is read
//! only where it shares a word with a description.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::values::{Normals, ValueSet};
use crate::finding::{Alignment, Finding, FindingCode, Variant, key_slug, slug};
use crate::matching::remarks::{Readings, Written, likeness};
use crate::model::{Corpus, Location};
use crate::normalise::codes::is_code;
use crate::normalise::date::Moment;
use crate::normalise::names::is_proper_name;
use crate::normalise::quantity::{Language, units_agree};
use crate::normalise::stems::{Reading, read};
use crate::normalise::text::fold_key;
use crate::normalise::value::Normal;

/// Groups whose subjects share a content word are compared only when fewer than this many
/// groups share it: a word that common says nothing about two subjects being one.
const MAX_BLOCK: usize = 64;

/// Groups that share a telling figure are compared only when fewer than this many share it: a
/// figure that common stands for no one fact.
const MAX_VALUE_BLOCK: usize = 8;

/// Subject wordings at least this alike ([likeness]) may be one subject's.
const ALIKE_SUBJECTS: f64 = 0.5;

/// What one fact group offers the comparison.
struct View<'a> {
    set: &'a ValueSet,
    /// The group's sources, sorted, each once.
    sources: Vec<usize>,
    /// The subject's key is a registered entity's.
    registered: bool,
    /// Every wording of the subject is a proper name or a code (`Anduze`, `B200`), not a
    /// description (`la maire sortante`).
    named: bool,
    /// The distinct subject wordings, each with the group's language hint.
    subjects: Vec<Written<'a>>,
    /// The distinct property wordings as written, in order of first sight.
    property_texts: Vec<&'a str>,
    /// The language of the source of each property wording, where it says.
    languages: Vec<Option<Language>>,
    values: Vec<&'a Normal>,
    evidence: Vec<Written<'a>>,
}

impl<'a> View<'a> {
    /// Whether the group can be aligned with a group of another subject: not both registered
    /// and a name, since two registered entities, or two names, are two subjects.
    fn loose(&self) -> bool {
        !(self.registered && self.named)
    }

    fn properties(&self) -> impl Iterator<Item = Written<'a>> + '_ {
        self.property_texts
            .iter()
            .zip(&self.languages)
            .map(|(&t, &l)| (t, l))
    }
}

/// The signals between two fact groups.
#[derive(Clone, Debug, Default)]
struct Signals {
    same_subject: bool,
    subject_likeness: f64,
    /// One subject is a name and the other a description, which may stand for it.
    described: bool,
    /// The subjects are [two entities](two_entities) that the corpus [links](linked): the facts
    /// can meet only if one of them is restated under the other's subject, never through an
    /// alias.
    two_subjects: bool,
    /// Each subject wording names a place the other does not (`hauts responsables chinois` /
    /// `coréens`): two subjects.
    subjects_contrast: bool,
    same_property: bool,
    property_likeness: f64,
    /// One property wording only qualifies the other.
    narrower: bool,
    /// Each property wording names a concept the other does not.
    contrasting: bool,
    /// The property wordings are written in different languages, so their words cannot be
    /// compared.
    languages_differ: bool,
    comparable: bool,
    agree: bool,
    /// Some values are the [same](same_value), not only in agreement.
    same_value: bool,
    /// The values agree, and their equality would be no coincidence.
    telling_agreement: bool,
    /// The values are one named entity (a person, an organisation): telling too, but a person
    /// is met and phoned alike, so it does not outweigh contrasting wordings.
    named_agreement: bool,
    /// Some values agree as telling figures.
    telling_figure: bool,
    /// Some values are the same rare value.
    rare: bool,
    /// Some values read as one figure mistyped.
    mistyped: bool,
    /// Some values are telling figures, one ten, a hundred or a thousand times the other.
    scaled: bool,
    /// Some values are two days, one the day after the other.
    day_apart: bool,
    /// The values are times of day, and differ.
    times_differ: bool,
    /// For two groups of one subject, or two alike: their values are the [same or a
    /// slip](Values::related)
    /// of each other, and of no other group of that subject that either's sources state.
    exclusive: bool,
    evidence_likeness: f64,
    /// For two property wordings: on how many subjects (others than theirs, for one
    /// subject's) their values agree, and on how many they do not.
    instances_agree: usize,
    instances_differ: usize,
    /// Both groups are aligned with a third, and their values agree beyond coincidence.
    through_third: bool,
}

impl Signals {
    /// Whether the subject wordings are alike enough to be one subject's (`hauts dirigeants
    /// chinois` / `hauts responsables chinois`).
    fn subjects_alike(&self) -> bool {
        self.subject_likeness >= ALIKE_SUBJECTS
    }
}

/// Two groups (indexes into the views) and the signals between them.
type Pair = (usize, usize, Signals);

/// The `unaligned-fact` findings of the corpus's fact groups.
pub fn unaligned_facts(corpus: &Corpus, sets: &[ValueSet], normals: &Normals) -> Vec<Finding> {
    let languages: Vec<Option<Language>> = corpus
        .sources
        .iter()
        .map(|source| source.language.as_deref().and_then(Language::from_code))
        .collect();
    let views: Vec<View> = sets
        .par_iter()
        .filter_map(|set| view(corpus, set, normals, &languages))
        .collect();
    // The steps that only read the views run side by side: most of them are sequential.
    let ((common_months, links), (value_keys, mut subjects, candidates)) = rayon::join(
        || rayon::join(|| common_months(&views), || linked_subjects(&views)),
        || {
            let value_keys: Vec<Vec<ValueKey>> = views.par_iter().map(value_keys).collect();
            let mut subjects = Readings::new(Reading::Subject);
            read_blocking_subjects(&views, &mut subjects);
            let candidates = candidate_pairs(&views, &subjects, &value_keys);
            (value_keys, subjects, candidates)
        },
    );
    // Two entities are compared only as one fact told of either: when they share a telling
    // figure or day, and the corpus links them.
    let pairs: Vec<(usize, usize, Values)> = candidates
        .into_par_iter()
        .filter(|&(a, b, share_value)| {
            let (a, b) = (&views[a], &views[b]);
            disjoint(&a.sources, &b.sources)
                && (!two_entities(a, b) || (share_value && linked(&links, a, b)))
        })
        .map(|(a, b, _)| (a, b, compare_values(&views[a], &views[b], &common_months)))
        .filter(|(_, _, values)| values.comparable)
        .collect();
    // The wordings the signals compare: the subjects only of two subjects that may be one.
    subjects.read(pairs.iter().flat_map(|&(a, b, _)| {
        let (a, b) = (&views[a], &views[b]);
        (a.set.key.subject != b.set.key.subject && !two_entities(a, b))
            .then(|| a.subjects.iter().chain(&b.subjects).copied())
            .into_iter()
            .flatten()
    }));
    let mut property_readings = Readings::new(Reading::Property);
    property_readings.read(
        pairs
            .iter()
            .flat_map(|&(a, b, _)| views[a].properties().chain(views[b].properties())),
    );
    let mut evidence = Readings::new(Reading::Quotation);
    evidence.read(
        pairs
            .iter()
            .flat_map(|&(a, b, _)| views[a].evidence.iter().chain(&views[b].evidence).copied()),
    );
    let properties = property_matches(&views, &pairs, &property_readings);
    let mut signals: Vec<Pair> = pairs
        .into_par_iter()
        .map(|(a, b, values)| {
            let (a_view, b_view) = (&views[a], &views[b]);
            (
                a,
                b,
                signals(a_view, b_view, values, &properties, &subjects, &evidence),
            )
        })
        .collect();
    count_instances(&views, &mut signals);
    mark_exclusive(&views, &value_keys, &common_months, &mut signals);
    let mut signals = aligned_pairs(signals);
    drop_ambiguous_descriptions(&views, &mut signals);
    let mut by_edit: BTreeMap<(String, String), Vec<Pair>> = BTreeMap::new();
    for (a, b, s) in signals {
        by_edit
            .entry(edit_key(&views[a], &views[b]))
            .or_default()
            .push((a, b, s));
    }
    let edits: Vec<Vec<Pair>> = by_edit.into_values().collect();
    edits
        .into_par_iter()
        .map(|pairs| finding(corpus, &views, &pairs))
        .collect()
}

/// The pairs to suggest: those [aligned] on their own signals, and those whose values agree
/// beyond coincidence and that are both aligned with a third group (`compensation` and
/// `damages awarded`, each aligned with `dommages et intérêts alloués`): accepting the other
/// two suggestions would make them meet anyway.
fn aligned_pairs(mut signals: Vec<Pair>) -> Vec<Pair> {
    let mut aligned_with: FxHashMap<usize, FxHashSet<usize>> = FxHashMap::default();
    for (a, b, _) in signals.iter().filter(|(_, _, s)| aligned(s)) {
        aligned_with.entry(*a).or_default().insert(*b);
        aligned_with.entry(*b).or_default().insert(*a);
    }
    for (a, b, s) in &mut signals {
        s.through_third = !aligned(s)
            && !s.two_subjects
            && s.rare
            && !vetoed(s)
            && aligned_with
                .get(a)
                .zip(aligned_with.get(b))
                .is_some_and(|(x, y)| !x.is_disjoint(y));
    }
    signals.retain(|(_, _, s)| s.through_third || aligned(s));
    signals
}

/// Whether the signals forbid aligning the two groups, whatever else they say. Subjects of
/// two places are two subjects. A qualifier on one side makes another fact unless the values
/// are the same, or one a slip of the other with no rival ([exclusive](mark_exclusive)); a
/// contrasting concept, unless they are the same beyond coincidence. Two
/// property wordings whose values differ for subject after other subject are two properties,
/// whatever one subject's values say (the converse of the instances' signal). Two times of
/// one day are two events (`left St Malo at` / `scheduled departure from St Malo`) unless the
/// wordings read as one.
fn vetoed(s: &Signals) -> bool {
    !s.comparable
        || (s.times_differ && s.property_likeness < 0.9)
        || s.subjects_contrast
        || (s.narrower && !s.same_value && !(s.exclusive && qualified_slip(s)))
        || (s.contrasting && !s.telling_agreement)
        || (s.instances_differ >= 3 && s.instances_differ > 3 * s.instances_agree)
}

/// Whether a slip between the values of a qualified wording and its plain form is telling: a
/// figure ten, a hundred or a thousand times the other, or any slip across languages; not two
/// digits swapped, nor a day off, within one (`revenus en Chine: 42 milliards` / `revenus
/// menacés en Chine: 24 milliards`, `ouverture` / `ouverture officielle`).
fn qualified_slip(s: &Signals) -> bool {
    s.scaled || (s.languages_differ && (s.mistyped || s.day_apart))
}

/// Whether the signals are enough to suggest aligning the two groups: each way needs two
/// signals or more (tuned on the `tune` part of tests/labelled/alignment/pairs.yaml).
fn aligned(s: &Signals) -> bool {
    if vetoed(s) {
        return false;
    }
    // Two wordings of one language that share almost nothing are two properties, whatever
    // their values (`budget` / `dette`); across languages their words cannot tell.
    let wordings_allow = s.languages_differ || s.property_likeness >= 0.25 || s.narrower;
    // Two property wordings whose values agree subject after subject are one property.
    let instances = s.instances_agree >= 2 && s.instances_agree >= 3 * s.instances_differ;
    if s.two_subjects {
        // One fact told of two entities (`Mbeleck / transfer fee` and `Bramfield Rovers / fee
        // paid for Mbeleck`, €28 million): only the same telling value, and no rival. Wordings
        // that read as one, or that are one property subject after subject, are a like fact
        // of each (`Northline / pay offer`, `Eastway / pay offer`).
        return s.exclusive
            && s.same_value
            && s.telling_agreement
            && wordings_allow
            && !s.same_property
            && s.property_likeness < 0.9
            && !instances;
    }
    // One named value speaks for one subject's two wordings only: a paper reports on many
    // subjects (`rapporté par: Financial Times`).
    let telling = s.telling_agreement || s.named_agreement;
    // A figure mistyped is as telling across languages, where the wordings cannot say.
    let mistyped = s.mistyped && s.languages_differ;
    let same_evidence = s.evidence_likeness >= 0.5 && (s.same_subject || s.subjects_alike());
    if s.same_subject {
        ((telling || s.exclusive) && wordings_allow)
            || mistyped
            || instances
            || s.property_likeness >= 0.5
            || same_evidence
    } else {
        (s.same_property && s.telling_agreement)
            || (s.subjects_alike() && s.property_likeness >= 0.4 && s.telling_agreement)
            // A name and a description alike in nothing are met only by the paths above.
            || (s.exclusive && wordings_allow && (s.subjects_alike() || !s.described))
            // Two wordings of one subject (`hauts dirigeants` / `hauts responsables`).
            || (s.subject_likeness >= 0.9 && s.property_likeness >= 0.5 && s.same_value)
            // A description standing for a name (`the Norwegian carrier`, `Nordvik Line`).
            || (s.described && s.same_property && s.same_value)
            // The same across languages, where the property wordings cannot be compared.
            || (s.described && s.languages_differ && s.telling_figure)
            || same_evidence
    }
}

/// Drops the pairs where a description meets two or more named subjects, on one property (`the
/// Norwegian carrier` with `Nordvik Line` and with `Baltic Link`, each with 240 sailors) or on
/// two across languages: the description stands for one of them at most, and the values cannot
/// tell which.
fn drop_ambiguous_descriptions(views: &[View], pairs: &mut Vec<Pair>) {
    let description = |&(a, b, ref s): &Pair| {
        (s.described && !s.same_subject).then(|| if views[a].named { (b, a) } else { (a, b) })
    };
    let mut names_met: FxHashMap<usize, FxHashSet<&str>> = FxHashMap::default();
    for (described, named) in pairs.iter().filter_map(description) {
        names_met
            .entry(described)
            .or_default()
            .insert(views[named].set.key.subject.as_str());
    }
    pairs.retain(|pair| {
        description(pair).is_none_or(|(described, _)| names_met[&described].len() < 2)
    });
}

/// One group's view: its sources, wordings, values and evidence (the wordings not read yet);
/// `languages_of`: each source's language. None for a group of quotations, which are compared
/// as remarks, not as facts.
fn view<'a>(
    corpus: &'a Corpus,
    set: &'a ValueSet,
    normals: &'a Normals,
    languages_of: &[Option<Language>],
) -> Option<View<'a>> {
    let mut subjects: Vec<&str> = Vec::new();
    let mut property_texts: Vec<&str> = Vec::new();
    let mut languages: Vec<Option<Language>> = Vec::new();
    let mut evidence = Vec::new();
    let mut values = Vec::new();
    for &(s, c) in &set.claims {
        match &normals[s][c] {
            Normal::Quote(_) => return None,
            Normal::Empty => {}
            normal => values.push(normal),
        }
        let source = &corpus.sources[s];
        let claim = &source.claims[c];
        let language = languages_of[s];
        if !subjects.contains(&claim.subject.value.as_str()) {
            subjects.push(&claim.subject.value);
        }
        if !property_texts.contains(&claim.property.value.as_str()) {
            property_texts.push(&claim.property.value);
            languages.push(language);
        }
        if let Some(e) = &claim.evidence {
            evidence.push((e.value.as_str(), language));
        }
    }
    let hint = set.claims.first().and_then(|&(s, _)| languages_of[s]);
    let mut sources: Vec<usize> = set.claims.iter().map(|&(s, _)| s).collect();
    sources.sort_unstable();
    sources.dedup();
    Some(View {
        set,
        sources,
        registered: set.key.subject.starts_with("entity:"),
        named: subjects.iter().all(|s| is_proper_name(s) || is_code(s)),
        subjects: subjects.iter().map(|&t| (t, hint)).collect(),
        property_texts,
        languages,
        values,
        evidence,
    })
}

/// Reads the subjects whose words may block a pair that can be suggested: those of the
/// [loose](View::loose) groups, and those of the other groups that may share a word with one.
/// The others' words only block pairs of two registered names, which are never suggested, and
/// are never in a block with a loose group, so the blocks that matter are the same without
/// them.
fn read_blocking_subjects<'a>(views: &[View<'a>], readings: &mut Readings) {
    let loose = views.iter().filter(|v| v.loose());
    readings.read(loose.clone().flat_map(|v| v.subjects.iter().copied()));
    let words: FxHashSet<String> = loose
        .flat_map(|v| &v.subjects)
        .flat_map(|&s| readings.get(s).stems())
        .collect();
    if words.is_empty() {
        return;
    }
    // A wording's stems are those of French or of English, whichever it is read in: a wording
    // that shares no stem with the loose groups' in either language shares none once read.
    let texts: FxHashSet<&str> = views
        .iter()
        .filter(|v| !v.loose())
        .flat_map(|v| v.subjects.iter().map(|&(text, _)| text))
        .collect();
    let near: FxHashSet<&str> = texts
        .into_par_iter()
        .filter(|text| {
            [Language::French, Language::English].into_iter().any(|l| {
                read(text, l, Reading::Subject)
                    .stems
                    .iter()
                    .any(|s| words.contains(s))
            })
        })
        .collect();
    readings.read(
        views
            .iter()
            .flat_map(|v| &v.subjects)
            .filter(|(text, _)| near.contains(text))
            .copied(),
    );
}

/// The pairs of groups worth comparing: of one subject, of one property, or whose subjects
/// share a content word (the last two in blocks of fewer than [`MAX_BLOCK`]), or that share a
/// [telling](telling_value) figure (in blocks of fewer than [`MAX_VALUE_BLOCK`]), with the
/// same `when` and `where`. Only the subjects read by [`read_blocking_subjects`] block by word.
/// The pairs come sorted, each once, with whether they share a figure or day in such a block.
fn candidate_pairs<'a>(
    views: &[View<'a>],
    readings: &Readings,
    value_keys: &[Vec<ValueKey>],
) -> Vec<(usize, usize, bool)> {
    let words: Vec<BTreeSet<String>> = views
        .iter()
        .map(|v| {
            v.subjects
                .iter()
                .filter(|&&s| readings.has(s))
                .flat_map(|&s| readings.get(s).stems())
                .collect()
        })
        .collect();
    let mut blocks: FxHashMap<(&str, &str, Block, BlockKey), Vec<usize>> = FxHashMap::default();
    for (i, ((v, words), values)) in views.iter().zip(&words).zip(value_keys).enumerate() {
        let (when, place) = (v.set.key.when.as_str(), v.set.key.place.as_str());
        let mut block = |by, key| blocks.entry((when, place, by, key)).or_default().push(i);
        block(Block::Subject, BlockKey::Text(v.set.key.subject.as_str()));
        block(
            Block::PropertyOrWord,
            BlockKey::Text(v.set.key.property.as_str()),
        );
        for word in words {
            block(Block::PropertyOrWord, BlockKey::Text(word.as_str()));
        }
        for &value in values {
            block(Block::Figure, BlockKey::Value(value));
        }
    }
    let mut pairs = Vec::new();
    for ((_, _, by, _), members) in &blocks {
        if members.len() >= by.largest() {
            continue;
        }
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                if a != b {
                    pairs.push((a.min(b), a.max(b), *by == Block::Figure));
                }
            }
        }
    }
    pairs.par_sort_unstable();
    // One pair from several blocks: it shares a value if any of them says so (sorted last).
    pairs.dedup_by(|later, kept| {
        let same = (later.0, later.1) == (kept.0, kept.1);
        kept.2 |= same && later.2;
        same
    });
    pairs
}

/// What a block's groups share: a wording (a subject's or property's key, or a word), or a
/// [value](ValueKey).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum BlockKey<'a> {
    Text(&'a str),
    Value(ValueKey),
}

/// What the groups of a block share.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Block {
    Subject,
    PropertyOrWord,
    Figure,
}

impl Block {
    /// A block this large or larger is skipped: what its groups share is too common to say
    /// anything. A subject's groups are always compared.
    fn largest(self) -> usize {
        match self {
            Block::Subject => usize::MAX,
            Block::PropertyOrWord => MAX_BLOCK,
            Block::Figure => MAX_VALUE_BLOCK,
        }
    }
}

/// The key under which groups sharing a [telling](telling_value) figure or a day are
/// compared: the figure's middle, whatever its precision and unit; the day.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ValueKey {
    /// The bits of the middle.
    Figure(u64),
    /// Days from 1970-01-01.
    Day(i64),
}

/// A group's [value keys](ValueKey), each once.
fn value_keys(view: &View) -> Vec<ValueKey> {
    let mut keys: Vec<ValueKey> = view
        .values
        .iter()
        .filter_map(|value| match value {
            Normal::Quantity(q) if telling_value(value) => {
                q.middle().map(|m| ValueKey::Figure(m.to_bits()))
            }
            _ => None,
        })
        .chain(view.values.iter().flat_map(|value| match value {
            Normal::Moment(m) => m.days().into_iter().map(ValueKey::Day).collect(),
            _ => Vec::new(),
        }))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Whether the two groups' property wordings are all written in different languages, as far
/// as their sources say.
fn languages_differ(a: &View, b: &View) -> bool {
    a.languages
        .iter()
        .flatten()
        .all(|x| b.languages.iter().flatten().all(|y| x != y))
        && a.languages.iter().any(Option::is_some)
        && b.languages.iter().any(Option::is_some)
}

/// The subjects that a fact links, both ways: a fact of one whose value is the other
/// (`affaire des Néréides / juridiction: tribunal correctionnel de Montpellier`).
fn linked_subjects<'a>(views: &[View<'a>]) -> FxHashSet<(&'a str, &'a str)> {
    let mut links = FxHashSet::default();
    for view in views {
        let subject = view.set.key.subject.as_str();
        for value in &view.values {
            if let Normal::Entity(entity) = value {
                links.insert((subject, entity.as_str()));
                links.insert((entity.as_str(), subject));
            }
        }
    }
    links
}

/// Whether the corpus [links](linked_subjects) two groups' subjects, or a property wording of
/// either names the other's subject by one of its capitalised words, capitalised there too
/// (`fee paid for Mbeleck`, `Yannick Mbeleck`; not `city grant`, `Lanby City`), beyond its
/// first word.
fn linked(links: &FxHashSet<(&str, &str)>, a: &View, b: &View) -> bool {
    let capitalised = |text: &str| -> Vec<String> {
        text.split([' ', '-', '\'', '’'])
            .filter(|word| word.chars().count() >= 3 && word.starts_with(char::is_uppercase))
            .map(fold_key)
            .collect()
    };
    let names_other = |x: &View, y: &View| {
        let names: Vec<String> = y
            .subjects
            .iter()
            .flat_map(|&(t, _)| capitalised(t))
            .collect();
        x.property_texts.iter().any(|property| {
            let rest = property.split_once(' ').map_or("", |(_, rest)| rest);
            capitalised(rest).iter().any(|word| names.contains(word))
        })
    };
    links.contains(&(a.set.key.subject.as_str(), b.set.key.subject.as_str()))
        || names_other(a, b)
        || names_other(b, a)
}

/// Whether two sorted lists share no item.
fn disjoint(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// Whether two groups are of two subjects that are two entities: two registered entities, or
/// two names (a name's variants are the name rules' to find). A description may stand for a
/// name (`la maire sortante`). Such groups are aligned only as one fact told of either
/// subject, when they share a telling figure or day and the corpus [links](linked) them.
fn two_entities(a: &View, b: &View) -> bool {
    a.set.key.subject != b.set.key.subject
        && ((a.registered && b.registered) || (a.named && b.named))
}

/// How two groups' values compare.
#[derive(Clone, Copy)]
struct Values {
    /// Some are of kinds that compare.
    comparable: bool,
    /// Some agree.
    agree: bool,
    /// Some are the [same](same_value).
    same: bool,
    /// Some agree, and their equality would be no coincidence.
    telling: bool,
    /// Some are one named entity.
    named: bool,
    /// Some agree as telling figures: a story's few dates are shared by its many events.
    telling_figure: bool,
    /// Some are the same telling value, and a rare one: not a small figure that only its unit
    /// makes telling (`23 %`).
    rare: bool,
    /// Some are telling figures that differ as one figure mistyped would (`640 000` /
    /// `64 000`): a conflict, but no coincidence.
    mistyped: bool,
    /// Some are telling figures, one ten, a hundred or a thousand times the other.
    scaled: bool,
    /// Some are two days, one the day after the other.
    day_apart: bool,
    /// Every two that compare are times of day, and none agree.
    times_differ: bool,
}

impl Values {
    /// Whether some values are the same, or one a slip of the other (a figure mistyped, a day
    /// off).
    fn related(&self) -> bool {
        self.same || self.mistyped || self.day_apart
    }
}

/// The months (or weeks) that three facts of one subject or more state, by subject and value:
/// a month two facts share may be no coincidence, but one that three share says nothing
/// about which of them are one fact (`reprise prévue`, `rapport attendu`: April 2026).
fn common_months<'a>(views: &[View<'a>]) -> FxHashSet<(&'a str, String)> {
    let mut facts: FxHashMap<(&str, String), usize> = FxHashMap::default();
    for view in views {
        let months: FxHashSet<String> = view
            .values
            .iter()
            .filter(|value| is_month(value))
            .map(|value| value.class_key())
            .collect();
        for month in months {
            *facts
                .entry((view.set.key.subject.as_str(), month))
                .or_default() += 1;
        }
    }
    facts
        .into_iter()
        .filter(|&(_, count)| count >= 3)
        .map(|(key, _)| key)
        .collect()
}

/// Whether a value is a month (or a few weeks): precise, but coarser than a day.
fn is_month(value: &Normal) -> bool {
    matches!(value, Normal::Moment(m) if m.is_at_most_a_month() && !m.is_one_day())
}

fn compare_values(a: &View, b: &View, common_months: &FxHashSet<(&str, String)>) -> Values {
    let (mut comparable, mut agree, mut same, mut telling, mut named) =
        (false, false, false, false, false);
    let (mut telling_figure, mut rare, mut mistyped, mut day_apart) = (false, false, false, false);
    let (mut scaled, mut only_times) = (false, true);
    for x in &a.values {
        for y in &b.values {
            if comparable_kinds(x, y) {
                comparable = true;
                only_times &= is_time_of_day(x) && is_time_of_day(y);
                agree |= x.agrees_with(y, 0.0);
                // Values that only can both be right (texts alike, overlapping figures) are
                // not telling; the same value is.
                if same_value(x, y) {
                    same = true;
                    // Only a month can be common: no key is made for other values.
                    let common = || {
                        let subject = a.set.key.subject.as_str();
                        is_month(x) && common_months.contains(&(subject, x.class_key()))
                    };
                    let tells = telling_value(x) && !common();
                    telling |= tells;
                    telling_figure |= tells && matches!(x, Normal::Quantity(_));
                    rare |= tells && !small_figure(x);
                    named |= matches!(x, Normal::Entity(_));
                } else if let (Normal::Quantity(p), Normal::Quantity(q)) = (x, y) {
                    let telling = telling_value(x) && telling_value(y);
                    mistyped |= telling && p.looks_mistyped(q);
                    scaled |= telling && p.is_scaled(q);
                } else if let (Normal::Moment(p), Normal::Moment(q)) = (x, y) {
                    day_apart |= p.is_a_day_from(q);
                }
            }
        }
    }
    Values {
        comparable,
        agree,
        same,
        telling,
        named,
        telling_figure,
        rare,
        mistyped,
        scaled,
        day_apart,
        times_differ: comparable && only_times && !agree,
    }
}

fn is_time_of_day(value: &Normal) -> bool {
    matches!(value, Normal::Moment(Moment::TimeOfDay { .. }))
}

/// A whole figure under a hundred.
fn small_figure(value: &Normal) -> bool {
    matches!(value, Normal::Quantity(q)
        if q.middle().is_some_and(|m| m.abs() < 100.0 && m.fract() == 0.0))
}

/// How a property wording of one group compares with one of another.
#[derive(Clone, Copy)]
struct PropertyMatch {
    likeness: f64,
    /// One wording only qualifies the other.
    narrower: bool,
    /// Each wording names a concept the other does not.
    contrasting: bool,
}

/// The pairs of property wordings that `pairs` compare (one of each group's), each compared
/// once: a corpus writes a few wordings over many groups.
fn property_matches<'a>(
    views: &[View<'a>],
    pairs: &[(usize, usize, Values)],
    readings: &Readings,
) -> FxHashMap<(Written<'a>, Written<'a>), PropertyMatch> {
    let mut wanted: FxHashSet<(Written<'a>, Written<'a>)> = FxHashSet::default();
    for &(a, b, _) in pairs {
        for x in views[a].properties() {
            for y in views[b].properties() {
                wanted.insert((x, y));
            }
        }
    }
    wanted
        .into_par_iter()
        .map(|keys| {
            let (x, y) = (readings.get(keys.0), readings.get(keys.1));
            let matched = PropertyMatch {
                likeness: likeness(x, y).score,
                narrower: x.narrows(y) || y.narrows(x),
                contrasting: x.contrasts(y),
            };
            (keys, matched)
        })
        .collect()
}

/// The signals between two groups of values that compare, but for the instances and the
/// pairing.
fn signals<'a>(
    a: &View<'a>,
    b: &View<'a>,
    values: Values,
    properties: &FxHashMap<(Written<'a>, Written<'a>), PropertyMatch>,
    subjects: &Readings,
    sentences: &Readings,
) -> Signals {
    let best = |xs: &[Written<'a>], ys: &[Written<'a>], readings: &Readings| {
        xs.iter()
            .flat_map(|&x| {
                ys.iter()
                    .map(move |&y| likeness(readings.get(x), readings.get(y)).score)
            })
            .fold(0.0, f64::max)
    };
    let same_subject = a.set.key.subject == b.set.key.subject;
    // Two entities' subjects are not read: they are two, whatever their words.
    let two_subjects = two_entities(a, b);
    let matches: Vec<PropertyMatch> = a
        .properties()
        .flat_map(|x| b.properties().map(move |y| properties[&(x, y)]))
        .collect();
    Signals {
        same_subject,
        subject_likeness: if same_subject {
            1.0
        } else if two_subjects {
            0.0
        } else {
            best(&a.subjects, &b.subjects, subjects)
        },
        described: a.named != b.named && !two_subjects,
        two_subjects,
        subjects_contrast: !same_subject
            && !two_subjects
            && a.subjects.iter().all(|&x| {
                b.subjects
                    .iter()
                    .all(|&y| subjects.get(x).contrasts(subjects.get(y)))
            }),
        same_property: a.set.key.property == b.set.key.property,
        property_likeness: matches.iter().map(|m| m.likeness).fold(0.0, f64::max),
        narrower: matches.iter().any(|m| m.narrower),
        contrasting: matches.iter().all(|m| m.contrasting),
        languages_differ: languages_differ(a, b),
        comparable: values.comparable,
        agree: values.agree,
        same_value: values.same,
        telling_agreement: values.telling,
        named_agreement: values.named,
        telling_figure: values.telling_figure,
        rare: values.rare,
        mistyped: values.mistyped,
        scaled: values.scaled,
        day_apart: values.day_apart,
        times_differ: values.times_differ,
        evidence_likeness: best(&a.evidence, &b.evidence, sentences),
        ..Signals::default()
    }
}

/// For each pair of groups of two properties, on how many subjects (others than theirs, for
/// one subject's groups) the same two properties agree and differ.
fn count_instances(views: &[View], signals: &mut [Pair]) {
    let mut tally: FxHashMap<(&str, &str), (usize, usize)> = FxHashMap::default();
    let property_pair = |a: usize, b: usize| {
        let (x, y) = (
            views[a].set.key.property.as_str(),
            views[b].set.key.property.as_str(),
        );
        if x <= y { (x, y) } else { (y, x) }
    };
    for (a, b, s) in signals.iter() {
        if s.same_subject && !s.same_property {
            let entry = tally.entry(property_pair(*a, *b)).or_default();
            if s.agree {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }
    for (a, b, s) in signals.iter_mut() {
        if s.same_property {
            continue;
        }
        if s.same_subject {
            let (agree, differ) = tally[&property_pair(*a, *b)];
            // The others: this pair's own agreement is not evidence for itself.
            s.instances_agree = agree - usize::from(s.agree);
            s.instances_differ = differ - usize::from(!s.agree);
        } else if let Some(&(agree, differ)) = tally.get(&property_pair(*a, *b)) {
            // Groups of two subjects: what the two properties do subject by subject.
            s.instances_agree = agree;
            s.instances_differ = differ;
        }
    }
}

/// Marks the pairs of one subject's groups whose values are [related](Values::related) to each
/// other's and to no other group's of that subject that either's sources state: when one
/// article writes `bilan: 2` and the other `death toll: 2`, and neither writes another 2 of
/// that subject, the two are probably one fact. A rival makes the pairing a guess.
///
/// Two subjects that are not alike (`procès du centre aquatique`, `affaire des Néréides`) may
/// be two wordings of one too, or one fact told of either party: their groups are paired so
/// only on the same telling figure or day, and its rivals are sought among the groups of both
/// subjects and every group that gives that figure or day.
fn mark_exclusive(
    views: &[View],
    value_keys: &[Vec<ValueKey>],
    common_months: &FxHashSet<(&str, String)>,
    signals: &mut [Pair],
) {
    let mut groups: FxHashMap<(&str, &str, &str), Vec<usize>> = FxHashMap::default();
    let mut by_value: FxHashMap<(&str, &str, ValueKey), Vec<usize>> = FxHashMap::default();
    for (i, (view, values)) in views.iter().zip(value_keys).enumerate() {
        let key = &view.set.key;
        let (when, place) = (key.when.as_str(), key.place.as_str());
        groups
            .entry((key.subject.as_str(), when, place))
            .or_default()
            .push(i);
        for &value in values {
            by_value.entry((when, place, value)).or_default().push(i);
        }
    }
    let related =
        |x: usize, y: usize| compare_values(&views[x], &views[y], common_months).related();
    signals.par_iter_mut().for_each(|(a, b, s)| {
        let alike = s.subjects_alike();
        if s.same_property
            || !(s.same_value || s.mistyped || s.day_apart)
            || !(alike || (s.same_value && s.rare))
        {
            return;
        }
        let (a, b) = (*a, *b);
        let group = |i: usize| {
            let key = &views[i].set.key;
            groups[&(key.subject.as_str(), key.when.as_str(), key.place.as_str())].as_slice()
        };
        // The groups of both subjects, each once; for subjects not alike, those of the values
        // too.
        let other_subject: &[usize] = if s.same_subject { &[] } else { group(b) };
        let key = &views[a].set.key;
        let of_values: Vec<usize> = if alike {
            Vec::new()
        } else {
            value_keys[a]
                .iter()
                .filter_map(|&value| by_value.get(&(key.when.as_str(), key.place.as_str(), value)))
                .flatten()
                .copied()
                .collect()
        };
        s.exclusive = group(a)
            .iter()
            .chain(other_subject)
            .chain(&of_values)
            .filter(|&&c| c != a && c != b)
            .all(|&c| {
                let sources = &views[c].sources;
                (disjoint(sources, &views[a].sources) || !related(c, b))
                    && (disjoint(sources, &views[b].sources) || !related(a, c))
            });
    });
}

/// Whether two values are the same value, not only values that can both be right: figures
/// each within the other's rounding, else one value class (one day, one entity, one text word
/// for word), as the value rule counts them.
fn same_value(a: &Normal, b: &Normal) -> bool {
    match (a, b) {
        (Normal::Quantity(x), Normal::Quantity(y)) => x.same_value(y),
        (Normal::Moment(x), Normal::Moment(y)) if x.is_ambiguous() || y.is_ambiguous() => {
            x.may_be_the_same_day(y)
        }
        _ => a.same_class(b),
    }
}

/// Whether two values are of kinds that compare.
fn comparable_kinds(a: &Normal, b: &Normal) -> bool {
    match (a, b) {
        (Normal::Quantity(x), Normal::Quantity(y)) => units_agree(x.unit, y.unit),
        (Normal::Moment(_), Normal::Moment(_))
        | (Normal::Entity(_), Normal::Entity(_))
        | (Normal::Text(_), Normal::Text(_))
        | (Normal::Names(_), Normal::Names(_)) => true,
        _ => false,
    }
}

/// Whether two sources writing this value for two facts of one subject would hardly be a
/// coincidence: a figure with a unit, of three digits or more, or with decimals; a day or a
/// month, or a time to the minute; a product code; a text of four words or more.
fn telling_value(value: &Normal) -> bool {
    match value {
        Normal::Quantity(q) => {
            let middle = (q.low + q.high) / 2.0;
            q.unit.is_some() || middle.abs() >= 100.0 || middle.fract() != 0.0
        }
        Normal::Moment(m) => m.is_at_most_a_month() || m.is_ambiguous(),
        // A product code names one thing (`HX20`); another entity is a named value (see
        // `Signals::named_agreement`).
        Normal::Entity(key) => is_code(key.split_once(':').map_or(key.as_str(), |(_, k)| k)),
        Normal::Text(w) => w.key.split(' ').count() >= 4,
        _ => false,
    }
}

/// Which registry edit would align two groups: its kind and what it names. Pairs that one edit
/// aligns make one finding.
fn edit_key(a: &View, b: &View) -> (String, String) {
    let (first, second) = if a.set.key <= b.set.key {
        (a, b)
    } else {
        (b, a)
    };
    let subject = if first.set.key.subject == second.set.key.subject {
        String::new()
    } else {
        format!("{}~{}", first.set.key.subject, second.set.key.subject)
    };
    let property = if first.set.key.property == second.set.key.property {
        String::new()
    } else {
        format!("{}~{}", first.set.key.property, second.set.key.property)
    };
    (subject, property)
}

/// The finding for the pairs one registry edit would align.
fn finding(corpus: &Corpus, views: &[View], pairs: &[Pair]) -> Finding {
    let (a, b, _) = &pairs[0];
    let (first, second) = if views[*a].set.key <= views[*b].set.key {
        (&views[*a], &views[*b])
    } else {
        (&views[*b], &views[*a])
    };
    // The wording written by more sources is kept; the other becomes its alias.
    let (kept, alias) = if second.sources.len() > first.sources.len() {
        (second, first)
    } else {
        (first, second)
    };
    // One finding's pairs are all of the same two subjects: of two entities, or not.
    let restate = pairs.iter().any(|(_, _, s)| s.two_subjects);
    let subject_differs = kept.set.key.subject != alias.set.key.subject && !restate;
    let property_differs = kept.set.key.property != alias.set.key.property && !restate;
    let alignment = Alignment {
        restate,
        subject_alias: subject_differs.then(|| alias.set.subject.clone()),
        subject: subject_differs.then(|| kept.set.subject.clone()),
        property_alias: property_differs.then(|| alias.property_texts[0].to_string()),
        property: property_differs.then(|| kept.property_texts[0].to_string()),
        pairs: Vec::new(),
        agree: pairs.iter().filter(|(_, _, s)| s.agree).count(),
        conflict: pairs.iter().filter(|(_, _, s)| !s.agree).count(),
    };
    let mut alignment = alignment;
    let mut variants: Vec<Variant> = Vec::new();
    // Each variant's index by its text.
    let mut known: FxHashMap<String, usize> = FxHashMap::default();
    for (x, y, _) in pairs {
        let mut pair = [0; 2];
        for (side, view) in [&views[*x], &views[*y]].into_iter().enumerate() {
            let text = format!("{} / {}", view.set.subject, view.property_texts.join(" | "));
            let values: Vec<&str> = view.set.options.iter().map(|o| o.text.as_str()).collect();
            let text = format!("{text}: {}", values.join(" | "));
            if let Some(&index) = known.get(&text) {
                pair[side] = index;
                continue;
            }
            known.insert(text.clone(), variants.len());
            pair[side] = variants.len();
            variants.push(Variant {
                text,
                sources: view
                    .sources
                    .iter()
                    .map(|&s| corpus.sources[s].id.value.clone())
                    .collect(),
                locations: claim_locations(corpus, view),
            });
        }
        alignment.pairs.push(pair);
    }
    let facts = pairs.len();
    let said = match (alignment.agree, alignment.conflict) {
        (_, 0) if facts == 1 => "the two would agree".to_string(),
        (_, 0) => format!("{facts} pairs of facts would meet and agree"),
        (0, _) if facts == 1 => "the two would conflict".to_string(),
        (0, _) => format!("{facts} pairs of facts would meet and conflict"),
        (agree, conflict) => {
            format!("{facts} pairs of facts would meet: {agree} agree, {conflict} conflict")
        }
    };
    let (what, edit) = match (&alignment.subject_alias, &alignment.property_alias) {
        (Some(s), Some(p)) => (
            format!(
                "\"{s} / {p}\" and \"{} / {}\" probably state one fact",
                kept.set.subject, kept.property_texts[0]
            ),
            format!(
                "register \"{s}\" as an alias of \"{}\" and \"{p}\" of \"{}\"",
                kept.set.subject, kept.property_texts[0]
            ),
        ),
        (Some(s), None) => (
            format!(
                "\"{s}\" and \"{}\" probably name one subject",
                kept.set.subject
            ),
            format!("register \"{s}\" as an alias of \"{}\"", kept.set.subject),
        ),
        (None, Some(p)) => (
            format!(
                "\"{p}\" and \"{}\" probably name one property",
                kept.property_texts[0]
            ),
            format!(
                "register \"{p}\" as an alias of \"{}\"",
                kept.property_texts[0]
            ),
        ),
        (None, None) => (
            format!(
                "\"{} / {}\" and \"{} / {}\" probably state one fact, told of two entities",
                alias.set.subject,
                alias.property_texts[0],
                kept.set.subject,
                kept.property_texts[0]
            ),
            "restate one under the other's subject and property (no alias can align two entities)"
                .to_string(),
        ),
    };
    let explain = pairs
        .iter()
        .take(10)
        .map(|(x, y, s)| explain(&views[*x], &views[*y], s))
        .collect();
    Finding {
        code: FindingCode::UnalignedFact,
        severity: FindingCode::UnalignedFact.default_severity(),
        fingerprint: format!(
            "unaligned-fact:{}/{}~{}",
            key_slug(&kept.set.key.subject),
            slug(&format!("{} {}", kept.set.subject, kept.property_texts[0])),
            slug(&format!(
                "{} {}",
                alias.set.subject, alias.property_texts[0]
            )),
        ),
        message: format!("{what}: {edit}, and {said}"),
        subject: Some(kept.set.subject.clone()),
        property: Some(kept.property_texts[0].to_string()),
        variants,
        suggestion: None,
        reviewed: false,
        explain,
        beyond_baseline: None,
        alignment: Some(alignment),
    }
}

/// Where a group's claims are.
fn claim_locations(corpus: &Corpus, view: &View) -> Vec<Location> {
    view.set
        .claims
        .iter()
        .map(|&(s, c)| corpus.sources[s].claims[c].property.at.clone())
        .collect()
}

/// The signals of one pair, in words.
fn explain(a: &View, b: &View, s: &Signals) -> String {
    let mut signals = Vec::new();
    if s.same_subject {
        signals.push("one subject".to_string());
    } else if s.two_subjects {
        signals.push("two entities".to_string());
    } else {
        signals.push(format!("subjects alike {:.2}", s.subject_likeness));
    }
    if s.same_property {
        signals.push("one property".to_string());
    } else {
        signals.push(format!(
            "property wordings alike {:.2}",
            s.property_likeness
        ));
    }
    if s.instances_agree + s.instances_differ > 0 {
        signals.push(format!(
            "the two properties agree on {} other subjects and differ on {}",
            s.instances_agree, s.instances_differ
        ));
    }
    if s.telling_agreement {
        signals.push("equal values that are no coincidence".to_string());
    } else if s.named_agreement {
        signals.push("one named value".to_string());
    } else if s.agree {
        signals.push("values agree".to_string());
    } else if s.mistyped {
        signals.push("values differ as one figure mistyped".to_string());
    } else if s.day_apart {
        signals.push("dates a day apart".to_string());
    } else {
        signals.push("values differ".to_string());
    }
    if s.exclusive && s.subjects_alike() {
        signals.push("no other fact of the subject in either source has such a value".to_string());
    } else if s.exclusive {
        signals.push(
            "no other fact of either subject, nor any with this value, in either source has such a value"
                .to_string(),
        );
    }
    if s.evidence_likeness > 0.0 {
        signals.push(format!("evidence alike {:.2}", s.evidence_likeness));
    }
    if s.through_third {
        signals.push("both aligned with a third fact".to_string());
    }
    format!(
        "\"{} / {}\" and \"{} / {}\": {}",
        a.set.subject,
        a.property_texts.join(" | "),
        b.set.subject,
        b.property_texts.join(" | "),
        signals.join(", ")
    )
}
