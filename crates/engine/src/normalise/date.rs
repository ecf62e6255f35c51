//! Dates and times of day: `2025-01-15`, `15 janvier 2025`, `January 15, 2025`, `juillet`,
//! `T4 2024`, `Q4 2024`, `le mois dernier`, `7:10 a.m.`, `19 h 10` → an interval.
//!
//! A date is the interval of days it covers (a month is its 28 to 31 days); words relative to
//! the article (`le mois dernier`, `this year`) are resolved against the source's `published`
//! date, and cannot be resolved without it. A time of day is an interval of minutes.
//!
//! Numeric dates (`14/07/2025`, `07/14/2025`, `14.07.25`, `2025/07/14`) are read only by
//! [`parse_value`], for values whose kind is a date: `3/4`, a score or a version number is not
//! a date. Their order follows from the value (a part above 12 is a day), else from the source's
//! [`DayOrder`]; an order that stays ambiguous is read both ways ([`Moment::EitherDay`]).

use crate::model::PartialDate;

use super::calendar::{day_number, days_in_month, iso_date, parse_iso_date};
pub use super::numeric_date::{DayOrder, Numeric, day_order, parse_value};
use super::text::fold_key;

/// What a date or time value covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Moment {
    /// Days, inclusive, counted from 1970-01-01.
    Days { first: i64, last: i64 },
    /// Minutes after midnight, inclusive.
    TimeOfDay { first: u32, last: u32 },
    /// A numeric date whose order stays ambiguous (`03/07/2025` with no locale): one of two days,
    /// counted from 1970-01-01, `early` < `late`.
    EitherDay { early: i64, late: i64 },
}

impl Moment {
    /// The day intervals this moment may be: one, or two for an ambiguous numeric date.
    fn day_readings(&self) -> [Option<(i64, i64)>; 2] {
        match *self {
            Moment::Days { first, last } => [Some((first, last)), None],
            Moment::EitherDay { early, late } => [Some((early, early)), Some((late, late))],
            Moment::TimeOfDay { .. } => [None, None],
        }
    }

    /// True when it is one known day.
    pub fn is_one_day(&self) -> bool {
        matches!(self, Moment::Days { first, last } if first == last)
    }

    /// True when it is a known month or less (`juin 2030`), or a time of day to the minute.
    pub fn is_at_most_a_month(&self) -> bool {
        match *self {
            Moment::Days { first, last } => last - first < 31,
            Moment::TimeOfDay { first, last } => first == last,
            Moment::EitherDay { .. } => false,
        }
    }

    /// True when the two can be the same moment: for an ambiguous numeric date, when either
    /// reading can.
    pub fn overlaps(&self, other: &Moment) -> bool {
        match (self, other) {
            (Moment::TimeOfDay { first: a, last: b }, Moment::TimeOfDay { first: c, last: d }) => {
                a <= d && c <= b
            }
            _ => self.day_readings().iter().flatten().any(|(a, b)| {
                other
                    .day_readings()
                    .iter()
                    .flatten()
                    .any(|(c, d)| a <= d && c <= b)
            }),
        }
    }

    /// True when the two can be exactly the same days: equal, or one reading of an ambiguous
    /// numeric date equal to the other.
    pub fn may_equal(&self, other: &Moment) -> bool {
        self == other
            || self
                .day_readings()
                .iter()
                .flatten()
                .any(|a| other.day_readings().iter().flatten().any(|b| a == b))
    }

    /// True when the two are single days, one the day after the other: a date a person may
    /// have slipped by a day.
    pub fn is_a_day_from(&self, other: &Moment) -> bool {
        match (self, other) {
            (Moment::Days { first: a, last: b }, Moment::Days { first: c, last: d }) => {
                a == b && c == d && (a - c).abs() == 1
            }
            _ => false,
        }
    }

    /// True when both are days, known or one of two, and some reading of each is the same day
    /// (`4 juin`, 2026's or 2027's, and `June 4, 2026`).
    pub fn may_be_the_same_day(&self, other: &Moment) -> bool {
        let theirs = other.days();
        self.days().iter().any(|day| theirs.contains(day))
    }

