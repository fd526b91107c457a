//! The open document and everything the editor keeps about it.

use std::path::{Path, PathBuf};

use jobdoc_model::{file, templates, validate, Diagnostic, Document, Language};
use serde::Serialize;

use crate::error::ApiError;
use crate::history::History;

/// What the UI needs after every command: the document and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    /// `None` while the start screen is showing.
    pub document: Option<Document>,
    /// The file the document was opened from or last saved to.
    pub path: Option<String>,
    /// The file name to show in the window title (`None` for a document never saved).
    pub file_name: Option<String>,
    /// The document differs from the file on disk (or was never saved).
    pub dirty: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Validation results of the current document, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

/// The editor state: at most one open document.
#[derive(Debug, Default)]
pub struct Session {
    doc: Option<Document>,
    path: Option<PathBuf>,
    /// The document as it was last loaded or saved; `None` for a never-saved document.
    saved: Option<Document>,
    history: History,
    diagnostics: Vec<Diagnostic>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Unsaved changes: the document differs from the file, or was never saved.
    pub fn is_dirty(&self) -> bool {
        match (&self.doc, &self.saved) {
            (None, _) => false,
            (Some(_), None) => true,
            // Metadata (revision, time stamps) is bookkeeping, not an edit.
            (Some(d), Some(s)) => !same_content(d, s),
        }
    }

    pub fn state(&self) -> State {
        State {
            document: self.doc.clone(),
            path: self.path.as_ref().map(|p| p.display().to_string()),
            file_name: self
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
            dirty: self.is_dirty(),
            can_undo: self.history.can_undo(),
            can_redo: self.history.can_redo(),
            diagnostics: self.diagnostics.clone(),
        }
    }

    fn replace(&mut self, doc: Document, path: Option<PathBuf>, saved: bool) {
        self.diagnostics = validate(&doc);
        self.saved = saved.then(|| doc.clone());
        self.doc = Some(doc);
        self.path = path;
        self.history.clear();
    }

    /// A new, never-saved document from a built-in template.
    pub fn new_from_template(
        &mut self,
        template: &str,
        id: &str,
        now: &str,
    ) -> Result<(), ApiError> {
        let doc = templates::instantiate(template, id, now)
            .ok_or_else(|| {
                ApiError::new(
                    "unknown-template",
                    format!("there is no template `{template}`"),
                )
            })?
            .map_err(ApiError::from)?;
        self.replace(doc, None, false);
        Ok(())
    }

    /// A new, never-saved blank document with the six standard sections.
    pub fn new_blank(&mut self, language: Language, id: &str, now: &str) {
        self.replace(Document::blank(language, id, now), None, false);
    }

    /// Opens a `.jobdoc` file. On failure the current document stays open.
    pub fn open(&mut self, path: &Path) -> Result<(), ApiError> {
        let doc = file::load(path)?;
        self.replace(doc, Some(path.to_path_buf()), true);
        Ok(())
    }

    /// Back to the start screen.
    pub fn close(&mut self) {
        self.doc = None;
        self.path = None;
        self.saved = None;
        self.diagnostics.clear();
        self.history.clear();
    }

    /// Replaces the document with an edited copy. `key` names the edited field (a JSON
    /// Pointer) so that typing in one field within a short pause forms one undo step;
    /// structural edits pass `None`. The metadata cannot be edited this way.
    pub fn edit(
        &mut self,
        mut doc: Document,
        key: Option<&str>,
        now_ms: u64,
    ) -> Result<(), ApiError> {
        let current = self.doc.as_mut().ok_or_else(ApiError::no_document)?;
        doc.meta = current.meta.clone();
        doc.schema = current.schema;
        if doc == *current {
            return Ok(());
        }
        self.history.record(current, key, now_ms);
        *current = doc;
        self.diagnostics = validate(current);
        Ok(())
    }

    /// Ends a typing run (e.g. when a field loses focus).
    pub fn seal(&mut self) {
        self.history.seal();
    }

    pub fn undo(&mut self) -> Result<bool, ApiError> {
        self.step(true)
    }

