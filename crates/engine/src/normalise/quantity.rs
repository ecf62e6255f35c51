//! Quantities: `plus de 400 000 puces`, `12 milliards de dollars`, `$12 billion`, `1,5 million`,
//! `deux millions` → an interval with a unit.
//!
//! Numbers are read as a reader of the source's language reads them (a French `1,5` is 1.5, a
//! French `billion` is 10^12). A figure stands for the interval it rounds: `4,6 milliards` is
//! 4.55 to 4.65 × 10^9, `46 milliards` 45.5 to 46.5 × 10^9. Qualifiers bound it: `plus de` /
//! `more than` from below, `moins de` / `less than` from above, `environ` / `about` ±10 %.
//! Currencies and units are kept; a noun that only names what is counted is not a unit.

use super::text::fold_key;

/// The language a value is written in, which decides `1,500` and `billion`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    French,
    English,
}

impl Language {
    /// From a source's `language:` (an ISO 639 code such as `fr`, `en`, `fr-CA`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code.split(['-', '_']).next()?.to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" => Some(Self::French),
            "en" | "eng" => Some(Self::English),
            _ => None,
        }
    }
}

/// Whether two units can be one: the same, or a dollar that does not say whose and one that
/// does (`2 millions de dollars`, `C$2 million`), or one figure has none.
pub fn units_agree(a: Option<&str>, b: Option<&str>) -> bool {
    let dollar = |unit: &str| matches!(unit, "$" | "USD" | "CAD" | "AUD");
    match (a, b) {
        (Some(a), Some(b)) => a == b || ((a == "$" || b == "$") && dollar(a) && dollar(b)),
        _ => true,
    }
}

/// A quantity as an interval (`low` ≤ value ≤ `high`) with its unit, if any.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    pub low: f64,
    pub high: f64,
    pub unit: Option<&'static str>,
    /// The interval in the unit as written, where a measure was converted to its kind's unit
    /// (`12 km`: 11.5 to 12.5, beside 11 500 to 12 500 m); `None` when it was not.
    pub written: Option<(f64, f64)>,
}

impl Quantity {
    /// The two as they compare: a figure with no unit beside a converted measure is compared
    /// with the measure as written (`12` agrees with `12 km`, not with 12 000 m).
    fn beside(&self, other: &Quantity) -> (Quantity, Quantity) {
        let as_written = |q: &Quantity| match q.written {
            Some((low, high)) => Quantity {
                low,
                high,
                unit: q.unit,
                written: None,
            },
            None => *q,
        };
        match (self.unit, other.unit) {
            (Some(_), None) => (as_written(self), *other),
            (None, Some(_)) => (*self, as_written(other)),
            _ => (*self, *other),
        }
    }

    /// The middles of the two as they compare, when their units agree and both are above
    /// zero: what a slip is read from (a figure of nothing has no digits to swap, nor a tenth
    /// of itself).
    fn positive_middles(&self, other: &Quantity) -> Option<(f64, f64)> {
        let (x, y) = self.beside(other);
        let (a, b) = (x.middle()?, y.middle()?);
        (x.units_agree(&y) && a > 0.0 && b > 0.0).then_some((a, b))
    }

    /// True when the two are one figure written with different precision (`1,5 million`,
    /// `1 500 000`): units agree and each one's middle lies within the other.
    pub fn same_value(&self, other: &Quantity) -> bool {
        let (x, y) = self.beside(other);
        let within = |v: f64, q: &Quantity| q.low <= v && v <= q.high;
        match (x.middle(), y.middle()) {
            (Some(a), Some(b)) => x.units_agree(&y) && within(a, &y) && within(b, &x),
            _ => false,
        }
    }

    /// True when one figure reads as the other mistyped: ten, a hundred or a thousand times
    /// it (`640 000` / `64 000`), or with two neighbouring digits swapped (`44,2` / `42,4`).
    pub fn looks_mistyped(&self, other: &Quantity) -> bool {
        let Some((a, b)) = self.positive_middles(other) else {
            return false;
        };
        if self.is_scaled(other) {
            return true;
        }
        let ((x_power, x), (y_power, y)) = (significant_digits(a), significant_digits(b));
        let mut differ = (0..x.len()).filter(|&i| x[i] != y[i]);
        x_power == y_power
            && matches!((differ.next(), differ.next(), differ.next()),
                (Some(i), Some(j), None) if j == i + 1 && x[i] == y[j] && x[j] == y[i])
    }

    /// True when one figure is ten, a hundred or a thousand times the other, in units that
    /// agree.
    pub fn is_scaled(&self, other: &Quantity) -> bool {
        let Some((a, b)) = self.positive_middles(other) else {
            return false;
        };
        let ratio = a.max(b) / a.min(b);
        [10.0, 100.0, 1000.0]
            .iter()
            .any(|power| (ratio / power - 1.0).abs() < 1e-9)
    }