    /// The days it may be, when it is one known day or one of two.
    pub fn days(&self) -> Vec<i64> {
        self.day_readings()
            .into_iter()
            .flatten()
            .filter(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect()
    }

    /// True for a date that is one of two days: an ambiguous numeric date, or a day without
    /// its year.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self, Moment::EitherDay { .. })
    }
}

const MONTHS: [(&str, u8); 38] = [
    ("janvier", 1),
    ("janv", 1),
    ("january", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juin", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("juil", 7),
    ("july", 7),
    ("jul", 7),
    ("aout", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("october", 10),
    ("oct", 10),
    ("novembre", 11),
    ("november", 11),
    ("decembre", 12),
];
const MORE_MONTHS: [(&str, u8); 3] = [("nov", 11), ("december", 12), ("dec", 12)];

fn month(word: &str) -> Option<u8> {
    let word = word.trim_end_matches(['.', ',']);
    MONTHS
        .iter()
        .chain(&MORE_MONTHS)
        .find(|(name, _)| *name == word)
        .map(|(_, m)| *m)
}

/// True when `word` names a weekday in full, in French or English (not `Sun` or `Mar`, which are
/// also names).
pub fn is_weekday(word: &str) -> bool {
    let word = fold_key(word);
    word.len() > 3 && WEEKDAYS.contains(&word.as_str())
}

/// True when `word` names a month, in French or English, in full or abbreviated.
pub fn is_month(word: &str) -> bool {
    word.len() <= 12 && month(&fold_key(word)).is_some()
}

/// Parses a date or time; `None` when `text` is neither, or is relative and `published` is unknown.
pub fn parse(text: &str, published: Option<PartialDate>) -> Option<Moment> {
    let folded = fold_key(text);
    let mut text = folded.as_str();
    for prefix in [
        "en ", "in ", "le ", "on ", "au ", "du ", "depuis ", "since ",
    ] {
        text = text.strip_prefix(prefix).unwrap_or(text);
    }
    if let Some(time) = time_of_day(text) {
        return Some(time);
    }
    if let Some(date) = parse_iso_date(text) {
        return Some(span(date));
    }
    quarter(text)
        .or_else(|| relative(text, published?))
        .or_else(|| calendar(text, published))
}

/// The days a partial date covers.
pub(super) fn span(date: PartialDate) -> Moment {
    let (first_month, last_month) = date.month.map_or((1, 12), |m| (m, m));
    let first_day = date.day.unwrap_or(1);
    let last_day = date
        .day
        .unwrap_or_else(|| days_in_month(date.year, last_month));
    Moment::Days {
        first: day_number(date.year, first_month, first_day),
        last: day_number(date.year, last_month, last_day),
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Moment::Days { first, last } if first == last => write!(f, "{}", iso_date(first)),
            Moment::Days { first, last } => write!(f, "{} to {}", iso_date(first), iso_date(last)),
            Moment::EitherDay { early, late } => {
                write!(f, "{} or {}", iso_date(early), iso_date(late))
            }
            Moment::TimeOfDay { first, last } if first == last => {
                write!(f, "{:02}:{:02}", first / 60, first % 60)
            }
            Moment::TimeOfDay { first, last } => write!(
                f,
                "{:02}:{:02} to {:02}:{:02}",
                first / 60,
                first % 60,
                last / 60,
                last % 60
            ),
        }
    }
}

/// Weekday names that may stand before a time (`Thu 6:50`).
const WEEKDAYS: [&str; 21] = [
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// A time of day, possibly after the day it falls on: `12/2/11 6:35 a.m.`, `Thu 6:50`,
/// `Dec 02 7:10 a.m.`.
fn time_of_day(text: &str) -> Option<Moment> {
    let mut rest = text;
    loop {
        if let Some(time) = bare_time_of_day(rest) {
            return Some(time);
        }
        let (word, after) = rest.split_once(' ')?;
        let word = word.trim_end_matches([',', '.']);
        let is_day_word = WEEKDAYS.contains(&word)
            || month(word).is_some()
            || (!word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-')));
        if !is_day_word {
            return None;
        }
        rest = after.trim_start();
    }
}

/// `7:10 a.m.`, `7:10aDec 1`, `9:22 p.m. (Estimated runway)`, `19 h 10`, `19h10`, `07:10`,
/// and with `am` or `pm` only: `2.26pm`, `8 p.m.`, `11am`.
fn bare_time_of_day(text: &str) -> Option<Moment> {
    let bytes = text.as_bytes();
    let hour_digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&hour_digits) {
        return None;
    }
    let hour: u32 = text[..hour_digits].parse().ok()?;
    let rest = text[hour_digits..].trim_start();
    let half_of_day = |rest: &str| {
        ["a.m", "p.m", "am", "pm"].iter().any(|half| {
            rest.strip_prefix(half)
                .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric()))
        })
    };
    let (rest, needs_half_of_day) = match rest.strip_prefix(':').or_else(|| rest.strip_prefix('h'))
    {
        Some(rest) => (rest.trim_start(), false),
        // `2.26` alone is a figure; `2.26pm` a time.
        None => (rest.strip_prefix('.').unwrap_or(rest), true),
    };
    let minute_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let minute: u32 = match minute_digits {
        0 => 0,
        2 => rest[..2].parse().ok()?,
        _ => return None,
    };
    let rest = rest[minute_digits..].trim_start();
    if needs_half_of_day && !half_of_day(rest) {
        return None;
    }
    let hour = match rest.as_bytes().first() {
        Some(b'a') if (1..=12).contains(&hour) => hour % 12,
        Some(b'p') if (1..=12).contains(&hour) => hour % 12 + 12,
        Some(c) if c.is_ascii_alphabetic() && !rest.starts_with("h") => return None,
        _ => hour,
    };
    if hour > 23 || minute > 59 {
        return None;
    }
    let minutes = hour * 60 + minute;
    Some(Moment::TimeOfDay {
        first: minutes,
        last: minutes,
    })
}

