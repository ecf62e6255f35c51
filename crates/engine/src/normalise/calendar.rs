//! The calendar: ISO dates as written in the corpus files, and days counted from 1970-01-01.

use crate::model::PartialDate;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked against the calendar.
pub fn parse_iso_date(text: &str) -> Option<PartialDate> {
    let mut parts = text.trim().split('-');
    let year_text = parts.next()?;
    if year_text.len() != 4 {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let month = match parts.next() {
        None => None,
        Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
        Some(_) => return None,
    };
    let day = match parts.next() {
        None => None,
        Some(d) if d.len() == 2 => {
            let day = d.parse::<u8>().ok()?;
            (1..=days_in_month(year, month?))
                .contains(&day)
                .then_some(day)?;
            Some(day)
        }
        Some(_) => return None,
    };
    parts
        .next()
        .is_none()
        .then_some(PartialDate { year, month, day })
}

/// How many days `month` (1 to 12) of `year` has.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar.
pub fn day_number(year: i32, month: u8, day: u8) -> i64 {
    let (y, m) = if month <= 2 {
        (i64::from(year) - 1, i64::from(month) + 9)
    } else {
        (i64::from(year), i64::from(month) - 3)
    };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The ISO date (`YYYY-MM-DD`) of a day counted from 1970-01-01.
pub fn iso_date(day: i64) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let m = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * m + 2) / 5 + 1;
    let month = if m < 10 { m + 3 } else { m - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(
            parse_iso_date("2025-08"),
            Some(PartialDate {
                year: 2025,
                month: Some(8),
                day: None
            })
        );
        assert_eq!(parse_iso_date("2024-02-29").and_then(|d| d.day), Some(29));
        assert_eq!(parse_iso_date("2025-02-29"), None);
        assert_eq!(parse_iso_date("2025-13"), None);
        assert_eq!(
            parse_iso_date("2025"),
            Some(PartialDate {
                year: 2025,
                month: None,
                day: None
            })
        );
        assert_eq!(parse_iso_date("août 2025"), None);
        // Months and days are written with two figures.
        assert_eq!(parse_iso_date("2025-7"), None);
        assert_eq!(parse_iso_date("2025-07-4"), None);
        assert_eq!(parse_iso_date("2025-007-04"), None);
        assert!(parse_iso_date("2025-07-04").is_some());
    }

    #[test]
    fn day_numbers_round_trip_through_iso_dates() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(iso_date(day_number(2024, 2, 29)), "2024-02-29");
        assert_eq!(iso_date(day_number(2025, 3, 1) - 1), "2025-02-28");
        assert_eq!(iso_date(day_number(1999, 12, 31) + 1), "2000-01-01");
    }

    #[test]
    fn february_has_29_days_in_leap_years_only() {
        for (year, days) in [
            (2024, 29),
            (2023, 28),
            (2000, 29),
            (1900, 28),
            (2100, 28),
            (1996, 29),
        ] {
            assert_eq!(days_in_month(year, 2), days, "{year}");
        }
    }

    #[test]
    fn every_day_of_four_centuries_and_more_round_trips() {
        // Through the century years that are leap (1600, 2000, 2400) and those that are not.
        let mut expected = day_number(1599, 1, 1);
        for year in 1599..=2401 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(day_number(year, month, day), expected);
                    assert_eq!(iso_date(expected), format!("{year:04}-{month:02}-{day:02}"));
                    expected += 1;
                }
            }
        }
    }
}