    /// The middle of a bounded interval.
    pub fn middle(&self) -> Option<f64> {
        (self.low.is_finite() && self.high.is_finite()).then(|| (self.low + self.high) / 2.0)
    }

    /// Whether the units [agree](units_agree).
    fn units_agree(&self, other: &Quantity) -> bool {
        units_agree(self.unit, other.unit)
    }

    /// True when the two quantities can be the same figure: units agree (or one has none) and
    /// the intervals, each widened by the relative `tolerance`, overlap.
    pub fn agrees_with(&self, other: &Quantity, tolerance: f64) -> bool {
        let (x, y) = self.beside(other);
        if !x.units_agree(&y) {
            return false;
        }
        let stretch = |bound: f64, sign: f64| {
            if bound.is_finite() {
                bound + sign * bound.abs() * tolerance
            } else {
                bound
            }
        };
        let widen = |q: &Quantity| (stretch(q.low, -1.0), stretch(q.high, 1.0));
        let (a_low, a_high) = widen(&x);
        let (b_low, b_high) = widen(&y);
        // Figures rounded to the unit (`4` is 3.5 to 4.5) that only touch (`5` is 4.5 to 5.5)
        // are two figures; a figure written exactly may stand at another's end.
        let (low, high) = (a_low.max(b_low), a_high.min(b_high));
        low < high || (low == high && (a_low == a_high || b_low == b_high))
    }
}

/// A positive figure's power of ten and first seven significant digits (`44 200 000`: 7 and
/// `4420000`): no figure written by hand has more, and rounding there drops the binary
/// residue (`4.8` is stored as 4.7999…).
fn significant_digits(figure: f64) -> (i32, [u8; 7]) {
    let mut power = figure.log10().floor() as i32;
    let mut whole = (figure / 10f64.powi(power - 6)).round() as u64;
    if whole >= 10_000_000 {
        whole /= 10;
        power += 1;
    }
    let mut digits = [0; 7];
    for digit in digits.iter_mut().rev() {
        *digit = (whole % 10) as u8;
        whole /= 10;
    }
    (power, digits)
}

#[derive(Clone, Copy)]
enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
    Nearly,
}

const QUALIFIERS: [(&str, Qualifier); 22] = [
    ("plus de ", Qualifier::AtLeast),
    ("plus d'", Qualifier::AtLeast),
    ("au moins ", Qualifier::AtLeast),
    ("more than ", Qualifier::AtLeast),
    ("over ", Qualifier::AtLeast),
    ("at least ", Qualifier::AtLeast),
    ("moins de ", Qualifier::AtMost),
    ("moins d'", Qualifier::AtMost),
    ("less than ", Qualifier::AtMost),
    ("fewer than ", Qualifier::AtMost),
    ("under ", Qualifier::AtMost),
    ("up to ", Qualifier::AtMost),
    ("jusqu'a ", Qualifier::AtMost),
    ("environ ", Qualifier::About),
    ("about ", Qualifier::About),
    ("around ", Qualifier::About),
    ("approximately ", Qualifier::About),
    ("quelque ", Qualifier::About),
    ("pres de ", Qualifier::Nearly),
    ("nearly ", Qualifier::Nearly),
    ("almost ", Qualifier::Nearly),
    ("presque ", Qualifier::Nearly),
];

/// Currencies and units, by the words and symbols that write them. A dollar that does not say
/// whose (`$`, `dollars`) is `$`, which [agrees](units_agree) with each dollar that does.
const UNITS: [(&str, &[&str]); 12] = [
    ("$", &["$", "dollar", "dollars"]),
    (
        "USD",
        &[
            "us$",
            "usd",
            "dollars americains",
            "dollar americain",
            "us dollars",
            "us dollar",
        ],
    ),
    (
        "CAD",
        &[
            "c$",
            "ca$",
            "cad",
            "dollars canadiens",
            "dollar canadien",
            "canadian dollars",
            "canadian dollar",
        ],
    ),
    (
        "AUD",
        &[
            "a$",
            "au$",
            "aud",
            "dollars australiens",
            "dollar australien",
            "australian dollars",
            "australian dollar",
        ],
    ),
    ("EUR", &["€", "eur", "euro", "euros"]),
    (
        "GBP",
        &[
            "£",
            "gbp",
            "livre sterling",
            "livres sterling",
            "pound",
            "pounds",
        ],
    ),
    ("CNY", &["yuan", "yuans", "rmb", "cny", "renminbi"]),
    ("%", &["%", "pour cent", "percent", "per cent", "pourcent"]),
    ("day", &["jour", "jours", "day", "days"]),
    ("hour", &["heure", "heures", "hour", "hours", "h"]),
    ("minute", &["minute", "minutes", "min"]),
    ("year", &["an", "ans", "annee", "annees", "year", "years"]),
];