/// `Q4 2024`, `T4 2024`, `4e trimestre 2024`, `quatrième trimestre 2024`, `fourth quarter of 2024`.
fn quarter(text: &str) -> Option<Moment> {
    let words: Vec<&str> = text
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "de" | "du"))
        .collect();
    let (number, year) = match words.as_slice() {
        [q, year] if q.len() == 2 && (q.starts_with('q') || q.starts_with('t')) => {
            (q[1..].parse::<u8>().ok()?, *year)
        }
        [ordinal, "trimestre" | "quarter", year] => (ordinal_number(ordinal)?, *year),
        _ => return None,
    };
    let year: i32 = year.parse().ok()?;
    if !(1..=4).contains(&number) || year.to_string().len() != 4 {
        return None;
    }
    let first = number * 3 - 2;
    let last = number * 3;
    Some(Moment::Days {
        first: day_number(year, first, 1),
        last: day_number(year, last, days_in_month(year, last)),
    })
}

fn ordinal_number(word: &str) -> Option<u8> {
    Some(match word {
        "1er" | "1re" | "premier" | "first" | "1st" => 1,
        "2e" | "2eme" | "deuxieme" | "second" | "2nd" => 2,
        "3e" | "3eme" | "troisieme" | "third" | "3rd" => 3,
        "4e" | "4eme" | "quatrieme" | "fourth" | "4th" => 4,
        _ => return None,
    })
}

