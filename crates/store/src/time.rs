//! Just enough RFC 3339 to compare time stamps that the caller passes in. The library never
//! reads the clock.

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 time stamp such as
/// `2026-11-27T22:40:00Z`, `2026-11-27T22:40:00.123+03:00` or `2026-11-27 22:40:00z`.
/// Fractions of a second are ignored. `None` if the text is not such a time stamp.
pub fn unix_seconds(stamp: &str) -> Option<i64> {
    let b = stamp.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let sep = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'+' {
                minutes * 60
            } else {
                -minutes * 60
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::unix_seconds;

    #[test]
    fn known_instants() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(unix_seconds("2026-11-27T22:40:00Z"), Some(1_795_819_200));
        assert_eq!(
            unix_seconds("2026-11-28T01:40:00.250+03:00"),
            unix_seconds("2026-11-27T22:40:00Z")
        );
        assert_eq!(
            unix_seconds("2026-11-27T17:40:00-05:00"),
            unix_seconds("2026-11-27T22:40:00Z")
        );
        assert_eq!(unix_seconds("2024-02-29 12:00:00z"), Some(1_709_208_000));
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
        ] {
            assert_eq!(unix_seconds(bad), None, "{bad:?}");
        }
    }
}
