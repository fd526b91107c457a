//! `jobdoc-store-probe`: a small tool around jobdoc-store, used by the two-process tests and
//! useful to an administrator.
//!
//! ```text
//! jobdoc-store-probe show DOC                 who holds the lock of DOC (exit 0), or "unlocked"
//! jobdoc-store-probe hold DOC USER SINCE      lock DOC, print "locked", hold until stdin closes;
//!                                             SINCE is an RFC 3339 stamp or `now`
//! jobdoc-store-probe save-loop DOC CLAUSES    save DOC with a backup over and over (until killed)
//! ```
//! Exit status: 0 done, 2 usage, 3 the lock is held by someone else, 4 another failure.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use jobdoc_model::{generate, Language};
use jobdoc_store::{lock, save_with_backup, LockError, LockOwner};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["show", doc] => show(Path::new(doc)),
        ["hold", doc, user, since] => hold(Path::new(doc), user, since),
        ["save-loop", doc, clauses] => match clauses.parse() {
            Ok(n) => save_loop(Path::new(doc), n),
            Err(_) => usage(),
        },
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: jobdoc-store-probe show DOC | hold DOC USER SINCE|now | save-loop DOC CLAUSES"
    );
    ExitCode::from(2)
}

fn show(doc: &Path) -> ExitCode {
    match lock::read_lock(doc) {
        Ok(Some(info)) => {
            println!(
                "{}",
                serde_json::to_string(&info).unwrap_or_else(|e| e.to_string())
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            println!("unlocked");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(4)
        }
    }
}

fn hold(doc: &Path, user: &str, since: &str) -> ExitCode {
    // `now`: a live holder for a program that compares the heartbeat with the real clock (the
    // editor); a fixed stamp would turn "silent for 10 minutes" days after it was written.
    let since = if since == "now" {
        Ok(now())
    } else {
        since.parse()
    };
    let since = match since {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return usage();
        }
    };
    let mut who = LockOwner::current(since);
    who.user = user.to_owned();
    let guard = match lock::acquire(doc, who) {
        Ok(g) => g,
        Err(e @ LockError::HeldBy { .. }) => {
            eprintln!("{e}");
            return ExitCode::from(3);
        }
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(4);
        }
    };
    println!("locked {}", guard.lock_file().display());
    let _ = io::stdout().flush();
    let mut sink = Vec::new();
    let _ = io::stdin().read_to_end(&mut sink);
    match guard.release() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(4)
        }
    }
}

/// This machine's clock as an RFC 3339 UTC stamp (the tool is an edge: the library never reads
/// the clock).
/// The clock, read here at the edge (the store itself never reads it).
fn now() -> jobdoc_model::Timestamp {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    jobdoc_model::Timestamp::from_unix(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Saves revisions 1, 2, 3, … of a generated document until killed. Revision r is
/// `generate::document(clauses, r, Ru)` with `meta.revision = r`, so a reader can check that a
/// file is exactly some complete revision.
fn save_loop(doc: &Path, clauses: usize) -> ExitCode {
    let mut revision: u32 = 1;
    loop {
        let mut d = generate::document(clauses, u64::from(revision), Language::Ru);
        d.meta.revision = revision;
        if let Err(e) = save_with_backup(&d, doc) {
            eprintln!("{e}");
            return ExitCode::from(4);
        }
        if revision == 1 {
            println!("saved");
            let _ = io::stdout().flush();
        }
        revision = revision.wrapping_add(1).max(1);
    }
}
