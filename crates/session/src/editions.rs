//! Editions, comparison, employees and their copies, as the editor's panels need them: what
//! the Editions and Employees panels show ([`EditionsView`]), an edition opened read-only,
//! two editions (or an edition and the draft) compared, and the exports — an edition exactly
//! as approved, the list of changes, the acknowledgement register, one copy per employee.
//!
//! The logic lives in the leaf crates (`jobdoc-model`'s editions and staff, `jobdoc-compare`,
//! `jobdoc-roster`, `jobdoc-registers`, `jobdoc-export`); this module picks the documents and
//! the files. Approving is the session's (it changes the editions, which only the session
//! may): [`crate::Session::approve`].
//!
//! Every export writes into a folder the user chose; nothing is written when a target exists
//! and `overwrite` is off (the UI asks, then repeats with it), and every file is written
//! atomically.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use jobdoc_compare::{changes_document, compare, list_kind};
use jobdoc_export::batch::{self, Job, Outcome, Plan};
use jobdoc_export::{names, Conformance, ExportOptions};
use jobdoc_layout::FontSet;
use jobdoc_model::edition::{check_history, draft_state, DraftState, HistoryProblem};
use jobdoc_model::resolve::{resolve, Recipient};
use jobdoc_model::staff::{self, StaffStatus};
use jobdoc_model::{Approval, Document, Edition, IsoDate, Language, StaffMember, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::SessionError;
use crate::export::{self, ExportOutcome, ExportRequest};

// What the shell converts to and from (it depends on this crate alone).
pub use jobdoc_compare::Comparison;
pub use jobdoc_export::Format;

/// One approved edition as the history lists it (its content stays in the session).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EditionInfo {
    pub number: u32,
    pub approved_on: IsoDate,
    pub approval: Approval,
    /// When it was frozen.
    pub recorded: Timestamp,
    /// Its content was changed outside Jobdoc (or no longer reads): not to be trusted.
    pub damaged: bool,
}

/// The current text against the last edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Draft {
    /// Never approved in Jobdoc.
    NoEdition,
    /// The text is that of edition `edition`.
    Approved { edition: u32 },
    /// Edited since edition `since`: the draft of the next one.
    Changed { since: u32 },
}

/// What the Editions and Employees panels show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EditionsView {
    /// Oldest first.
    pub editions: Vec<EditionInfo>,
    pub draft: Draft,
    /// Where each employee stands with the latest edition on `today` (empty before the first
    /// edition), in the order of the staff list.
    pub standing: Vec<StaffStatus>,
    pub today: IsoDate,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Side {
    Edition {
        number: u32,
    },
    /// The current text.
    Draft,
}

/// The formats a register is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RegisterFormat {
    Xlsx,
    Pdf,
}

/// What "Copies for employees" asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CopiesRequest {
    pub folder: String,
    /// File-name pattern for one file each: `<employee>`, `<position>`, `<department>`; for
    /// one PDF, the name of that file.
    pub pattern: String,
    #[ts(type = "Array<\"pdf\" | \"docx\">")]
    pub formats: Vec<Format>,
    /// All copies in one PDF, each starting on a right-hand page (double-sided printing).
    pub one_pdf: bool,
    pub overwrite: bool,
}

/// What importing an employee list did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffImport {
    /// Employees added to the list.
    pub added: u32,
    /// Rows naming someone already in the list (same name and personnel number): kept as they
    /// were.
    pub known: u32,
}

/// The number of the first damaged edition, if any.
fn damaged(editions: &[Edition]) -> Option<u32> {
    check_history(editions).first().map(|p| match p {
        HistoryProblem::Tampered { number }
        | HistoryProblem::Unreadable { number, .. }
        | HistoryProblem::OutOfOrder { number, .. } => *number,
    })
}

/// Refuses a document whose history was edited by hand.
pub(crate) fn trusted_history(doc: &Document) -> Result<(), SessionError> {
    match damaged(&doc.editions) {
        Some(edition) => Err(SessionError::HistoryDamaged { edition }),
        None => Ok(()),
    }
}

