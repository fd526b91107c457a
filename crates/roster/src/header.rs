//! The header row, the columns it names, and the rows under it.

use jobdoc_model::StaffMember;

use crate::{parse_date, RosterError, Row, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Name,
    Surname,
    First,
    Patronymic,
    Number,
    Department,
    Hired,
    Position,
}

/// Header titles as HR systems and spreadsheets write them, lower case, without punctuation.
const TITLES: &[(&str, Col)] = &[
    ("фио", Col::Name),
    ("фамилия имя отчество", Col::Name),
    ("фамилия имя отчество работника", Col::Name),
    ("фио работника", Col::Name),
    ("фио сотрудника", Col::Name),
    ("сотрудник", Col::Name),
    ("работник", Col::Name),
    ("физическое лицо", Col::Name),
    ("full name", Col::Name),
    ("name", Col::Name),
    ("employee", Col::Name),
    ("employee name", Col::Name),
    ("фамилия", Col::Surname),
    ("surname", Col::Surname),
    ("last name", Col::Surname),
    ("имя", Col::First),
    ("first name", Col::First),
    ("отчество", Col::Patronymic),
    ("middle name", Col::Patronymic),
    ("patronymic", Col::Patronymic),
    ("табельный номер", Col::Number),
    ("таб номер", Col::Number),
    ("таб №", Col::Number),
    ("табельный №", Col::Number),
    ("табельный", Col::Number),
    ("personnel number", Col::Number),
    ("employee id", Col::Number),
    ("employee number", Col::Number),
    ("подразделение", Col::Department),
    ("структурное подразделение", Col::Department),
    ("отдел", Col::Department),
    ("department", Col::Department),
    ("division", Col::Department),
    ("дата приема", Col::Hired),
    ("дата приёма", Col::Hired),
    ("дата приема на работу", Col::Hired),
    ("дата приёма на работу", Col::Hired),
    ("принят", Col::Hired),
    ("hire date", Col::Hired),
    ("date of hire", Col::Hired),
    ("hired", Col::Hired),
    ("start date", Col::Hired),
    ("должность", Col::Position),
    ("position", Col::Position),
    ("job title", Col::Position),
];

fn normalise(title: &str) -> String {
    let kept: String = title
        .chars()
        .map(|c| match c {
            '.' | ',' | ':' | '(' | ')' | '*' | '"' | '«' | '»' | '_' | '-' | '/' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
        .replace('ё', "е");
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn column_of(title: &str) -> Option<Col> {
    let t = normalise(title);
    if t.is_empty() {
        return None;
    }
    TITLES
        .iter()
        .find(|(title, _)| normalise(title) == t)
        .map(|(_, c)| *c)
}

/// The index (into `table`) of the header row and its columns: the row among the first 20 that
/// names a name column (or a surname column) and the most known columns.
pub(crate) fn find(table: &Table) -> Option<(usize, Vec<Option<Col>>)> {
    let mut best: Option<(usize, Vec<Option<Col>>, usize)> = None;
    for (i, (_, cells)) in table.iter().enumerate().take(20) {
        let cols: Vec<Option<Col>> = cells.iter().map(|c| column_of(c)).collect();
        let named = cols
            .iter()
            .any(|c| matches!(c, Some(Col::Name) | Some(Col::Surname)));
        let known = cols.iter().flatten().count();
        if named && best.as_ref().is_none_or(|(_, _, k)| known > *k) {
            best = Some((i, cols, known));
        }
    }
    best.map(|(i, cols, _)| (i, cols))
}

pub(crate) fn rows(table: &Table, file: &str) -> Result<Vec<Row>, RosterError> {
    let (at, cols) = find(table).ok_or_else(|| RosterError::NoHeader {
        file: file.to_owned(),
    })?;
    let header = &table[at].1;
    let title_of = |col: Col| -> String {
        cols.iter()
            .position(|c| *c == Some(col))
            .and_then(|i| header.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let get = |cells: &[String], col: Col| -> String {
        cols.iter()
            .enumerate()
            .filter(|(_, c)| **c == Some(col))
            .filter_map(|(i, _)| cells.get(i))
            .find(|v| !v.is_empty())
            .cloned()
            .unwrap_or_default()
    };
    let split_name = !cols.contains(&Some(Col::Name));
    let name_title = if split_name {
        title_of(Col::Surname)
    } else {
        title_of(Col::Name)
    };
    let mut out: Vec<Row> = Vec::new();
    for (line, cells) in &table[at + 1..] {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let name = if split_name {
            [Col::Surname, Col::First, Col::Patronymic]
                .iter()
                .map(|c| get(cells, *c))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            get(cells, Col::Name)
        };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let number = get(cells, Col::Number);
        let hired_text = get(cells, Col::Hired);
        if name.is_empty() {
            // A footer («Итого: 15»), a note or a sub-header: no person in it. A row with a
            // personnel number or a hire date but no name is a person without a name.
            let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
            let footer = filled.len() == 1 && {
                let t = normalise(filled[0]);
                ["итого", "всего", "total", "количество", "count"]
                    .iter()
                    .any(|w| t.starts_with(w))
            };
            if !footer && (!number.is_empty() || !hired_text.is_empty()) {
                return Err(RosterError::MissingName {
                    file: file.to_owned(),
                    line: *line,
                    column: name_title.clone(),
                });
            }
            continue;
        }
        let hired_on = if hired_text.is_empty() {
            None
        } else {
            Some(parse_date(&hired_text).ok_or_else(|| RosterError::BadDate {
                file: file.to_owned(),
                line: *line,
                column: title_of(Col::Hired),
                value: hired_text.clone(),
            })?)
        };
        let same = |r: &Row| {
            if !number.is_empty() || !r.member.personnel_number.is_empty() {
                r.member.personnel_number == number
            } else {
                r.member.name.to_lowercase() == name.to_lowercase()
            }
        };
        if let Some(first) = out.iter().find(|r| same(r)) {
            return Err(RosterError::Duplicate {
                file: file.to_owned(),
                line: *line,
                first: first.line,
                name,
            });
        }
        out.push(Row {
            line: *line,
            member: StaffMember {
                id: String::new(),
                name,
                personnel_number: number,
                department: get(cells, Col::Department),
                hired_on,
            },
            position: get(cells, Col::Position),
        });
    }
    Ok(out)
}
