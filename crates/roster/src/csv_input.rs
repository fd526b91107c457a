//! CSV as exported by 1С and spreadsheets: UTF-8 (with or without BOM), UTF-16 with a BOM
//! (Excel's "Unicode text"), or windows-1251; `;`, `,` or tab separated.

use crate::{RosterError, Table};

/// The text of the file, whatever its encoding.
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        // Not UTF-8: the Russian Windows code page, as 1С writes it.
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    }
}

/// The separator used most evenly over the first lines.
fn separator(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let score = |c: char| -> usize {
        let counts: Vec<usize> = lines.iter().map(|l| l.matches(c).count()).collect();
        let rows_with = counts.iter().filter(|&&n| n > 0).count();
        rows_with * 1000 + counts.iter().sum::<usize>()
    };
    [';', '\t', ',']
        .into_iter()
        .max_by_key(|&c| score(c))
        .map(|c| c as u8)
        .unwrap_or(b';')
}

pub(crate) fn table(bytes: &[u8], file: &str) -> Result<Table, RosterError> {
    if bytes.contains(&0) && !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF") {
        return Err(RosterError::NotAList {
            file: file.to_owned(),
            reason: "binary data".into(),
        });
    }
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| RosterError::NotAList {
            file: file.to_owned(),
            reason: e.to_string(),
        })?;
        // The line the record starts on, counted in the text (quoted cells may span lines).
        // (The reader's own position points at the previous line's end: skip past it.)
        let line = record.position().map_or(out.len() + 1, |p| {
            let bytes = text.as_bytes();
            let mut at = (p.byte() as usize).min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1
        });
        out.push((line, record.iter().map(|c| c.trim().to_owned()).collect()));
    }
    Ok(out)
}
