//! Every built-in template is a complete, valid instruction and survives a save/load round trip.

use std::path::PathBuf;

use jobdoc_model::{
    file, templates, validate, Approval, Clause, Document, Field, Language, SectionKind, Severity,
    SCHEMA_VERSION,
};

fn count(clauses: &[Clause]) -> usize {
    clauses.iter().map(|c| 1 + count(&c.children)).sum()
}

fn all() -> Vec<(String, Document)> {
    templates::ids()
        .map(|id| {
            let doc = templates::load(id)
                .unwrap()
                .unwrap_or_else(|e| panic!("{e}"));
            (id.to_owned(), doc)
        })
        .collect()
}

#[test]
fn every_template_has_its_pair_in_the_other_language_and_a_category() {
    let all = all();
    let ids: Vec<&str> = all.iter().map(|(id, _)| id.as_str()).collect();
    assert!(all.len() >= 10, "{ids:?}");
    for kind in [
        "client-manager",
        "key-account-manager",
        "corporate-clients-manager",
        "sales-manager",
        "service-client-manager",
    ] {
        for lang in ["ru", "en"] {
            let id = format!("{lang}-{kind}");
            assert!(ids.contains(&id.as_str()), "template {id} is missing");
        }
    }
    for (id, doc) in &all {
        let (lang, kind) = id.split_once('-').expect("ids are <language>-<kind>");
        let (expected, other) = match lang {
            "ru" => (Language::Ru, "en"),
            "en" => (Language::En, "ru"),
            _ => panic!("{id}: the id must start with ru- or en-"),
        };
        assert_eq!(doc.language, expected, "{id}");
        assert_eq!(doc.meta.id, *id, "{id}: meta.id must equal the file name");
        assert!(
            ids.contains(&format!("{other}-{kind}").as_str()),
            "{id}: no {other}-{kind}: every position has a template in both languages"
        );
        let category = templates::category(id)
            .unwrap_or_else(|| panic!("{id}: its folder under templates/ names no category"));
        assert_eq!(
            templates::category(&format!("{other}-{kind}")),
            Some(category),
            "{id}: both languages in the same category"
        );
    }
}

#[test]
fn every_template_is_complete_and_valid() {
    for (id, doc) in all() {
        let problems: Vec<String> = validate(&doc)
            .iter()
            .map(|d| format!("{:?} {} {}", d.severity, d.path, d.message_en))
            .collect();
        assert!(problems.is_empty(), "{id}: {problems:#?}");

        let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            SectionKind::STANDARD,
            "{id}: the six standard sections in order"
        );
        let clauses: usize = doc.sections.iter().map(|s| count(&s.clauses)).sum();
        assert!(
            clauses >= 40,
            "{id}: {clauses} clauses, at least 40 expected"
        );

        // Requirements (education, experience, knowledge) sit in the general provisions.
        let general: String = doc.sections[0]
            .clauses
            .iter()
            .flat_map(|c| std::iter::once(c).chain(c.children.iter()))
            .map(|c| c.plain_text().to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let requirements: &[&[&str]] = match doc.language {
            Language::Ru => &[&["образовани"], &["опыт", "стаж"], &["знать"]],
            Language::En => &[&["education"], &["experience"], &["know"]],
        };
        for alternatives in requirements {
            assert!(
                alternatives.iter().any(|w| general.contains(w)),
                "{id}: general provisions lack {alternatives:?}"
            );
        }

        assert!(
            matches!(doc.approval, Approval::Stamp { .. }),
            "{id}: approval stamp"
        );
        assert!(!doc.signatures.author.name.is_empty(), "{id}: author");
        assert_eq!(doc.signatures.visas.len(), 1, "{id}: one visa");
        let sheet = doc
            .acknowledgement
            .sheet
            .as_ref()
            .expect("acknowledgement sheet");
        assert_eq!(sheet.blank_rows, 10, "{id}: 10 blank rows");
        assert!(
            doc.clauses().iter().all(|(_, c)| !c
                .plain_text()
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit())),
            "{id}: clause texts must not carry typed numbers"
        );
    }
}

#[test]
fn template_files_are_in_canonical_form() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    for (id, doc) in all() {
        let folder = templates::category(&id).unwrap().folder();
        let on_disk = std::fs::read(dir.join(folder).join(format!("{id}.jobdoc"))).unwrap();
        assert!(
            file::to_bytes(&doc) == on_disk,
            "{id}: the file is not as Jobdoc saves it; re-save it through the model"
        );
    }
}

#[test]
fn save_then_load_gives_back_every_template() {
    let tmp = tempfile::tempdir().unwrap();
    for (id, doc) in all() {
        let path = tmp.path().join(format!("{id}.jobdoc"));
        file::save(&doc, &path).unwrap();
        assert_eq!(file::load(&path).unwrap(), doc, "{id}");
    }
}

