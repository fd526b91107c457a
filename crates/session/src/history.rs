//! Snapshot-based undo/redo: every step stores a whole document.

use std::collections::VecDeque;

use jobdoc_model::Document;

/// Edits of the same field that follow each other within this many milliseconds form one
/// undo step (typing a word is undone at once, not letter by letter).
pub const COALESCE_MS: u64 = 1500;

/// Default number of undo steps kept.
pub const DEFAULT_LIMIT: usize = 200;

/// Undo and redo stacks of document snapshots.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Document>,
    redo: Vec<Document>,
    limit: usize,
    /// The coalescing key and time of the last recorded edit.
    last: Option<(String, u64)>,
}

impl Default for History {
    fn default() -> Self {
        History::new(DEFAULT_LIMIT)
    }
}

impl History {
    /// A history keeping at most `limit` undo steps (at least one).
    pub fn new(limit: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            last: None,
        }
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Records that `before` is being replaced by an edit. An edit with the same `key` as the
    /// previous one, less than [`COALESCE_MS`] later, joins the previous step instead.
    pub fn record(&mut self, before: &Document, key: Option<&str>, now_ms: u64) {
        self.redo.clear();
        let coalesce = match (key, &self.last) {
            (Some(k), Some((last_key, last_ms))) => {
                k == last_key && now_ms.saturating_sub(*last_ms) < COALESCE_MS && self.can_undo()
            }
            _ => false,
        };
        self.last = key.map(|k| (k.to_owned(), now_ms));
        if coalesce {
            return;
        }
        self.undo.push_back(before.clone());
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }

    /// Ends the current coalescing run: the next edit starts a new step.
    pub fn seal(&mut self) {
        self.last = None;
    }

    /// Swaps `current` with the last undo snapshot. Returns false when there is nothing to undo.
    pub fn undo(&mut self, current: &mut Document) -> bool {
        self.last = None;
        match self.undo.pop_back() {
            Some(previous) => {
                let now = std::mem::replace(current, previous);
                self.redo.push(now);
                true
            }
            None => false,
        }
    }

    /// Swaps `current` with the last redo snapshot. Returns false when there is nothing to redo.
    pub fn redo(&mut self, current: &mut Document) -> bool {
        self.last = None;
        match self.redo.pop() {
            Some(next) => {
                let now = std::mem::replace(current, next);
                self.undo.push_back(now);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdoc_model::{Document, Language};

    fn doc(text: &str) -> Document {
        let mut d = Document::blank(Language::Ru, "id", "2026-01-01T00:00:00Z".parse().unwrap());
        d.organisation.name = text.to_owned();
        d
    }

    #[test]
    fn undo_and_redo_walk_the_snapshots() {
        let mut h = History::default();
        let mut cur = doc("a");
        h.record(&cur, None, 0);
        cur = doc("b");
        h.record(&cur, None, 10);
        cur = doc("c");
        assert!(h.undo(&mut cur));
        assert_eq!(cur.organisation.name, "b");
        assert!(h.undo(&mut cur));
        assert_eq!(cur.organisation.name, "a");
        assert!(!h.undo(&mut cur));
        assert!(h.redo(&mut cur));
        assert!(h.redo(&mut cur));
        assert_eq!(cur.organisation.name, "c");
        assert!(!h.redo(&mut cur));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut h = History::default();
        let mut cur = doc("a");
        h.record(&cur, None, 0);
        cur = doc("b");
        h.undo(&mut cur);
        assert!(h.can_redo());
        h.record(&cur, None, 5);
        assert!(!h.can_redo());
    }

    #[test]
    fn typing_in_one_field_coalesces_within_the_window() {
        let mut h = History::default();
        let cur = doc("a");
        h.record(&cur, Some("/organisation/name"), 0);
        h.record(&doc("ab"), Some("/organisation/name"), 400);
        h.record(&doc("abc"), Some("/organisation/name"), 800);
        assert_eq!(h.undo_len(), 1);
        // A pause longer than the window starts a new step.
        h.record(&doc("abcd"), Some("/organisation/name"), 800 + COALESCE_MS);
        assert_eq!(h.undo_len(), 2);
        // Another field starts a new step.
        h.record(
            &doc("abcd"),
            Some("/organisation/place"),
            800 + COALESCE_MS + 10,
        );
        assert_eq!(h.undo_len(), 3);
        // Structural edits (no key) never coalesce.
        h.record(&doc("x"), None, 0);
        h.record(&doc("y"), None, 0);
        assert_eq!(h.undo_len(), 5);
    }

    #[test]
    fn seal_breaks_a_run() {
        let mut h = History::default();
        h.record(&doc("a"), Some("k"), 0);
        h.seal();
        h.record(&doc("b"), Some("k"), 1);
        assert_eq!(h.undo_len(), 2);
    }

    #[test]
    fn history_is_bounded() {
        let mut h = History::new(3);
        for i in 0..10 {
            h.record(&doc(&i.to_string()), None, i);
        }
        assert_eq!(h.undo_len(), 3);
        let mut cur = doc("current");
        h.undo(&mut cur);
        h.undo(&mut cur);
        h.undo(&mut cur);
        assert_eq!(cur.organisation.name, "7");
        assert!(!h.can_undo());
    }
}
