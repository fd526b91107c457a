use jobdoc_model::FileError;
use serde::Serialize;
use ts_rs::TS;

/// A failure as the UI sees it: a stable `code` to branch on and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// There is no open document (the start screen is showing).
    pub fn no_document() -> ApiError {
        ApiError::new("no-document", "no document is open")
    }
}

impl From<FileError> for ApiError {
    fn from(e: FileError) -> ApiError {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<jobdoc_export::ExportError> for ApiError {
    fn from(e: jobdoc_export::ExportError) -> ApiError {
        let code = match e {
            jobdoc_export::ExportError::Pdf(_) => "pdf-failed",
            jobdoc_export::ExportError::Docx(_) => "docx-failed",
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<jobdoc_export::WriteError> for ApiError {
    fn from(e: jobdoc_export::WriteError) -> ApiError {
        ApiError::new("write-failed", e.to_string())
    }
}
