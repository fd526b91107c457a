//! Employee lists as HR systems export them, read into staff records — all or nothing.
//!
//! Real exports (1С, spreadsheets) come as CSV in windows-1251 or UTF-8 with or without a BOM,
//! separated by `;`, `,` or tabs, or as XLSX with several sheets and merged header cells; with
//! extra columns, the name in one column or in three (surname, name, patronymic), empty rows,
//! repeated people, names with initials only. [`read`] finds the header row by its titles
//! (Russian or English), maps the columns it knows, ignores the rest, and either returns every
//! row or fails naming the row and the column — nothing is imported half.

use jobdoc_model::{IsoDate, Language, StaffMember};

mod csv_input;
mod header;
mod xlsx_input;

/// Files larger than this are not employee lists.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// An employee as the list gives them, with the position when the list has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number in the file (or the sheet).
    pub line: usize,
    pub member: StaffMember,
    pub position: String,
}

/// What was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    pub rows: Vec<Row>,
    /// The sheet the list came from (XLSX).
    pub sheet: Option<String>,
}

/// Why a list could not be read. Every variant names the file; row and column where they
/// matter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("{file}: the file is too large for an employee list ({size} bytes)")]
    TooLarge { file: String, size: usize },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: not a CSV or XLSX employee list ({reason})")]
    NotAList { file: String, reason: String },
    #[error("{file}: no header row with an employee name column (ФИО, Фамилия, Сотрудник, Full name, Name) in the first 20 rows")]
    NoHeader { file: String },
    #[error("{file}, row {line}: the {column} column is empty")]
    MissingName {
        file: String,
        line: usize,
        column: String,
    },
    #[error(
        "{file}, row {line}, column {column}: {value:?} is not a date (ДД.ММ.ГГГГ or YYYY-MM-DD)"
    )]
    BadDate {
        file: String,
        line: usize,
        column: String,
        value: String,
    },
    #[error("{file}, row {line}: {name} is listed already in row {first}")]
    Duplicate {
        file: String,
        line: usize,
        first: usize,
        name: String,
    },
}

impl jobdoc_model::UserError for RosterError {
    fn code(&self) -> jobdoc_model::ErrorCode {
        jobdoc_model::ErrorCode::InvalidEmployeeList
    }

    fn message(&self, language: Language) -> String {
        RosterError::message(self, language)
    }
}

impl RosterError {
    /// The message in `language`.
    pub fn message(&self, language: Language) -> String {
        if language == Language::En {
            return self.to_string();
        }
        match self {
            RosterError::TooLarge { file, size } => {
                format!("{file}: файл слишком велик для списка работников ({size} байт)")
            }
            RosterError::Empty { file } => format!("{file}: файл пуст"),
            RosterError::NotAList { file, reason } => {
                format!("{file}: это не список работников в CSV или XLSX («{reason}»)")
            }
            RosterError::NoHeader { file } => format!(
                "{file}: в первых 20 строках нет заголовка со столбцом ФИО («ФИО», «Фамилия», «Сотрудник», «Full name», «Name»)"
            ),
            RosterError::MissingName { file, line, column } => {
                format!("{file}, строка {line}: столбец «{column}» пуст")
            }
            RosterError::BadDate {
                file,
                line,
                column,
                value,
            } => format!(
                "{file}, строка {line}, столбец «{column}»: «{value}» — не дата (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)"
            ),
            RosterError::Duplicate {
                file,
                line,
                first,
                name,
            } => format!("{file}, строка {line}: {name} уже указан(а) в строке {first}"),
        }
    }
}

/// Reads an employee list: XLSX by its zip signature, anything else as CSV.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Roster, RosterError> {
    let file = file_name.to_owned();
    if bytes.len() > MAX_BYTES {
        return Err(RosterError::TooLarge {
            file,
            size: bytes.len(),
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(RosterError::Empty { file });
    }
    let (table, sheet) = if bytes.starts_with(b"PK\x03\x04") {
        let (t, s) = xlsx_input::table(bytes, &file)?;
        (t, Some(s))
    } else {
        (csv_input::table(bytes, &file)?, None)
    };
    let rows = header::rows(&table, &file)?;
    Ok(Roster { rows, sheet })
}

/// A cell grid with each row's 1-based line number.
pub(crate) type Table = Vec<(usize, Vec<String>)>;

/// `15.03.2021`, `15.03.21`, `2021-03-15`, `15/03/2021`, or an Excel serial day number.
pub(crate) fn parse_date(s: &str) -> Option<IsoDate> {
    let t = s.trim();
    if let Ok(d) = t.parse::<IsoDate>() {
        return Some(d);
    }
    // Excel keeps dates as days since 1899-12-30.
    if let Ok(serial) = t.parse::<f64>() {
        if (1.0..2_958_466.0).contains(&serial) {
            return Some(
                IsoDate::new(1899, 12, 30)
                    .ok()?
                    .add_days(serial.floor() as i64),
            );
        }
    }
    let parts: Vec<&str> = t.split(['.', '/', '-']).collect();
    if let [d, m, y] = parts.as_slice() {
        let (d, m) = (d.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
        let y: u16 = match y.len() {
            4 => y.parse().ok()?,
            // Two digits: 00–49 this century, 50–99 the last (a hire date, not a birthday).
            2 => match y.parse::<u16>().ok()? {
                n @ 0..=49 => 2000 + n,
                n => 1900 + n,
            },
            _ => return None,
        };
        return IsoDate::new(y, m, d).ok();
    }
    None
}
