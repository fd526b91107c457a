//! Jobdoc's desktop shell: Tauri commands that convert their input, read the clock, make ids
//! and show dialogs, then call one method of [`Desk`] (`jobdoc-session`), where every decision
//! lives and is tested without a window, and convert the result. Failures reach the UI as
//! [`ApiError`] in the UI's language ([`Desk::api_error`]).

mod docfind;
mod editions;
mod files;
mod importing;
mod library;
mod menu;
mod print;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use jobdoc_model::error::language_from_locale;
use jobdoc_model::templates::{self, TemplateInfo};
use jobdoc_model::{Document, Language, Timestamp};
use jobdoc_session::desk::{file_argument, Reveal, Start};
use jobdoc_session::export::ExportRequest;
use jobdoc_session::grants::Choice;
use jobdoc_session::printing::{PrintChoice, Printers};
use jobdoc_session::settings::Settings;
use jobdoc_session::transport::{ExportResult, Opened, PrintOutcome, Startup};
use jobdoc_session::{ApiError, Desk, DesktopAction, RecoveryOffer, SessionError, State};
use jobdoc_store::lock::LockOwner;
use tauri::{AppHandle, Emitter, Manager, RunEvent, WindowEvent};
use tauri_plugin_opener::OpenerExt;

use files::Ask;

type Shared<'a> = tauri::State<'a, Desk>;

