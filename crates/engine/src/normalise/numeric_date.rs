//! Numeric dates (`14/07/2025`, `07/14/2025`, `14.07.25`, `2025/07/14`), read only for values
//! whose kind is a date: `3/4`, a score or a version number is not a date. The order follows
//! from the value (a part above 12 is a day), else from the source's [`DayOrder`]; an order that
//! stays ambiguous is read both ways ([`Moment::EitherDay`]).

use crate::model::PartialDate;

use super::calendar::days_in_month;
use super::date::{Moment, parse, span};

/// Which part of a numeric date comes first when neither part is above 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayOrder {
    /// `14/07/2025`: French and most of the world.
    DayFirst,
    /// `07/14/2025`: US English.
    MonthFirst,
}

/// Regions that write the month first (the United States and the places that follow its usage).
const MONTH_FIRST_REGIONS: [&str; 11] = [
    "us", "ph", "fm", "mh", "pw", "gu", "as", "mp", "pr", "vi", "um",
];
/// Regions where both orders are common in English (Canada).
const MIXED_REGIONS: [&str; 1] = ["ca"];

/// The order a source writes numeric dates in, from its `locale` (`en-US`, `en_GB`, `fr-CA`),
/// else the region of its `language` (`en-US`), else its language alone: day first in every
/// language but English, whose order is unknown without a region (US or British); `None` when
/// the order is unknown.
pub fn day_order(language: Option<&str>, locale: Option<&str>) -> Option<DayOrder> {
    let tags = |code: &str| -> (String, Option<String>) {
        let mut parts = code.split(['-', '_']);
        let language = parts.next().unwrap_or_default().to_ascii_lowercase();
        let region = parts
            .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
            .map(str::to_ascii_lowercase);
        (language, region)
    };
    let (locale_language, locale_region) = locale.map(tags).unwrap_or_default();
    let (language_language, language_region) = language.map(tags).unwrap_or_default();
    let language = if locale_language.len() >= 2 {
        locale_language
    } else {
        language_language
    };
    match locale_region.or(language_region) {
        Some(region) if MONTH_FIRST_REGIONS.contains(&region.as_str()) => {
            Some(DayOrder::MonthFirst)
        }
        Some(region) if MIXED_REGIONS.contains(&region.as_str()) && language != "fr" => None,
        Some(_) => Some(DayOrder::DayFirst),
        None if language.is_empty() || matches!(language.as_str(), "en" | "eng") => None,
        None => Some(DayOrder::DayFirst),
    }
}

/// Which numeric dates a value may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numeric {
    /// None: the kind of the value is not known to be a date.
    No,
    /// Those with a four-digit year only (`14/07/2025`): a value of no declared kind.
    FourDigitYears,
    /// Two-digit years too (`14/07/25`): a value whose kind is a date.
    All,
}

/// A value read as a date or time: as [`parse`], then as a numeric date when `numeric` allows,
/// in `order`.
pub fn parse_value(
    text: &str,
    published: Option<PartialDate>,
    order: Option<DayOrder>,
    numeric: Numeric,
) -> Option<Moment> {
    parse(text, published).or_else(|| numeric_date(text, published, order, numeric))
}

