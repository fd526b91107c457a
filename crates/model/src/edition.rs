//! Approved editions: the document frozen as it was approved.
//!
//! "Approve" ([`Edition::freeze`]) stores the document (its own editions left out) as compact
//! JSON, exactly as written, with the SHA-256 of those bytes. Nothing rewrites an edition:
//! migrations of the file leave it alone (it keeps the schema it was approved in and is
//! migrated in memory when opened), so it survives saves, reloads and upgrades byte for byte,
//! and a hash that does not match ([`Edition::verify`]) means the history was edited by hand —
//! reported, never trusted.

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
    /// SHA-256 of `content`, hex.
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
            sha256: sha256_hex(json.as_bytes()),
            content: RawValue::from_string(json).expect("serde_json wrote valid JSON"),
        }
    }

    /// True when the content is exactly what was approved (its hash matches).
    pub fn verify(&self) -> bool {
        sha256_hex(self.content.get().as_bytes()) == self.sha256
    }

    /// The approved document (migrated in memory when it was approved by an older Jobdoc).
    pub fn document(&self) -> Result<Document, FileError> {
        let name = format!("edition {}", self.number);
        file::read(self.content.get().as_bytes(), Path::new(&name)).map(|l| l.document)
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
