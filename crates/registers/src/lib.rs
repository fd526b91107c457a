//! The registers an HR officer keeps beside the instructions, as tables (for the editor and a
//! printout) and as XLSX:
//!
//! - [`acknowledgements`]: who in the position signed the latest edition, when, who is due and
//!   who is overdue ([`jobdoc_model::staff::status`]);
//! - [`registration_log`]: the журнал регистрации должностных инструкций of a set of documents —
//!   number, date, position, department, edition, approval.
//!
//! Neither has a mandatory form; the columns are the usual ones. [`to_pdf`] prints a table
//! through the project's own layout and PDF writer (A4, landscape when wide).

use std::path::Path;

use jobdoc_model::edition::{draft_state, DraftState};
use jobdoc_model::staff::{self, Standing};
use jobdoc_model::{Approval, Document, IsoDate, Language, Timestamp};

/// A register: a title, its columns (with widths in characters for a spreadsheet) and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub title: String,
    pub subtitle: String,
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<String>>,
}

fn approval_text(a: &Approval, language: Language) -> String {
    let date = |d: &Option<IsoDate>| d.map(|d| d.numeric()).unwrap_or_default();
    match (a, language) {
        (Approval::Order { number, date: d }, Language::Ru) => {
            format!("приказ от {} № {number}", date(d))
                .trim()
                .to_owned()
        }
        (Approval::Order { number, date: d }, Language::En) => {
            format!("order No. {number} of {}", date(d))
                .trim()
                .to_owned()
        }
        (
            Approval::Stamp {
                approver_name,
                date: d,
                ..
            },
            Language::Ru,
        ) => format!("утверждена {approver_name} {}", date(d))
            .trim()
            .to_owned(),
        (
            Approval::Stamp {
                approver_name,
                date: d,
                ..
            },
            Language::En,
        ) => format!("approved by {approver_name} {}", date(d))
            .trim()
            .to_owned(),
    }
}

/// The acknowledgement register of `doc` for its latest edition, as of `today`.
pub fn acknowledgements(doc: &Document, today: IsoDate) -> Table {
    let ru = doc.language == Language::Ru;
    let pick = |r: &str, e: &str| if ru { r.to_owned() } else { e.to_owned() };
    let latest = doc.editions.last();
    let rows = staff::status(&doc.staff, &doc.acknowledged, &doc.editions, today)
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let member = doc.staff.iter().find(|m| m.id == s.employee);
            let standing = match s.standing {
                Standing::Acknowledged => pick("ознакомлен(а)", "acknowledged"),
                Standing::Due => {
                    format!("{} {}", pick("ожидается до", "due by"), s.due_on.numeric())
                }
                Standing::Overdue => {
                    format!(
                        "{} {}",
                        pick("просрочено с", "overdue since"),
                        s.due_on.numeric()
                    )
                }
            };
            vec![
                (i + 1).to_string(),
                s.name.clone(),
                member.map_or(String::new(), |m| m.personnel_number.clone()),
                member.map_or(String::new(), |m| m.department.clone()),
                member
                    .and_then(|m| m.hired_on)
                    .map_or(String::new(), |d| d.numeric()),
                s.acknowledged_on.map_or(String::new(), |d| d.numeric()),
                s.previous_edition.map_or(String::new(), |n| n.to_string()),
                standing,
            ]
        })
        .collect();
    let subtitle = match latest {
        Some(e) => format!(
            "{}, {} {} {} {}",
            doc.position.name.trim(),
            pick("редакция", "edition"),
            e.number,
            pick("от", "of"),
            e.approved_on.numeric()
        ),
        None => format!(
            "{} — {}",
            doc.position.name.trim(),
            pick("редакций ещё нет", "no edition yet")
        ),
    };
    Table {
        title: pick(
            "Журнал ознакомления с должностной инструкцией",
            "Acknowledgement register",
        ),
        subtitle,
        columns: vec![
            (pick("№ п/п", "No."), 7.0),
            (pick("Фамилия, имя, отчество", "Full name"), 33.0),
            (pick("Табельный номер", "Personnel number"), 12.0),
            (pick("Подразделение", "Department"), 22.0),
            (pick("Дата приёма", "Hired"), 12.0),
            (pick("Дата ознакомления", "Acknowledged on"), 14.0),
            // Wide enough for «Предыдущая» in bold on the PDF's landscape page.
            (pick("Предыдущая редакция", "Previous edition"), 14.0),
            (pick("Состояние", "Standing"), 22.0),
        ],
        rows,
    }
}

