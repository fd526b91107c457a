//! The import commands: File → Import… (the multi-select dialog), the review of one file
//! (re-assign, accept), several files into a folder in the background with progress events,
//! and files dropped on the window. Every decision is the desk's (`jobdoc_session`); here the
//! arguments are converted, the clock read, ids made and the dialog shown.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use jobdoc_model::Document;
use jobdoc_session::grants::Choice;
use jobdoc_session::import::{self, BatchSummary, Dropped, ImportReview, Reassign};
use jobdoc_session::{ApiError, Desk, DesktopAction, SessionError, State};
use tauri::{AppHandle, DragDropEvent, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::files;
use crate::{new_id, now, reply, Shared};

/// What the import dialog offers (extensions without the dot).
const IMPORTABLE: &[&str] = &[
    "docx", "docm", "dotx", "odt", "rtf", "doc", "txt", "text", "md", "markdown", "html", "htm",
];

/// Set by the Cancel button of a running batch import; read between files.
#[derive(Default)]
pub struct BatchCancel(AtomicBool);

/// Shows the import dialog (several files may be chosen); the chosen files are granted.
#[tauri::command]
pub async fn choose_files_to_import(
    handle: AppHandle,
    desk: Shared<'_>,
    title: String,
    filter_name: String,
) -> Result<Option<Vec<String>>, ApiError> {
    let chosen = match files::scripted_line() {
        // Under the end-to-end tests: several paths on one line, separated by tabs.
        Some(line) => Ok(line.map(|l| l.split('\t').map(PathBuf::from).collect::<Vec<_>>())),
        None => native(handle.clone(), title, filter_name).await,
    };
    let chosen = reply(&desk, chosen)?;
    Ok(chosen.map(|paths| {
        paths
            .into_iter()
            .map(|p| desk.chosen(Choice::OpenDocument, p).display().to_string())
            .collect()
    }))
}

async fn native(
    app: AppHandle,
    title: String,
    filter_name: String,
) -> Result<Option<Vec<PathBuf>>, SessionError> {
    let failed = |e: String| SessionError::Desktop {
        action: DesktopAction::ShowDialog,
        detail: e,
    };
    // The blocking dialog waits on the GTK main loop: keep it off the async workers.
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter_name, IMPORTABLE)
            .blocking_pick_files()
    })
    .await
    .map_err(|e| failed(e.to_string()))?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    picked
        .into_iter()
        .map(|p| p.into_path().map_err(|e| failed(e.to_string())))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// Imports one granted file for the review (off the main thread: LibreOffice may take seconds).
#[tauri::command]
pub async fn import_review(desk: Shared<'_>, path: String) -> Result<ImportReview, ApiError> {
    reply(&desk, desk.import_review(&path, &new_id(), now()))
}

/// The review with paragraph `entry` re-assigned.
#[tauri::command]
pub fn import_reassign(
    desk: Shared<'_>,
    review: ImportReview,
    entry: u32,
    to: Reassign,
) -> Result<ImportReview, ApiError> {
    reply(&desk, import::reassign(&review, entry, &to))
}

/// The reviewed document opens in the editor, new and unsaved.
#[tauri::command]
pub fn accept_import(desk: Shared<'_>, document: Document) -> State {
    desk.accept_import(document)
}

/// Imports several granted files into a granted folder in the background; `import-progress`
/// events tell the UI how far it is.
#[tauri::command]
pub async fn import_batch(
    handle: AppHandle,
    sources: Vec<String>,
    folder: String,
) -> Result<BatchSummary, ApiError> {
    let job = handle.clone();
    let done = tauri::async_runtime::spawn_blocking(move || {
        let desk = job.state::<Desk>();
        let cancel = job.state::<BatchCancel>();
        cancel.0.store(false, Ordering::SeqCst);
        let result = desk.import_batch(&sources, &folder, now(), new_id, &cancel.0, |p| {
            let _ = job.emit("import-progress", p);
        });
        result.map_err(|e| desk.api_error(&e))
    })
    .await;
    match done {
        Ok(result) => result,
        Err(e) => {
            let desk = handle.state::<Desk>();
            Err(desk.api_error(&SessionError::Desktop {
                action: DesktopAction::ShowDialog,
                detail: e.to_string(),
            }))
        }
    }
}

/// Stops the running batch import after the file in progress.
#[tauri::command]
pub fn cancel_import_batch(cancel: tauri::State<'_, BatchCancel>) {
    cancel.0.store(true, Ordering::SeqCst);
}

/// Files dragged over and dropped on the window. The drop target shows while `drop-hover` is
/// true; dropped paths were chosen by the user, so they are granted, then sorted and sent as
/// `files-dropped` ([`Dropped`]): the UI opens or imports them the way the menu does.
pub fn drag_drop(window: &tauri::Window, event: &DragDropEvent) {
    match event {
        DragDropEvent::Enter { .. } => {
            let _ = window.emit("drop-hover", true);
        }
        DragDropEvent::Leave => {
            let _ = window.emit("drop-hover", false);
        }
        DragDropEvent::Drop { paths, .. } => {
            let _ = window.emit("drop-hover", false);
            if let Some(desk) = window.try_state::<Desk>() {
                let dropped: Dropped = desk.dropped(paths.clone());
                let _ = window.emit("files-dropped", dropped);
            }
        }
        _ => {}
    }
}