/// Measures, by the words and symbols that write them, each read in the unit of its kind (a
/// length in metres, a mass in kilograms, a volume in cubic metres, an area in square metres):
/// the unit, what one of the written unit is in it, the words. Accents are folded (`mètres`),
/// and so are exponents (`m³` is `m3`).
const MEASURES: [(&str, f64, &[&str]); 12] = [
    (
        "m",
        0.001,
        &[
            "mm",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
        ],
    ),
    (
        "m",
        0.01,
        &[
            "cm",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
        ],
    ),
    ("m", 1.0, &["m", "metre", "metres", "meter", "meters"]),
    (
        "m",
        1000.0,
        &["km", "kilometre", "kilometres", "kilometer", "kilometers"],
    ),
    ("kg", 0.001, &["g", "gramme", "grammes", "gram", "grams"]),
    (
        "kg",
        1.0,
        &[
            "kg",
            "kilo",
            "kilos",
            "kilogramme",
            "kilogrammes",
            "kilogram",
            "kilograms",
        ],
    ),
    ("kg", 1000.0, &["t", "tonne", "tonnes"]),
    (
        "m3",
        1.0,
        &[
            "m3",
            "metre cube",
            "metres cubes",
            "cubic metre",
            "cubic metres",
            "cubic meter",
            "cubic meters",
        ],
    ),
    ("m3", 0.001, &["l", "litre", "litres", "liter", "liters"]),
    (
        "m2",
        1.0,
        &[
            "m2",
            "metre carre",
            "metres carres",
            "square metre",
            "square metres",
            "square meter",
            "square meters",
        ],
    ),
    ("m2", 10_000.0, &["ha", "hectare", "hectares"]),
    (
        "m2",
        1_000_000.0,
        &[
            "km2",
            "kilometre carre",
            "kilometres carres",
            "square kilometre",
            "square kilometres",
            "square kilometer",
            "square kilometers",
        ],
    ),
];

/// Words after `m` that say it is metres in English (`450m wide`, `2.10m of snow`), or in a
/// source that does not say its language (`450 m de profondeur`); before any other word it is
/// a million (`3m users`, `10m in fines`).
const LENGTH_WORDS: [&str; 12] = [
    "long", "wide", "high", "deep", "tall", "thick", "across", "above", "below", "away", "of", "de",
];

fn is_currency(unit: &str) -> bool {
    matches!(unit, "$" | "USD" | "CAD" | "AUD" | "EUR" | "GBP" | "CNY")
}

/// Parses `text` as a quantity; `None` when it does not start with a figure.
pub fn parse(text: &str, language: Option<Language>, unit: Option<&str>) -> Option<Quantity> {
    let folded = fold_key(text);
    let mut rest = folded.as_str();
    let mut qualifier = Qualifier::Exact;
    for (prefix, meaning) in QUALIFIERS {
        if let Some(after) = rest.strip_prefix(prefix) {
            qualifier = meaning;
            rest = after;
            break;
        }
    }
    let mut found_unit = None;
    for symbol in ["us$", "ca$", "c$", "au$", "a$", "$", "€", "£"] {
        if let Some(after) = rest.strip_prefix(symbol) {
            found_unit = unit_of(symbol);
            rest = after.trim_start();
        }
    }
    let declared = unit.and_then(unit_of);
    let currency = found_unit
        .or(declared)
        .is_some_and(|(unit, _)| is_currency(unit));
    // `une garantie de prêt de 500 millions`: an article, not the figure one, when another
    // figure follows.
    let article = ["un ", "une "].iter().any(|a| rest.starts_with(a));
    let (mut value, mut half_step, after) = number(rest, language)?;
    // `450 m` keeps SI's space; `£1.5m` and `10m` write a million without one.
    let spaced = after.starts_with(' ');
    rest = after.trim_start();
    let scale = scale_word(rest, language)
        .filter(|&(_, after)| !is_metres(rest, after, spaced, currency, language))
        // A capital `M` is a million (`12 M de visiteurs`, `1.5M`): the metre is `m`.
        .or_else(|| capital_million(text, rest));
    if let Some((scale, after)) = scale {
        value *= scale;
        half_step *= scale;
        rest = after.trim_start();
    }
    let unit_written = found_unit.or_else(|| unit_after(rest));
    let figure_follows = rest.contains(|c: char| c.is_ascii_digit());
    if article && value == 1.0 && scale.is_none() && unit_written.is_none() && figure_follows {
        return None;
    }
    // A bare dollar takes the country of a declared dollar (`$2 million`, `unit: CAD`).
    let found_unit = match (unit_written, declared) {
        (Some(("$", _)), Some(declared)) if units_agree(Some("$"), Some(declared.0)) => {
            Some(declared)
        }
        (written, declared) => written.or(declared),
    };
    // A measure is read in the unit of its kind: `110 cm` is `1,10 m`.
    let (found_unit, factor) =
        found_unit.map_or((None, 1.0), |(unit, factor)| (Some(unit), factor));
    let (low, high) = match qualifier {
        Qualifier::Exact => (value - half_step, value + half_step),
        Qualifier::AtLeast => (value, f64::INFINITY),
        Qualifier::AtMost => (0.0_f64.min(value), value),
        Qualifier::About => (value * 0.9, value * 1.1),
        Qualifier::Nearly => (value * 0.9, value),
    };
    let converted = |bound: f64| tidy(bound * factor);
    Some(Quantity {
        low: converted(low),
        high: converted(high),
        unit: found_unit,
        written: (factor != 1.0).then_some((low, high)),
    })
}

