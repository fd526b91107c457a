//! The desk's import flows: one file into the review, the review accepted as a new unsaved
//! document, dropped files sorted and granted, and several files into a folder.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use jobdoc_model::{Document, Timestamp};

use super::Desk;
use crate::error::SessionError;
use crate::grants::normalise;
use crate::import::{self, BatchSummary, Dropped, ImportProgress, ImportReview};
use crate::session::State;

impl Desk {
    /// Imports `path` (chosen in the import dialog or dropped) for the review; nothing changes
    /// in the editor until the review is accepted.
    pub fn import_review(
        &self,
        path: &str,
        id: &str,
        now: Timestamp,
    ) -> Result<ImportReview, SessionError> {
        let file = self.grants.check(path, &self.settings())?;
        let (document, report) = import::import_file(&file, id, now, None)?;
        Ok(ImportReview::new(&file, document, report))
    }

    /// The reviewed document becomes the open one: new, never saved (Save asks where).
    pub fn accept_import(&self, document: Document) -> State {
        let mut session = self.session();
        session.new_imported(document);
        session.state()
    }

    /// Files dropped on the window: dropped by the user, so as good as chosen in a dialog.
    pub fn dropped(&self, paths: Vec<PathBuf>) -> Dropped {
        let paths: Vec<PathBuf> = paths.iter().map(|p| normalise(p)).collect();
        for p in &paths {
            self.grants.grant(p);
        }
        import::sort_dropped(&paths)
    }

    /// Imports `sources` into `folder` (all granted) as new `.jobdoc` files, never over an
    /// existing one; stops after the file in progress once `cancel` is set. The files written
    /// are granted, so that the summary's links open them.
    pub fn import_batch(
        &self,
        sources: &[String],
        folder: &str,
        now: Timestamp,
        new_id: impl FnMut() -> String,
        cancel: &AtomicBool,
        mut progress: impl FnMut(ImportProgress),
    ) -> Result<BatchSummary, SessionError> {
        let settings = self.settings().clone();
        let folder = self.grants.check(folder, &settings)?;
        if !folder.is_dir() {
            return Err(SessionError::FolderMissing { folder });
        }
        let files = sources
            .iter()
            .map(|s| self.grants.check(s, &settings))
            .collect::<Result<Vec<_>, _>>()?;
        let summary =
            import::import_into_folder(&files, &folder, now, self.language(), new_id, |p| {
                progress(p);
                !cancel.load(Ordering::SeqCst)
            });
        for w in &summary.written {
            self.grants.grant(Path::new(&w.path));
        }
        Ok(summary)
    }
}