#[test]
fn instantiate_sets_fresh_metadata() {
    let doc = templates::instantiate(
        "ru-sales-manager",
        "abc",
        "2026-03-01T10:00:00Z".parse().unwrap(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(doc.meta.id, "abc");
    assert_eq!(doc.meta.created, "2026-03-01T10:00:00Z");
    assert_eq!(doc.meta.template.as_deref(), Some("ru-sales-manager"));
    assert!(templates::load("no-such-template").is_none());
    assert!(validate(&doc).iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn templates_refer_to_the_position_fields_instead_of_repeating_them() {
    for (id, doc) in all() {
        assert_eq!(doc.schema, SCHEMA_VERSION, "{id}");
        for field in [Field::Position, Field::ReportsTo, Field::Substitute] {
            assert!(
                doc.clauses()
                    .iter()
                    .any(|(_, c)| c.text.fields().any(|f| f == field)),
                "{id}: no clause refers to {field:?}"
            );
        }
        // The field's text is not typed out in a clause as well.
        for field in [Field::ReportsTo, Field::Substitute] {
            let value = jobdoc_model::validate::field_value(&doc, field).to_lowercase();
            for (path, c) in doc.clauses() {
                assert!(
                    !c.plain_text().to_lowercase().contains(&value),
                    "{id}: clause {path:?} repeats the {field:?} text instead of referring to it"
                );
            }
        }
    }
}

/// Every template as it was first published (schema 1), frozen in `tests/schema1/`: each still
/// loads, is migrated, and means exactly what it said — every field and every clause text equal
/// to the schema-1 file's.
#[test]
fn schema_1_templates_load_unchanged_in_meaning() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schema1");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let loaded = file::read(&bytes, &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.migrated_from, Some(1), "{}", path.display());
        assert_eq!(loaded.document.schema, SCHEMA_VERSION);
        let mut old: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let mut now = serde_json::to_value(&loaded.document).unwrap();
        assert_eq!(old["schema"], 1);
        old.as_object_mut().unwrap().remove("schema");
        let now_map = now.as_object_mut().unwrap();
        now_map.remove("schema");
        // What later schemas add: empty lists, and an id for every clause, c1, c2, … in order.
        for key in ["staff", "acknowledged", "editions"] {
            assert_eq!(now_map.remove(key), Some(serde_json::json!([])), "{key}");
        }
        let mut ids = Vec::new();
        strip_clause_ids(&mut now, &mut ids);
        let expected: Vec<String> = (1..=ids.len()).map(|n| format!("c{n}")).collect();
        assert_eq!(
            ids,
            expected,
            "{}: clause ids in reading order",
            path.display()
        );
        assert_eq!(
            now,
            old,
            "{}: the migrated document differs",
            path.display()
        );
        // Saved again, it is a current file that reads back the same.
        let again = file::read(&file::to_bytes(&loaded.document), &path).unwrap();
        assert_eq!(again.migrated_from, None);
        assert_eq!(again.document, loaded.document);
        seen += 1;
    }
    assert_eq!(seen, 10, "one frozen copy per original template");
}

#[test]
fn a_file_of_schema_0_or_a_newer_schema_is_refused() {
    let doc = templates::load("ru-sales-manager").unwrap().unwrap();
    let mut value = serde_json::to_value(&doc).unwrap();
    for schema in [0, SCHEMA_VERSION + 1] {
        value["schema"] = schema.into();
        let bytes = serde_json::to_vec(&value).unwrap();
        let err = file::read(&bytes, std::path::Path::new("x.jobdoc")).unwrap_err();
        assert!(
            matches!(
                err,
                file::FileError::NewerSchema { .. } | file::FileError::NotJobdoc { .. }
            ),
            "{err}"
        );
    }
}

#[test]
fn an_unknown_field_in_an_old_file_is_still_refused() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schema1");
    let path = dir.join("ru-sales-manager.jobdoc");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    value["position"]["salary"] = "100".into();
    let err = file::read(&serde_json::to_vec(&value).unwrap(), &path).unwrap_err();
    assert!(matches!(err, file::FileError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("salary"), "{err}");
    assert!(err.to_string().contains("schema 1"), "{err}");
}

/// Removes every clause's `id` (collecting them in reading order).
fn strip_clause_ids(value: &mut serde_json::Value, ids: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("children") && map.contains_key("text") {
                if let Some(serde_json::Value::String(id)) = map.remove("id") {
                    ids.push(id);
                }
            }
            for key in ["sections", "clauses", "children"] {
                if let Some(v) = map.get_mut(key) {
                    strip_clause_ids(v, ids);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                strip_clause_ids(item, ids);
            }
        }
        _ => {}
    }
}