fn now() -> Timestamp {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Timestamp::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `result` for the UI: a failure in the UI's language.
fn reply<T>(desk: &Desk, result: Result<T, SessionError>) -> Result<T, ApiError> {
    result.map_err(|e| desk.api_error(&e))
}

fn desktop(action: DesktopAction, detail: impl ToString) -> SessionError {
    SessionError::Desktop {
        action,
        detail: detail.to_string(),
    }
}

fn shown(path: Option<PathBuf>) -> Option<String> {
    path.map(|p| p.display().to_string())
}

/// Shows the dialog `ask`; what the user picked is granted as `choice` (`None`: cancelled).
async fn choose_granted(
    handle: &AppHandle,
    desk: &Desk,
    ask: Ask,
    choice: Choice,
    title: String,
    filter_name: String,
) -> Result<Option<String>, ApiError> {
    let chosen = reply(desk, files::choose(handle, ask, title, filter_name).await)?;
    Ok(shown(chosen.map(|p| desk.chosen(choice, p))))
}

#[tauri::command]
fn startup(desk: Shared<'_>) -> Startup {
    desk.startup()
}

#[tauri::command]
fn list_templates() -> Vec<TemplateInfo> {
    templates::list()
}

#[tauri::command]
fn get_state(desk: Shared<'_>) -> State {
    desk.state()
}

/// A new document from `template`, or a blank one in `language` when no template is given.
#[tauri::command]
fn new_document(
    desk: Shared<'_>,
    template: Option<String>,
    language: Option<Language>,
) -> Result<State, ApiError> {
    reply(
        &desk,
        desk.new_document(template.as_deref(), language, &new_id(), now()),
    )
}

/// Shows the Open dialog; the chosen file may then be opened.
#[tauri::command]
async fn choose_document_to_open(
    handle: AppHandle,
    desk: Shared<'_>,
    title: String,
    filter_name: String,
) -> Result<Option<String>, ApiError> {
    choose_granted(
        &handle,
        &desk,
        Ask::OpenDocument,
        Choice::OpenDocument,
        title,
        filter_name,
    )
    .await
}

/// Opens a file the user chose (a dialog, the recent list).
#[tauri::command]
fn open_document(desk: Shared<'_>, path: String) -> Result<Opened, ApiError> {
    reply(&desk, desk.open(&path, now()))
}

/// Reads the document's file again, dropping unsaved edits (after the user agreed).
#[tauri::command]
fn reload_document(desk: Shared<'_>) -> Result<State, ApiError> {
    reply(&desk, desk.reload(now()))
}

/// Takes over the lock of a document whose holder is gone (after the user confirmed).
#[tauri::command]
fn take_over_lock(desk: Shared<'_>) -> Result<State, ApiError> {
    reply(&desk, desk.take_over(now()))
}

/// Opens the unsaved edits `id` left by an editor that ended without saving.
#[tauri::command]
fn restore_recovery(desk: Shared<'_>, id: String) -> Result<State, ApiError> {
    reply(&desk, desk.restore(&id, now()))
}

/// Deletes the unsaved edits `id` (the user declined them); returns what is left to offer.
#[tauri::command]
fn discard_recovery(desk: Shared<'_>, id: String) -> Result<Vec<RecoveryOffer>, ApiError> {
    reply(&desk, desk.discard_recovery(&id))
}

#[tauri::command]
fn close_document(desk: Shared<'_>) -> State {
    desk.close()
}

/// Replaces the document with the edited copy. `key` names the field being typed in; `at`
/// is when the user made the edit (ms since the epoch, UI clock), so that a slow queue of IPC
/// calls does not split one run of typing into several undo steps.
#[tauri::command]
fn edit(
    desk: Shared<'_>,
    document: Document,
    key: Option<String>,
    at: Option<u64>,
) -> Result<State, ApiError> {
    reply(
        &desk,
        desk.edit(document, key.as_deref(), at.unwrap_or_else(now_ms)),
    )
}

/// Ends a typing run so that the next keystroke starts a new undo step.
#[tauri::command]
fn seal(desk: Shared<'_>) {
    desk.seal();
}

#[tauri::command]
fn undo(desk: Shared<'_>) -> Result<State, ApiError> {
    reply(&desk, desk.undo())
}

#[tauri::command]
fn redo(desk: Shared<'_>) -> Result<State, ApiError> {
    reply(&desk, desk.redo())
}

/// Shows the Save As dialog, suggesting `file_name` beside the current file.
#[tauri::command]
async fn choose_save_path(
    handle: AppHandle,
    desk: Shared<'_>,
    title: String,
    filter_name: String,
    file_name: String,
) -> Result<Option<String>, ApiError> {
    let ask = Ask::SaveDocument {
        folder: desk.save_dialog_folder(),
        file_name,
    };
    let chosen = reply(&desk, files::choose(&handle, ask, title, filter_name).await)?;
    Ok(shown(chosen.map(|p| desk.chosen(Choice::SaveDocument, p))))
}

/// Saves to `path` (chosen in the Save As dialog), or to the current file when `path` is
/// `None`. `overwrite`: the file changed on disk and the user chose to replace it.
#[tauri::command]
fn save_document(
    desk: Shared<'_>,
    path: Option<String>,
    overwrite: Option<bool>,
) -> Result<Opened, ApiError> {
    reply(
        &desk,
        desk.save(path.as_deref(), overwrite.unwrap_or(false), now()),
    )
}

#[tauri::command]
fn remove_recent(desk: Shared<'_>, path: String) -> Settings {
    desk.remove_recent(&path)
}

/// Switches the UI language and rebuilds the native menu in it.
#[tauri::command]
fn set_ui_language(
    handle: AppHandle,
    desk: Shared<'_>,
    language: Language,
) -> Result<Settings, ApiError> {
    let settings = desk.set_ui_language(language);
    let built = menu::install(&handle, language).map_err(|e| desktop(DesktopAction::BuildMenu, e));
    reply(&desk, built.map(|()| settings))
}

/// The safe file name (no extension) an export with `pattern` would use.
#[tauri::command]
fn suggested_base_name(desk: Shared<'_>, pattern: String) -> Result<String, ApiError> {
    reply(&desk, desk.suggested_base_name(&pattern))
}

/// Shows the folder dialog for exports, starting in `current` when it is a granted folder.
#[tauri::command]
async fn choose_export_folder(
    handle: AppHandle,
    desk: Shared<'_>,
    title: String,
    current: Option<String>,
) -> Result<Option<String>, ApiError> {
    let ask = Ask::ExportFolder {
        folder: desk.export_dialog_folder(current.as_deref()),
    };
    let chosen = reply(
        &desk,
        files::choose(&handle, ask, title, String::new()).await,
    )?;
    Ok(shown(chosen.map(|p| desk.chosen(Choice::ExportFolder, p))))
}

/// Async so that the export runs off the main thread.
#[tauri::command]
async fn export_files(desk: Shared<'_>, request: ExportRequest) -> Result<ExportResult, ApiError> {
    reply(&desk, desk.export_files(request, now()))
}

/// The live preview: the PDF of the current document for pdf.js behind a short header with one
/// key per page (see `jobdoc_session::export::preview_payload`), as raw bytes (no JSON);
/// `ui/src/lib/previewPayload.ts` splits it. Async so that the export runs off the main thread.
#[tauri::command]
async fn preview_pdf(desk: Shared<'_>) -> Result<tauri::ipc::Response, ApiError> {
    reply(&desk, desk.preview(now())).map(tauri::ipc::Response::new)
}

/// Shows an exported file in the file manager, or opens an export folder. Only granted
/// paths; a file is never opened (that could run it), only shown in its folder.
#[tauri::command]
fn open_folder(handle: AppHandle, desk: Shared<'_>, path: String) -> Result<(), ApiError> {
    let shown = desk.reveal(&path).and_then(|reveal| {
        match reveal {
            Reveal::File(p) => handle.opener().reveal_item_in_dir(&p),
            Reveal::Folder(p) => handle
                .opener()
                .open_path(p.display().to_string(), None::<&str>),
        }
        .map_err(|e| desktop(DesktopAction::ShowInFileManager, e))
    });
    reply(&desk, shown)
}

/// Opens the system print dialog for the window, whose print style shows only the exact PDF
/// pages the UI prepared. (Through the webview rather than `window.print()`, which WKWebView on
/// macOS ignores.) Under the end-to-end tests' scripted dialogs no dialog is opened. The UI
/// uses it where [`print_document`] cannot print the PDF itself.
#[tauri::command]
fn print_window(window: tauri::WebviewWindow, desk: Shared<'_>) -> Result<(), ApiError> {
    if std::env::var_os(files::SCRIPTED_ANSWERS_VAR).is_some() {
        return Ok(());
    }
    let printed = window.print().map_err(|e| desktop(DesktopAction::Print, e));
    reply(&desk, printed)
}

/// Prints the exact PDF an export would write, through the system print dialog (Linux: GTK's,
/// the job's document is the PDF itself). Not async: GTK runs on the main thread, where Tauri
/// runs synchronous commands. `Unsupported` tells the UI to fall back to [`print_window`].
#[tauri::command]
fn print_document(
    window: tauri::WebviewWindow,
    desk: Shared<'_>,
    title: String,
) -> Result<PrintOutcome, ApiError> {
    print_pdf(&window, &desk, &title, || {
        desk.document()
            .and_then(|doc| jobdoc_session::export::pdf(&doc, now()))
    })
}

/// Prints edition `number` exactly as approved (the bytes its export writes), like
/// [`print_document`].
#[tauri::command]
fn print_edition(
    window: tauri::WebviewWindow,
    desk: Shared<'_>,
    number: u32,
    title: String,
) -> Result<PrintOutcome, ApiError> {
    print_pdf(&window, &desk, &title, || desk.edition_pdf(number))
}

/// The preview payload of edition `number` as approved, for the web view's print fallback.
/// Async so that the export runs off the main thread.
#[tauri::command]
async fn edition_preview(desk: Shared<'_>, number: u32) -> Result<tauri::ipc::Response, ApiError> {
    let pdf = reply(&desk, desk.edition_pdf(number))?;
    Ok(tauri::ipc::Response::new(
        jobdoc_session::export::preview_payload(&pdf),
    ))
}

/// Sends the PDF `make` builds to the printer the user chooses (or the scripted one).
fn print_pdf(
    window: &tauri::WebviewWindow,
    desk: &Desk,
    title: &str,
    make: impl FnOnce() -> Result<jobdoc_session::export::PdfFile, SessionError>,
) -> Result<PrintOutcome, ApiError> {
    if !print::SUPPORTED {
        return Ok(PrintOutcome::Unsupported);
    }
    // Under the end-to-end tests' scripted dialogs: a scripted printer and settings (the job
    // goes to that printer as from the dialog), or else the web view's path, whose prepared
    // pages the tests check (no dialog is opened there either).
    let scripted = std::env::var_os(files::SCRIPTED_ANSWERS_VAR).is_some();
    let chosen = if scripted {
        match files::scripted_printer() {
            Some(files::ScriptedPrint::Printer(printer, settings)) => Some((printer, settings)),
            Some(files::ScriptedPrint::JobdocDialog) => return Ok(PrintOutcome::ChooseHere),
            None => return Ok(PrintOutcome::Unsupported),
        }
    } else if gtk_print_freezes() {
        return Ok(PrintOutcome::ChooseHere);
    } else {
        None
    };
    let pdf = reply(desk, make())?;
    let printed = match chosen {
        Some((printer, settings)) => {
            print::print_pdf_to(&printer, &settings, title, &pdf.bytes, &new_id())
        }
        None => print::print_pdf(window, title, &pdf.bytes, &new_id()),
    }
    .map(|outcome| match outcome {
        print::Outcome::Printed => PrintOutcome::Printed,
        print::Outcome::Cancelled => PrintOutcome::Cancelled,
        print::Outcome::Opened => PrintOutcome::Opened,
    })
    .map_err(|e| desktop(DesktopAction::Print, e));
    reply(desk, printed)
}

/// Whether GTK's print dialog would freeze in this process (Linux with Debian 12's libcups2
/// from 2.4.2-3+deb12u10 on, OpenPrinting/cups#1429): then Jobdoc's own dialog asks and `lp`
/// prints ([`print_document_with`]).
fn gtk_print_freezes() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let library_path = std::env::var("LD_LIBRARY_PATH").unwrap_or_default();
    jobdoc_session::printing::gtk_print_freezes(
        &maps,
        &library_path,
        |dir| dir.join("libcups.so.2").exists(),
        || {
            let status = std::fs::read_to_string("/var/lib/dpkg/status").ok()?;
            jobdoc_session::printing::installed_libcups2(&status)
        },
    )
}

