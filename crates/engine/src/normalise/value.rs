//! A claim's value read by its kind: a quantity, a moment, an entity, a text, a quotation or a
//! list of people; and the wordings that say a source gives no value.

use super::date::Moment;
use super::people::{Person, lists_agree};
use super::quantity::Quantity;
use super::text::{fold_key, wording_similarity};

/// Two text values at least this alike say the same thing.
const SAME_TEXT: f64 = 0.5;

/// A text as written, and its comparison key.
#[derive(Clone, Debug)]
pub struct Wording {
    pub text: String,
    pub key: String,
}

impl Wording {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            key: fold_key(text),
        }
    }
}

/// A claim's value, normalised by its kind.
#[derive(Clone, Debug)]
pub enum Normal {
    /// Says nothing (`N/A`, `non communiqué`, blank): never outvotes or conflicts.
    Empty,
    Quantity(Quantity),
    Moment(Moment),
    Entity(String),
    Text(Wording),
    Quote(Wording),
    /// A list of people (the `names` kind).
    Names(Vec<Person>),
}

impl Normal {
    /// The key under which equal values are one value.
    pub fn class_key(&self) -> String {
        match self {
            Normal::Empty => String::new(),
            Normal::Quantity(q) => format!("q:{}..{}:{}", q.low, q.high, q.unit.unwrap_or("")),
            Normal::Moment(m) => format!("m:{m:?}"),
            Normal::Entity(key) => format!("e:{key}"),
            Normal::Text(wording) | Normal::Quote(wording) => format!("t:{}", wording.key),
            Normal::Names(people) => format!("n:{people:?}"),
        }
    }

    /// Whether the two have one [class key](Normal::class_key), without writing the keys out
    /// (the alignment rule asks it of hundreds of thousands of pairs).
    pub fn same_class(&self, other: &Normal) -> bool {
        match (self, other) {
            (Normal::Empty, Normal::Empty) => true,
            (Normal::Quantity(a), Normal::Quantity(b)) => {
                a.low.to_bits() == b.low.to_bits()
                    && a.high.to_bits() == b.high.to_bits()
                    && a.unit.unwrap_or("") == b.unit.unwrap_or("")
            }
            (Normal::Moment(a), Normal::Moment(b)) => a == b,
            (Normal::Entity(a), Normal::Entity(b)) => a == b,
            (Normal::Text(a) | Normal::Quote(a), Normal::Text(b) | Normal::Quote(b)) => {
                a.key == b.key
            }
            (Normal::Names(a), Normal::Names(b)) => a == b,
            _ => false,
        }
    }

    /// The normalised value in words, for `--explain`.
    pub fn describe(&self) -> String {
        match self {
            Normal::Empty => "no value".into(),
            Normal::Quantity(q) => {
                let unit = match q.unit {
                    Some("$") => " dollars".to_string(),
                    Some(unit) => format!(" {unit}"),
                    None => String::new(),
                };
                match (q.low, q.high) {
                    (low, high) if high.is_infinite() => format!("at least {low}{unit}"),
                    (low, high) => format!("between {low} and {high}{unit}"),
                }
            }
            Normal::Moment(moment) => moment.to_string(),
            Normal::Entity(key) => format!("the entity {key}"),
            Normal::Text(wording) | Normal::Quote(wording) => {
                format!("the text \"{}\"", wording.text)
            }
            Normal::Names(people) => {
                let names: Vec<String> = people
                    .iter()
                    .map(|p| {
                        p.initial
                            .map_or(p.surname.clone(), |i| format!("{i}. {}", p.surname))
                    })
                    .collect();
                format!("the people [{}]", names.join(", "))
            }
        }
    }

    /// True when the two values can both be right.
    pub fn agrees_with(&self, other: &Normal, tolerance: f64) -> bool {
        match (self, other) {
            (Normal::Quantity(a), Normal::Quantity(b)) => a.agrees_with(b, tolerance),
            (Normal::Moment(a), Normal::Moment(b)) => a.overlaps(b),
            (Normal::Entity(a), Normal::Entity(b)) => a == b,
            (Normal::Names(a), Normal::Names(b)) => lists_agree(a, b),
            (Normal::Text(a), Normal::Text(b)) => {
                a.key == b.key || wording_similarity(&a.text, &b.text) >= SAME_TEXT
            }
            // Values of different kinds, quotations and empty values are not compared.
            _ => true,
        }
    }
}

/// Words that say a source gives no value.
const EMPTY_VALUES: [&str; 12] = [
    "",
    "n/a",
    "na",
    "not available",
    "non communique",
    "non disponible",
    "inconnu",
    "unknown",
    "-",
    "?",
    "nc",
    "contact airline",
];

