//! The TypeScript types in `ui/src/bindings/` are generated from the Rust types with ts-rs.
//! This test regenerates them into a temporary folder and fails when the committed files are
//! stale. `JOBDOC_BLESS=1 cargo test -p jobdoc-session --test bindings` rewrites them.
//! It lives in the session crate because the session's types (the state sent after every
//! command, settings, errors) contain the model's.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use jobdoc_import::ImportReport;
use jobdoc_library::index::UpdateReport;
use jobdoc_library::replace::{ApplyReport, ReplacePlan};
use jobdoc_library::{IndexProgress, Listing, SearchResults};
use jobdoc_model::templates::TemplateInfo;
use jobdoc_model::{Diagnostic, Document, ErrorCode};
use jobdoc_session::export::{ExportOutcome, ExportRequest};
use jobdoc_session::library::{
    BatchProgress, BatchReport, BatchRequest, KeptChange, LibraryOpened, ReplaceApplied, RowChanged,
};
use jobdoc_session::printing::{PrintChoice, Printers};
use jobdoc_session::settings::Settings;
use jobdoc_session::transport::{ExportResult, Opened, PrintOutcome, Startup};
use jobdoc_session::{ApiError, ReadOnlyReason, RecoveryOffer, State};
use ts_rs::{Config, TS};

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ts") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.insert(name, fs::read_to_string(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = Config::new().with_out_dir(tmp.path());
    Document::export_all(&cfg).unwrap();
    Diagnostic::export_all(&cfg).unwrap();
    TemplateInfo::export_all(&cfg).unwrap();
    State::export_all(&cfg).unwrap();
    Settings::export_all(&cfg).unwrap();
    ApiError::export_all(&cfg).unwrap();
    ErrorCode::export_all(&cfg).unwrap();
    ReadOnlyReason::export_all(&cfg).unwrap();
    RecoveryOffer::export_all(&cfg).unwrap();
    Startup::export_all(&cfg).unwrap();
    Opened::export_all(&cfg).unwrap();
    ExportRequest::export_all(&cfg).unwrap();
    ExportOutcome::export_all(&cfg).unwrap();
    ExportResult::export_all(&cfg).unwrap();
    PrintOutcome::export_all(&cfg).unwrap();
    Printers::export_all(&cfg).unwrap();
    PrintChoice::export_all(&cfg).unwrap();
    // The library screen, search and replace (crates/library).
    Listing::export_all(&cfg).unwrap();
    SearchResults::export_all(&cfg).unwrap();
    jobdoc_library::SearchFilter::export_all(&cfg).unwrap();
    IndexProgress::export_all(&cfg).unwrap();
    UpdateReport::export_all(&cfg).unwrap();
    ReplacePlan::export_all(&cfg).unwrap();
    ApplyReport::export_all(&cfg).unwrap();
    ImportReport::export_all(&cfg).unwrap();
    // The Editions and Employees panels (crates/session/src/editions.rs).
    jobdoc_session::editions::EditionsView::export_all(&cfg).unwrap();
    jobdoc_session::editions::Side::export_all(&cfg).unwrap();
    jobdoc_session::editions::RegisterFormat::export_all(&cfg).unwrap();
    jobdoc_session::editions::CopiesRequest::export_all(&cfg).unwrap();
    jobdoc_session::desk::StaffImported::export_all(&cfg).unwrap();
    jobdoc_compare::Comparison::export_all(&cfg).unwrap();
    // Find and replace in the open document, the clause library panel.
    jobdoc_library::find::FindResult::export_all(&cfg).unwrap();
    jobdoc_library::replace::MatchRules::export_all(&cfg).unwrap();
    jobdoc_library::clauses::ClauseQuery::export_all(&cfg).unwrap();
    jobdoc_library::clauses::ClauseResults::export_all(&cfg).unwrap();
    jobdoc_library::clauses::CatalogPosition::export_all(&cfg).unwrap();
    jobdoc_library::clauses::InsertAt::export_all(&cfg).unwrap();
    jobdoc_session::docfind::Replaced::export_all(&cfg).unwrap();
    jobdoc_session::docfind::Inserted::export_all(&cfg).unwrap();
    // The library screen's own replies and requests (jobdoc_session::library).
    LibraryOpened::export_all(&cfg).unwrap();
    RowChanged::export_all(&cfg).unwrap();
    ReplaceApplied::export_all(&cfg).unwrap();
    KeptChange::export_all(&cfg).unwrap();
    BatchRequest::export_all(&cfg).unwrap();
    BatchProgress::export_all(&cfg).unwrap();
    BatchReport::export_all(&cfg).unwrap();
    // The import review and batch import.
    jobdoc_session::import::ImportReview::export_all(&cfg).unwrap();
    jobdoc_import::Reassign::export_all(&cfg).unwrap();
    jobdoc_session::import::Dropped::export_all(&cfg).unwrap();
    jobdoc_session::import::ImportProgress::export_all(&cfg).unwrap();
    jobdoc_session::import::BatchSummary::export_all(&cfg).unwrap();
    let generated = read_dir(tmp.path());
    assert!(generated.contains_key("Document.ts") && generated.contains_key("Clause.ts"));
    assert!(generated.contains_key("ErrorCode.ts") && generated.contains_key("ReadOnlyReason.ts"));

    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    if std::env::var_os("JOBDOC_BLESS").is_some() {
        let _ = fs::remove_dir_all(&committed_dir);
        fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &generated {
            fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = read_dir(&committed_dir);
    let stale: Vec<&String> = generated
        .keys()
        .chain(committed.keys())
        .filter(|name| generated.get(*name) != committed.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is stale ({stale:?}); regenerate with \
         `JOBDOC_BLESS=1 cargo test -p jobdoc-session --test bindings`"
    );
}
