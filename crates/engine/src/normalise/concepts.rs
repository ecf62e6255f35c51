//! The words of a fact's wording that say one thing in several ways, in English and French:
//! `chief executive`, `CEO`, `boss` and `PDG`; `death toll`, `deaths` and `nombre de morts`.
//!
//! A property is worded by each writer in their own words, and the words of two languages do
//! not share stems: reading a wording, each phrase of this lexicon becomes its concept (`#ceo`),
//! whatever its language, so that `a rencontré` and `met` read alike. The lexicon holds the
//! properties news stories state most (tolls, money, jobs, people's roles, meetings, votes,
//! strikes, areas); it is hand-made, since no maintained crate offers a bilingual one.
//!
//! Some words only say how a property is counted (`nombre de`, `total`, `montant de`) or of
//! whom (`people`, `habitants`): they are set aside, unless the wording has nothing else
//! (`habitants` alone is the population).

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::text::folded_words;

/// The lexicon as written: see its header for the format.
const LEXICON: &str = include_str!("lexicon.txt");

/// The lexicon's phrases by their first word: the rest of each phrase's words, longest first,
/// and its concept. Words are lowercase, accents folded.
type Phrases = FxHashMap<String, Vec<(Vec<String>, &'static str)>>;

/// The lexicon, read.
struct Lexicon {
    phrases: Phrases,
    /// Each kind of concepts that are different facts.
    contrasts: Vec<Vec<&'static str>>,
    fillers: FxHashSet<&'static str>,
    /// The concepts that are places.
    places: FxHashSet<&'static str>,
}

/// Reads the lexicon's text; an error names the line (1-based) and what is wrong with it.
fn read_lexicon(text: &'static str) -> Result<Lexicon, String> {
    let mut lexicon = Lexicon {
        phrases: FxHashMap::default(),
        contrasts: Vec::new(),
        fillers: FxHashSet::default(),
        places: FxHashSet::default(),
    };
    let mut concepts: FxHashSet<&str> = FxHashSet::default();
    let mut concept_of: FxHashMap<Vec<String>, &str> = FxHashMap::default();
    let mut section = "";
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        let at = |problem: String| format!("lexicon.txt line {}: {problem}", index + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        match section {
            "concepts" | "places" => {
                let (concept, list) = line
                    .split_once(':')
                    .ok_or_else(|| at("expected `concept: phrase, phrase`".into()))?;
                let concept = concept.trim();
                if !concepts.insert(concept) {
                    return Err(at(format!("concept `{concept}` is listed twice")));
                }
                if section == "places" {
                    lexicon.places.insert(concept);
                }
                for phrase in list.split(',') {
                    let words = folded_words(phrase);
                    let Some((first, rest)) = words.split_first() else {
                        return Err(at(format!("an empty phrase in `{concept}`")));
                    };
                    if let Some(other) = concept_of.insert(words.clone(), concept) {
                        let phrase = phrase.trim();
                        return Err(at(if other == concept {
                            format!("`{phrase}` is listed twice in `{concept}`")
                        } else {
                            format!("`{phrase}` is of `{other}` and `{concept}`")
                        }));
                    }
                    lexicon
                        .phrases
                        .entry(first.clone())
                        .or_default()
                        .push((rest.to_vec(), concept));
                }
            }
            "contrasts" => {
                let kind: Vec<&str> = line.split_whitespace().collect();
                if let Some(unknown) = kind.iter().find(|c| !concepts.contains(*c)) {
                    return Err(at(format!("`{unknown}` is not a concept of the lexicon")));
                }
                lexicon.contrasts.push(kind);
            }
            "fillers" => lexicon.fillers.extend(line.split_whitespace()),
            _ => return Err(at(format!("a line outside a known section: `{line}`"))),
        }
    }
    for list in lexicon.phrases.values_mut() {
        list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }
    Ok(lexicon)
}

fn lexicon() -> &'static Lexicon {
    static READ: OnceLock<Lexicon> = OnceLock::new();
    // The text is built in and read by a test: an error here is a fault of the build.
    READ.get_or_init(|| read_lexicon(LEXICON).unwrap_or_else(|e| panic!("{e}")))
}