/// The printers CUPS lists, for Jobdoc's print dialog. Async: `lpstat` may wait for the
/// scheduler.
#[tauri::command]
async fn list_printers(desk: Shared<'_>) -> Result<Printers, ApiError> {
    reply(&desk, jobdoc_session::printing::list_printers())
}

/// Prints the exact PDF an export would write with the choice made in Jobdoc's print dialog
/// (through `lp`), where GTK's dialog would freeze.
#[tauri::command]
async fn print_document_with(
    desk: Shared<'_>,
    choice: PrintChoice,
    title: String,
) -> Result<(), ApiError> {
    let pdf = reply(
        &desk,
        desk.document()
            .and_then(|doc| jobdoc_session::export::pdf(&doc, now())),
    )?;
    print_with_lp(&desk, &choice, &title, &pdf)
}

/// Prints edition `number` as approved, like [`print_document_with`].
#[tauri::command]
async fn print_edition_with(
    desk: Shared<'_>,
    number: u32,
    choice: PrintChoice,
    title: String,
) -> Result<(), ApiError> {
    let pdf = reply(&desk, desk.edition_pdf(number))?;
    print_with_lp(&desk, &choice, &title, &pdf)
}

fn print_with_lp(
    desk: &Desk,
    choice: &PrintChoice,
    title: &str,
    pdf: &jobdoc_session::export::PdfFile,
) -> Result<(), ApiError> {
    let spool = std::env::temp_dir().join(format!("jobdoc-print-{}.pdf", new_id()));
    let count = pdf.page_keys.len();
    reply(
        desk,
        jobdoc_session::printing::print_pdf(choice, title, &pdf.bytes, count, &spool),
    )
}

