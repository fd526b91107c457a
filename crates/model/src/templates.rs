//! The built-in templates: every `templates/<category>/<id>.jobdoc` file, embedded at build time.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::document::{Document, Language};
use crate::file::{self, FileError};
use crate::time::Timestamp;

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The gallery's groups of positions; a template's folder under `templates/` names its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateCategory {
    Management,
    Finance,
    Hr,
    Legal,
    Office,
    It,
    Engineering,
    Safety,
    Logistics,
    Drivers,
    Sales,
    Retail,
    Maintenance,
    Services,
}

impl TemplateCategory {
    pub const ALL: [TemplateCategory; 14] = [
        TemplateCategory::Management,
        TemplateCategory::Finance,
        TemplateCategory::Hr,
        TemplateCategory::Legal,
        TemplateCategory::Office,
        TemplateCategory::It,
        TemplateCategory::Engineering,
        TemplateCategory::Safety,
        TemplateCategory::Logistics,
        TemplateCategory::Drivers,
        TemplateCategory::Sales,
        TemplateCategory::Retail,
        TemplateCategory::Maintenance,
        TemplateCategory::Services,
    ];

    /// The folder under `templates/` that holds this group's templates.
    pub fn folder(self) -> &'static str {
        match self {
            TemplateCategory::Management => "management",
            TemplateCategory::Finance => "finance",
            TemplateCategory::Hr => "hr",
            TemplateCategory::Legal => "legal",
            TemplateCategory::Office => "office",
            TemplateCategory::It => "it",
            TemplateCategory::Engineering => "engineering",
            TemplateCategory::Safety => "safety",
            TemplateCategory::Logistics => "logistics",
            TemplateCategory::Drivers => "drivers",
            TemplateCategory::Sales => "sales",
            TemplateCategory::Retail => "retail",
            TemplateCategory::Maintenance => "maintenance",
            TemplateCategory::Services => "services",
        }
    }

    pub fn from_folder(folder: &str) -> Option<TemplateCategory> {
        TemplateCategory::ALL
            .into_iter()
            .find(|c| c.folder() == folder)
    }
}

/// A template's id, language, group and position, for listings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct TemplateInfo {
    pub id: String,
    pub language: Language,
    /// `None` only for a template in a folder that names no category (a test refuses that).
    pub category: Option<TemplateCategory>,
    /// The position in the nominative.
    pub position: String,
    pub organisation: String,
    pub clause_count: u32,
}

/// Ids of all built-in templates, sorted.
pub fn ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, _, _)| *id)
}

/// The group a built-in template belongs to, by the folder it is in.
pub fn category(id: &str) -> Option<TemplateCategory> {
    EMBEDDED
        .iter()
        .find(|(i, _, _)| *i == id)
        .and_then(|(_, folder, _)| TemplateCategory::from_folder(folder))
}

/// Parses a built-in template. `None` when no template has this id.
pub fn load(id: &str) -> Option<Result<Document, FileError>> {
    EMBEDDED
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(id, folder, packed)| {
            file::from_bytes(
                &inflate(packed),
                Path::new(&format!("templates/{folder}/{id}.jobdoc")),
            )
        })
}

/// The text of a template as build.rs deflated it. Our own build wrote it, so it inflates;
/// should it not, the empty text gets the file format's own "not a Jobdoc file" error.
fn inflate(packed: &[u8]) -> Vec<u8> {
    miniz_oxide::inflate::decompress_to_vec(packed).unwrap_or_default()
}

/// Id, language, group and position of every template that parses.
pub fn list() -> Vec<TemplateInfo> {
    ids()
        .filter_map(|id| {
            let doc = load(id)?.ok()?;
            Some(TemplateInfo {
                id: id.to_owned(),
                language: doc.language,
                category: category(id),
                position: doc.position.name.clone(),
                organisation: doc.organisation.name.clone(),
                clause_count: doc.clauses().len() as u32,
            })
        })
        .collect()
}

/// A new document from a template: fresh id and time stamps, revision 0, `template` set.
pub fn instantiate(id: &str, new_id: &str, now: Timestamp) -> Option<Result<Document, FileError>> {
    load(id).map(|r| {
        r.map(|mut doc| {
            doc.meta.id = new_id.to_owned();
            doc.meta.created = now;
            doc.meta.modified = now;
            doc.meta.revision = 0;
            doc.meta.template = Some(id.to_owned());
            doc
        })
    })
}