/// The registration log of `docs` (path, document), in the order given.
pub fn registration_log(docs: &[(&Path, &Document)], language: Language) -> Table {
    let ru = language == Language::Ru;
    let pick = |r: &str, e: &str| if ru { r.to_owned() } else { e.to_owned() };
    let rows = docs
        .iter()
        .enumerate()
        .map(|(i, (path, d))| {
            let edition = match draft_state(d) {
                DraftState::NoEdition => String::new(),
                DraftState::Approved { edition } => edition.to_string(),
                DraftState::Draft { since } => {
                    format!("{since} ({})", pick("есть изменения", "changed since"))
                }
            };
            let approval = d
                .editions
                .last()
                .map(|e| approval_text(&e.approval, language))
                .unwrap_or_else(|| approval_text(&d.approval, language));
            vec![
                (i + 1).to_string(),
                d.registration.date.map_or(String::new(), |x| x.numeric()),
                d.registration.number.trim().to_owned(),
                d.position.name.trim().to_owned(),
                d.organisation.department.trim().to_owned(),
                edition,
                approval,
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    Table {
        title: pick(
            "Журнал регистрации должностных инструкций",
            "Register of job descriptions",
        ),
        subtitle: String::new(),
        columns: vec![
            (pick("№ п/п", "No."), 7.0),
            (pick("Дата регистрации", "Registered on"), 13.0),
            (pick("Номер", "Number"), 10.0),
            (pick("Должность", "Position"), 34.0),
            (pick("Подразделение", "Department"), 24.0),
            (pick("Редакция", "Edition"), 14.0),
            (pick("Утверждение", "Approval"), 30.0),
            (pick("Файл", "File"), 30.0),
        ],
        rows,
    }
}

/// Why an XLSX could not be written (not the user's input: the writer's own failure).
#[derive(Debug, thiserror::Error)]
#[error("the XLSX could not be written: {0}")]
pub struct XlsxError(#[from] rust_xlsxwriter::XlsxError);

/// The table as an XLSX workbook: title, subtitle, a bold bordered header row repeated on
/// every printed page, bordered cells with wrapped text, landscape, fitted to the page width.
/// `created` goes into the document properties, so the same table gives the same bytes.
pub fn to_xlsx(table: &Table, created: Timestamp) -> Result<Vec<u8>, XlsxError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let (date, h, m, s) = created.to_utc_seconds().local();
    let when = ExcelDateTime::from_ymd(date.year, date.month, date.day)?
        .and_hms(h as u16, m as u8, s as f64)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(table.title.as_str())
            .set_creation_datetime(&when),
    );
    let sheet = book.add_worksheet();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(rust_xlsxwriter::FormatAlign::Center)
        .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter);
    let cell = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    sheet.write_with_format(0, 0, table.title.as_str(), &title)?;
    let mut row = 1u32;
    if !table.subtitle.is_empty() {
        sheet.write(row, 0, table.subtitle.as_str())?;
        row += 1;
    }
    row += 1;
    let header_row = row;
    for (c, (name, width)) in table.columns.iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
        sheet.write_with_format(row, c as u16, name.as_str(), &head)?;
    }
    for r in &table.rows {
        row += 1;
        for (c, value) in r.iter().enumerate() {
            sheet.write_with_format(row, c as u16, value.as_str(), &cell)?;
        }
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    Ok(book.save_to_buffer()?)
}

/// The table as a PDF: laid out by `jobdoc-layout` ([`jobdoc_layout::layout_table`]: the
/// header row repeated on every page, landscape A4 when the columns are wide) and written by
/// `jobdoc-pdf` with the bundled fonts. `created` is written into the document info, so the
/// same table gives the same bytes.
pub fn to_pdf(
    table: &Table,
    language: Language,
    created: Timestamp,
) -> Result<Vec<u8>, jobdoc_pdf::PdfError> {
    let fonts = jobdoc_layout::FontSet::bundled();
    let pages = jobdoc_layout::layout_table(
        &jobdoc_layout::TableDoc {
            title: &table.title,
            subtitle: &table.subtitle,
            columns: &table.columns,
            rows: &table.rows,
            language,
        },
        fonts,
    );
    let info = jobdoc_model::resolve::Info {
        title: table.title.clone(),
        author: String::new(),
        subject: table.subtitle.clone(),
        language_tag: language.tag(),
    };
    jobdoc_pdf::render_pdf(
        &pages,
        &info,
        &jobdoc_pdf::PdfOptions {
            created,
            fonts,
            conformance: jobdoc_pdf::Conformance::Plain,
        },
    )
}
