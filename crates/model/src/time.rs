//! [`Timestamp`]: an RFC 3339 instant, parsed once where it enters (a file, the clock, a command
//! line) and passed around typed. Nothing here reads the clock.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::date::IsoDate;

/// An instant with the UTC offset it was written in, e.g. `2026-01-15T09:30:00Z` or
/// `2026-01-15T12:30:00.25+03:00`. Serialised as RFC 3339 text; printing gives the same text
/// back (upper-case `T` and `Z`, the fraction without trailing zeros).
#[derive(Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    unix: i64,
    nanos: u32,
    /// Minutes east of UTC.
    offset_minutes: i16,
}

/// The text is not an RFC 3339 time stamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an RFC 3339 date and time such as 2026-01-15T09:30:00Z")]
pub struct TimestampError(pub String);

impl Timestamp {
    /// `unix` seconds since the epoch, in UTC.
    pub fn from_unix(unix: i64) -> Timestamp {
        Timestamp {
            unix,
            nanos: 0,
            offset_minutes: 0,
        }
    }

    /// Milliseconds since the epoch, in UTC.
    pub fn from_unix_millis(millis: i64) -> Timestamp {
        Timestamp {
            unix: millis.div_euclid(1000),
            nanos: (millis.rem_euclid(1000) * 1_000_000) as u32,
            offset_minutes: 0,
        }
    }

    pub fn unix_seconds(self) -> i64 {
        self.unix
    }

    /// Minutes east of UTC the stamp was written in.
    pub fn offset_minutes(self) -> i16 {
        self.offset_minutes
    }

    /// The same instant written in UTC, without fractions of a second (as DOCX properties want).
    pub fn to_utc_seconds(self) -> Timestamp {
        Timestamp::from_unix(self.unix)
    }

    /// Local civil time where the stamp was written: (date, hour, minute, second).
    pub fn local(self) -> (IsoDate, u32, u32, u32) {
        let local = self.unix + i64::from(self.offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400) as u32;
        let (y, m, d) = civil_from_days(days);
        // Years outside 1..=9999 cannot be parsed in, and `from_unix` callers pass real clocks.
        let date = IsoDate::new(y.clamp(1, 9999) as u16, m, d)
            .unwrap_or(IsoDate::new(1970, 1, 1).expect("a valid date"));
        (date, secs / 3600, secs / 60 % 60, secs % 60)
    }

    /// The calendar date where the stamp was written.
    pub fn date(self) -> IsoDate {
        self.local().0
    }