/// Whether two concepts are different facts of one kind, or two places.
pub fn contrast(a: &str, b: &str) -> bool {
    let lexicon = lexicon();
    a != b
        && (lexicon
            .contrasts
            .iter()
            .any(|kind| kind.contains(&a) && kind.contains(&b))
            || (lexicon.places.contains(a) && lexicon.places.contains(b)))
}

/// Every concept of the lexicon, each once.
#[cfg(test)]
pub fn all() -> Vec<&'static str> {
    let mut concepts: Vec<&'static str> = (lexicon().phrases.values().flatten())
        .map(|(_, concept)| *concept)
        .collect();
    concepts.sort_unstable();
    concepts.dedup();
    concepts
}

/// Whether a concept is a place (a country or a region).
pub fn is_place(concept: &str) -> bool {
    lexicon().places.contains(concept)
}

/// The concept of the longest phrase that `words` (lowercase, accents folded) start with, and
/// how many words it takes.
pub fn concept_at(words: &[String]) -> Option<(&'static str, usize)> {
    let (first, rest) = words.split_first()?;
    lexicon()
        .phrases
        .get(first)?
        .iter()
        .find_map(|(tail, concept)| rest.starts_with(tail).then_some((*concept, 1 + tail.len())))
}

/// Whether a word (lowercase, accents folded) only says how a property is counted or of whom.
pub fn is_filler(word: &str) -> bool {
    lexicon().fillers.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        folded_words(text)
    }

    #[test]
    fn the_longest_phrase_wins() {
        assert_eq!(
            concept_at(&words("chief executive officer of")),
            Some(("ceo", 3))
        );
        assert_eq!(concept_at(&words("chief executive")), Some(("ceo", 2)));
        // `chief` alone says nothing.
        assert_eq!(concept_at(&words("chief of staff")), None);
        assert_eq!(
            concept_at(&words("chiffre d'affaires")),
            Some(("revenue", 3))
        );
    }

    #[test]
    fn phrases_are_matched_without_accents_or_case() {
        assert_eq!(concept_at(&words("Décès")), Some(("dead", 1)));
        assert_eq!(concept_at(&words("deces")), Some(("dead", 1)));
    }

    #[test]
    fn the_lexicon_reads() {
        if let Err(e) = read_lexicon(LEXICON) {
            panic!("{e}");
        }
    }

    #[test]
    fn a_faulty_lexicon_is_refused_with_its_line() {
        let refused = |text: &'static str| read_lexicon(text).err().unwrap_or_default();
        assert_eq!(
            refused("[concepts]\ndead: morts\nkilled: tués, morts\n"),
            "lexicon.txt line 3: `morts` is of `dead` and `killed`"
        );
        assert_eq!(
            refused("[concepts]\ndead: morts, décès, deces\n"),
            "lexicon.txt line 2: `deces` is listed twice in `dead`"
        );
        assert_eq!(
            refused("[concepts]\ndead: morts\n[contrasts]\ndead alive\n"),
            "lexicon.txt line 4: `alive` is not a concept of the lexicon"
        );
        assert_eq!(
            refused("[concepts]\ndead morts\n"),
            "lexicon.txt line 2: expected `concept: phrase, phrase`"
        );
        assert_eq!(
            refused("dead: morts\n"),
            "lexicon.txt line 1: a line outside a known section: `dead: morts`"
        );
    }

    #[test]
    fn contrasting_concepts_are_set_apart() {
        assert!(contrast("start", "end"));
        assert!(!contrast("start", "start"));
        assert!(!contrast("ceo", "leader"));
        assert!(contrast("china", "korea"));
        assert!(!contrast("china", "dead"));
        assert!(is_filler("nombre"));
        assert!(!is_filler("morts"));
    }

    #[test]
    fn look_alikes_are_distinct_concepts() {
        assert_ne!(concept_at(&words("disparus")), concept_at(&words("morts")));
        assert_ne!(concept_at(&words("jobs")), concept_at(&words("employees")));
        assert_ne!(concept_at(&words("president")), concept_at(&words("ceo")));
        assert_ne!(
            concept_at(&words("nord-coréens")),
            concept_at(&words("sud-coréens"))
        );
        assert_eq!(
            concept_at(&words("Chinese")),
            concept_at(&words("chinoises"))
        );
        assert_ne!(
            concept_at(&words("turnout")),
            concept_at(&words("abstention"))
        );
    }
}
