//! Lists of people, as in a byline or an author list (the `names` kind of FORMAT.md).
//!
//! Order does not matter, nor `Knuth, Donald E.` against `Donald E. Knuth`, nor an initial
//! against a full first name. A list that leaves people out (the first author alone, `et al.`)
//! is incomplete rather than contradictory: it agrees with the fuller list it is part of.

use super::text::fold_key;

/// One person: the folded surname and the initial of the first given name, when written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Person {
    pub surname: String,
    pub initial: Option<char>,
}

impl Person {
    /// Same surname, and the same initial where both give one.
    fn is(&self, other: &Person) -> bool {
        self.surname == other.surname
            && (self.initial.is_none() || other.initial.is_none() || self.initial == other.initial)
    }
}

/// The people of a list, sorted, and whether the list says it is incomplete (`et al.`).
pub fn parse_list(text: &str) -> (Vec<Person>, bool) {
    let folded = fold_key(text);
    let mut incomplete = false;
    let mut rest = folded.as_str();
    for marker in ["et al.", "et al", "and others", "et autres", "et coll."] {
        if let Some(i) = rest.find(marker) {
            incomplete = true;
            rest = &rest[..i];
        }
    }
    let mut parts: Vec<String> = vec![rest.to_string()];
    for separator in [";", " and ", " & ", " et "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(separator).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    let mut people = Vec::new();
    for part in parts {
        let pieces: Vec<&str> = part
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        match pieces.as_slice() {
            // `Knuth, Donald E.`: a surname, then given names.
            [surname, given] if is_surname(surname) && looks_given(given) => {
                people.push(person(given, surname));
            }
            _ => people.extend(pieces.iter().map(|p| {
                let words: Vec<&str> = p.split_whitespace().collect();
                let (given, surname) = words.split_at(words.len().saturating_sub(1));
                person(&given.join(" "), &surname.join(" "))
            })),
        }
    }
    people.sort();
    people.dedup();
    (people, incomplete)
}

/// One word, or one after particles (`van Rossum`): what stands before the comma of
/// `Surname, Given`.
fn is_surname(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let particles = ["de", "du", "van", "von", "der", "da", "di", "le", "la"];
    words.len() == 1
        || words[..words.len() - 1]
            .iter()
            .all(|w| particles.contains(w))
}

/// True when every word is short or an initial, as given names after a comma are.
fn looks_given(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| w.trim_end_matches('.').chars().count() <= 12)
}

fn person(given: &str, surname: &str) -> Person {
    Person {
        surname: surname
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string(),
        initial: given.chars().find(|c| c.is_alphabetic()),
    }
}

/// True when every person of `small` can be one of `large`.
pub fn list_within(small: &[Person], large: &[Person]) -> bool {
    small.iter().all(|p| large.iter().any(|q| p.is(q)))
}

/// True when one list can be the other, or a part of it.
pub fn lists_agree(a: &[Person], b: &[Person]) -> bool {
    list_within(a, b) || list_within(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agree(a: &str, b: &str) -> bool {
        lists_agree(&parse_list(a).0, &parse_list(b).0)
    }

    #[test]
    fn the_same_people_written_differently() {
        assert!(agree("Knuth, Donald E.", "Donald E. Knuth"));
        assert!(agree("D. E. Knuth", "Donald Knuth"));
        assert!(agree(
            "Jean Dupont; Marie Curie",
            "Marie Curie and Jean Dupont"
        ));
        assert!(agree(
            "Ada Lovelace & Charles Babbage",
            "Charles Babbage, Ada Lovelace"
        ));
    }

    #[test]
    fn an_incomplete_list_supports_the_fuller_one() {
        assert!(agree(
            "Dupont et al.",
            "Jean Dupont, Marie Curie, Paul Martin"
        ));
        assert!(agree("Jean Dupont", "Jean Dupont; Marie Curie"));
        assert!(parse_list("Dupont et al.").1);
    }

    #[test]
    fn different_people_conflict() {
        assert!(!agree("Donald Knuth", "Edsger Dijkstra"));
        assert!(!agree("D. Knuth", "E. Knuth"));
        assert!(!agree(
            "Jean Dupont; Marie Curie",
            "Jean Dupont; Paul Martin"
        ));
    }

    #[test]
    fn parses_surnames_and_initials() {
        let (people, incomplete) = parse_list("Knuth, Donald E.");
        assert_eq!(
            people,
            vec![Person {
                surname: "knuth".into(),
                initial: Some('d')
            }]
        );
        assert!(!incomplete);
    }

    #[test]
    fn a_surname_with_its_particle_comes_before_the_comma() {
        assert!(agree("van Rossum, Guido", "van Rossum, G."));
        assert!(!agree("van Rossum, Guido", "van Rossum, Karl"));
    }

    #[test]
    fn what_follows_a_comma_is_a_given_name_only_when_it_looks_like_one() {
        let count = |list: &str| parse_list(list).0.len();
        assert_eq!(count("Knuth, Donald E."), 1);
        // A word too long for a given name, or four names: a list of two people.
        assert_eq!(count("Curie, Schwarzenegger"), 2);
        assert_eq!(count("Curie, Jean Paul Marc Dupont"), 2);
    }
}
