//! Jobdoc's editor state, free of Tauri so that it builds and tests without GTK/WebKit.
//!
//! - [`desk`]: [`Desk`], everything the editor window decides — the session with the settings,
//!   the path grants and the watch schedule, and the flows of the shell's commands (open,
//!   save, export, startup, the watch tick); the Tauri shell only converts and delegates;
//! - [`Session`]: the open document, its file, the dirty flag, validation results and the
//!   snapshot-based undo/redo [`History`]; every edit replaces the whole document;
//! - [`grants`]: which paths the file commands accept (those the user chose);
//! - [`watch`]: when unsaved edits are recorded and the lock refreshed;
//! - [`export`]: PDF/DOCX export into a folder and the preview PDF;
//! - [`settings`]: recent files, the last export folder and UI preferences;
//! - [`SessionError`]: every way a command fails, typed; [`ApiError`]: the `{code, message}`
//!   form in which it reaches the UI, in the UI's language;
//! - [`transport`]: the other replies of the shell's commands (generated into TypeScript too);
//! - [`editions`]: editions, comparison, employees and their copies for the editor's panels.
//! - [`docfind`]: find and replace in the open document, and the clause library panel.
//! - [`library`]: [`library::Shelf`], the library screen (a folder of documents as a table,
//!   search, operations on rows, find and replace across documents, batch export).
//!
//! Time stamps and ids are passed in by the caller; nothing here reads the clock.

pub mod desk;
pub mod docfind;
pub mod editions;
mod error;
pub mod export;
pub mod grants;
mod history;
pub mod import;
pub mod library;
pub mod printing;
mod session;
pub mod settings;
pub mod transport;
pub mod watch;

pub use desk::Desk;
pub use error::{ApiError, DesktopAction, SessionError};
pub use history::History;
pub use jobdoc_export::names;
pub use session::{LockHolder, ReadOnly, ReadOnlyReason, RecoveryOffer, Session, State};
