//! The commands of the Editions and Employees panels: each converts, reads the clock (today
//! for who is overdue, now for time stamps) and calls one `Desk` method
//! (`jobdoc_session::desk::editions`).

use jobdoc_model::{Document, IsoDate};
use jobdoc_session::desk::StaffImported;
use jobdoc_session::editions::{
    Comparison, CopiesRequest, EditionsView, Format, RegisterFormat, Side,
};
use jobdoc_session::export::{ExportOutcome, ExportRequest};
use jobdoc_session::grants::Choice;
use jobdoc_session::{ApiError, State};
use tauri::AppHandle;

use crate::files::Ask;
use crate::{now, now_ms, reply, Shared};

/// Freezes the current text as the next edition, approved on `date` (typed by the user) by
/// order `order` when given.
#[tauri::command]
pub fn approve_edition(
    desk: Shared<'_>,
    date: IsoDate,
    order: Option<String>,
) -> Result<State, ApiError> {
    reply(&desk, desk.approve(date, order, now(), now_ms()))
}

/// The editions, the draft's state and where each employee stands today.
#[tauri::command]
pub fn editions_view(desk: Shared<'_>) -> Result<EditionsView, ApiError> {
    reply(&desk, desk.editions(now().date()))
}

/// Edition `number` as approved, to show read-only.
#[tauri::command]
pub fn edition_document(desk: Shared<'_>, number: u32) -> Result<Document, ApiError> {
    reply(&desk, desk.edition_document(number))
}

#[tauri::command]
pub fn compare_sides(desk: Shared<'_>, old: Side, new: Side) -> Result<Comparison, ApiError> {
    reply(&desk, desk.compare(old, new))
}

/// Async so that the exports run off the main thread.
#[tauri::command]
pub async fn export_edition(
    desk: Shared<'_>,
    number: u32,
    request: ExportRequest,
) -> Result<ExportOutcome, ApiError> {
    reply(&desk, desk.export_edition(number, request))
}

#[tauri::command]
pub async fn export_changes(
    desk: Shared<'_>,
    old: Side,
    new: Side,
    folder: String,
    formats: Vec<Format>,
    overwrite: bool,
) -> Result<ExportOutcome, ApiError> {
    reply(
        &desk,
        desk.export_changes(old, new, &folder, &formats, overwrite, now()),
    )
}

#[tauri::command]
pub async fn export_register(
    desk: Shared<'_>,
    folder: String,
    formats: Vec<RegisterFormat>,
    overwrite: bool,
) -> Result<ExportOutcome, ApiError> {
    let now = now();
    reply(
        &desk,
        desk.export_register(&folder, &formats, now.date(), overwrite, now),
    )
}

#[tauri::command]
pub async fn export_copies(
    desk: Shared<'_>,
    request: CopiesRequest,
) -> Result<ExportOutcome, ApiError> {
    reply(&desk, desk.export_copies(request))
}

/// Shows the open dialog for an employee list (CSV or XLSX).
#[tauri::command]
pub async fn choose_staff_list(
    handle: AppHandle,
    desk: Shared<'_>,
    title: String,
    filter_name: String,
) -> Result<Option<String>, ApiError> {
    crate::choose_granted(
        &handle,
        &desk,
        Ask::StaffList,
        Choice::StaffList,
        title,
        filter_name,
    )
    .await
}

/// Adds the employees of the chosen list to the document (one undoable edit, all or none).
#[tauri::command]
pub fn import_staff(desk: Shared<'_>, path: String) -> Result<StaffImported, ApiError> {
    reply(&desk, desk.import_staff(&path, now_ms()))
}
