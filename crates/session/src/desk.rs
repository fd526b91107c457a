//! [`Desk`]: everything the editor window decides, without the window. It holds the
//! [`Session`], the [`Settings`] (and where they are kept), the path [`Grants`] and the watch
//! [`Schedule`], and runs each flow the shell's commands need: open (with the clean-up of
//! stale temporary files and the recent list), save / save as / overwrite, export, the
//! recovery offers, startup with a file from the command line, and the watch tick that writes
//! the journal and refreshes the lock. The shell only converts arguments, reads the clock,
//! shows dialogs, calls one method and converts the result ([`Desk::api_error`]).
//!
//! It lives in the session crate rather than a crate of its own: it is the session plus the
//! few things kept beside it, with the same dependencies (model, store, export), and the
//! design gives this crate the editor's state "behind the shell (document, undo, file, grants,
//! recovery)". A separate crate would add a dependency edge and nothing else.
//!
//! A `Desk` is shared between the shell's commands (some of them async, on other threads) and
//! its watch thread, so it locks inside. The session is locked before the settings, never the
//! other way round; no lock is held while a document is exported or a dialog is open.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jobdoc_model::{Document, FileError, Language, Timestamp};
use jobdoc_store::{LockOwner, RecoveryJournal};

use crate::error::{ApiError, SessionError};
use crate::export::{self, ExportRequest};
use crate::grants::{normalise, Choice, Grants};
use crate::names;
use crate::session::{RecoveryOffer, Session, State};
use crate::settings::Settings;
use crate::transport::{ExportResult, Opened, Startup};
use crate::watch::Schedule;

mod editions;
pub use editions::StaffImported;
mod import;

/// Hidden temporary files of interrupted saves older than this are removed when a document
/// beside them is opened (a save in progress is never that old).
pub const STALE_TEMPORARY_AGE: Duration = Duration::from_secs(600);

/// What the editor starts with; the shell finds it out (folders, the environment, the clock).
#[derive(Debug, Clone)]
pub struct Start {
    /// This process as lock holder.
    pub owner: LockOwner,
    /// Where the recovery journal lives (`None`: no journal).
    pub journal_dir: Option<PathBuf>,
    /// The settings file (`None`: nothing is remembered between runs).
    pub settings_path: Option<PathBuf>,
    /// The document named on the command line (see [`file_argument`]).
    pub file: Option<PathBuf>,
    /// The language of the system's locale, for messages while the settings name none.
    pub system_language: Language,
    pub now: Timestamp,
}

/// The document named on the command line: the first argument that is not an option.
/// `args` leaves out the program's name.
pub fn file_argument(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    args.into_iter()
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
}

/// What the file manager should do with a path the UI wants to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reveal {
    /// Show the file selected in its folder (a file is never opened: that could run it).
    File(PathBuf),
    /// Open the folder.
    Folder(PathBuf),
}

/// What a watch tick found.
#[derive(Debug, Default)]
pub struct Tick {
    /// The unsaved edits could not be recorded (worth a line in the log; the next tick tries
    /// again).
    pub journal_failed: Option<SessionError>,
    /// Someone took the lock over: the document is read-only now; tell the user.
    pub lock_lost: Option<SessionError>,
}

/// The editor behind the window (see the module documentation).
#[derive(Debug)]
pub struct Desk {
    session: Mutex<Session>,
    settings: Mutex<Settings>,
    settings_path: Option<PathBuf>,
    pub(crate) grants: Grants,
    system_language: Language,
    /// Why the file named on the command line did not open, until the UI asks once.
    startup_error: Mutex<Option<SessionError>>,
    schedule: Mutex<Schedule>,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `now` as the file system's clock reads it.
fn system_time(now: Timestamp) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(now.unix_seconds()).unwrap_or(0))
}

impl Desk {
    /// The editor at start: settings read, the journal opened (if its folder can be made),
    /// and the document named on the command line opened — a failure to open it is kept for
    /// [`Desk::startup`].
    pub fn start(start: Start) -> Desk {
        let settings = start
            .settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        let journal = start
            .journal_dir
            .as_deref()
            .and_then(|dir| RecoveryJournal::open(dir, start.owner.clone()).ok());
        let desk = Desk {
            session: Mutex::new(Session::with_owner(start.owner, journal)),
            settings: Mutex::new(settings),
            settings_path: start.settings_path,
            grants: Grants::default(),
            system_language: start.system_language,
            startup_error: Mutex::new(None),
            schedule: Mutex::new(Schedule::new(start.now)),
        };
        if let Some(file) = start.file {
            // Named by the person starting the app: as good as chosen in a dialog.
            let file = normalise(&file);
            desk.grants.grant(&file);
            let name = file.display().to_string();
            if let Err(e) = desk.open_granted(&file, &name, start.now) {
                *locked(&desk.startup_error) = Some(e);
            }
        }
        desk
    }