    /// The stamp as a PDF date (ISO 32000-1 7.9.4): `D:20260115093000Z`, `D:20260115123000+03'00'`.
    pub fn pdf_date(self) -> String {
        let (date, h, m, s) = self.local();
        let zone = match self.offset_minutes {
            0 => "Z".to_owned(),
            o => {
                let sign = if o < 0 { '-' } else { '+' };
                let o = o.unsigned_abs();
                format!("{sign}{:02}'{:02}'", o / 60, o % 60)
            }
        };
        format!(
            "D:{:04}{:02}{:02}{h:02}{m:02}{s:02}{zone}",
            date.year, date.month, date.day
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (date, h, m, s) = self.local();
        write!(f, "{date}T{h:02}:{m:02}:{s:02}")?;
        if self.nanos > 0 {
            let mut frac = format!("{:09}", self.nanos);
            while frac.ends_with('0') {
                frac.pop();
            }
            write!(f, ".{frac}")?;
        }
        match self.offset_minutes {
            0 => f.write_str("Z"),
            o => {
                let sign = if o < 0 { '-' } else { '+' };
                let o = o.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", o / 60, o % 60)
            }
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

/// Earlier instants first; the same instant written in different offsets is ordered by offset,
/// so that the order agrees with `==`.
impl Ord for Timestamp {
    fn cmp(&self, other: &Timestamp) -> std::cmp::Ordering {
        (self.unix, self.nanos, self.offset_minutes).cmp(&(
            other.unix,
            other.nanos,
            other.offset_minutes,
        ))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Timestamp) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares with RFC 3339 text: equal when the text reads as this very stamp (same instant,
/// same offset, same fraction).
impl PartialEq<&str> for Timestamp {
    fn eq(&self, other: &&str) -> bool {
        other.parse::<Timestamp>().is_ok_and(|t| t == *self)
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    /// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`, `z` and a space for `T` are
    /// accepted, as RFC 3339 allows.
    fn from_str(s: &str) -> Result<Timestamp, TimestampError> {
        parse(s).ok_or_else(|| TimestampError(s.to_owned()))
    }
}

fn parse(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let sep = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let date = IsoDate::new(num(0, 4)? as u16, num(5, 2)? as u8, num(8, 2)? as u8).ok()?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    // A leap second (:60) is read as the last second of its minute.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    let offset_minutes: i16 = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = (h * 60 + m) as i16;
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(date.year), date.month, date.day);
    let local = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second.min(59));
    Some(Timestamp {
        unix: local - i64::from(offset_minutes) * 60,
        nanos,
        offset_minutes,
    })
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date.
pub(crate) fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day).
pub(crate) fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn known_instants() {
        assert_eq!(ts("1970-01-01T00:00:00Z").unix_seconds(), 0);
        assert_eq!(ts("2000-03-01T00:00:00Z").unix_seconds(), 951_868_800);
        assert_eq!(ts("2026-11-27T22:40:00Z").unix_seconds(), 1_795_819_200);
        assert_eq!(
            ts("2026-11-28T01:40:00.250+03:00").unix_seconds(),
            ts("2026-11-27T22:40:00Z").unix_seconds()
        );
        assert_eq!(
            ts("2026-11-27T17:40:00-05:00").unix_seconds(),
            1_795_819_200
        );
        assert_eq!(ts("2024-02-29 12:00:00z").unix_seconds(), 1_709_208_000);
        assert_eq!(
            Timestamp::from_unix(1_798_411_096).to_string(),
            "2026-12-27T22:38:16Z"
        );
        assert_eq!(
            Timestamp::from_unix(4_107_542_399).to_string(),
            "2100-02-28T23:59:59Z"
        );
        assert_eq!(
            Timestamp::from_unix_millis(1_500).to_string(),
            "1970-01-01T00:00:01.5Z"
        );
    }

    #[test]
    fn prints_what_it_read() {
        for s in [
            "2026-01-15T09:30:00Z",
            "2026-01-15T12:30:00.25+03:00",
            "2026-01-15T04:30:00-05:00",
            "2026-12-31T23:59:59.123456789Z",
        ] {
            assert_eq!(ts(s).to_string(), s);
        }
        assert_eq!(
            ts("2026-01-15t09:30:00z").to_string(),
            "2026-01-15T09:30:00Z"
        );
        assert_eq!(
            ts("2026-01-15T12:30:00.5+03:00")
                .to_utc_seconds()
                .to_string(),
            "2026-01-15T09:30:00Z"
        );
    }

    #[test]
    fn pdf_dates() {
        assert_eq!(ts("2026-01-15T09:30:00Z").pdf_date(), "D:20260115093000Z");
        assert_eq!(
            ts("2026-01-15T12:30:00.5+03:00").pdf_date(),
            "D:20260115123000+03'00'"
        );
        assert_eq!(
            ts("2026-01-15T04:30:00-05:30").pdf_date(),
            "D:20260115043000-05'30'"
        );
    }

    #[test]
    fn rejects_non_stamps() {
        for bad in [
            "",
            "yesterday",
            "2026-11-27",
            "2026-11-27T22:40:00",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T22:40:00.Z",
            "2026-11-27T22:40:00+0300",
            "2026-11-27T22:40:00Zjunk",
            "２０２６-11-27T22:40:00Z",
            "2026-01-15T09:3ё:00Z",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_round_trip() {
        let t = ts("2026-01-15T12:30:00+03:00");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2026-01-15T12:30:00+03:00\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Timestamp>("\"2026-01-15\"").is_err());
    }
}