/// Files handed to the running app after it started (a second launch, macOS "open with"),
/// until the UI takes them ([`take_opened_file`]).
#[derive(Default)]
struct Handed(Mutex<Option<String>>);

/// `file` was named by the person launching the app again: as good as chosen in a dialog.
/// Kept for the UI, which is told to come and take it (it asks about unsaved changes first).
fn hand_to_ui(app: &AppHandle, file: PathBuf) {
    let (Some(desk), Some(handed)) = (app.try_state::<Desk>(), app.try_state::<Handed>()) else {
        return;
    };
    let path = desk.chosen(Choice::OpenDocument, file);
    *handed.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.display().to_string());
    let _ = app.emit("file-handed", ());
}

/// A second launch (`jobdoc-app some.jobdoc`, e.g. a double click in the file manager while
/// Jobdoc runs): the running window comes forward and opens the file.
fn second_launch(app: &AppHandle, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Some(file) = file_argument(argv.into_iter().skip(1).map(OsString::from)) {
        // A relative path is relative to where the second launch ran.
        hand_to_ui(app, Path::new(&cwd).join(file));
    }
}

/// The file handed over since the UI last asked, if any.
#[tauri::command]
fn take_opened_file(handed: tauri::State<'_, Handed>) -> Option<String> {
    handed.0.lock().unwrap_or_else(|e| e.into_inner()).take()
}