/// A converted figure rounded to twelve significant digits, which drops the binary residue of
/// the conversion (`110 cm` is 1.1 m, not 1.1000000000000001).
fn tidy(figure: f64) -> f64 {
    if !figure.is_finite() || figure == 0.0 {
        return figure;
    }
    let scale = 10f64.powi(11 - figure.abs().log10().floor() as i32);
    (figure * scale).round() / scale
}

/// The unit a word or symbol names, and what one of it is in that unit (`cm`: `m`, 0.01).
fn unit_of(word: &str) -> Option<(&'static str, f64)> {
    let word = fold_key(word);
    let word = word.as_str();
    UNITS
        .iter()
        .find(|(_, words)| words.contains(&word))
        .map(|(unit, _)| (*unit, 1.0))
        .or_else(|| {
            MEASURES
                .iter()
                .find(|(_, _, words)| words.contains(&word))
                .map(|(unit, factor, _)| (*unit, *factor))
        })
}

/// Whether `text` starts with the word `m`, punctuation aside (`m`, `m.`, `m,`).
fn starts_with_m(text: &str) -> bool {
    let word = text.split(' ').next().unwrap_or(text);
    word.trim_end_matches([',', ';', '.', ')']) == "m"
}

/// Whether `m` after a figure (`text` starts with it, `after` follows it, `spaced` from the
/// figure or not) is metres rather than a million. It is a million beside a currency (`€40m`,
/// `40 m€`, `40m euros`, `unit: EUR`); in French it is metres (`1 480 m d'altitude`). In
/// English (or an unknown language) it is metres before a word about length (`450m wide`,
/// `2.10m of snow`) and a million before any other word (`3m users`, `10m in fines`); alone it
/// is metres when spaced from the figure (`450 m`), a million when written onto it (`1.5m`).
fn is_metres(
    text: &str,
    after: &str,
    spaced: bool,
    currency: bool,
    language: Option<Language>,
) -> bool {
    if !starts_with_m(text) || currency {
        return false;
    }
    if unit_after(after).is_some_and(|(unit, _)| is_currency(unit)) {
        return false;
    }
    if language == Some(Language::French) {
        return true;
    }
    let next = after
        .split(' ')
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ';', '.', ':', ')']);
    if next.starts_with(|c: char| c.is_alphabetic()) {
        LENGTH_WORDS.contains(&next) || next.starts_with("d'")
    } else {
        spaced
    }
}

/// A million written with a capital `M` right after the figure (`12 M de visiteurs`,
/// `1.5M`), which folding loses: the scale, and what follows it in the folded `rest`.
fn capital_million<'a>(original: &str, rest: &'a str) -> Option<(f64, &'a str)> {
    if !starts_with_m(rest) {
        return None;
    }
    let after = rest.split_once(' ').map_or("", |(_, after)| after);
    let first_m = original.find(['m', 'M'])?;
    (original[first_m..].starts_with('M')
        && original[..first_m].contains(|c: char| c.is_ascii_digit()))
    .then_some((1e6, after))
}

/// The unit named right after the figure, directly or after `de` / `d'` / `of`.
fn unit_after(rest: &str) -> Option<(&'static str, f64)> {
    let rest = rest.trim_start();
    let rest = ["de ", "d'", "of "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let words: Vec<&str> = rest.split(' ').take(2).collect();
    if words.len() == 2
        && let Some(unit) = unit_of(&words.join(" "))
    {
        return Some(unit);
    }
    let first = words.first()?.trim_end_matches(['.', ',', ';', ')']);
    unit_of(first).or_else(|| {
        first
            .chars()
            .next()
            .and_then(|c| unit_of(&c.to_string()))
            .filter(|_| first.len() == 1)
    })
}

/// A figure in digits or in words at the start of `text`: its value, half the step of its last
/// digit (the rounding it implies), and the rest of the text.
fn number(text: &str, language: Option<Language>) -> Option<(f64, f64, &str)> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        digits(text, language)
    } else {
        words(text)
    }
}

fn digits(text: &str, language: Option<Language>) -> Option<(f64, f64, &str)> {
    // The figure: digits, with `,` `.` and single spaces between digit groups of three.
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let c = bytes[end];
        let decimal_or_group_mark =
            matches!(c, b',' | b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        let thousands_space = c == b' '
            && bytes.len() >= end + 4
            && bytes[end + 1..end + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit);
        if !(c.is_ascii_digit() || decimal_or_group_mark || thousands_space) {
            break;
        }
        end += 1;
    }
    let figure: String = text[..end].chars().filter(|c| *c != ' ').collect();
    let (whole, decimals) = split_decimal(&figure, language);
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    let value: f64 = format!("{whole}.{decimals}0").parse().ok()?;
    let half_step = 0.5 * 10f64.powi(-(decimals.len() as i32));
    Some((value, half_step, &text[end..]))
}