/// `14/07/2025`, `14.07.2025`, `14-07-2025`, `2025/07/14`, `07/14/2025`, `14/07/25`, with one
/// separator throughout; a two-digit year is the one of its century that falls within 80 years
/// before and 20 after the publication year (2000 to 2099 for 00 to 49 without it).
fn numeric_date(
    text: &str,
    published: Option<PartialDate>,
    order: Option<DayOrder>,
    numeric: Numeric,
) -> Option<Moment> {
    if numeric == Numeric::No {
        return None;
    }
    let mut text = text.trim();
    for prefix in ["le ", "on ", "du ", "au ", "the "] {
        if let Some(head) = text.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            text = text[prefix.len()..].trim_start();
        }
    }
    let separator = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '/' | '.' | '-') {
        return None;
    }
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |p: &str| p.parse::<u16>().ok();
    // Year first: `2025/07/14`, always year, month, day.
    if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        let year = i32::from(number(a)?);
        return one_day(
            year,
            u8::try_from(number(b)?).ok()?,
            u8::try_from(number(c)?).ok()?,
        );
    }
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let year = match c.len() {
        4 => i32::from(number(c)?),
        2 if numeric == Numeric::All => {
            let yy = i32::from(number(c)?);
            match published {
                Some(p) => {
                    let century = (p.year + 20 - yy).div_euclid(100) * 100;
                    century + yy
                }
                None if yy < 50 => 2000 + yy,
                None => 1900 + yy,
            }
        }
        _ => return None,
    };
    let (a, b) = (
        u8::try_from(number(a)?).ok()?,
        u8::try_from(number(b)?).ok()?,
    );
    // Day first reads `a` as the day and `b` as the month; month first, the other way.
    let day_first = one_day(year, b, a);
    let month_first = one_day(year, a, b);
    match (day_first, month_first) {
        (Some(d), Some(m)) if d == m => Some(d),
        (Some(d), Some(m)) => match order {
            Some(DayOrder::DayFirst) => Some(d),
            Some(DayOrder::MonthFirst) => Some(m),
            None => {
                let (Moment::Days { first: x, .. }, Moment::Days { first: y, .. }) = (d, m) else {
                    return None;
                };
                Some(Moment::EitherDay {
                    early: x.min(y),
                    late: x.max(y),
                })
            }
        },
        (Some(d), None) => Some(d),
        (None, Some(m)) => Some(m),
        (None, None) => None,
    }
}

