//! Which paths the web view may name, and the native file dialogs that grant them.
//!
//! The web view never invents a path: it asks the shell to show a dialog, and only paths the
//! user picked there (or gave on the command line, or that the app itself remembers — recent
//! files, the last export folder, files it just exported) are accepted by the commands that
//! read or write files. A buggy or compromised page cannot make the app touch anything else.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jobdoc_session::settings::Settings;
use jobdoc_session::ApiError;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Paths granted in this run.
#[derive(Default)]
pub struct Grants {
    paths: Mutex<HashSet<PathBuf>>,
}

/// The same file named the same way (relative paths made absolute, `.` removed).
pub fn normalise(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Grants {
    pub fn grant(&self, path: &Path) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(normalise(path));
    }

    /// `path` if the user chose it in this run or the app remembers it in `settings`.
    pub fn check(&self, path: &str, settings: &Settings) -> Result<PathBuf, ApiError> {
        let wanted = normalise(Path::new(path));
        let granted = self
            .paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&wanted);
        let remembered = settings
            .recent
            .iter()
            .chain(settings.last_export_dir.iter())
            .any(|p| normalise(Path::new(p)) == wanted);
        if granted || remembered {
            Ok(wanted)
        } else {
            Err(ApiError::new(
                "path-not-granted",
                format!("{path}: choose this file or folder in a dialog first"),
            ))
        }
    }
}

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
}

/// The environment variable naming a file of scripted dialog answers (one path per line, an
/// empty line meaning "cancel"), used by the end-to-end tests: WebDriver cannot reach GTK
/// dialogs. Only the person starting the app can set it; the web view cannot.
pub const SCRIPTED_ANSWERS_VAR: &str = "JOBDOC_E2E_DIALOG_ANSWERS";

/// Shows the native dialog (or takes the next scripted answer) and grants the chosen path.
pub async fn choose(
    app: &AppHandle,
    grants: &Grants,
    ask: Ask,
    title: String,
    filter_name: String,
) -> Result<Option<PathBuf>, ApiError> {
    let chosen = match scripted_answer() {
        Some(answer) => answer,
        None => native(app.clone(), ask.clone(), title, filter_name).await?,
    };
    let chosen = chosen.map(|p| match ask {
        Ask::SaveDocument { .. } => with_jobdoc_extension(p),
        _ => p,
    });
    if let Some(p) = &chosen {
        grants.grant(p);
    }
    Ok(chosen)
}

fn with_jobdoc_extension(path: PathBuf) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jobdoc"));
    if has {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".jobdoc");
        path.with_file_name(name)
    }
}

async fn native(
    app: AppHandle,
    ask: Ask,
    title: String,
    filter_name: String,
) -> Result<Option<PathBuf>, ApiError> {
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
        }
    })
    .await
    .map_err(|e| ApiError::new("dialog-failed", e.to_string()))?;
    match picked {
        None => Ok(None),
        Some(p) => p
            .into_path()
            .map(Some)
            .map_err(|e| ApiError::new("dialog-failed", e.to_string())),
    }
}

/// `None`: no script (show the native dialog). `Some(None)`: the scripted answer is "cancel"
/// (also when the script has run out, so that a test never hangs on a real dialog).
fn scripted_answer() -> Option<Option<PathBuf>> {
    let file = PathBuf::from(std::env::var_os(SCRIPTED_ANSWERS_VAR)?);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = text.lines();
    let answer = lines.next().unwrap_or("").trim().to_owned();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&file, rest.join("\n"));
    Some((!answer.is_empty()).then(|| PathBuf::from(answer)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_granted_or_remembered_paths_pass() {
        let grants = Grants::default();
        let mut settings = Settings::default();
        let err = grants.check("/etc/passwd", &settings).unwrap_err();
        assert_eq!(err.code, "path-not-granted");
        assert!(err.message.contains("/etc/passwd"));

        grants.grant(Path::new("/share/a.jobdoc"));
        assert_eq!(
            grants.check("/share/a.jobdoc", &settings).unwrap(),
            PathBuf::from("/share/a.jobdoc")
        );
        // The same file spelled differently is the same grant; a neighbour is not.
        assert!(grants.check("/share/./a.jobdoc", &settings).is_ok());
        assert!(grants.check("/share/b.jobdoc", &settings).is_err());
        assert!(grants.check("/share", &settings).is_err());

        // What the app itself remembers counts as chosen.
        settings.add_recent("/docs/recent.jobdoc");
        settings.last_export_dir = Some("/exports".into());
        assert!(grants.check("/docs/recent.jobdoc", &settings).is_ok());
        assert!(grants.check("/exports", &settings).is_ok());
        assert!(grants.check("/exports/other", &settings).is_err());
        assert!(grants.check("https://example.com", &settings).is_err());
    }

    #[test]
    fn saved_documents_get_the_jobdoc_extension() {
        assert_eq!(
            with_jobdoc_extension(PathBuf::from("/d/Менеджер")),
            PathBuf::from("/d/Менеджер.jobdoc")
        );
        assert_eq!(
            with_jobdoc_extension(PathBuf::from("/d/a.JOBDOC")),
            PathBuf::from("/d/a.JOBDOC")
        );
        assert_eq!(
            with_jobdoc_extension(PathBuf::from("/d/v1.2")),
            PathBuf::from("/d/v1.2.jobdoc")
        );
    }
}
