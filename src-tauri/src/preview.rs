//! The live preview: the PDF of the current document for pdf.js in the web view.

use jobdoc_session::{export, ApiError};

use crate::{current_document, now_rfc3339, AppState};

/// The PDF of the current document, as raw bytes, for the preview and for printing.
/// Async so that the export runs off the main thread.
#[tauri::command]
pub(crate) async fn preview_pdf(app: tauri::State<'_, AppState>) -> Result<tauri::ipc::Response, ApiError> {
    let doc = current_document(&app)?;
    let out = export::pdf(&doc, &now_rfc3339())?;
    Ok(tauri::ipc::Response::new(out.bytes))
}
