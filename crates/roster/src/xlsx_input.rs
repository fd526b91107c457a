//! XLSX: the first sheet (in workbook order) that has a header row with a name column.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::{header, RosterError, Table};

fn cell(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => format!("{}", dt.as_f64().floor() as i64),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("{e:?}"),
    }
}

pub(crate) fn table(bytes: &[u8], file: &str) -> Result<(Table, String), RosterError> {
    let not_a_list = |reason: String| RosterError::NotAList {
        file: file.to_owned(),
        reason,
    };
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| not_a_list(e.to_string()))?;
    let names = book.sheet_names().to_vec();
    let mut first_error = None;
    for name in names {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                first_error.get_or_insert_with(|| not_a_list(e.to_string()));
                continue;
            }
        };
        let (row0, _) = range.start().unwrap_or((0, 0));
        let table: Table = range
            .rows()
            .enumerate()
            .map(|(i, r)| (row0 as usize + i + 1, r.iter().map(cell).collect()))
            .collect();
        if header::find(&table).is_some() {
            return Ok((table, name));
        }
    }
    Err(first_error.unwrap_or(RosterError::NoHeader {
        file: file.to_owned(),
    }))
}
