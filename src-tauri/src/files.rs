//! The native file dialogs. What a chosen path may be used for (the grants, the `.jobdoc`
//! extension of a file to save) is decided by `jobdoc_session::grants`, through the desk.

use std::path::PathBuf;

use jobdoc_session::{DesktopAction, SessionError};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// What a dialog asks for.
#[derive(Clone)]
pub enum Ask {
    /// A `.jobdoc` file to open.
    OpenDocument,
    /// Where to save a `.jobdoc` file, suggesting `file_name` (in `folder`, if known).
    SaveDocument {
        folder: Option<PathBuf>,
        file_name: String,
    },
    /// A folder for exports, starting in `folder` if known.
    ExportFolder { folder: Option<PathBuf> },
    /// An employee list to import (CSV or XLSX).
    StaffList,
}

/// The environment variable naming a file of scripted dialog answers (one path per line, an
/// empty line meaning "cancel"), used by the end-to-end tests: WebDriver cannot reach GTK
/// dialogs. Only the person starting the app can set it; the web view cannot.
pub const SCRIPTED_ANSWERS_VAR: &str = "JOBDOC_E2E_DIALOG_ANSWERS";

/// Shows the native dialog (or takes the next scripted answer); `None` when cancelled.
pub async fn choose(
    app: &AppHandle,
    ask: Ask,
    title: String,
    filter_name: String,
) -> Result<Option<PathBuf>, SessionError> {
    match scripted_answer() {
        Some(answer) => Ok(answer),
        None => native(app.clone(), ask, title, filter_name).await,
    }
}

fn dialog_failed(e: impl ToString) -> SessionError {
    SessionError::Desktop {
        action: DesktopAction::ShowDialog,
        detail: e.to_string(),
    }
}

async fn native(
    app: AppHandle,
    ask: Ask,
    title: String,
    filter_name: String,
) -> Result<Option<PathBuf>, SessionError> {
    // The blocking dialog calls wait on the GTK main loop: keep them off the async workers.
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let dialog = app.dialog().file().set_title(title);
        match ask {
            Ask::OpenDocument => dialog
                .add_filter(filter_name, &["jobdoc"])
                .blocking_pick_file(),
            Ask::SaveDocument { folder, file_name } => {
                let dialog = dialog
                    .add_filter(filter_name, &["jobdoc"])
                    .set_file_name(file_name);
                match folder {
                    Some(f) => dialog.set_directory(f),
                    None => dialog,
                }
                .blocking_save_file()
            }
            Ask::ExportFolder { folder } => match folder {
                Some(f) if f.is_dir() => dialog.set_directory(f),
                _ => dialog,
            }
            .blocking_pick_folder(),
            Ask::StaffList => dialog
                .add_filter(filter_name, &["csv", "xlsx"])
                .blocking_pick_file(),
        }
    })
    .await
    .map_err(dialog_failed)?;
    match picked {
        None => Ok(None),
        Some(p) => p.into_path().map(Some).map_err(dialog_failed),
    }
}

/// `None`: no script (show the native dialog). `Some(None)`: the scripted answer is "cancel"
/// (also when the script has run out, so that a test never hangs on a real dialog).
fn scripted_answer() -> Option<Option<PathBuf>> {
    scripted_line().map(|line| line.map(PathBuf::from))
}

/// The next line of the scripted answers, as [`scripted_answer`] takes it (a dialog that
/// chooses several files reads several paths from it).
pub fn scripted_line() -> Option<Option<String>> {
    let file = PathBuf::from(std::env::var_os(SCRIPTED_ANSWERS_VAR)?);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = text.lines();
    let answer = lines.next().unwrap_or("").trim().to_owned();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    Some((!answer.is_empty()).then_some(answer))
}

/// What the scripted answers say to a print request.
pub enum ScriptedPrint {
    /// `printer:NAME;key=value;…`: the printer and the GTK print settings the user would
    /// choose in GTK's dialog (e.g. `printer:Print to File;output-uri=file:///tmp/x.pdf`).
    Printer(String, Vec<(String, String)>),
    /// `print-dialog:jobdoc`: GTK's dialog would freeze here; Jobdoc's own dialog asks.
    JobdocDialog,
}

/// A scripted answer for the print dialog, if the next line of the script is one (it is
/// taken). `None`: no script, or its next answer is not for the print dialog (left in place).
pub fn scripted_printer() -> Option<ScriptedPrint> {
    let file = PathBuf::from(std::env::var_os(SCRIPTED_ANSWERS_VAR)?);
    let text = std::fs::read_to_string(&file).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.trim();
    let answer = if first == "print-dialog:jobdoc" {
        ScriptedPrint::JobdocDialog
    } else {
        let mut parts = first.strip_prefix("printer:")?.split(';');
        let printer = parts.next()?.trim().to_owned();
        let settings = parts
            .filter_map(|w| w.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        ScriptedPrint::Printer(printer, settings)
    };
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    Some(answer)
}
