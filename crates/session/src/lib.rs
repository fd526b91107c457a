//! Jobdoc's editor state, free of Tauri so that it builds and tests without GTK/WebKit.
//!
//! - [`Session`]: the open document, its file, the dirty flag, validation results and the
//!   snapshot-based undo/redo [`History`]; every edit replaces the whole document;
//! - [`export`]: PDF/DOCX export into a folder and the preview PDF;
//! - [`settings`]: recent files, the last export folder and UI preferences;
//! - [`ApiError`]: the `{code, message}` form in which every failure reaches the UI;
//! - [`transport`]: the other replies of the shell's commands (generated into TypeScript too).
//!
//! Time stamps and ids are passed in by the caller; nothing here reads the clock.

mod error;
pub mod export;
mod history;
mod session;
pub mod settings;
pub mod transport;

pub use error::ApiError;
pub use history::History;
pub use jobdoc_export::names;
pub use session::{LockHolder, ReadOnly, RecoveryOffer, Session, State};