/// `le mois dernier`, `cette année`, `last week`, `hier`… against the publication date.
fn relative(text: &str, published: PartialDate) -> Option<Moment> {
    let text = text
        .trim_start_matches("le ")
        .trim_start_matches("la ")
        .trim_start_matches("l'");
    let year = published.year;
    let months_back = |offset: i32| {
        let month = published.month? as i32 - 1 + offset;
        let shifted = PartialDate {
            year: year + month.div_euclid(12),
            month: Some(month.rem_euclid(12) as u8 + 1),
            day: None,
        };
        Some(span(shifted))
    };
    let days_back = |offset: i64, length: i64| {
        let Moment::Days { first, last } = span(published) else {
            unreachable!("dates span days")
        };
        Some(Moment::Days {
            first: first + offset,
            last: last + offset + length - 1,
        })
    };
    match text {
        "cette annee" | "this year" | "annee en cours" => Some(span(PartialDate {
            year,
            month: None,
            day: None,
        })),
        "annee prochaine" | "next year" => Some(span(PartialDate {
            year: year + 1,
            month: None,
            day: None,
        })),
        "annee derniere" | "last year" | "an dernier" | "an passe" | "annee passee" => {
            Some(span(PartialDate {
                year: year - 1,
                month: None,
                day: None,
            }))
        }
        "ce mois-ci" | "this month" | "mois en cours" => months_back(0),
        "mois dernier" | "last month" | "mois passe" => months_back(-1),
        "mois prochain" | "next month" => months_back(1),
        "semaine derniere" | "last week" | "semaine passee" => days_back(-7, 7),
        "semaine prochaine" | "next week" => days_back(1, 7),
        "aujourd'hui" | "today" => days_back(0, 1),
        "hier" | "yesterday" => days_back(-1, 1),
        "demain" | "tomorrow" => days_back(1, 1),
        _ => None,
    }
}

/// `15 janvier 2025`, `1er janvier 2025`, `January 15, 2025`, `juillet 2025`, `juillet` (the
/// last such month up to `published`), `June 4` (the such day nearest to `published`), each
/// possibly after its weekday (`Thursday, May 28, 2026`, `jeudi 4 juin`).
fn calendar(text: &str, published: Option<PartialDate>) -> Option<Moment> {
    let mut words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let weekday = words.first().and_then(|w| weekday_number(w));
    if weekday.is_some() {
        words.remove(0);
    }
    let day = |w: &str| {
        w.trim_end_matches("er")
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th")
            .parse::<u8>()
            .ok()
    };
    let year = |w: &str| w.parse::<i32>().ok().filter(|_| w.len() == 4);
    let (day, month, year) = match words.as_slice() {
        [d, m, y] if day(d).is_some() && month(m).is_some() => (day(d), month(m)?, year(y)?),
        [m, d, y] if month(m).is_some() && day(d).is_some() => (day(d), month(m)?, year(y)?),
        [d, m] | [m, d] if day(d).is_some() && month(m).is_some() => {
            return year_less_day(day(d)?, month(m)?, weekday, published?);
        }
        [m, y] => (None, month(m)?, year(y)?),
        [m] => {
            let m = month(m)?;
            let published = published?;
            let before = published.month.is_some_and(|p| m > p);
            (None, m, published.year - i32::from(before))
        }
        _ => return None,
    };
    if day.is_some_and(|d| d == 0 || d > days_in_month(year, month)) {
        return None;
    }
    Some(span(PartialDate {
        year,
        month: Some(month),
        day,
    }))
}

/// The weekday a word names in full (not `Sun` or `Mar`, which are also names), Monday 0 to
/// Sunday 6.
fn weekday_number(word: &str) -> Option<i64> {
    let at = WEEKDAYS.iter().position(|w| *w == word && w.len() > 3)?;
    Some(at as i64 % 7)
}