/// Closes the window for good (after the UI has dealt with unsaved changes).
#[tauri::command]
fn quit(window: tauri::Window, desk: Shared<'_>) -> Result<(), ApiError> {
    // Unsaved changes were dealt with: release the lock, drop the journal entry.
    desk.close();
    let closed = window
        .destroy()
        .map_err(|e| desktop(DesktopAction::CloseWindow, e));
    reply(&desk, closed)
}

/// A background thread that wakes every second and lets the desk record unsaved edits and
/// keep the lock's heartbeat ([`Desk::tick`]). A lost lock is reported to the UI.
fn keep_watch(handle: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let Some(desk) = handle.try_state::<Desk>() else {
            continue;
        };
        let tick = desk.tick(now());
        if let Some(e) = tick.journal_failed {
            eprintln!("jobdoc: {e}");
        }
        if let Some(e) = tick.lock_lost {
            let _ = handle.emit("lock-lost", desk.api_error(&e));
        }
    });
}

pub fn run() {
    let mut builder = tauri::Builder::default();
    // One window for all files: a second launch hands its file to the first and ends. Not
    // under the end-to-end tests, which start the app again right after quitting it.
    if std::env::var_os(files::SCRIPTED_ANSWERS_VAR).is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(second_launch));
    }
    builder
        .manage(Handed::default())
        .manage(jobdoc_session::docfind::ClauseLibrary::new())
        .manage(importing::BatchCancel::default())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let paths = app.path();
            let desk = Desk::start(Start {
                // Locks name this process; unsaved edits go to the journal in the data folder.
                owner: LockOwner::current(now()),
                journal_dir: paths.app_data_dir().ok().map(|d| d.join("recovery")),
                settings_path: paths.app_config_dir().ok().map(|d| d.join("settings.json")),
                // A .jobdoc file passed on the command line (file association) opens at once.
                file: file_argument(std::env::args_os().skip(1)),
                system_language: language_from_locale(|k| std::env::var(k).ok()),
                now: now(),
            });
            menu::install(app.handle(), desk.language())?;
            app.manage(desk);
            // The library screen; search indexes live in the data folder, never on the share.
            app.manage(jobdoc_session::library::Shelf::new(
                paths.app_data_dir().ok(),
            ));
            keep_watch(app.handle().clone());
            Ok(())
        })
        .on_menu_event(|app, event| {
            let _ = app.emit("menu", event.id().as_ref());
        })
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(drop) = event {
                importing::drag_drop(window, drop);
            }
            if let WindowEvent::CloseRequested { api, .. } = event {
                if window.state::<Desk>().is_dirty() {
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
            print_document,
            print_edition,
            edition_preview,
            list_printers,
            print_document_with,
            print_edition_with,
            take_opened_file,
            preview_pdf,
            suggested_base_name,
            choose_export_folder,
            export_files,
            open_folder,
            editions::approve_edition,
            editions::editions_view,
            editions::edition_document,
            editions::compare_sides,
            editions::export_edition,
            editions::export_changes,
            editions::export_register,
            editions::export_copies,
            editions::choose_staff_list,
            editions::import_staff,
            docfind::find_in_document,
            docfind::replace_all_in_document,
            docfind::replace_one_in_document,
            docfind::search_clauses,
            docfind::clause_positions,
            docfind::insert_library_clauses,
            docfind::rename_position,
            library::choose_library_folder,
            library::library_open,
            library::library_refresh,
            library::library_close,
            library::remove_recent_library,
            library::library_open_document,
            library::library_duplicate,
            library::library_rename,
            library::library_archive,
            library::library_update_index,
            library::library_search,
            library::library_replace_preview,
            library::library_replace_apply,
            library::library_batch_export,
            library::library_cancel_batch,
            importing::choose_files_to_import,
            importing::import_review,
            importing::import_reassign,
            importing::accept_import,
            importing::import_batch,
            importing::cancel_import_batch,
        ])
        .build(tauri::generate_context!())
        .expect("error while building Jobdoc")
        .run(|handle, event| match event {
            RunEvent::Exit => {
                if let Some(desk) = handle.try_state::<Desk>() {
                    desk.exit();
                }
            }
            // macOS hands files opened from Finder to the running app as URLs.
            #[cfg(any(target_os = "macos", target_os = "ios"))]
            RunEvent::Opened { urls } => {
                for url in urls {
                    if let Ok(file) = url.to_file_path() {
                        hand_to_ui(handle, file);
                    }
                }
            }
            _ => {}
        });
}