    pub fn redo(&mut self) -> Result<bool, ApiError> {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> Result<bool, ApiError> {
        let current = self.doc.as_mut().ok_or_else(ApiError::no_document)?;
        let meta = current.meta.clone();
        let moved = if undo {
            self.history.undo(current)
        } else {
            self.history.redo(current)
        };
        // Revision and time stamps belong to the file, not to the edit history.
        current.meta = meta;
        self.diagnostics = validate(current);
        Ok(moved)
    }

    /// Saves to the current file. Fails with `no-path` when the document was never saved.
    pub fn save(&mut self, now: &str) -> Result<(), ApiError> {
        let path = self
            .path
            .clone()
            .ok_or_else(|| ApiError::new("no-path", "the document has not been saved yet"))?;
        self.save_as(&path, now)
    }

    /// Saves to `path` atomically: revision + 1, `modified` = `now`. On failure nothing changes.
    pub fn save_as(&mut self, path: &Path, now: &str) -> Result<(), ApiError> {
        let current = self.doc.as_ref().ok_or_else(ApiError::no_document)?;
        let mut doc = current.clone();
        doc.meta.revision = doc.meta.revision.saturating_add(1);
        doc.meta.modified = now.to_owned();
        file::save(&doc, path)?;
        self.saved = Some(doc.clone());
        self.doc = Some(doc);
        self.path = Some(path.to_path_buf());
        self.history.seal();
        Ok(())
    }
}

/// Equal apart from metadata.
fn same_content(a: &Document, b: &Document) -> bool {
    let mut b = b.clone();
    b.meta = a.meta.clone();
    *a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdoc_model::Clause;

    const NOW: &str = "2026-03-01T10:00:00Z";

    fn session_with_blank() -> Session {
        let mut s = Session::new();
        s.new_blank(Language::Ru, "doc-1", NOW);
        s
    }

    fn edited(s: &Session, f: impl FnOnce(&mut Document)) -> Document {
        let mut d = s.document().unwrap().clone();
        f(&mut d);
        d
    }

    #[test]
    fn a_new_document_is_dirty_and_has_no_history() {
        let s = session_with_blank();
        let st = s.state();
        assert!(st.dirty);
        assert!(!st.can_undo && !st.can_redo);
        assert!(st.path.is_none() && st.file_name.is_none());
        assert!(
            !st.diagnostics.is_empty(),
            "a blank document has problems to report"
        );
    }

    #[test]
    fn edits_are_undone_and_redone_and_revalidated() {
        let mut s = session_with_blank();
        let before = s.state().diagnostics.len();
        let d = edited(&s, |d| d.organisation.name = "ООО «Ромашка»".into());
        s.edit(d, None, 0).unwrap();
        assert_eq!(s.document().unwrap().organisation.name, "ООО «Ромашка»");
        assert!(s.state().diagnostics.len() < before);
        assert!(s.undo().unwrap());
        assert_eq!(s.document().unwrap().organisation.name, "");
        assert_eq!(s.state().diagnostics.len(), before);
        assert!(s.redo().unwrap());
        assert_eq!(s.document().unwrap().organisation.name, "ООО «Ромашка»");
        assert!(!s.redo().unwrap());
    }

    #[test]
    fn an_unchanged_document_records_no_step() {
        let mut s = session_with_blank();
        let d = s.document().unwrap().clone();
        s.edit(d, None, 0).unwrap();
        assert!(!s.state().can_undo);
    }

    #[test]
    fn edits_cannot_change_metadata() {
        let mut s = session_with_blank();
        let d = edited(&s, |d| {
            d.meta.revision = 99;
            d.position.name = "менеджер".into();
        });
        s.edit(d, None, 0).unwrap();
        assert_eq!(s.document().unwrap().meta.revision, 0);
    }

    #[test]
    fn save_open_and_dirty_flag() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        let mut s = session_with_blank();
        assert_eq!(s.save(NOW).unwrap_err().code, "no-path");
        s.save_as(&path, "2026-03-02T00:00:00Z").unwrap();
        let st = s.state();
        assert!(!st.dirty);
        assert_eq!(st.file_name.as_deref(), Some("a.jobdoc"));
        let doc = s.document().unwrap();
        assert_eq!(doc.meta.revision, 1);
        assert_eq!(doc.meta.modified, "2026-03-02T00:00:00Z");
        assert_eq!(doc.meta.created, NOW);

        // Edit, then undo back to the saved content: clean again.
        let d = edited(&s, |d| {
            d.sections[0].clauses.push(Clause::new("Новый пункт"))
        });
        s.edit(d, None, 0).unwrap();
        assert!(s.is_dirty());
        s.undo().unwrap();
        assert!(!s.is_dirty());
        s.redo().unwrap();
        s.save("2026-03-03T00:00:00Z").unwrap();
        assert_eq!(s.document().unwrap().meta.revision, 2);

        let mut other = Session::new();
        other.open(&path).unwrap();
        assert!(!other.is_dirty());
        assert_eq!(other.document(), s.document());
        assert_eq!(other.state().path, Some(path.display().to_string()));
    }

    #[test]
    fn a_failed_open_keeps_the_current_document() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.jobdoc");
        std::fs::write(&bad, b"[1, 2]").unwrap();
        let mut s = session_with_blank();
        let err = s.open(&bad).unwrap_err();
        assert_eq!(err.code, "not-a-jobdoc");
        assert!(err.message.contains("bad.jobdoc"));
        assert!(s.document().is_some());
        let err = s.open(&dir.path().join("missing.jobdoc")).unwrap_err();
        assert_eq!(err.code, "read-failed");
    }

    #[test]
    fn a_failed_save_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session_with_blank();
        let err = s
            .save_as(&dir.path().join("no-such-dir").join("a.jobdoc"), NOW)
            .unwrap_err();
        assert_eq!(err.code, "write-failed");
        assert_eq!(s.document().unwrap().meta.revision, 0);
        assert!(s.path().is_none());
    }

    #[test]
    fn commands_without_a_document_fail_with_a_code() {
        let mut s = Session::new();
        assert_eq!(s.undo().unwrap_err().code, "no-document");
        assert_eq!(
            s.edit(Document::blank(Language::En, "x", NOW), None, 0)
                .unwrap_err()
                .code,
            "no-document"
        );
        assert_eq!(
            s.save_as(Path::new("x.jobdoc"), NOW).unwrap_err().code,
            "no-document"
        );
        assert!(s.state().document.is_none());
        assert!(!s.is_dirty());
    }

    #[test]
    fn unknown_template_is_an_error() {
        let mut s = Session::new();
        assert_eq!(
            s.new_from_template("no-such-template", "id", NOW)
                .unwrap_err()
                .code,
            "unknown-template"
        );
    }

    #[test]
    fn every_template_opens_as_a_new_document() {
        for id in templates::ids() {
            let mut s = Session::new();
            s.new_from_template(id, "new-id", NOW).unwrap();
            let doc = s.document().unwrap();
            assert_eq!(doc.meta.template.as_deref(), Some(id));
            assert_eq!(doc.meta.id, "new-id");
            assert!(s.is_dirty());
        }
    }
}