/// The panels' view of `doc` on `today`.
pub fn view(doc: &Document, today: IsoDate) -> EditionsView {
    let problems = check_history(&doc.editions);
    let is_damaged = |n: u32| {
        problems.iter().any(|p| match p {
            HistoryProblem::Tampered { number }
            | HistoryProblem::Unreadable { number, .. }
            | HistoryProblem::OutOfOrder { number, .. } => *number == n,
        })
    };
    EditionsView {
        editions: doc
            .editions
            .iter()
            .map(|e| EditionInfo {
                number: e.number,
                approved_on: e.approved_on,
                approval: e.approval.clone(),
                recorded: e.recorded,
                damaged: is_damaged(e.number),
            })
            .collect(),
        draft: match draft_state(doc) {
            DraftState::NoEdition => Draft::NoEdition,
            DraftState::Approved { edition } => Draft::Approved { edition },
            DraftState::Draft { since } => Draft::Changed { since },
        },
        standing: staff::status(&doc.staff, &doc.acknowledged, &doc.editions, today),
        today,
    }
}

/// Edition `number` of `doc`, exactly as approved; refused when its content was changed
/// outside Jobdoc.
pub fn edition(doc: &Document, number: u32) -> Result<(&Edition, Document), SessionError> {
    let e = doc
        .editions
        .iter()
        .find(|e| e.number == number)
        .ok_or(SessionError::NoSuchEdition { edition: number })?;
    if !e.verify() {
        return Err(SessionError::HistoryDamaged { edition: number });
    }
    Ok((e, e.document()?))
}

fn side(doc: &Document, s: Side) -> Result<Document, SessionError> {
    match s {
        Side::Edition { number } => edition(doc, number).map(|(_, d)| d),
        Side::Draft => Ok(doc.clone()),
    }
}

/// How a side is named in the printed list of changes, in the document's language: «редакция
/// 2 в сравнении с редакцией 1» (`instrumental` for the second), «edition 2 compared with the
/// draft».
fn side_name(s: Side, language: Language, instrumental: bool) -> String {
    match (s, language, instrumental) {
        (Side::Edition { number }, Language::Ru, false) => format!("редакция {number}"),
        (Side::Edition { number }, Language::Ru, true) => format!("редакцией {number}"),
        (Side::Edition { number }, Language::En, _) => format!("edition {number}"),
        (Side::Draft, Language::Ru, false) => "проект новой редакции".to_owned(),
        (Side::Draft, Language::Ru, true) => "проектом новой редакции".to_owned(),
        (Side::Draft, Language::En, _) => "the draft of the next edition".to_owned(),
    }
}

/// The clauses and fields that differ between `old` and `new`.
pub fn comparison(doc: &Document, old: Side, new: Side) -> Result<Comparison, SessionError> {
    Ok(compare(&side(doc, old)?, &side(doc, new)?))
}

fn check_folder(folder: &str) -> Result<PathBuf, SessionError> {
    let path = Path::new(folder);
    if folder.trim().is_empty() || !path.is_dir() {
        return Err(SessionError::FolderMissing {
            folder: path.to_path_buf(),
        });
    }
    Ok(path.to_path_buf())
}

/// The files of `targets` that exist already, for the overwrite question.
fn existing(targets: &[PathBuf]) -> Vec<String> {
    targets
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect()
}

