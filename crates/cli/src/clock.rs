//! The clock and fresh ids: read only here, at the edge; the libraries take them as arguments.

use std::time::{SystemTime, UNIX_EPOCH};

use jobdoc_model::Timestamp;

/// Now, in UTC, to the second.
pub fn now() -> Timestamp {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Timestamp::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// A fresh document id (a random UUID).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
