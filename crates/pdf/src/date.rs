//! RFC 3339 time stamps → PDF dates (ISO 32000-1 7.9.4).

use crate::PdfError;

/// `2026-01-15T09:30:00Z` → `D:20260115093000Z`; `2026-01-15T12:30:00.5+03:00` →
/// `D:20260115123000+03'00'`. Fractions of a second are dropped.
pub(crate) fn pdf_date(stamp: &str) -> Result<String, PdfError> {
    parse(stamp).ok_or_else(|| PdfError::Timestamp {
        value: stamp.to_owned(),
    })
}

fn parse(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = digits(0, 4)?;
    let month = digits(5, 2)?;
    let day = digits(8, 2)?;
    let hour = digits(11, 2)?;
    let minute = digits(14, 2)?;
    let second = digits(17, 2)?;
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let zone = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => "Z".to_owned(),
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let oh = digits(i + 1, 2)?;
            let om = digits(i + 4, 2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            format!("{}{oh:02}'{om:02}'", *sign as char)
        }
        _ => return None,
    };
    Some(format!(
        "D:{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}{zone}"
    ))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn rfc3339_to_pdf_date() {
        assert_eq!(
            parse("2026-01-15T09:30:00Z").as_deref(),
            Some("D:20260115093000Z")
        );
        assert_eq!(
            parse("2026-01-15T12:30:00.123+03:00").as_deref(),
            Some("D:20260115123000+03'00'")
        );
        assert_eq!(
            parse("2024-02-29t00:00:00-05:30").as_deref(),
            Some("D:20240229000000-05'30'")
        );
        for bad in [
            "",
            "2026-01-15",
            "2026-01-15T09:30:00",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-01-15T24:00:00Z",
            "2026-01-15T09:30:00.Z",
            "2026-01-15T09:30:00+0300",
            "2026-01-15T09:30:00Zjunk",
            "２０２６-01-15T09:30:00Z",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
