//! Jobdoc's desktop shell: Tauri commands that convert their input and delegate to
//! `jobdoc-session` (editor state) and the model/export crates. No editing logic lives here.

mod menu;
mod preview;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use jobdoc_model::templates::{self, TemplateInfo};
use jobdoc_model::{Document, Language};
use jobdoc_session::export::{self, ExportOutcome, ExportRequest};
use jobdoc_session::settings::Settings;
use jobdoc_session::{names, time, ApiError, Session, State};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, WindowEvent};
use tauri_plugin_opener::OpenerExt;

/// Everything the shell keeps: the editor session and the preferences.
pub(crate) struct AppState {
    session: Mutex<Session>,
    settings: Mutex<Settings>,
    settings_path: Option<PathBuf>,
    /// Why the file passed on the command line could not be opened, reported once.
    startup_error: Mutex<Option<ApiError>>,
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

pub(crate) fn now_rfc3339() -> String {
    let secs = unix_now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    time::rfc3339_utc(secs)
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

/// What the UI needs when it starts.
#[derive(Serialize)]
struct Startup {
    state: State,
    settings: Settings,
    /// The file named on the command line could not be opened.
    error: Option<ApiError>,
}

#[tauri::command]
fn startup(app: tauri::State<'_, AppState>) -> Startup {
    Startup {
        state: app.session().state(),
        settings: app.settings().clone(),
        error: app
            .startup_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take(),
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
        Some(id) => session.new_from_template(&id, &new_id(), &now_rfc3339())?,
        None => session.new_blank(language.unwrap_or(Language::Ru), &new_id(), &now_rfc3339()),
    }
    Ok(session.state())
}

#[derive(Serialize)]
struct Opened {
    state: State,
    settings: Settings,
}

#[tauri::command]
fn open_document(app: tauri::State<'_, AppState>, path: String) -> Result<Opened, ApiError> {
    let result = app.session().open(&PathBuf::from(&path));
    match result {
        Ok(()) => {
            let settings = app.update_settings(|s| s.add_recent(&path));
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

/// Saves to `path`, or to the current file when `path` is `None`.
#[tauri::command]
fn save_document(
    app: tauri::State<'_, AppState>,
    path: Option<String>,
) -> Result<Opened, ApiError> {
    let saved_path = {
        let mut session = app.session();
        match &path {
            Some(p) => session.save_as(&PathBuf::from(p), &now_rfc3339())?,
            None => session.save(&now_rfc3339())?,
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

#[tauri::command]
async fn export_files(
    app: tauri::State<'_, AppState>,
    request: ExportRequest,
) -> Result<ExportResult, ApiError> {
    let doc = current_document(&app)?;
    let outcome = export::export(&doc, &request, &now_rfc3339())?;
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

/// Shows an exported file in the file manager (or opens a folder).
#[tauri::command]
fn open_folder(handle: AppHandle, path: String) -> Result<(), ApiError> {
    let p = PathBuf::from(&path);
    let result = if p.is_file() {
        handle.opener().reveal_item_in_dir(&p)
    } else {
        handle.opener().open_path(path, None::<&str>)
    };
    result.map_err(|e| ApiError::new("open-failed", e.to_string()))
}

/// Closes the window for good (after the UI has dealt with unsaved changes).
#[tauri::command]
fn quit(window: tauri::Window) -> Result<(), ApiError> {
    window
        .destroy()
        .map_err(|e| ApiError::new("window-failed", e.to_string()))
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

            // A .jobdoc file passed on the command line (file association) opens at once.
            let mut session = Session::new();
            let mut startup_error = None;
            if let Some(arg) = std::env::args_os()
                .skip(1)
                .find(|a| !a.to_string_lossy().starts_with('-'))
            {
                let path = PathBuf::from(arg);
                let path = std::path::absolute(&path).unwrap_or(path);
                match session.open(&path) {
                    Ok(()) => settings.add_recent(&path.display().to_string()),
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
            });
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
            open_document,
            close_document,
            edit,
            seal,
            undo,
            redo,
            save_document,
            remove_recent,
            set_ui_language,
            quit,
            preview::preview_pdf,
            suggested_base_name,
            export_files,
            open_folder,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Jobdoc");
}
