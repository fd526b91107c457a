//! What the shell's commands send to the UI besides [`State`]: these types are generated into
//! TypeScript (`ui/src/bindings/`) so that both sides agree on every field.

use serde::Serialize;
use ts_rs::TS;

use crate::error::ApiError;
use crate::export::ExportOutcome;
use crate::session::{RecoveryOffer, State};
use crate::settings::Settings;

/// What the UI needs when it starts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Startup {
    pub state: State,
    pub settings: Settings,
    /// The file named on the command line could not be opened.
    pub error: Option<ApiError>,
    /// Unsaved edits of editors that ended without saving: offer to restore them.
    pub recovery: Vec<RecoveryOffer>,
    /// The document fields clauses can refer to, in the order to offer them.
    pub fields: Vec<jobdoc_model::FieldInfo>,
}

/// The state after opening or saving a file, with the recent-files list it changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Opened {
    pub state: State,
    pub settings: Settings,
}

/// What an export did, with the settings it changed (the last export folder and pattern).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ExportResult {
    #[serde(flatten)]
    pub outcome: ExportOutcome,
    pub settings: Settings,
}

/// What became of a print request (the shell's printing reports it; the UI acts on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrintOutcome {
    /// The job went to the printer's queue.
    Printed,
    /// The user closed the dialog without printing.
    Cancelled,
    /// The PDF and the system print dialog opened in a window of their own (Windows); what
    /// the user does there is not reported back.
    Opened,
    /// GTK's print dialog would freeze here (Debian 12's libcups2 from 2.4.2-3+deb12u10 on):
    /// ask in Jobdoc's print dialog, then print with `print_document_with`.
    ChooseHere,
    /// This platform cannot print the PDF directly: print through the web view.
    Unsupported,
}