    pub(crate) fn session(&self) -> MutexGuard<'_, Session> {
        locked(&self.session)
    }

    pub(crate) fn settings(&self) -> MutexGuard<'_, Settings> {
        locked(&self.settings)
    }

    /// Applies `change` to the settings and writes them (best effort: preferences must never
    /// block editing). Returns the new settings.
    pub(crate) fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Settings {
        let mut settings = self.settings();
        change(&mut settings);
        if let Some(path) = &self.settings_path {
            let _ = settings.save(path);
        }
        settings.clone()
    }

    /// The UI's language: the one chosen in the settings, else the system's.
    pub fn language(&self) -> Language {
        self.settings().ui_language.unwrap_or(self.system_language)
    }

    /// `error` as the UI receives it, its message in the UI's language.
    pub fn api_error(&self, error: &SessionError) -> ApiError {
        ApiError::new(error, self.language())
    }

    /// What the UI needs when it starts; the startup error is reported once.
    pub fn startup(&self) -> Startup {
        let error = locked(&self.startup_error).take();
        let error = error.map(|e| self.api_error(&e));
        let session = self.session();
        Startup {
            state: session.state(),
            recovery: session.recovery_offers(),
            settings: self.settings().clone(),
            error,
            fields: jobdoc_model::Field::ALL
                .map(jobdoc_model::Field::info)
                .to_vec(),
        }
    }

    pub fn state(&self) -> State {
        self.session().state()
    }

    /// Whether the document has unsaved changes (closing the window asks first).
    pub fn is_dirty(&self) -> bool {
        self.session().is_dirty()
    }

    /// A copy of the open document.
    pub fn document(&self) -> Result<Document, SessionError> {
        self.session()
            .document()
            .cloned()
            .ok_or(SessionError::NoDocument)
    }

    // Documents

    /// A new document from `template`, or a blank one in `language` (Russian unless given).
    pub fn new_document(
        &self,
        template: Option<&str>,
        language: Option<Language>,
        id: &str,
        now: Timestamp,
    ) -> Result<State, SessionError> {
        let mut session = self.session();
        match template {
            Some(t) => session.new_from_template(t, id, now)?,
            None => session.new_blank(language.unwrap_or(Language::Ru), id, now),
        }
        Ok(session.state())
    }

    /// Opens `path` (chosen in a dialog, or from the recent list).
    pub fn open(&self, path: &str, now: Timestamp) -> Result<Opened, SessionError> {
        let file = self.grants.check(path, &self.settings())?;
        self.open_granted(&file, path, now)
    }

    /// Opens `file` (named `named` by the UI): on success the stale temporary files of
    /// interrupted saves beside it go and it becomes the first recent file; a file that can no
    /// longer be read leaves the recent list.
    fn open_granted(
        &self,
        file: &Path,
        named: &str,
        now: Timestamp,
    ) -> Result<Opened, SessionError> {
        let mut session = self.session();
        match session.open(file, now) {
            Ok(()) => {
                let _ = jobdoc_store::remove_stale_temporaries(
                    file,
                    system_time(now),
                    STALE_TEMPORARY_AGE,
                );
                let settings = self.update_settings(|s| s.add_recent(&file.display().to_string()));
                Ok(Opened {
                    state: session.state(),
                    settings,
                })
            }
            Err(e) => {
                if matches!(e, SessionError::File(FileError::Read { .. })) {
                    let shown = file.display().to_string();
                    self.update_settings(|s| {
                        s.remove_recent(named);
                        s.remove_recent(&shown);
                    });
                }
                Err(e)
            }
        }
    }

    /// Reads the document's file again, dropping unsaved edits (after the user agreed).
    pub fn reload(&self, now: Timestamp) -> Result<State, SessionError> {
        let mut session = self.session();
        session.reload(now)?;
        Ok(session.state())
    }

    /// Takes over the lock of a document whose holder is gone (after the user confirmed).
    pub fn take_over(&self, now: Timestamp) -> Result<State, SessionError> {
        let mut session = self.session();
        session.take_over(now)?;
        Ok(session.state())
    }

    /// Opens the unsaved edits `id` left by an editor that ended without saving.
    pub fn restore(&self, id: &str, now: Timestamp) -> Result<State, SessionError> {
        let mut session = self.session();
        session.restore(id, now)?;
        Ok(session.state())
    }

    /// Deletes the unsaved edits `id` (the user declined them); returns what is left to offer.
    pub fn discard_recovery(&self, id: &str) -> Result<Vec<RecoveryOffer>, SessionError> {
        let mut session = self.session();
        session.discard_recovery(id)?;
        Ok(session.recovery_offers())
    }

    /// Back to the start screen: the lock is released, the journal entry dropped.
    pub fn close(&self) -> State {
        let mut session = self.session();
        session.close();
        session.state()
    }

    /// The app is going away. The lock must not outlive the editor; unsaved edits (the user
    /// was asked about them when the window closed) stay in the journal only if the editor
    /// ends without that question.
    pub fn exit(&self) {
        let mut session = self.session();
        if !session.is_dirty() {
            session.close();
        }
    }

    // Editing

    /// Replaces the document with the edited copy (see [`Session::edit`]).
    pub fn edit(
        &self,
        document: Document,
        key: Option<&str>,
        at_ms: u64,
    ) -> Result<State, SessionError> {
        let mut session = self.session();
        session.edit(document, key, at_ms)?;
        Ok(session.state())
    }

    pub fn seal(&self) {
        self.session().seal();
    }

    pub fn undo(&self) -> Result<State, SessionError> {
        let mut session = self.session();
        session.undo()?;
        Ok(session.state())
    }

    pub fn redo(&self) -> Result<State, SessionError> {
        let mut session = self.session();
        session.redo()?;
        Ok(session.state())
    }

    // Saving

    /// Saves to `path` (chosen in the Save As dialog), or to the current file when `path` is
    /// `None`: checked against changes on disk unless `overwrite` (the file changed and the
    /// user chose to replace it). The file saved to becomes the first recent file.
    pub fn save(
        &self,
        path: Option<&str>,
        overwrite: bool,
        now: Timestamp,
    ) -> Result<Opened, SessionError> {
        let target = match path {
            Some(p) => Some(self.grants.check(p, &self.settings())?),
            None => None,
        };
        let mut session = self.session();
        match (&target, overwrite) {
            (Some(p), _) => session.save_as(p, now)?,
            (None, true) => session.save_overwrite(now)?,
            (None, false) => session.save(now)?,
        }
        let settings = match session.path() {
            Some(p) => {
                let p = p.display().to_string();
                self.update_settings(|s| s.add_recent(&p))
            }
            None => self.settings().clone(),
        };
        Ok(Opened {
            state: session.state(),
            settings,
        })
    }

    // Settings

    pub fn remove_recent(&self, path: &str) -> Settings {
        self.update_settings(|s| s.remove_recent(path))
    }

    /// Makes `language` the UI's (the shell rebuilds the menu in it).
    pub fn set_ui_language(&self, language: Language) -> Settings {
        self.update_settings(|s| s.ui_language = Some(language))
    }

    // Dialogs (shown by the shell) and the paths they grant

    /// The folder the Save As dialog starts in: the current file's.
    pub fn save_dialog_folder(&self) -> Option<PathBuf> {
        self.session()
            .path()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    /// The folder the export folder dialog starts in: `current`, if it is granted.
    pub fn export_dialog_folder(&self, current: Option<&str>) -> Option<PathBuf> {
        current.and_then(|c| self.grants.check(c, &self.settings()).ok())
    }

    /// The path the user chose in a dialog shown for `choice`, as the file commands will
    /// accept it (see [`Grants::chosen`]).
    pub fn chosen(&self, choice: Choice, path: PathBuf) -> PathBuf {
        self.grants.chosen(choice, path)
    }

    /// What to show in the file manager for `path` (a granted export file or folder).
    pub fn reveal(&self, path: &str) -> Result<Reveal, SessionError> {
        let p = self.grants.check(path, &self.settings())?;
        if p.is_file() {
            Ok(Reveal::File(p))
        } else if p.is_dir() {
            Ok(Reveal::Folder(p))
        } else {
            Err(SessionError::NothingToShow { path: p })
        }
    }

    // Exports

    /// The safe file name (no extension) an export with `pattern` would use.
    pub fn suggested_base_name(&self, pattern: &str) -> Result<String, SessionError> {
        Ok(names::export_base_name(pattern, &self.document()?))
    }

    /// Exports the document into the granted folder of `request`. The files written are
    /// granted (to be shown in the file manager) and the folder and pattern remembered.
    pub fn export_files(
        &self,
        mut request: ExportRequest,
        now: Timestamp,
    ) -> Result<ExportResult, SessionError> {
        let folder = self.grants.check(&request.folder, &self.settings())?;
        request.folder = folder.display().to_string();
        let doc = self.document()?;
        let outcome = export::export(&doc, &request, now)?;
        for file in &outcome.files {
            self.grants.grant(Path::new(file));
        }
        let settings = if outcome.files.is_empty() {
            self.settings().clone()
        } else {
            self.update_settings(|s| {
                s.last_export_dir = Some(request.folder.clone());
                s.export_pattern = Some(request.pattern.clone());
            })
        };
        Ok(ExportResult { outcome, settings })
    }

    /// The live preview of the document (see [`export::preview_payload`]).
    pub fn preview(&self, now: Timestamp) -> Result<Vec<u8>, SessionError> {
        let doc = self.document()?;
        let pdf = export::pdf(&doc, now)?;
        Ok(export::preview_payload(&pdf))
    }

    // The watch

    /// Called by the shell's watch thread about once a second: records unsaved edits to the
    /// journal and refreshes the lock when the [`Schedule`] says so.
    pub fn tick(&self, now: Timestamp) -> Tick {
        let due = locked(&self.schedule).due(now);
        let mut session = self.session();
        Tick {
            journal_failed: due
                .journal
                .then(|| session.write_recovery(now).err())
                .flatten(),
            lock_lost: due
                .heartbeat
                .then(|| session.heartbeat(now).err())
                .flatten(),
        }
    }
}
