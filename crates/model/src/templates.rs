//! The built-in templates: every `templates/<id>.jobdoc` file, embedded at build time.

use std::path::Path;

use crate::document::{Document, Language};
use crate::file::{self, FileError};

include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// A template's id, language and position, for listings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct TemplateInfo {
    pub id: String,
    pub language: Language,
    /// The position in the nominative.
    pub position: String,
    pub organisation: String,
    pub clause_count: u32,
}

/// Ids of all built-in templates, sorted.
pub fn ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, _)| *id)
}

/// Parses a built-in template. `None` when no template has this id.
pub fn load(id: &str) -> Option<Result<Document, FileError>> {
    EMBEDDED.iter().find(|(i, _)| *i == id).map(|(id, text)| {
        file::from_bytes(
            text.as_bytes(),
            Path::new(&format!("templates/{id}.jobdoc")),
        )
    })
}

/// Id, language and position of every template that parses.
pub fn list() -> Vec<TemplateInfo> {
    ids()
        .filter_map(|id| {
            let doc = load(id)?.ok()?;
            Some(TemplateInfo {
                id: id.to_owned(),
                language: doc.language,
                position: doc.position.name.clone(),
                organisation: doc.organisation.name.clone(),
                clause_count: doc.clauses().len() as u32,
            })
        })
        .collect()
}

/// A new document from a template: fresh id and time stamps, revision 0, `template` set.
pub fn instantiate(
    id: &str,
    new_id: &str,
    now: crate::Timestamp,
) -> Option<Result<Document, FileError>> {
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