/// Splits a figure into its whole part and its decimal digits, deciding whether `,` and `.`
/// separate thousands or decimals.
fn split_decimal(figure: &str, language: Option<Language>) -> (String, String) {
    let commas = figure.matches(',').count();
    let dots = figure.matches('.').count();
    let decimal_mark = match (commas, dots) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let mark = if commas > 0 { ',' } else { '.' };
            let count = commas + dots;
            let after = figure.rsplit(mark).next().unwrap_or_default().len();
            let native = match language {
                Some(Language::French) => ',',
                _ => '.',
            };
            if count > 1 {
                None
            } else if mark == native {
                Some(mark)
            } else if after == 3 {
                None // `1,500` in English, `1.500` in French: thousands
            } else {
                Some(mark)
            }
        }
        _ => figure
            .rfind([',', '.'])
            .map(|i| figure.as_bytes()[i] as char),
    };
    match decimal_mark.and_then(|m| figure.rsplit_once(m)) {
        Some((whole, decimals)) => (whole.to_string(), decimals.to_string()),
        None => (figure.to_string(), String::new()),
    }
}

/// A figure written in words: `deux`, `trois cents`, `vingt-cinq`, `one hundred`.
fn words(text: &str) -> Option<(f64, f64, &str)> {
    let mut total = 0.0_f64;
    let mut current = 0.0_f64;
    let mut consumed = 0;
    let mut any = false;
    for word in text.split_inclusive([' ', '-']) {
        let bare = word.trim_end_matches([' ', '-']);
        let bare = bare
            .strip_suffix("s")
            .filter(|b| matches!(*b, "cent" | "hundred" | "mille" | "thousand"))
            .unwrap_or(bare);
        match bare {
            "et" | "and" if any => {}
            "cent" | "hundred" => current = current.max(1.0) * 100.0,
            "mille" | "thousand" => {
                total += current.max(1.0) * 1000.0;
                current = 0.0;
            }
            _ => match small_number(bare) {
                Some(n) => current += n,
                None => break,
            },
        }
        any = true;
        consumed += word.len();
    }
    if !any {
        return None;
    }
    let rest = &text[consumed..];
    Some((total + current, 0.5, rest))
}