pub fn is_empty_value(value: &str) -> bool {
    // Every such wording is at most two words, at the end: only those are folded.
    let mut last_words = value.split_whitespace().rev();
    let tail_start = match (last_words.next(), last_words.next(), last_words.next()) {
        // The offset of the second-to-last word, a slice of `value`.
        (_, Some(word), Some(_)) => word.as_ptr() as usize - value.as_ptr() as usize,
        _ => 0,
    };
    let key = fold_key(&value[tail_start..]);
    // `Dec 02 Not Available`: a day, then the words that say there is no value.
    (tail_start == 0 && EMPTY_VALUES.contains(&key.as_str()))
        || ["not available", "non disponible", "non communique"]
            .iter()
            .any(|words| key.ends_with(words))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::people::parse_list;
    use crate::normalise::quantity::{Language, parse as quantity};

    fn figure(text: &str) -> Normal {
        Normal::Quantity(quantity(text, Some(Language::English), None).unwrap())
    }

    fn moment(text: &str) -> Normal {
        Normal::Moment(crate::normalise::date::parse(text, None).unwrap())
    }

    fn text(text: &str) -> Normal {
        Normal::Text(Wording::new(text))
    }

    #[test]
    fn values_of_each_kind_agree_only_when_both_can_be_right() {
        let agree = |a: &Normal, b: &Normal| a.agrees_with(b, 0.0) && b.agrees_with(a, 0.0);
        assert!(agree(&figure("4.6 billion"), &figure("4,600 million")));
        assert!(!agree(&figure("4.6 billion"), &figure("46 billion")));
        // A property's tolerance lets figures differ by that much.
        assert!(figure("100").agrees_with(&figure("104"), 0.05));
        assert!(!figure("100").agrees_with(&figure("104"), 0.0));
        assert!(agree(&moment("July 2025"), &moment("July 14, 2025")));
        assert!(!agree(&moment("July 14, 2025"), &moment("July 15, 2025")));
        let entity = |key: &str| Normal::Entity(key.into());
        assert!(agree(&entity("entity:nvidia"), &entity("entity:nvidia")));
        assert!(!agree(&entity("entity:nvidia"), &entity("entity:amd")));
        let people = |list: &str| Normal::Names(parse_list(list).0);
        assert!(agree(
            &people("Ana Ruiz, Li Wei"),
            &people("A. Ruiz and L. Wei")
        ));
        assert!(!agree(
            &people("Ana Ruiz, Li Wei"),
            &people("Ana Ruiz, Tom Hale")
        ));
        // Texts agree when their folded keys are one or their words mostly are.
        assert!(agree(&text("Chief Executive"), &text("chief executive")));
        assert!(agree(
            &text("chief executive officer"),
            &text("the chief executive")
        ));
        assert!(!agree(&text("chief executive"), &text("finance director")));
    }

    #[test]
    fn values_that_are_not_compared_always_agree() {
        let quote = |t: &str| Normal::Quote(Wording::new(t));
        for (a, b) in [
            (figure("12"), moment("July 2025")),
            (Normal::Empty, figure("12")),
            (quote("We will not sell."), quote("We shall sell.")),
        ] {
            assert!(
                a.agrees_with(&b, 0.0) && b.agrees_with(&a, 0.0),
                "{a:?} / {b:?}"
            );
        }
    }

    #[test]
    fn equal_values_share_a_class_key_and_others_do_not() {
        // Written alike in two languages, a figure is one value; `4,600 million` is another
        // (it says the figure to the million), though the two agree.
        let french = quantity("4,6 milliards", Some(Language::French), None).unwrap();
        assert_eq!(
            figure("4.6 billion").class_key(),
            Normal::Quantity(french).class_key()
        );
        assert_ne!(
            figure("4.6 billion").class_key(),
            figure("4,600 million").class_key()
        );
        assert_ne!(
            figure("4.6 billion").class_key(),
            figure("46 billion").class_key()
        );
        assert_eq!(
            text("Chief Executive").class_key(),
            text("chief executive").class_key()
        );
        assert_ne!(text("chief executive").class_key(), figure("4").class_key());
        assert_eq!(Normal::Empty.class_key(), "");
    }

    #[test]
    fn same_class_is_one_class_key() {
        let values = [
            Normal::Empty,
            figure("4.6 billion"),
            Normal::Quantity(quantity("4,6 milliards", Some(Language::French), None).unwrap()),
            figure("4,600 million"),
            figure("46"),
            figure("46 %"),
            figure("0"),
            figure("€46"),
            moment("2025-07-15"),
            moment("July 2025"),
            moment("19 h 10"),
            moment("7.10pm"),
            figure("12 km"),
            figure("12,000 m"),
            figure("12"),
            Normal::Entity("entity:nvidia".into()),
            Normal::Entity("entity:huawei".into()),
            text("Chief Executive"),
            text("chief executive"),
            Normal::Quote(Wording::new("chief executive")),
            text("chief"),
            Normal::Names(parse_list("Jean Dupont, Anne Martin").0),
            Normal::Names(parse_list("Jean Dupont").0),
        ];
        for a in &values {
            for b in &values {
                assert_eq!(
                    a.same_class(b),
                    a.class_key() == b.class_key(),
                    "{a:?} / {b:?}"
                );
            }
        }
    }

    #[test]
    fn explain_describes_a_value_in_words() {
        assert_eq!(figure("more than 400,000").describe(), "at least 400000");
        // A figure stands for what rounds to it.
        assert_eq!(figure("12").describe(), "between 11.5 and 12.5");
        assert_eq!(Normal::Empty.describe(), "no value");
        assert_eq!(text("Paris").describe(), "the text \"Paris\"");
    }

    #[test]
    fn empty_values_are_recognised() {
        for value in [
            "",
            "N/A",
            "Not Available",
            "non communiqué",
            "Contact Airline",
            " Not  Available ",
            "Dec 02 Not Available",
            "Dec 02 not\u{a0}available",
        ] {
            assert!(is_empty_value(value), "{value}");
        }
        // Only the last two words are folded: a first letter of two bytes does not throw the
        // reading off.
        assert!(is_empty_value("Été 2025 non communiqué"));
        for value in ["0", "Dec 02 N/A", "available", "a, b, c"] {
            assert!(!is_empty_value(value), "{value}");
        }
    }
}
