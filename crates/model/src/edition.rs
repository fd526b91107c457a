//! Approved editions: the document frozen as it was approved.
//!
//! "Approve" ([`Edition::freeze`]) stores the document (its own editions left out) as compact
//! JSON, exactly as written, with the SHA-256 of its canonical form (keys sorted, no spaces: a
//! tool that re-indents the file does not break it). Nothing rewrites an edition: migrations of
//! the file leave it alone (it keeps the schema it was approved in and is migrated in memory
//! when opened), so it survives saves, reloads and upgrades byte for byte, and a hash that does
//! not match ([`Edition::verify`]) means the approved text was edited by hand — reported, never
//! trusted.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::date::IsoDate;
use crate::document::{Approval, Document};
use crate::file::{self, FileError};
use crate::time::Timestamp;

/// One approved edition.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// 1, 2, 3, … in order of approval.
    pub number: u32,
    /// The approval date printed on it.
    pub approved_on: IsoDate,
    /// How it was approved (the stamp with its date, or the order's number and date).
    pub approval: Approval,
    /// When it was frozen (passed in).
    pub recorded: Timestamp,
    /// SHA-256 (hex) of `content` in canonical form: keys sorted, no white space.
    pub sha256: String,
    /// The approved document as compact JSON, in the schema of the Jobdoc that approved it.
    pub content: Box<RawValue>,
}

impl PartialEq for Edition {
    fn eq(&self, other: &Edition) -> bool {
        self.number == other.number
            && self.approved_on == other.approved_on
            && self.approval == other.approval
            && self.recorded == other.recorded
            && self.sha256 == other.sha256
            && self.content.get() == other.content.get()
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash of JSON text in canonical form (`serde_json::Value` sorts keys); `None` when the
/// text is not JSON.
fn canonical_hash(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let canonical = serde_json::to_string(&value).ok()?;
    Some(sha256_hex(canonical.as_bytes()))
}

impl Edition {
    /// Freezes `doc` as edition `number`, approved on `approved_on` with `approval`, at
    /// `recorded`. The frozen copy carries that approval and no editions of its own.
    pub fn freeze(
        doc: &Document,
        number: u32,
        approved_on: IsoDate,
        approval: Approval,
        recorded: Timestamp,
    ) -> Edition {
        let mut frozen = doc.clone().with_clause_ids();
        frozen.editions.clear();
        frozen.approval = approval.clone();
        let json = serde_json::to_string(&frozen).expect("a Document always serialises");
        Edition {
            number,
            approved_on,
            approval,
            recorded,
            sha256: canonical_hash(&json).expect("serde_json wrote valid JSON"),
            content: RawValue::from_string(json).expect("serde_json wrote valid JSON"),
        }
    }

    /// True when the content is exactly what was approved (its hash matches).
    pub fn verify(&self) -> bool {
        canonical_hash(self.content.get()).is_some_and(|h| h == self.sha256)
    }

    /// The approved document (migrated in memory when it was approved by an older Jobdoc).
    pub fn document(&self) -> Result<Document, FileError> {
        let name = format!("edition {}", self.number);
        file::read(self.content.get().as_bytes(), Path::new(&name)).map(|l| l.document)
    }
}

/// True when two documents say the same thing: everything printed (the approval aside, which
/// an approval sets) is equal. Bookkeeping (meta), the staff register and the editions are not
/// the text.
pub fn same_text(a: &Document, b: &Document) -> bool {
    let strip = |d: &Document| {
        let mut d = d.clone();
        d.meta = a.meta.clone();
        d.staff.clear();
        d.acknowledged.clear();
        d.editions.clear();
        d.approval = Approval::Order {
            number: String::new(),
            date: None,
        };
        d.schema = 0;
        d
    };
    strip(a) == strip(b)
}

/// The state of a document against its last edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Never approved in Jobdoc.
    NoEdition,
    /// The text is that of the last edition.
    Approved { edition: u32 },
    /// Edited since the last edition: the draft of the next one.
    Draft { since: u32 },
}

pub fn draft_state(doc: &Document) -> DraftState {
    match doc.editions.last() {
        None => DraftState::NoEdition,
        Some(e) => match e.document() {
            Ok(frozen) if same_text(&frozen, doc) => DraftState::Approved { edition: e.number },
            _ => DraftState::Draft { since: e.number },
        },
    }
}

/// What is wrong with a document's history, if anything: editions whose content does not match
/// its hash, numbers out of order, or frozen content that no longer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryProblem {
    Tampered { number: u32 },
    Unreadable { number: u32, reason: String },
    OutOfOrder { number: u32, expected: u32 },
}

/// Checks every edition: hashes, numbering 1, 2, 3, …, and that each reads.
pub fn check_history(editions: &[Edition]) -> Vec<HistoryProblem> {
    let mut out = Vec::new();
    for (i, e) in editions.iter().enumerate() {
        let expected = i as u32 + 1;
        if e.number != expected {
            out.push(HistoryProblem::OutOfOrder {
                number: e.number,
                expected,
            });
        }
        if !e.verify() {
            out.push(HistoryProblem::Tampered { number: e.number });
        } else if let Err(err) = e.document() {
            out.push(HistoryProblem::Unreadable {
                number: e.number,
                reason: err.to_string(),
            });
        }
    }
    out
}

/// The approval of a new edition approved on `on`: by the order numbered `order` when one is
/// given, else the document's own kind of approval (`current`) with the date filled in.
pub fn approval_on(current: &Approval, on: IsoDate, order: Option<String>) -> Approval {
    match (order, current) {
        (Some(number), _) => Approval::Order {
            number,
            date: Some(on),
        },
        (
            None,
            Approval::Stamp {
                approver_position,
                approver_name,
                ..
            },
        ) => Approval::Stamp {
            approver_position: approver_position.clone(),
            approver_name: approver_name.clone(),
            date: Some(on),
        },
        (None, Approval::Order { number, .. }) => Approval::Order {
            number: number.clone(),
            date: Some(on),
        },
    }
}
