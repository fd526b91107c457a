//! The desk's side of the Editions and Employees panels: each command takes the session's
//! document (with its editions, which the UI never sees), checks the paths it was given
//! against the grants, and calls `crate::editions`.

use std::path::Path;

use jobdoc_compare::Comparison;
use jobdoc_model::{Document, IsoDate, Timestamp};
use serde::Serialize;
use ts_rs::TS;

use super::Desk;
use crate::editions::{self, CopiesRequest, EditionsView, RegisterFormat, Side, StaffImport};
use crate::error::SessionError;
use crate::export::{ExportOutcome, ExportRequest};
use crate::session::State;

/// The state after importing an employee list, with what the import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StaffImported {
    pub state: State,
    pub import: StaffImport,
}

/// Worker threads for personal copies: every core.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

impl Desk {
    /// Approves the current text as the next edition (see [`crate::Session::approve`]).
    pub fn approve(
        &self,
        on: IsoDate,
        order: Option<String>,
        now: Timestamp,
        at_ms: u64,
    ) -> Result<State, SessionError> {
        let mut session = self.session();
        session.approve(on, order, now, at_ms)?;
        Ok(session.state())
    }

    /// The editions, the draft's state and where each employee stands on `today`.
    pub fn editions(&self, today: IsoDate) -> Result<EditionsView, SessionError> {
        Ok(editions::view(&self.document()?, today))
    }

    /// Edition `number` as approved, to show read-only (without the editions of its own).
    pub fn edition_document(&self, number: u32) -> Result<Document, SessionError> {
        let doc = self.document()?;
        let (_, mut approved) = editions::edition(&doc, number)?;
        approved.editions.clear();
        Ok(approved)
    }

    pub fn compare(&self, old: Side, new: Side) -> Result<Comparison, SessionError> {
        editions::comparison(&self.document()?, old, new)
    }

    /// Grants the files an export wrote (to show them in the file manager).
    fn grant_written(&self, outcome: ExportOutcome) -> ExportOutcome {
        for file in &outcome.files {
            self.grants.grant(Path::new(file));
        }
        outcome
    }

    /// The PDF of edition `number` as approved (to print it).
    pub fn edition_pdf(&self, number: u32) -> Result<jobdoc_export::PdfFile, SessionError> {
        editions::edition_pdf(&self.document()?, number)
    }

    /// Exports edition `number` exactly as approved into the granted folder of `request`.
    pub fn export_edition(
        &self,
        number: u32,
        mut request: ExportRequest,
    ) -> Result<ExportOutcome, SessionError> {
        let folder = self.grants.check(&request.folder, &self.settings())?;
        request.folder = folder.display().to_string();
        let outcome = editions::export_edition(&self.document()?, number, &request)?;
        Ok(self.grant_written(outcome))
    }

    /// The list of changes between `old` and `new` into the granted `folder`.
    #[allow(clippy::too_many_arguments)]
    pub fn export_changes(
        &self,
        old: Side,
        new: Side,
        folder: &str,
        formats: &[jobdoc_export::Format],
        overwrite: bool,
        now: Timestamp,
    ) -> Result<ExportOutcome, SessionError> {
        let folder = self.grants.check(folder, &self.settings())?;
        let outcome = editions::export_changes(
            &self.document()?,
            old,
            new,
            &folder.display().to_string(),
            formats,
            overwrite,
            now,
        )?;
        Ok(self.grant_written(outcome))
    }

    /// The acknowledgement register on `today` into the granted `folder`.
    pub fn export_register(
        &self,
        folder: &str,
        formats: &[RegisterFormat],
        today: IsoDate,
        overwrite: bool,
        now: Timestamp,
    ) -> Result<ExportOutcome, SessionError> {
        let folder = self.grants.check(folder, &self.settings())?;
        let outcome = editions::export_register(
            &self.document()?,
            &folder.display().to_string(),
            formats,
            today,
            overwrite,
            now,
        )?;
        Ok(self.grant_written(outcome))
    }

    /// One copy per employee into the granted folder of `request`.
    pub fn export_copies(&self, mut request: CopiesRequest) -> Result<ExportOutcome, SessionError> {
        let folder = self.grants.check(&request.folder, &self.settings())?;
        request.folder = folder.display().to_string();
        let outcome = editions::export_copies(&self.document()?, &request, threads())?;
        Ok(self.grant_written(outcome))
    }

    /// Adds the employees of the CSV or XLSX file at `path` (chosen in the open dialog) to the
    /// document's staff, as one undoable edit; nothing is added when any row is refused.
    pub fn import_staff(&self, path: &str, at_ms: u64) -> Result<StaffImported, SessionError> {
        let path = self.grants.check(path, &self.settings())?;
        let members = editions::read_staff(&path)?;
        let mut session = self.session();
        let mut doc = session
            .document()
            .cloned()
            .ok_or(SessionError::NoDocument)?;
        let import = editions::merge_staff(&mut doc, members);
        session.seal();
        session.edit(doc, None, at_ms)?;
        session.seal();
        Ok(StaffImported {
            state: session.state(),
            import,
        })
    }
}
