//! A calendar date stored as `YYYY-MM-DD`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::document::Language;

/// A valid Gregorian calendar date, serialised as `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(type = "string")]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date in the form YYYY-MM-DD")]
pub struct DateError(pub String);

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl IsoDate {
    pub fn new(year: u16, month: u8, day: u8) -> Result<IsoDate, DateError> {
        if (1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month) {
            Ok(IsoDate { year, month, day })
        } else {
            Err(DateError(format!("{year:04}-{month:02}-{day:02}")))
        }
    }

    /// The date as printed in a document: «15» января 2026 г. / 15 January 2026.
    pub fn printed(self, language: Language) -> String {
        const RU: [&str; 12] = [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let m = usize::from(self.month - 1);
        match language {
            // No-break spaces keep the date on one line.
            Language::Ru => format!(
                "«{:02}»\u{a0}{}\u{a0}{}\u{a0}г.",
                self.day, RU[m], self.year
            ),
            Language::En => format!("{}\u{a0}{}\u{a0}{}", self.day, EN[m], self.year),
        }
    }

    /// The date `days` later (earlier when negative), clamped to years 1–9999.
    pub fn add_days(self, days: i64) -> IsoDate {
        let z = crate::time::days_from_civil(i64::from(self.year), self.month, self.day) + days;
        let (y, m, d) = crate::time::civil_from_days(z);
        if y < 1 {
            IsoDate {
                year: 1,
                month: 1,
                day: 1,
            }
        } else if y > 9999 {
            IsoDate {
                year: 9999,
                month: 12,
                day: 31,
            }
        } else {
            IsoDate {
                year: y as u16,
                month: m,
                day: d,
            }
        }
    }

    /// The numeric form used in registration requisites: 15.01.2026 / 15.01.2026.
    pub fn numeric(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for IsoDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        IsoDate::new(y, m as u8, d as u8).map_err(|_| err())
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d: IsoDate = "2026-01-15".parse().unwrap();
        assert_eq!(d.to_string(), "2026-01-15");
        assert_eq!(
            d.printed(Language::Ru),
            "«15»\u{a0}января\u{a0}2026\u{a0}г."
        );
        assert_eq!(d.printed(Language::En), "15\u{a0}January\u{a0}2026");
        assert_eq!(d.numeric(), "15.01.2026");
    }

    #[test]
    fn adds_days_across_months_and_leap_years() {
        let d: IsoDate = "2024-02-28".parse().unwrap();
        assert_eq!(d.add_days(1).to_string(), "2024-02-29");
        assert_eq!(d.add_days(2).to_string(), "2024-03-01");
        assert_eq!(d.add_days(366).to_string(), "2025-02-28");
        assert_eq!(d.add_days(-59).to_string(), "2023-12-31");
        assert_eq!(
            IsoDate::new(9999, 12, 31).unwrap().add_days(5).to_string(),
            "9999-12-31"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "26-01-01",
            "2026-1-15",
            "abcd-ef-gh",
            "",
        ] {
            assert!(bad.parse::<IsoDate>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<IsoDate>().is_ok());
    }
}