/// The day of `year`, `month`, `day`, when the calendar has it.
fn one_day(year: i32, month: u8, day: u8) -> Option<Moment> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(span(PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::calendar::day_number;

    fn day(y: i32, m: u8, d: u8) -> i64 {
        day_number(y, m, d)
    }

    const AUG_2025: Option<PartialDate> = Some(PartialDate {
        year: 2025,
        month: Some(8),
        day: None,
    });

    fn numeric(text: &str, order: Option<DayOrder>) -> Option<Moment> {
        parse_value(text, AUG_2025, order, Numeric::All)
    }

    fn on(y: i32, m: u8, d: u8) -> Option<Moment> {
        let day = day_number(y, m, d);
        Some(Moment::Days {
            first: day,
            last: day,
        })
    }

    #[test]
    fn numeric_dates_in_every_common_order() {
        let july14 = on(2025, 7, 14);
        for text in [
            "14/07/2025",
            "14.07.2025",
            "14-07-2025",
            "2025/07/14",
            "2025.7.14",
            "07/14/2025",
            "7/14/2025",
            "14/07/25",
            "07/14/25",
            "14.7.25",
            "le 14/07/2025",
        ] {
            // A part above 12 is the day, whatever the source's order.
            for order in [None, Some(DayOrder::DayFirst), Some(DayOrder::MonthFirst)] {
                assert_eq!(numeric(text, order), july14, "{text} {order:?}");
            }
        }
        // Two parts of 12 or less follow the source's order, else are read both ways.
        assert_eq!(
            numeric("03/07/2025", Some(DayOrder::DayFirst)),
            on(2025, 7, 3)
        );
        assert_eq!(
            numeric("03/07/2025", Some(DayOrder::MonthFirst)),
            on(2025, 3, 7)
        );
        let both = Moment::EitherDay {
            early: day(2025, 3, 7),
            late: day(2025, 7, 3),
        };
        assert_eq!(numeric("03/07/2025", None), Some(both));
        assert_eq!(numeric("07/03/2025", None), Some(both));
        assert_eq!(numeric("05/05/2025", None), on(2025, 5, 5));
        assert_eq!(both.to_string(), "2025-03-07 or 2025-07-03");
        // A two-digit year falls within 80 years before and 20 after the publication.
        assert_eq!(numeric("14/07/45", None), on(2045, 7, 14));
        assert_eq!(numeric("14/07/46", None), on(1946, 7, 14));
        assert_eq!(
            parse_value("14/07/60", None, None, Numeric::All),
            on(1960, 7, 14)
        );
    }

    #[test]
    fn ambiguous_dates_agree_with_either_reading_only() {
        let both = numeric("03/07/2025", None).unwrap();
        let july3 = on(2025, 7, 3).unwrap();
        let march7 = on(2025, 3, 7).unwrap();
        let july4 = on(2025, 7, 4).unwrap();
        let july = parse("juillet 2025", None).unwrap();
        assert!(both.overlaps(&july3) && july3.overlaps(&both));
        assert!(both.overlaps(&march7) && both.overlaps(&july));
        assert!(!both.overlaps(&july4) && !july4.overlaps(&both));
        assert!(both.may_equal(&july3) && both.may_equal(&march7));
        assert!(!both.may_equal(&july) && !both.may_equal(&july4));
        let other = numeric("04/07/2025", None).unwrap();
        assert!(!both.overlaps(&other));
    }

    #[test]
    fn numeric_look_alikes_are_not_dates() {
        for text in [
            "3/4",
            "3-2",
            "1.2.3",
            "10.15.3",
            "2.0.1",
            "v1.2.2025",
            "14/07",
            "32/07/2025",
            "13/13/2025",
            "29/02/2025",
            "14/07/2025/1",
            "14/07-2025",
            "1/2/3",
            "14 / 07 / 2025",
            "12345/1/2025",
            "14/07/025",
            "3,4,2025",
            "黄仁勋",
            "张伟 14/07/2025",
            "é1/2/2025",
        ] {
            for order in [None, Some(DayOrder::DayFirst), Some(DayOrder::MonthFirst)] {
                assert_eq!(numeric(text, order), None, "{text}");
            }
        }
        // Without a date kind, no numeric date at all; with none declared, four-digit years only.
        assert_eq!(parse_value("14/07/2025", None, None, Numeric::No), None);
        assert_eq!(
            parse_value("14/07/25", None, None, Numeric::FourDigitYears),
            None
        );
        assert_eq!(parse("14/07/2025", None), None);
        assert_eq!(
            parse_value("14/07/2025", None, None, Numeric::FourDigitYears),
            on(2025, 7, 14)
        );
        // The calendar still decides: 29 February only in a leap year.
        assert_eq!(numeric("29/02/2024", None), on(2024, 2, 29));
    }

    #[test]
    fn the_order_comes_from_the_locale_else_the_language() {
        use DayOrder::*;
        let cases = [
            (Some("fr"), None, Some(DayFirst)),
            (Some("fr-CA"), None, Some(DayFirst)),
            (Some("de"), None, Some(DayFirst)),
            (Some("en"), None, None),
            (None, None, None),
            (Some("en-US"), None, Some(MonthFirst)),
            (Some("en"), Some("en-US"), Some(MonthFirst)),
            (Some("en"), Some("en_us"), Some(MonthFirst)),
            (Some("en"), Some("en-GB"), Some(DayFirst)),
            (Some("en-US"), Some("en-GB"), Some(DayFirst)),
            (Some("en"), Some("en-CA"), None),
            (Some("fr"), Some("fr-CA"), Some(DayFirst)),
            (Some("en"), Some("en-PH"), Some(MonthFirst)),
            (Some("fr"), Some("fr"), Some(DayFirst)),
            (Some("en"), Some("es-US"), Some(MonthFirst)),
        ];
        for (language, locale, expected) in cases {
            assert_eq!(
                day_order(language, locale),
                expected,
                "{language:?} {locale:?}"
            );
        }
    }

    #[test]
    fn a_two_digit_year_without_a_publication_date_is_in_1950_to_2049() {
        let undated = |text: &str| parse_value(text, None, Some(DayOrder::DayFirst), Numeric::All);
        assert_eq!(undated("14/07/25"), on(2025, 7, 14));
        assert_eq!(undated("14/07/49"), on(2049, 7, 14));
        assert_eq!(undated("14/07/50"), on(1950, 7, 14));
        assert_eq!(undated("14/07/75"), on(1975, 7, 14));
    }

    #[test]
    fn only_plain_digits_of_one_or_two_figures_before_the_year_are_a_date() {
        let day_first = Some(DayOrder::DayFirst);
        assert_eq!(numeric("14/+7/2025", day_first), None);
        assert_eq!(numeric("007/14/2025", day_first), None);
        assert_eq!(numeric("14/007/2025", day_first), None);
        assert_eq!(
            numeric("7/14/2025", Some(DayOrder::MonthFirst)),
            on(2025, 7, 14)
        );
    }

    #[test]
    fn the_region_of_a_locale_is_its_two_letter_part() {
        // `Latn` is a script, not a region: the region is `US`.
        assert_eq!(
            day_order(None, Some("en-Latn-US")),
            Some(DayOrder::MonthFirst)
        );
        assert_eq!(
            day_order(None, Some("en-Latn-GB")),
            Some(DayOrder::DayFirst)
        );
    }
}