fn shown(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), SessionError> {
    jobdoc_model::atomic_write(path, bytes).map_err(|source| {
        SessionError::Write(jobdoc_export::WriteError {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// Exports edition `number` exactly as approved (stamped with the time it was frozen, so the
/// same edition always gives the same bytes). `request.pattern` names the files.
pub fn export_edition(
    doc: &Document,
    number: u32,
    request: &ExportRequest,
) -> Result<ExportOutcome, SessionError> {
    trusted_history(doc)?;
    let (e, approved) = edition(doc, number)?;
    export::export(&approved, request, e.recorded)
}

/// The PDF of edition `number` exactly as approved, the same bytes [`export_edition`] writes:
/// what printing that edition sends to the printer.
pub fn edition_pdf(doc: &Document, number: u32) -> Result<jobdoc_export::PdfFile, SessionError> {
    trusted_history(doc)?;
    let (e, approved) = edition(doc, number)?;
    export::pdf(&approved, e.recorded)
}

/// The printable list of changes between `old` and `new` (PDF and/or DOCX) into `folder`,
/// named «Лист изменений — <position> (…)» / «List of changes — <position> (…)».
pub fn export_changes(
    doc: &Document,
    old: Side,
    new: Side,
    folder: &str,
    formats: &[Format],
    overwrite: bool,
    created: Timestamp,
) -> Result<ExportOutcome, SessionError> {
    if formats.is_empty() {
        return Err(SessionError::NoFormat);
    }
    let folder = check_folder(folder)?;
    let (a, b) = (side(doc, old)?, side(doc, new)?);
    let c = compare(&a, &b);
    let short = |s: Side| match (s, doc.language) {
        (Side::Edition { number }, Language::Ru) => format!("ред. {number}"),
        (Side::Edition { number }, Language::En) => format!("ed. {number}"),
        (Side::Draft, Language::Ru) => "проект".to_owned(),
        (Side::Draft, Language::En) => "draft".to_owned(),
    };
    let pattern = match doc.language {
        Language::Ru => format!(
            "Лист изменений — <position> ({} — {})",
            short(old),
            short(new)
        ),
        Language::En => format!(
            "List of changes — <position> ({} — {})",
            short(old),
            short(new)
        ),
    };
    let base = names::export_base_name(&pattern, doc);
    let targets: Vec<(Format, PathBuf)> = formats
        .iter()
        .map(|f| (*f, folder.join(format!("{base}.{}", f.extension()))))
        .collect();
    let paths: Vec<PathBuf> = targets.iter().map(|(_, p)| p.clone()).collect();
    let present = existing(&paths);
    if !present.is_empty() && !overwrite {
        return Ok(ExportOutcome {
            existing: present,
            ..ExportOutcome::default()
        });
    }
    let list = changes_document(
        &c,
        &b,
        &side_name(old, b.language, true),
        &side_name(new, b.language, false),
    );
    let mut resolved = resolve(&list);
    resolved.header.document_kind = list_kind(list.language).to_owned();
    let exported = jobdoc_export::export_resolved(
        &resolved,
        &ExportOptions {
            formats,
            created,
            fonts: FontSet::bundled(),
            conformance: Conformance::Plain,
        },
    )?;
    let written = jobdoc_export::write_files(&exported, &targets)?;
    Ok(ExportOutcome {
        files: shown(&written),
        existing: Vec::new(),
        warnings: exported.warnings,
    })
}

/// The acknowledgement register of the latest edition on `today`, as XLSX and/or PDF, into
/// `folder`, named «Журнал ознакомления — <position>».
pub fn export_register(
    doc: &Document,
    folder: &str,
    formats: &[RegisterFormat],
    today: IsoDate,
    overwrite: bool,
    created: Timestamp,
) -> Result<ExportOutcome, SessionError> {
    if formats.is_empty() {
        return Err(SessionError::NoFormat);
    }
    let folder = check_folder(folder)?;
    let pattern = match doc.language {
        Language::Ru => "Журнал ознакомления — <position>",
        Language::En => "Acknowledgement register — <position>",
    };
    let base = names::export_base_name(pattern, doc);
    let targets: Vec<(RegisterFormat, PathBuf)> = formats
        .iter()
        .map(|f| {
            let ext = match f {
                RegisterFormat::Xlsx => "xlsx",
                RegisterFormat::Pdf => "pdf",
            };
            (*f, folder.join(format!("{base}.{ext}")))
        })
        .collect();
    let paths: Vec<PathBuf> = targets.iter().map(|(_, p)| p.clone()).collect();
    let present = existing(&paths);
    if !present.is_empty() && !overwrite {
        return Ok(ExportOutcome {
            existing: present,
            ..ExportOutcome::default()
        });
    }
    let table = jobdoc_registers::acknowledgements(doc, today);
    // Both are made before either is written.
    let mut made = Vec::new();
    for (format, path) in &targets {
        let bytes = match format {
            RegisterFormat::Xlsx => jobdoc_registers::to_xlsx(&table, created).map_err(|e| {
                SessionError::NotWritten {
                    path: path.clone(),
                    error: e.to_string(),
                }
            })?,
            RegisterFormat::Pdf => jobdoc_registers::to_pdf(&table, doc.language, created)
                .map_err(jobdoc_export::ExportError::from)?,
        };
        made.push((path, bytes));
    }
    for (path, bytes) in &made {
        write(path, bytes)?;
    }
    Ok(ExportOutcome {
        files: shown(&paths),
        existing: Vec::new(),
        warnings: Vec::new(),
    })
}

/// Whom the copies are for: every employee in the staff list, with the document's position.
fn recipients(doc: &Document) -> Vec<Recipient> {
    doc.staff
        .iter()
        .filter(|m| !m.name.trim().is_empty())
        .map(|m| Recipient {
            name: m.name.clone(),
            position: doc.position.name.clone(),
        })
        .collect()
}

/// One copy per employee of the staff list with the acknowledgement mark and sheet naming
/// them: one file each (named by the pattern, made safe for Windows, « (2)» for a name used
/// twice), or all in one PDF for double-sided printing.
pub fn export_copies(
    doc: &Document,
    request: &CopiesRequest,
    threads: usize,
) -> Result<ExportOutcome, SessionError> {
    if !doc.acknowledgement.mark && doc.acknowledgement.sheet.is_none() {
        return Err(SessionError::NoAcknowledgementPlace);
    }
    let people = recipients(doc);
    if people.is_empty() {
        return Err(SessionError::NoEmployees);
    }
    let folder = check_folder(&request.folder)?;
    if request.one_pdf {
        let base = names::export_base_name(&request.pattern, doc);
        let path = folder.join(format!("{base}.pdf"));
        let present = existing(std::slice::from_ref(&path));
        if !present.is_empty() && !request.overwrite {
            return Ok(ExportOutcome {
                existing: present,
                ..ExportOutcome::default()
            });
        }
        let pdf = jobdoc_export::copies_pdf(
            doc,
            &people,
            true,
            &ExportOptions {
                formats: &[Format::Pdf],
                created: doc.meta.modified,
                fonts: FontSet::bundled(),
                conformance: Conformance::Plain,
            },
        )?;
        write(&path, &pdf.bytes)?;
        return Ok(ExportOutcome {
            files: shown(&[path]),
            ..ExportOutcome::default()
        });
    }
    if request.formats.is_empty() {
        return Err(SessionError::NoFormat);
    }
    let jobs: Vec<Job> = people
        .into_iter()
        .map(|r| Job {
            source: PathBuf::from("copy"),
            document: doc.clone(),
            recipient: Some(r),
        })
        .collect();
    let stems = batch::file_names(&jobs, Some(&request.pattern));
    let targets: Vec<PathBuf> = stems
        .iter()
        .flat_map(|s| {
            let folder = &folder;
            request
                .formats
                .iter()
                .map(move |f| folder.join(format!("{s}.{}", f.extension())))
        })
        .collect();
    let present = existing(&targets);
    if !present.is_empty() && !request.overwrite {
        return Ok(ExportOutcome {
            existing: present,
            ..ExportOutcome::default()
        });
    }
    let report = batch::run(
        &jobs,
        &Plan {
            formats: request.formats.clone(),
            out_dir: folder.clone(),
            pattern: Some(request.pattern.clone()),
            threads,
            overwrite: true,
        },
        FontSet::bundled(),
        &AtomicBool::new(false),
        &|_, _| {},
    );
    let mut files = Vec::new();
    for (_, outcome) in report.results {
        match outcome {
            Outcome::Written(written) => files.extend(shown(&written)),
            // The first failure stops here; what was written is complete (atomic writes).
            Outcome::Failed(reason) => {
                return Err(SessionError::NotWritten {
                    path: folder,
                    error: reason,
                })
            }
            Outcome::Exists(_) | Outcome::Cancelled => {}
        }
    }
    Ok(ExportOutcome {
        files,
        ..ExportOutcome::default()
    })
}

/// Adds the employees of an imported list to `doc`'s staff: everyone not already in it (the
/// same name and personnel number); the rest are left as they are. New members get ids.
pub fn merge_staff(doc: &mut Document, imported: Vec<StaffMember>) -> StaffImport {
    let key = |m: &StaffMember| {
        (
            m.name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
            m.personnel_number.trim().to_owned(),
        )
    };
    let mut result = StaffImport { added: 0, known: 0 };
    for mut m in imported {
        if doc.staff.iter().any(|s| key(s) == key(&m)) {
            result.known += 1;
            continue;
        }
        m.id = String::new();
        doc.staff.push(m);
        result.added += 1;
    }
    staff::assign_ids(&mut doc.staff);
    result
}

/// The employees of the CSV or XLSX file at `path` (all rows or none; a problem names the row
/// and the column).
pub fn read_staff(path: &Path) -> Result<Vec<StaffMember>, SessionError> {
    let bytes = std::fs::read(path).map_err(|source| {
        SessionError::File(jobdoc_model::FileError::Read {
            path: path.to_path_buf(),
            source,
        })
    })?;
    let roster = jobdoc_roster::read(&bytes, &path.display().to_string())?;
    Ok(roster.rows.into_iter().map(|r| r.member).collect())
}
