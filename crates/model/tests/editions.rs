//! Editions (frozen byte for byte, hash-checked), clause ids, and who must acknowledge what.

use std::path::Path;

use jobdoc_model::edition::{check_history, HistoryProblem};
use jobdoc_model::staff::{self, Standing};
use jobdoc_model::*;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn d(s: &str) -> IsoDate {
    s.parse().unwrap()
}

fn template() -> Document {
    templates::load("ru-sales-manager").unwrap().unwrap()
}

fn approved(doc: &Document, number: u32, on: &str) -> Edition {
    Edition::freeze(
        doc,
        number,
        d(on),
        Approval::Order {
            number: format!("{number}-к"),
            date: Some(d(on)),
        },
        t("2026-02-01T09:00:00Z"),
    )
}

#[test]
fn an_edition_survives_save_and_reload_byte_for_byte() {
    let mut doc = template();
    let first = approved(&doc, 1, "2026-01-15");
    assert!(first.verify());
    doc.editions.push(first.clone());
    doc.sections[2].clauses[0] = Clause::new("Новая обязанность.");
    doc.editions.push(approved(&doc, 2, "2026-03-01"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.jobdoc");
    file::save(&doc, &path).unwrap();
    let back = file::load(&path).unwrap();
    assert_eq!(back.editions, doc.editions);
    assert_eq!(back.editions[0].content.get(), first.content.get());
    // Saved again: the same bytes.
    file::save(&back, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), file::to_bytes(&doc));
    assert!(check_history(&back.editions).is_empty());

    // Each edition reads as it was approved: the first without the new duty, with its order.
    let one = back.editions[0].document().unwrap();
    assert_ne!(
        one.sections[2].clauses[0].plain_text(),
        "Новая обязанность."
    );
    assert_eq!(
        one.approval,
        Approval::Order {
            number: "1-к".into(),
            date: Some(d("2026-01-15"))
        }
    );
    assert!(one.editions.is_empty());
    let two = back.editions[1].document().unwrap();
    assert_eq!(
        two.sections[2].clauses[0].plain_text(),
        "Новая обязанность."
    );
}

#[test]
fn a_history_edited_by_hand_is_reported_not_trusted() {
    let mut doc = template();
    doc.editions.push(approved(&doc, 1, "2026-01-15"));
    let text = String::from_utf8(file::to_bytes(&doc)).unwrap();
    // Someone "fixes" a word in the approved text.
    let edited = text.replacen("менеджер по продажам", "менеджер по закупкам", 1);
    let at = edited.find("\"editions\"").unwrap();
    let edited = format!(
        "{}{}",
        &edited[..at],
        edited[at..].replacen("Общество", "Обшество", 1)
    );
    let back = file::read(edited.as_bytes(), Path::new("x.jobdoc"))
        .unwrap()
        .document;
    assert_eq!(
        check_history(&back.editions),
        vec![HistoryProblem::Tampered { number: 1 }]
    );
    let problems = validate(&back);
    assert!(
        problems
            .iter()
            .any(|p| p.code == DiagnosticCode::HistoryDamaged
                && p.severity == Severity::Error
                && p.message_ru.contains("Редакция 1")),
        "{problems:?}"
    );
}

#[test]
fn re_indenting_the_file_keeps_the_history_trusted() {
    let mut doc = template();
    doc.editions.push(approved(&doc, 1, "2026-01-15"));
    let value: serde_json::Value = serde_json::from_slice(&file::to_bytes(&doc)).unwrap();
    // Another tool writes the file its own way: sorted keys, four-space indentation.
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(&value, &mut ser).unwrap();
    let back = file::read(&out, Path::new("x.jobdoc")).unwrap().document;
    assert!(check_history(&back.editions).is_empty());
    assert_eq!(
        back.editions[0].document().unwrap().sections,
        doc.editions[0].document().unwrap().sections
    );
}

#[test]
fn editions_out_of_order_are_reported() {
    let doc = template();
    let e = vec![approved(&doc, 2, "2026-01-15")];
    assert_eq!(
        check_history(&e),
        vec![HistoryProblem::OutOfOrder {
            number: 2,
            expected: 1
        }]
    );
}

/// An edition approved by an older Jobdoc keeps its schema and its bytes through the file's
/// own migration, and is migrated in memory when opened.
#[test]
fn an_edition_of_an_older_schema_survives_the_files_migration() {
    let old = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema1/ru-sales-manager.jobdoc"),
    )
    .unwrap();
    let compact: serde_json::Value = serde_json::from_str(&old).unwrap();
    // As an older Jobdoc wrote it: its own key order (not sorted), compact.
    let content = old.split_whitespace().collect::<Vec<_>>().join(" ");
    let sha: String = {
        use sha2::Digest;
        let canonical = serde_json::to_string(&compact).unwrap();
        sha2::Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    // A schema-2 file (so that the migration to 3 runs) that somehow holds such an edition.
    let mut file_json: serde_json::Value = compact.clone();
    file_json["schema"] = 2.into();
    let edition_json = format!(
        r#"{{"number":1,"approved_on":"2025-12-01","approval":{{"kind":"order","number":"1","date":"2025-12-01"}},"recorded":"2025-12-01T10:00:00Z","sha256":"{sha}","content":{content}}}"#
    );
    let mut text = serde_json::to_string(&file_json).unwrap();
    text.insert_str(text.len() - 1, &format!(r#","editions":[{edition_json}]"#));
    let loaded = file::read(text.as_bytes(), Path::new("old.jobdoc")).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    let e = &loaded.document.editions[0];
    assert_eq!(e.content.get(), content, "the frozen bytes are untouched");
    assert!(e.verify());
    let opened = e.document().unwrap();
    assert_eq!(opened.schema, SCHEMA_VERSION);
    assert!(opened.clauses().iter().all(|(_, c)| !c.id.is_empty()));
}

#[test]
fn clause_ids_are_given_once_and_kept() {
    let mut doc = Document::blank(Language::Ru, "x", t("2026-01-01T00:00:00Z"));
    let first: Vec<String> = doc.clauses().iter().map(|(_, c)| c.id.clone()).collect();
    assert_eq!(first, ["c1", "c2", "c3", "c4", "c5", "c6"]);
    // A new clause, and a copy repeating an id: both get fresh ids above the largest. (Of two
    // clauses with one id the one later in reading order gets the new id; code that inserts
    // copies clears their ids, so this is only a safety net.)
    doc.sections[0].clauses.push(Clause::new("новый"));
    let copy = doc.sections[1].clauses[0].clone();
    doc.sections[0].clauses.push(copy);
    doc.sections[0].clauses.swap(0, 1); // moving does not change ids
    assert!(doc.assign_clause_ids());
    let ids: Vec<String> = doc.clauses().iter().map(|(_, c)| c.id.clone()).collect();
    assert_eq!(ids, ["c7", "c1", "c2", "c8", "c3", "c4", "c5", "c6"]);
    assert!(!doc.assign_clause_ids(), "nothing left to give");
    // A file is never written without them.
    doc.sections[2].clauses[0].id.clear();
    let back = file::from_bytes(&file::to_bytes(&doc), Path::new("x.jobdoc")).unwrap();
    assert!(back.clauses().iter().all(|(_, c)| !c.id.is_empty()));
}

#[test]
fn who_must_acknowledge_the_latest_edition() {
    let doc = template();
    let editions = vec![
        approved(&doc, 1, "2026-01-15"),
        approved(&doc, 2, "2026-03-01"),
    ];
    let member = |id: &str, hired: Option<&str>| StaffMember {
        id: id.into(),
        name: format!("Сотрудник {id}"),
        personnel_number: String::new(),
        department: String::new(),
        hired_on: hired.map(d),
    };
    let team = vec![
        member("e1", Some("2020-05-10")),
        member("e2", Some("2020-05-10")),
        member("e3", Some("2026-03-20")),
        member("e4", None),
    ];
    let signed = vec![
        Acknowledged {
            employee: "e1".into(),
            edition: 1,
            date: d("2026-01-16"),
        },
        Acknowledged {
            employee: "e1".into(),
            edition: 2,
            date: d("2026-03-02"),
        },
        Acknowledged {
            employee: "e2".into(),
            edition: 1,
            date: d("2026-01-20"),
        },
    ];
    let rows = staff::status(&team, &signed, &editions, d("2026-03-18"));
    let standing: Vec<(&str, Standing)> = rows
        .iter()
        .map(|r| (r.employee.as_str(), r.standing))
        .collect();
    assert_eq!(
        standing,
        [
            ("e1", Standing::Acknowledged),
            ("e2", Standing::Overdue),
            ("e3", Standing::Due),
            ("e4", Standing::Overdue),
        ]
    );
    assert_eq!(rows[1].previous_edition, Some(1));
    assert_eq!(rows[1].due_on, d("2026-03-15"));
    // Hired after the approval: due on the hire date, before the contract.
    assert_eq!(rows[2].due_on, d("2026-03-20"));
    assert!(staff::status(&team, &signed, &[], d("2026-03-18")).is_empty());
}

#[test]
fn staff_ids_are_given_to_new_and_repeated_members() {
    let mut team = vec![
        StaffMember {
            id: "e3".into(),
            ..Default::default()
        },
        StaffMember::default(),
        StaffMember {
            id: "e3".into(),
            ..Default::default()
        },
    ];
    staff::assign_ids(&mut team);
    let ids: Vec<&str> = team.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["e3", "e4", "e5"]);
}