fn small_number(word: &str) -> Option<f64> {
    const FRENCH: [&str; 17] = [
        "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize",
    ];
    const ENGLISH: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [(&str, f64); 15] = [
        ("vingt", 20.0),
        ("trente", 30.0),
        ("quarante", 40.0),
        ("cinquante", 50.0),
        ("soixante", 60.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
        ("vingts", 20.0),
        ("une", 1.0),
    ];
    if let Some(i) = FRENCH.iter().position(|w| *w == word) {
        return Some(i as f64);
    }
    if let Some(i) = ENGLISH.iter().position(|w| *w == word) {
        return Some(i as f64);
    }
    TENS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

/// A scale word at the start of `text` (`million`, `milliards`, `billion`…) and the rest.
fn scale_word(text: &str, language: Option<Language>) -> Option<(f64, &str)> {
    let (word, mut rest) = text.split_once(' ').unwrap_or((text, ""));
    let mut word = word.trim_end_matches(['.', ',']);
    // `28 M€`, `1,5 Md€`: the currency written onto the scale stays for the unit to read.
    if let Some(at) = word.find(['€', '$', '£']).filter(|&at| at > 0) {
        (word, rest) = (&word[..at], &text[at..]);
    }
    let scale = match word {
        "mille" | "thousand" | "k" => 1e3,
        "million" | "millions" | "m" | "mn" | "mln" => 1e6,
        "milliard" | "milliards" | "md" | "mds" | "mrd" => 1e9,
        "bn" => 1e9,
        "billion" | "billions" => match language {
            Some(Language::French) => 1e12,
            _ => 1e9,
        },
        // The long scale in French: a `billion` is 10^12, a `trillion` 10^18.
        "trillion" | "trillions" => match language {
            Some(Language::French) => 1e18,
            _ => 1e12,
        },
        _ => return None,
    };
    Some((scale, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: Option<Language> = Some(Language::French);
    const EN: Option<Language> = Some(Language::English);

    fn q(text: &str, language: Option<Language>) -> Quantity {
        parse(text, language, None).unwrap_or_else(|| panic!("{text} should parse"))
    }

    fn agree(a: (&str, Option<Language>), b: (&str, Option<Language>)) -> bool {
        q(a.0, a.1).agrees_with(&q(b.0, b.1), 0.0)
    }

    #[test]
    fn a_currency_written_onto_the_scale_is_the_unit() {
        assert!(q("28 M€", FR).same_value(&q("28 millions d'euros", FR)));
        assert!(q("1,5 Md€", FR).same_value(&q("1,5 milliard d'euros", FR)));
        assert!(q("9 M$", FR).same_value(&q("9 millions de dollars", FR)));
        assert!(q("4 k€", FR).same_value(&q("4 000 €", FR)));
        // Look-alikes: the unit counts, and a scale is not a unit.
        assert!(!q("28 M€", FR).agrees_with(&q("28 M$", FR), 0.0));
        assert!(!q("28 M€", FR).agrees_with(&q("28 €", FR), 0.0));
    }

    #[test]
    fn a_language_is_known_by_its_iso_639_codes() {
        for code in ["fr", "fra", "fre", "fr-CA", "FR"] {
            assert_eq!(Language::from_code(code), FR, "{code}");
        }
        for code in ["en", "eng", "en_GB"] {
            assert_eq!(Language::from_code(code), EN, "{code}");
        }
        assert_eq!(Language::from_code("de"), None);
    }

    #[test]
    fn about_and_nearly_are_ten_percent_around_and_below() {
        let about = q("environ 100", FR);
        assert_eq!((about.low, about.high), (90.0, 110.0));
        let nearly = q("près de 100", FR);
        assert_eq!((nearly.low, nearly.high), (90.0, 100.0));
    }

    #[test]
    fn a_converted_measure_drops_the_binary_residue() {
        assert_eq!(tidy(110.0 * 0.01), 1.1);
        assert_eq!(tidy(-110.0 * 0.01), -1.1);
        assert_eq!(tidy(123_456.789), 123_456.789);
        // 1.1 × 100 000 is 110 000.00000000001 in binary.
        assert_eq!(tidy(1.1 * 100_000.0), 110_000.0);
        assert_eq!(tidy(0.0), 0.0);
    }

    #[test]
    fn a_bare_dollar_takes_the_country_of_a_declared_dollar_only() {
        assert_eq!(
            parse("2 millions $", FR, Some("CAD")).unwrap().unit,
            Some("CAD")
        );
        assert_eq!(
            parse("2 millions $", FR, Some("EUR")).unwrap().unit,
            Some("$")
        );
        assert!(is_currency("$") && is_currency("EUR") && is_currency("CNY"));
        assert!(!is_currency("km") && !is_currency("%"));
    }

    #[test]
    fn neighbouring_figures_do_not_agree() {
        assert!(!agree(("4", FR), ("5", FR)));
        assert!(!agree(("2,1 millions", FR), ("2,2 millions", FR)));
        assert!(agree(("4", FR), ("4", EN)));
        assert!(agree(("1,5 million", FR), ("1 500 000", FR)));
        assert!(agree(("plus de 400 000", FR), ("1 000 000", FR)));
    }

    #[test]
    fn an_article_is_not_the_figure_one() {
        assert_eq!(
            parse("une garantie de prêt de 500 millions", FR, None),
            None
        );
        // One of something, counted or measured, is a figure.
        assert!(agree(("un mort", FR), ("1", FR)));
        assert!(agree(("un million", FR), ("1 000 000", FR)));
        assert!(agree(("une heure", FR), ("1 hour", EN)));
        assert!(agree(("un", FR), ("1", FR)));
    }

    #[test]
    fn values_table() {
        let cases = [
            ("400 000", FR, 400_000.0),
            ("400\u{a0}000 puces", FR, 400_000.0),
            ("400\u{202f}000", FR, 400_000.0),
            ("1,5 million", FR, 1_500_000.0),
            ("1.5 million", EN, 1_500_000.0),
            ("1,500,000", EN, 1_500_000.0),
            ("12 milliards de dollars", FR, 12e9),
            ("$12 billion", EN, 12e9),
            ("un billion", FR, 1e12),
            ("one billion", EN, 1e9),
            ("deux millions de puces", FR, 2e6),
            ("trois agences", FR, 3.0),
            ("vingt-cinq", FR, 25.0),
            ("42,000 people", EN, 42_000.0),
            ("3,7 milliards", FR, 3.7e9),
            ("7 jours", FR, 7.0),
        ];
        for (text, language, expected) in cases {
            let quantity = q(text, language);
            let middle = if quantity.high.is_finite() {
                (quantity.low + quantity.high) / 2.0
            } else {
                quantity.low
            };
            assert!(
                (middle - expected).abs() < expected * 1e-9 + 1e-9,
                "{text}: {quantity:?}"
            );
        }
    }

    #[test]
    fn units_table() {
        let cases = [
            ("12 milliards de dollars", Some("$")),
            ("$12 billion", Some("$")),
            ("US$12 billion", Some("USD")),
            ("12 milliards de dollars américains", Some("USD")),
            ("C$2 million", Some("CAD")),
            ("2 millions de dollars canadiens", Some("CAD")),
            ("A$40 million", Some("AUD")),
            ("12 000 €", Some("EUR")),
            ("plus de 40 000 salariés", None),
            ("more than 42,000 people", None),
            ("Environ 7 jours", Some("day")),
            ("5 %", Some("%")),
        ];
        for (text, unit) in cases {
            assert_eq!(q(text, FR).unit, unit, "{text}");
        }
    }

    #[test]
    fn a_measure_is_read_in_the_unit_of_its_kind() {
        for (a, b) in [
            (("1,10 m", FR), ("110 cm", EN)),
            (("450 mètres", FR), ("450 m", EN)),
            (("12 km", FR), ("12", FR)),
            (("110 cm", FR), ("110", EN)),
            (("1 480 m d'altitude", FR), ("1,480 meters", EN)),
            (("2,10 m de neige", FR), ("2.10m of snow", EN)),
            (("450 m de large", FR), ("450m wide", EN)),
            (("0,6 millimètre", FR), ("0.6 mm", EN)),
            (("3,2 km", FR), ("3 200 mètres", FR)),
            (("1,5 tonne", FR), ("1 500 kg", FR)),
            (("120 000 m³", FR), ("120,000 cubic meters", EN)),
            (("2 500 litres", FR), ("2.5 m3", EN)),
            (("3 hectares", FR), ("30,000 square metres", EN)),
            (("2 km²", FR), ("200 ha", FR)),
        ] {
            // In either order.
            assert!(agree(a, b) && agree(b, a), "{a:?} / {b:?}");
        }
        // Ten times off, and another kind of measure; a figure with no unit is compared with
        // the measure as written.
        assert!(q("6 millimètres", FR).looks_mistyped(&q("0.6 mm", EN)));
        assert!(!agree(("12 km", FR), ("12 000", FR)));
        for (a, b) in [
            (("1,10 m", FR), ("110 mm", EN)),
            (("450 mètres", FR), ("450 km", EN)),
            (("2 tonnes", FR), ("2 m³", FR)),
            (("3 hectares", FR), ("3 km", FR)),
        ] {
            assert!(!agree(a, b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn m_is_metres_in_french_and_spaced_a_million_beside_a_currency_or_written_on_in_english() {
        for (text, language, value, unit) in [
            ("€40m", EN, 40e6, Some("EUR")),
            ("$5m", EN, 5e6, Some("$")),
            ("40 m€", FR, 40e6, Some("EUR")),
            ("40m euros", EN, 40e6, Some("EUR")),
            ("3m users", EN, 3e6, None),
            ("10m in fines", EN, 10e6, None),
            ("1.5m", EN, 1.5e6, None),
            ("1.5M", EN, 1.5e6, None),
            ("12 M de visiteurs", FR, 12e6, None),
            ("450 m", EN, 450.0, Some("m")),
            ("450m", FR, 450.0, Some("m")),
            ("450 m.", FR, 450.0, Some("m")),
            ("300m tall.", EN, 300.0, Some("m")),
            ("2.3m long", EN, 2.3, Some("m")),
            ("3 m d'eau", FR, 3.0, Some("m")),
        ] {
            let read = q(text, language);
            assert_eq!(read.middle(), Some(value), "{text}");
            assert_eq!(read.unit, unit, "{text}");
        }
        let unknown = parse("450 m de profondeur", None, None).unwrap();
        assert_eq!((unknown.middle(), unknown.unit), (Some(450.0), Some("m")));
        let declared = parse("12m", EN, Some("GBP")).unwrap();
        assert_eq!(
            (declared.middle(), declared.unit),
            (Some(12e6), Some("GBP"))
        );
    }

    #[test]
    fn a_dollar_that_does_not_say_whose_agrees_with_each_that_does() {
        for (a, b) in [
            (("2 millions de dollars", FR), ("C$2 million", EN)),
            (("$2 million", EN), ("US$2 million", EN)),
            (("2 millions de dollars", FR), ("A$2 million", EN)),
            (
                ("40 millions de dollars canadiens", FR),
                ("C$40 million", EN),
            ),
        ] {
            assert!(agree(a, b), "{a:?} / {b:?}");
            assert!(q(a.0, a.1).same_value(&q(b.0, b.1)), "{a:?} / {b:?}");
        }
        // Look-alikes: two dollars that say whose, a dollar and another currency.
        for (a, b) in [
            (("US$2 million", EN), ("C$2 million", EN)),
            (("2 millions de dollars canadiens", FR), ("A$2 million", EN)),
            (("2 millions de dollars", FR), ("2 millions d'euros", FR)),
        ] {
            assert!(!agree(a, b), "{a:?} / {b:?}");
        }
        // A tenth of it, in dollars that say and do not say whose, reads as mistyped.
        assert!(q("40 millions de dollars", FR).looks_mistyped(&q("C$4 million", EN)));
    }

    #[test]
    fn agreements_and_conflicts() {
        assert!(agree(("1,5 million", FR), ("1.5 million", EN)));
        assert!(agree(("1,5 million", FR), ("1 500 000", FR)));
        assert!(agree(("12 milliards de dollars", FR), ("$12 billion", EN)));
        assert!(!agree(("un billion", FR), ("one billion", EN)));
        assert!(agree(("plus de 400 000", FR), ("420 000", FR)));
        assert!(!agree(("plus de 400 000", FR), ("300 000", FR)));
        assert!(!agree(("46 milliards", FR), ("4,6 milliards", FR)));
        assert!(agree(
            ("plus de 40 000 salariés", FR),
            ("more than 42,000 people", EN)
        ));
        assert!(!agree(
            ("12 milliards de dollars", FR),
            ("12 milliards d'euros", FR)
        ));
        assert!(agree(("environ 100", FR), ("105", FR)));
        assert!(!agree(("moins de 100", FR), ("150", FR)));
    }

    #[test]
    fn one_figure_in_two_precisions_is_one_value() {
        assert!(q("1,5 million", FR).same_value(&q("1 500 000", FR)));
        assert!(q("46 milliards", FR).same_value(&q("46 billion", EN)));
        assert!(
            !q("1,5 million", FR).same_value(&q("1 520 000", FR)),
            "agrees, but is another figure"
        );
        assert!(!q("plus de 400 000", FR).same_value(&q("420 000", FR)));
        assert!(!q("plus de 400 000", FR).same_value(&q("plus de 500 000", FR)));
        assert!(q("1,5 million", FR).same_value(&q("1,5 million d'euros", FR)));
        assert!(!q("12 milliards de dollars", FR).same_value(&q("12 milliards d'euros", FR)));
    }

    #[test]
    fn one_figure_mistyped() {
        let mistyped = |a: (&str, Option<Language>), b: (&str, Option<Language>)| {
            q(a.0, a.1).looks_mistyped(&q(b.0, b.1)) && q(b.0, b.1).looks_mistyped(&q(a.0, a.1))
        };
        // Ten, a hundred or a thousand times the other, in any precision and language.
        assert!(mistyped(("640 000 euros", FR), ("€64,000", EN)));
        assert!(mistyped(("15 millions d'euros", FR), ("€1.5 million", EN)));
        assert!(mistyped(("60 millions", FR), ("6 million", EN)));
        assert!(mistyped(("2 400", FR), ("2,4 millions", FR)));
        // Two neighbouring digits swapped.
        assert!(mistyped(("44,2 millions", FR), ("42.4 million", EN)));
        assert!(mistyped(("8,4 %", FR), ("4.8%", EN)));
        assert!(mistyped(("1 325", FR), ("1 235", FR)));
        // Look-alikes: one figure, neighbours, other slips, other units, open figures.
        assert!(!mistyped(("1,5 million", FR), ("1 500 000", FR)));
        assert!(!mistyped(("640 000", FR), ("64 001", FR)));
        assert!(
            !mistyped(("640 000", FR), ("6 400 000 000", FR)),
            "ten thousand times"
        );
        assert!(
            !mistyped(("44,2 millions", FR), ("24,4 millions", FR)),
            "not neighbours"
        );
        assert!(
            !mistyped(("1 325", FR), ("1 352 000", FR)),
            "swapped, and a thousand times"
        );
        assert!(!mistyped(("1 235", FR), ("1 235", FR)));
        assert!(!mistyped(("12 %", FR), ("21 €", FR)));
        assert!(!mistyped(("plus de 640 000", FR), ("64 000", FR)));
        assert!(!mistyped(("0", FR), ("0,0", FR)));
        assert!(!mistyped(("0", FR), ("5", FR)));
        // A figure without a unit may be either figure's; two units must be one.
        assert!(mistyped(("640 000", FR), ("€64,000", EN)));
        assert!(!mistyped(("640 000 €", FR), ("$64,000", EN)));
        // A digit of one figure and the power of ten of the other never read as a swap.
        assert!(!mistyped(("5 000", FR), ("300 000", FR)));
        assert!(!mistyped(("4,8", FR), ("84", FR)));
    }

    #[test]
    fn significant_digits_are_seven_after_the_power_of_ten() {
        assert_eq!(significant_digits(44_200_000.0), (7, [4, 4, 2, 0, 0, 0, 0]));
        assert_eq!(significant_digits(4.8), (0, [4, 8, 0, 0, 0, 0, 0]));
        assert_eq!(significant_digits(0.25), (-1, [2, 5, 0, 0, 0, 0, 0]));
        // Rounding to seven digits may carry into a new power of ten.
        assert_eq!(significant_digits(99_999_999.7), (8, [1, 0, 0, 0, 0, 0, 0]));
    }

    #[test]
    fn tolerance_widens() {
        let a = q("100", EN);
        let b = q("104", EN);
        assert!(!a.agrees_with(&b, 0.0));
        assert!(a.agrees_with(&b, 0.05));
    }

    #[test]
    fn non_figures_do_not_parse() {
        for text in ["Nvidia", "la moitié", "", "H20"] {
            assert_eq!(parse(text, FR, None), None, "{text}");
        }
    }
}
