//! Approving an edition: the one edit that changes the document's editions, which the editor
//! otherwise never touches ([`Session::edit`] keeps them as they are).

use jobdoc_model::edition::{approval_on, draft_state, DraftState};
use jobdoc_model::{validate, Edition, IsoDate, Timestamp};

use super::Session;
use crate::editions::trusted_history;
use crate::error::SessionError;

impl Session {
    /// Freezes the current text as the next edition, approved on `on` — by the order numbered
    /// `order` when one is given, else by the document's own kind of approval with that date —
    /// and sets the document's approval to it. One undo step (until the document is saved:
    /// then the edition is in the file and stays, see [`Session::keep_saved_editions`]).
    /// Returns the edition's number. Refused when the text is that of the last edition, or
    /// when the history was changed outside Jobdoc.
    pub fn approve(
        &mut self,
        on: IsoDate,
        order: Option<String>,
        now: Timestamp,
        now_ms: u64,
    ) -> Result<u32, SessionError> {
        let current = self.doc.as_mut().ok_or(SessionError::NoDocument)?;
        trusted_history(current)?;
        if let DraftState::Approved { edition } = draft_state(current) {
            return Err(SessionError::NothingToApprove { edition });
        }
        let order = order.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
        let mut next = current.clone();
        next.approval = approval_on(&current.approval, on, order);
        let number = next.editions.len() as u32 + 1;
        let edition = Edition::freeze(&next, number, on, next.approval.clone(), now);
        next.editions.push(edition);
        self.history.seal();
        self.history.record(current, None, now_ms);
        self.history.seal();
        *current = next;
        self.diagnostics = validate(current);
        self.journal_due = true;
        Ok(number)
    }

    /// After an undo or redo: editions that are in the saved file stay, whatever the step
    /// restored — an approved and saved edition is never taken back.
    pub(super) fn keep_saved_editions(&mut self) {
        let (Some(doc), Some(saved)) = (self.doc.as_mut(), self.saved.as_ref()) else {
            return;
        };
        if saved.editions.len() > doc.editions.len() && saved.editions.starts_with(&doc.editions) {
            doc.editions = saved.editions.clone();
        }
    }
}
