//! The live preview: the PDF of the current document for pdf.js in the web view, behind a
//! short header with one key per page (see `jobdoc_session::export::preview_payload`), so
//! that the preview redraws only the pages whose key changed.

use jobdoc_session::{export, ApiError};

use crate::{current_document, now, AppState};

/// The preview payload of the current document, as raw bytes (no JSON): the header, then the
/// PDF. `ui/src/lib/previewPayload.ts` splits it. Async so that the export runs off the main
/// thread.
#[tauri::command]
pub(crate) async fn preview_pdf(
    app: tauri::State<'_, AppState>,
) -> Result<tauri::ipc::Response, ApiError> {
    let doc = current_document(&app)?;
    let pdf = export::pdf(&doc, now())?;
    Ok(tauri::ipc::Response::new(export::preview_payload(&pdf)))
}
