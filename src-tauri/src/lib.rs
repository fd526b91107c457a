//! Jobdoc's desktop shell: Tauri commands that convert their input and delegate to
//! `jobdoc-session` (editor state) and the model/export crates. No editing logic lives here.

mod files;
mod menu;
mod preview;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use jobdoc_model::templates::{self, TemplateInfo};
use jobdoc_model::{Document, Language, Timestamp};
use jobdoc_session::export::{self, ExportOutcome, ExportRequest};
use jobdoc_session::settings::Settings;
use jobdoc_session::transport::{Opened, Startup};
use jobdoc_session::{names, ApiError, RecoveryOffer, Session, State};
use jobdoc_store::{lock::LockOwner, RecoveryJournal};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, RunEvent, WindowEvent};
use tauri_plugin_opener::OpenerExt;

use files::{Ask, Grants};

/// Everything the shell keeps: the editor session and the preferences.
pub(crate) struct AppState {
    session: Mutex<Session>,
    settings: Mutex<Settings>,
    settings_path: Option<PathBuf>,
    /// Why the file passed on the command line could not be opened, reported once.
    startup_error: Mutex<Option<ApiError>>,
    /// Paths the user chose in this run (see `files`).
    grants: Grants,
}

impl AppState {
    pub(crate) fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn settings(&self) -> MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Applies `change` to the settings and writes them (best effort: preferences must never
    /// block editing).
    fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Settings {
        let mut settings = self.settings();
        change(&mut settings);
        if let Some(path) = &self.settings_path {
            let _ = settings.save(path);
        }
        settings.clone()
    }
}

fn unix_now() -> SystemTime {
    SystemTime::now()
}

pub(crate) fn now() -> Timestamp {
    let secs = unix_now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Timestamp::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
}

fn now_ms() -> u64 {
    unix_now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[tauri::command]
fn startup(app: tauri::State<'_, AppState>) -> Startup {
    let session = app.session();
    Startup {
        state: session.state(),
        recovery: session.recovery_offers(),
        settings: app.settings().clone(),
        error: app
            .startup_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take(),
        fields: jobdoc_model::Field::ALL
            .map(jobdoc_model::Field::info)
            .to_vec(),
    }
}

#[tauri::command]
fn list_templates() -> Vec<TemplateInfo> {
    templates::list()
}

#[tauri::command]
fn get_state(app: tauri::State<'_, AppState>) -> State {
    app.session().state()
}

/// A new document from `template`, or a blank one in `language` when no template is given.
#[tauri::command]
fn new_document(
    app: tauri::State<'_, AppState>,
    template: Option<String>,
    language: Option<Language>,
) -> Result<State, ApiError> {
    let mut session = app.session();
    match template {
        Some(id) => session.new_from_template(&id, &new_id(), now())?,
        None => session.new_blank(language.unwrap_or(Language::Ru), &new_id(), now()),
    }
    Ok(session.state())
}

/// Shows the Open dialog; the chosen file may then be opened.
#[tauri::command]
async fn choose_document_to_open(
    handle: AppHandle,
    app: tauri::State<'_, AppState>,
    title: String,
    filter_name: String,
) -> Result<Option<String>, ApiError> {
    let chosen = files::choose(&handle, &app.grants, Ask::OpenDocument, title, filter_name).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Opens a file the user chose (a dialog, the recent list, the command line).
#[tauri::command]
fn open_document(app: tauri::State<'_, AppState>, path: String) -> Result<Opened, ApiError> {
    let file = app.grants.check(&path, &app.settings())?;
    let result = app.session().open(&file, now());
    match result {
        Ok(()) => {
            remove_stale_temporaries(&file);
            let settings = app.update_settings(|s| s.add_recent(&file.display().to_string()));
            Ok(Opened {
                state: app.session().state(),
                settings,
            })
        }
        Err(e) => {
            // A recent file that no longer opens leaves the list.
            if e.code == "read-failed" {
                app.update_settings(|s| s.remove_recent(&path));
            }
            Err(e)
        }
    }
}

/// Hidden temporary files of saves interrupted long ago (a crash, a power cut) beside `file`.
fn remove_stale_temporaries(file: &std::path::Path) {
    let _ = jobdoc_store::remove_stale_temporaries(
        file,
        unix_now(),
        std::time::Duration::from_secs(600),
    );
}

/// Reads the document's file again, dropping unsaved edits (after the user agreed).
#[tauri::command]
fn reload_document(app: tauri::State<'_, AppState>) -> Result<State, ApiError> {
    let mut session = app.session();
    session.reload(now())?;
    Ok(session.state())
}

/// Takes over the lock of a document whose holder is gone (after the user confirmed).
#[tauri::command]
fn take_over_lock(app: tauri::State<'_, AppState>) -> Result<State, ApiError> {
    let mut session = app.session();
    session.take_over(now())?;
    Ok(session.state())
}

/// Opens the unsaved edits `id` left by an editor that ended without saving.
#[tauri::command]
fn restore_recovery(app: tauri::State<'_, AppState>, id: String) -> Result<State, ApiError> {
    let mut session = app.session();
    session.restore(&id, now())?;
    Ok(session.state())
}

/// Deletes the unsaved edits `id` (the user declined them); returns what is left to offer.
#[tauri::command]
fn discard_recovery(
    app: tauri::State<'_, AppState>,
    id: String,
) -> Result<Vec<RecoveryOffer>, ApiError> {
    let mut session = app.session();
    session.discard_recovery(&id)?;
    Ok(session.recovery_offers())
}

#[tauri::command]
fn close_document(app: tauri::State<'_, AppState>) -> State {
    let mut session = app.session();
    session.close();
    session.state()
}

/// Replaces the document with the edited copy. `key` names the field being typed in; `at`
/// is when the user made the edit (ms since the epoch, UI clock), so that a slow queue of IPC
/// calls does not split one run of typing into several undo steps.
#[tauri::command]
fn edit(
    app: tauri::State<'_, AppState>,
    document: Document,
    key: Option<String>,
    at: Option<u64>,
) -> Result<State, ApiError> {
    let mut session = app.session();
    session.edit(document, key.as_deref(), at.unwrap_or_else(now_ms))?;
    Ok(session.state())
}

/// Ends a typing run so that the next keystroke starts a new undo step.
#[tauri::command]
fn seal(app: tauri::State<'_, AppState>) {
    app.session().seal();
}

#[tauri::command]
fn undo(app: tauri::State<'_, AppState>) -> Result<State, ApiError> {
    let mut session = app.session();
    session.undo()?;
    Ok(session.state())
}

#[tauri::command]
fn redo(app: tauri::State<'_, AppState>) -> Result<State, ApiError> {
    let mut session = app.session();
    session.redo()?;
    Ok(session.state())
}

/// Shows the Save As dialog, suggesting `file_name` beside the current file.
#[tauri::command]
async fn choose_save_path(
    handle: AppHandle,
    app: tauri::State<'_, AppState>,
    title: String,
    filter_name: String,
    file_name: String,
) -> Result<Option<String>, ApiError> {
    let folder = app
        .session()
        .path()
        .and_then(|p| p.parent())
        .map(|p| p.to_path_buf());
    let ask = Ask::SaveDocument { folder, file_name };
    let chosen = files::choose(&handle, &app.grants, ask, title, filter_name).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Saves to `path` (chosen in the Save As dialog), or to the current file when `path` is
/// `None`. `overwrite`: the file changed on disk and the user chose to replace it.
#[tauri::command]
fn save_document(
    app: tauri::State<'_, AppState>,
    path: Option<String>,
    overwrite: Option<bool>,
) -> Result<Opened, ApiError> {
    let target = match &path {
        Some(p) => Some(app.grants.check(p, &app.settings())?),
        None => None,
    };
    let saved_path = {
        let mut session = app.session();
        let now = now();
        match (&target, overwrite.unwrap_or(false)) {
            (Some(p), _) => session.save_as(p, now)?,
            (None, true) => session.save_overwrite(now)?,
            (None, false) => session.save(now)?,
        }
        session.path().map(|p| p.display().to_string())
    };
    let settings = match saved_path {
        Some(p) => app.update_settings(|s| s.add_recent(&p)),
        None => app.settings().clone(),
    };
    Ok(Opened {
        state: app.session().state(),
        settings,
    })
}

#[tauri::command]
fn remove_recent(app: tauri::State<'_, AppState>, path: String) -> Settings {
    app.update_settings(|s| s.remove_recent(&path))
}

/// Switches the UI language (`ru`/`en`) and rebuilds the native menu in it.
#[tauri::command]
fn set_ui_language(
    handle: AppHandle,
    app: tauri::State<'_, AppState>,
    language: String,
) -> Result<Settings, ApiError> {
    let ru = language == "ru";
    let settings = app.update_settings(|s| s.ui_language = Some(language.clone()));
    menu::install(&handle, ru).map_err(|e| ApiError::new("menu-failed", e.to_string()))?;
    Ok(settings)
}

pub(crate) fn current_document(app: &AppState) -> Result<Document, ApiError> {
    app.session()
        .document()
        .cloned()
        .ok_or_else(ApiError::no_document)
}

/// The safe file name (no extension) an export with `pattern` would use.
#[tauri::command]
fn suggested_base_name(
    app: tauri::State<'_, AppState>,
    pattern: String,
) -> Result<String, ApiError> {
    Ok(names::export_base_name(&pattern, &current_document(&app)?))
}

#[derive(Serialize)]
struct ExportResult {
    #[serde(flatten)]
    outcome: ExportOutcome,
    settings: Settings,
}

/// Shows the folder dialog for exports, starting in `current` when it is a granted folder.
#[tauri::command]
async fn choose_export_folder(
    handle: AppHandle,
    app: tauri::State<'_, AppState>,
    title: String,
    current: Option<String>,
) -> Result<Option<String>, ApiError> {
    let folder = current.and_then(|c| app.grants.check(&c, &app.settings()).ok());
    let ask = Ask::ExportFolder { folder };
    let chosen = files::choose(&handle, &app.grants, ask, title, String::new()).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

#[tauri::command]
async fn export_files(
    app: tauri::State<'_, AppState>,
    mut request: ExportRequest,
) -> Result<ExportResult, ApiError> {
    let folder = app.grants.check(&request.folder, &app.settings())?;
    request.folder = folder.display().to_string();
    let doc = current_document(&app)?;
    let outcome = export::export(&doc, &request, now())?;
    for file in &outcome.files {
        app.grants.grant(std::path::Path::new(file));
    }
    let settings = if outcome.files.is_empty() {
        app.settings().clone()
    } else {
        app.update_settings(|s| {
            s.last_export_dir = Some(request.folder.clone());
            s.export_pattern = Some(request.pattern.clone());
        })
    };
    Ok(ExportResult { outcome, settings })
}

/// Shows an exported file in the file manager, or opens an export folder. Only granted
/// paths; a file is never opened (that could run it), only shown in its folder.
#[tauri::command]
fn open_folder(
    handle: AppHandle,
    app: tauri::State<'_, AppState>,
    path: String,
) -> Result<(), ApiError> {
    let p = app.grants.check(&path, &app.settings())?;
    let result = if p.is_file() {
        handle.opener().reveal_item_in_dir(&p)
    } else if p.is_dir() {
        handle
            .opener()
            .open_path(p.display().to_string(), None::<&str>)
    } else {
        return Err(ApiError::new(
            "open-failed",
            format!("{path}: no such file or folder"),
        ));
    };
    result.map_err(|e| ApiError::new("open-failed", e.to_string()))
}

/// Opens the system print dialog for the window, whose print style shows only the exact PDF
/// pages the UI prepared. (Through the webview rather than `window.print()`, which WKWebView on
/// macOS ignores.) Under the end-to-end tests' scripted dialogs no dialog is opened.
#[tauri::command]
fn print_window(window: tauri::WebviewWindow) -> Result<(), ApiError> {
    if std::env::var_os(files::SCRIPTED_ANSWERS_VAR).is_some() {
        return Ok(());
    }
    window
        .print()
        .map_err(|e| ApiError::new("print-failed", e.to_string()))
}

/// Closes the window for good (after the UI has dealt with unsaved changes).
#[tauri::command]
fn quit(window: tauri::Window, app: tauri::State<'_, AppState>) -> Result<(), ApiError> {
    // Unsaved changes were dealt with: release the lock, drop the journal entry.
    app.session().close();
    window
        .destroy()
        .map_err(|e| ApiError::new("window-failed", e.to_string()))
}

/// Seconds between writes of unsaved edits to the recovery journal (while there are any).
const JOURNAL_INTERVAL_SECS: u64 = 1;
/// Seconds between lock heartbeats (stale after `jobdoc_store::lock::DEFAULT_MAX_SILENCE_SECS`).
const HEARTBEAT_INTERVAL_SECS: u64 = 60;

/// A background thread that records unsaved edits to the recovery journal and keeps the
/// lock's heartbeat. A lost lock (taken over by someone) is reported to the UI.
fn keep_watch(handle: AppHandle) {
    std::thread::spawn(move || {
        let mut ticks: u64 = 0;
        loop {
            std::thread::sleep(std::time::Duration::from_secs(JOURNAL_INTERVAL_SECS));
            ticks += JOURNAL_INTERVAL_SECS;
            let Some(state) = handle.try_state::<AppState>() else {
                continue;
            };
            let lost = {
                let mut session = state.session();
                if let Err(e) = session.write_recovery(now()) {
                    eprintln!("jobdoc: {e}");
                }
                if ticks.is_multiple_of(HEARTBEAT_INTERVAL_SECS) {
                    session.heartbeat(now()).err()
                } else {
                    None
                }
            };
            if let Some(error) = lost {
                let _ = handle.emit("lock-lost", error);
            }
        }
    });
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let settings_path = app
                .path()
                .app_config_dir()
                .ok()
                .map(|d| d.join("settings.json"));
            let mut settings = settings_path
                .as_deref()
                .map(Settings::load)
                .unwrap_or_default();

            // Locks name this process; unsaved edits go to the journal in the data folder.
            let owner = LockOwner::current(now());
            let journal = app
                .path()
                .app_data_dir()
                .ok()
                .and_then(|d| RecoveryJournal::open(&d.join("recovery"), owner.clone()).ok());
            let mut session = Session::with_owner(owner, journal);
            let grants = Grants::default();

            // A .jobdoc file passed on the command line (file association) opens at once.
            let mut startup_error = None;
            if let Some(arg) = std::env::args_os()
                .skip(1)
                .find(|a| !a.to_string_lossy().starts_with('-'))
            {
                let path = files::normalise(&PathBuf::from(arg));
                grants.grant(&path);
                match session.open(&path, now()) {
                    Ok(()) => {
                        remove_stale_temporaries(&path);
                        settings.add_recent(&path.display().to_string())
                    }
                    Err(e) => startup_error = Some(e),
                }
            }
            let ru = match settings.ui_language.as_deref() {
                Some(lang) => lang == "ru",
                None => menu::system_prefers_russian(),
            };
            menu::install(app.handle(), ru)?;
            app.manage(AppState {
                session: Mutex::new(session),
                settings: Mutex::new(settings),
                settings_path,
                startup_error: Mutex::new(startup_error),
                grants,
            });
            keep_watch(app.handle().clone());
            Ok(())
        })
        .on_menu_event(|app, event| {
            let _ = app.emit("menu", event.id().as_ref());
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                let dirty = window.state::<AppState>().session().is_dirty();
                if dirty {
                    // The UI asks whether to save, then calls `quit`.
                    api.prevent_close();
                    let _ = window.emit("close-requested", ());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            startup,
            list_templates,
            get_state,
            new_document,
            choose_document_to_open,
            open_document,
            reload_document,
            take_over_lock,
            restore_recovery,
            discard_recovery,
            close_document,
            edit,
            seal,
            undo,
            redo,
            choose_save_path,
            save_document,
            remove_recent,
            set_ui_language,
            quit,
            print_window,
            preview::preview_pdf,
            suggested_base_name,
            choose_export_folder,
            export_files,
            open_folder,
        ])
        .build(tauri::generate_context!())
        .expect("error while building Jobdoc")
        .run(|handle, event| {
            if let RunEvent::Exit = event {
                // The lock must not outlive the editor. (Unsaved edits, if any, stay in the
                // journal only when the editor is killed; a normal exit has asked first.)
                if let Some(state) = handle.try_state::<AppState>() {
                    let mut session = state.session();
                    if !session.is_dirty() {
                        session.close();
                    }
                }
            }
        });
}