/// `day` `month` without its year: the last such day up to `published` or the first after it,
/// either of them ([`Moment::EitherDay`]), or the one on the `weekday` said when only one is.
/// An article names days past and to come alike; a month alone is the last one up to
/// `published`, and either reading of a day agrees with it.
fn year_less_day(
    day: u8,
    month: u8,
    weekday: Option<i64>,
    published: PartialDate,
) -> Option<Moment> {
    let around = day_number(
        published.year,
        published.month.unwrap_or(12),
        published.day.unwrap_or(31),
    );
    let days: Vec<i64> = (published.year - 1..=published.year + 1)
        .filter(|&year| day >= 1 && day <= days_in_month(year, month))
        .map(|year| day_number(year, month, day))
        .collect();
    let before = days.iter().copied().filter(|&d| d <= around).max();
    let after = days.iter().copied().find(|&d| d > around);
    // 1970-01-01 was a Thursday.
    let on_weekday = |d: i64| weekday.is_some_and(|w| (d + 3).rem_euclid(7) == w);
    let one = |d: i64| Moment::Days { first: d, last: d };
    match (before, after) {
        (Some(b), Some(a)) if on_weekday(b) != on_weekday(a) => {
            Some(one(if on_weekday(b) { b } else { a }))
        }
        (Some(early), Some(late)) => Some(Moment::EitherDay { early, late }),
        (Some(d), None) | (None, Some(d)) => Some(one(d)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUG_2025: Option<PartialDate> = Some(PartialDate {
        year: 2025,
        month: Some(8),
        day: None,
    });

    fn days(text: &str, published: Option<PartialDate>) -> (i64, i64) {
        match parse(text, published) {
            Some(Moment::Days { first, last }) => (first, last),
            other => panic!("{text}: {other:?}"),
        }
    }

    fn day(y: i32, m: u8, d: u8) -> i64 {
        day_number(y, m, d)
    }

    #[test]
    fn a_weekday_before_a_date_is_read_past() {
        for (text, expected) in [
            ("Thursday, May 28, 2026", day(2026, 5, 28)),
            ("jeudi 4 juin 2026", day(2026, 6, 4)),
            ("le jeudi 4 juin 2026", day(2026, 6, 4)),
            ("on Friday, 1 January 2027", day(2027, 1, 1)),
        ] {
            assert_eq!(days(text, None), (expected, expected), "{text}");
        }
        // A weekday alone, or before what is no date, is not a date.
        assert_eq!(parse("jeudi", AUG_2025), None);
        assert_eq!(parse("Thursday, 40", AUG_2025), None);
    }

    #[test]
    fn a_weekday_is_a_full_word_and_a_day_one_of_its_month() {
        // `Sun` and `Mar` are also names (a newspaper, a month): no weekday.
        assert_eq!(parse("Sun 4 June 2025", None), None);
        assert_eq!(
            parse("Sunday 1 June 2025", None),
            Some(Moment::Days {
                first: day(2025, 6, 1),
                last: day(2025, 6, 1)
            })
        );
        for text in [
            "31 juin 2025",
            "0 juin 2025",
            "June 31, 2025",
            "29 février 2025",
        ] {
            assert_eq!(parse(text, None), None, "{text}");
        }
        assert_eq!(
            days("29 février 2024", None),
            (day(2024, 2, 29), day(2024, 2, 29))
        );
        // A month, a word that is no day, and a year: no date.
        assert_eq!(parse("juin fin 2025", None), None);
    }

    #[test]
    fn what_a_moment_may_be() {
        let one = |d: i64| Moment::Days { first: d, last: d };
        let june = Moment::Days {
            first: day(2025, 6, 1),
            last: day(2025, 6, 30),
        };
        let either = Moment::EitherDay {
            early: 10,
            late: 40,
        };
        let time = Moment::TimeOfDay {
            first: 600,
            last: 600,
        };
        assert!(one(5).is_one_day());
        assert!(!june.is_one_day() && !either.is_one_day() && !time.is_one_day());
        assert_eq!(one(5).days(), [5]);
        assert_eq!(either.days(), [10, 40]);
        assert!(june.days().is_empty() && time.days().is_empty());
        assert!(either.may_be_the_same_day(&one(40)) && one(10).may_be_the_same_day(&either));
        assert!(!either.may_be_the_same_day(&one(41)));
        assert!(!june.may_be_the_same_day(&one(day(2025, 6, 4))));
        assert!(either.is_ambiguous());
        assert!(!one(5).is_ambiguous() && !june.is_ambiguous() && !time.is_ambiguous());
    }

    #[test]
    fn a_day_without_its_year_is_the_last_up_to_publication_or_the_next() {
        let published = |year, month, day| {
            Some(PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            })
        };
        let either = |early, late| Some(Moment::EitherDay { early, late });
        let one = |d| Some(Moment::Days { first: d, last: d });
        let june_5 = published(2026, 6, 5);
        for text in ["June 4", "4 juin", "le 4 juin", "on June 4"] {
            assert_eq!(
                parse(text, june_5),
                either(day(2026, 6, 4), day(2027, 6, 4)),
                "{text}"
            );
        }
        // Published on the day itself, it is that day or next year's.
        assert_eq!(
            parse("June 5", june_5),
            either(day(2026, 6, 5), day(2027, 6, 5))
        );
        // Across a year's end, either way.
        assert_eq!(
            parse("January 10", published(2026, 12, 20)),
            either(day(2026, 1, 10), day(2027, 1, 10))
        );
        // The weekday said picks one: 4 June 2026 is a Thursday, 4 June 2027 a Friday.
        assert_eq!(parse("Thursday, June 4", june_5), one(day(2026, 6, 4)));
        assert_eq!(parse("vendredi 4 juin", june_5), one(day(2027, 6, 4)));
        // A weekday that is neither's says nothing.
        assert_eq!(
            parse("Monday, June 4", june_5),
            either(day(2026, 6, 4), day(2027, 6, 4))
        );
        // Either reading agrees with a month alone, which is the last one up to publication
        // (`juillet` in February 2026 is July 2025; `4 juillet` may be 2025's or 2026's).
        let february = published(2026, 2, 10);
        let month = parse("juillet", february).unwrap();
        let day_of_it = parse("4 juillet", february).unwrap();
        assert!(month.overlaps(&day_of_it) && day_of_it.overlaps(&month));
        // Look-alikes: no publication date, no such day, a month and a year; 29 February has
        // one reading in three years, or none.
        assert_eq!(parse("June 4", None), None);
        assert_eq!(parse("June 31", june_5), None);
        assert_eq!(
            days("June 2027", june_5),
            (day(2027, 6, 1), day(2027, 6, 30))
        );
        assert_eq!(
            parse("29 février", published(2025, 3, 1)),
            one(day(2024, 2, 29))
        );
        assert_eq!(parse("29 février", published(2022, 3, 1)), None);
    }

    #[test]
    fn a_day_from_is_the_day_before_or_after_and_nothing_coarser() {
        let moment = |text: &str| parse(text, None).unwrap_or_else(|| panic!("{text}"));
        let a_day_from = |a: &str, b: &str| moment(a).is_a_day_from(&moment(b));
        assert!(a_day_from("1er juillet 2025", "July 2, 2025"));
        assert!(a_day_from("July 2, 2025", "1er juillet 2025"));
        assert!(a_day_from("31 décembre 2025", "January 1, 2026"));
        for (a, b) in [
            ("1er juillet 2025", "1er juillet 2025"),
            ("1er juillet 2025", "July 3, 2025"),
            ("juin 2025", "juillet 2025"),
            ("30 juin 2025", "juillet 2025"),
            ("3 h 40", "3 h 41"),
        ] {
            assert!(!a_day_from(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn a_month_a_day_or_a_minute_is_precise_and_more_is_not() {
        let precise = |text: &str| parse(text, None).is_some_and(|m| m.is_at_most_a_month());
        for text in [
            "juillet 2025",
            "February 2024",
            "14 juillet 2025",
            "3 h 40",
            "3:40 a.m.",
        ] {
            assert!(precise(text), "{text}");
        }
        for text in ["2025", "T3 2025", "Q4 2024"] {
            assert!(!precise(text), "{text}");
        }
        // 31 days at most: a month and one day more is not a month.
        let span = |last| Moment::Days { first: 0, last }.is_at_most_a_month();
        assert!(span(30) && !span(31));
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1), 11_017);
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2024, 12, 31),
            (1969, 7, 20),
            (2025, 3, 1),
        ] {
            assert_eq!(
                iso_date(day_number(y, m, d)),
                format!("{y:04}-{m:02}-{d:02}")
            );
        }
    }

    #[test]
    fn absolute_dates_table() {
        let jan15 = (day(2025, 1, 15), day(2025, 1, 15));
        let cases = [
            ("2025-01-15", jan15),
            ("15 janvier 2025", jan15),
            ("January 15, 2025", jan15),
            ("15 January 2025", jan15),
            ("Jan. 15, 2025", jan15),
            ("le 15 janvier 2025", jan15),
            ("1er janvier 2025", (day(2025, 1, 1), day(2025, 1, 1))),
            ("juillet 2025", (day(2025, 7, 1), day(2025, 7, 31))),
            ("2024", (day(2024, 1, 1), day(2024, 12, 31))),
            ("T4 2024", (day(2024, 10, 1), day(2024, 12, 31))),
            ("Q4 2024", (day(2024, 10, 1), day(2024, 12, 31))),
            (
                "quatrième trimestre 2024",
                (day(2024, 10, 1), day(2024, 12, 31)),
            ),
            (
                "fourth quarter of 2024",
                (day(2024, 10, 1), day(2024, 12, 31)),
            ),
            // Every quarter by its ordinal, in either language.
            ("1er trimestre 2024", (day(2024, 1, 1), day(2024, 3, 31))),
            (
                "second quarter of 2024",
                (day(2024, 4, 1), day(2024, 6, 30)),
            ),
            ("3e trimestre 2024", (day(2024, 7, 1), day(2024, 9, 30))),
            ("third quarter of 2024", (day(2024, 7, 1), day(2024, 9, 30))),
            (
                "troisième trimestre 2024",
                (day(2024, 7, 1), day(2024, 9, 30)),
            ),
            ("4th quarter 2024", (day(2024, 10, 1), day(2024, 12, 31))),
            ("février 2024", (day(2024, 2, 1), day(2024, 2, 29))),
        ];
        for (text, expected) in cases {
            assert_eq!(days(text, None), expected, "{text}");
        }
    }

    #[test]
    fn relative_dates_need_the_publication_date() {
        assert_eq!(
            days("le mois dernier", AUG_2025),
            (day(2025, 7, 1), day(2025, 7, 31))
        );
        assert_eq!(
            days("last month", AUG_2025),
            (day(2025, 7, 1), day(2025, 7, 31))
        );
        assert_eq!(
            days("cette année", AUG_2025),
            (day(2025, 1, 1), day(2025, 12, 31))
        );
        assert_eq!(
            days("l'année prochaine", AUG_2025),
            (day(2026, 1, 1), day(2026, 12, 31))
        );
        assert_eq!(
            days("en juillet", AUG_2025),
            (day(2025, 7, 1), day(2025, 7, 31))
        );
        assert_eq!(
            days("septembre", AUG_2025),
            (day(2024, 9, 1), day(2024, 9, 30))
        );
        let jan = Some(PartialDate {
            year: 2025,
            month: Some(1),
            day: None,
        });
        assert_eq!(
            days("le mois dernier", jan),
            (day(2024, 12, 1), day(2024, 12, 31))
        );
        let day_precise = Some(PartialDate {
            year: 2025,
            month: Some(3),
            day: Some(10),
        });
        assert_eq!(
            days("last week", day_precise),
            (day(2025, 3, 3), day(2025, 3, 9))
        );
        // Every relative wording of the docs, in both languages, around a known day; a month
        // alone is the last one up to it.
        let aug_14 = Some(PartialDate {
            year: 2025,
            month: Some(8),
            day: Some(14),
        });
        for (texts, expected) in [
            (
                ["l'année dernière", "last year"],
                "2024-01-01 to 2024-12-31",
            ),
            (["ce mois-ci", "this month"], "2025-08-01 to 2025-08-31"),
            (
                ["le mois prochain", "next month"],
                "2025-09-01 to 2025-09-30",
            ),
            (
                ["la semaine prochaine", "next week"],
                "2025-08-15 to 2025-08-21",
            ),
            (["aujourd'hui", "today"], "2025-08-14"),
            (["hier", "yesterday"], "2025-08-13"),
            (["demain", "tomorrow"], "2025-08-15"),
        ] {
            for text in texts {
                let read = parse(text, aug_14).unwrap_or_else(|| panic!("{text}"));
                assert_eq!(read.to_string(), expected, "{text}");
            }
        }
        assert_eq!(days("août", aug_14), (day(2025, 8, 1), day(2025, 8, 31)));
        assert_eq!(days("juillet", aug_14), (day(2025, 7, 1), day(2025, 7, 31)));
        assert_eq!(
            days("septembre", aug_14),
            (day(2024, 9, 1), day(2024, 9, 30))
        );
        assert_eq!(parse("le mois dernier", None), None);
        assert_eq!(parse("juillet", None), None);
    }

    #[test]
    fn times_of_day_table() {
        let cases = [
            ("7:10 a.m.", 7 * 60 + 10),
            ("7:10aDec 1", 7 * 60 + 10),
            ("9:22 p.m. (Estimated runway)", 21 * 60 + 22),
            ("12:05 a.m.", 5),
            ("12:05 p.m.", 12 * 60 + 5),
            ("19 h 10", 19 * 60 + 10),
            ("19h10", 19 * 60 + 10),
            ("07:10", 7 * 60 + 10),
            ("12/2/11 6:35 a.m.", 6 * 60 + 35),
            ("Thu  6:50", 6 * 60 + 50),
            ("Dec 02 7:10 p.m.", 19 * 60 + 10),
            ("10 h", 10 * 60),
            ("10 h 05", 10 * 60 + 5),
            ("23:59", 23 * 60 + 59),
            ("10:30 pm", 22 * 60 + 30),
            ("2.26pm", 14 * 60 + 26),
            ("8.15am", 8 * 60 + 15),
            ("8 p.m.", 20 * 60),
            ("11am", 11 * 60),
            ("12 pm", 12 * 60),
            // What follows a time that is no word is not read.
            ("10 h 05 (heure locale)", 10 * 60 + 5),
        ];
        for (text, minutes) in cases {
            assert_eq!(
                parse(text, None),
                Some(Moment::TimeOfDay {
                    first: minutes,
                    last: minutes
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "Nvidia",
            "400 000",
            "Not Available",
            "",
            "plus de 12 milliards",
            "25:10",
            "H20",
            "Dec 02 Not Available",
            "Chapitre 3 6:50",
            // A unit after the figure; an hour or a minute beyond the day's; `am` or `pm`
            // after an hour past twelve.
            "10 h 05 km",
            "24:00",
            "12:60",
            "13:00 am",
            "13:00 pm",
            // One figure for a quarter, four for its year.
            "5e trimestre 2024",
            "Q04 2024",
            "Q4 202",
            "T4 20245",
            // A figure with a decimal point is a time only with `am` or `pm`.
            "2.26",
            "3.5m",
            "8 amendments",
            "2.26 million",
            // A day with something after it: not read (its hour is not left aside).
            "7 février à Grenoble",
            "Feb. 8 at 6pm",
            "samedi 7 février à 18 heures",
        ] {
            assert_eq!(parse(text, AUG_2025), None, "{text}");
        }
    }

    #[test]
    fn overlap() {
        let july = parse("juillet 2025", None).unwrap();
        let mid_july = parse("15 juillet 2025", None).unwrap();
        let august = parse("août 2025", None).unwrap();
        assert!(july.overlaps(&mid_july));
        assert!(!july.overlaps(&august));
        // Two times of day overlap only when they can be one time.
        let time = |text: &str| parse(text, None).unwrap_or_else(|| panic!("{text}"));
        assert!(time("3 h 40").overlaps(&time("3:40 a.m.")));
        assert!(!time("3 h 40").overlaps(&time("4:10 a.m.")));
    }

    #[test]
    fn weekdays_in_full_and_months_in_full_or_short() {
        for day in ["Monday", "lundi", "Mercredi", "sunday"] {
            assert!(is_weekday(day), "{day}");
        }
        // Three letters are also names and words: `Sun`, `Mon`, `Mar`.
        for word in ["Sun", "Mon", "Mar", "Paris"] {
            assert!(!is_weekday(word), "{word}");
        }
        for month in ["juillet", "July", "Sept", "févr"] {
            assert!(is_month(month), "{month}");
        }
        assert!(!is_month("Paris"));
    }

    #[test]
    fn moments_are_written_as_iso_days_and_clock_times() {
        assert_eq!(
            parse("14 juillet 2025", None).unwrap().to_string(),
            "2025-07-14"
        );
        assert_eq!(
            parse("juillet 2025", None).unwrap().to_string(),
            "2025-07-01 to 2025-07-31"
        );
        let time = |first, last| Moment::TimeOfDay { first, last }.to_string();
        assert_eq!(time(605, 605), "10:05");
        assert_eq!(time(600, 660), "10:00 to 11:00");
    }
}
