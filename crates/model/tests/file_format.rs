//! The `.jobdoc` file: round trips, and a clear typed error for every kind of bad file.

use std::path::Path;

use jobdoc_model::file::{self, FileError};
use jobdoc_model::generate;
use jobdoc_model::*;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including control characters, RTL text and emoji: the file must keep it all.
    prop_oneof![
        any::<String>(),
        "[а-яА-Я «»—.,;:-]{0,40}",
        Just(String::new())
    ]
}

fn date() -> impl Strategy<Value = Option<IsoDate>> {
    proptest::option::of(
        (1u16..=9999, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| IsoDate::new(y, m, d).unwrap()),
    )
}

/// A clause or staff id as Jobdoc writes them (never empty in a file).
fn id() -> impl Strategy<Value = String> {
    "[a-z][0-9]{1,4}"
}

fn staff() -> impl Strategy<Value = Vec<StaffMember>> {
    proptest::collection::vec(
        (id(), text(), text(), text(), date()).prop_map(
            |(id, name, personnel_number, department, hired_on)| StaffMember {
                id,
                name,
                personnel_number,
                department,
                hired_on,
            },
        ),
        0..3,
    )
}

/// Clause text: typed pieces and field references in any order.
fn rich() -> impl Strategy<Value = RichText> {
    let piece = prop_oneof![
        text().prop_map(Inline::Text),
        (0usize..Field::ALL.len()).prop_map(|i| Inline::Field(Field::ALL[i])),
    ];
    proptest::collection::vec(piece, 0..4).prop_map(RichText::from_pieces)
}

/// Any instant from year 1 to 9999, in UTC or with an offset.
fn stamp() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        (-62_135_596_800_000i64..253_402_300_799_000).prop_map(Timestamp::from_unix_millis),
        (
            1u16..=9999,
            1u8..=12,
            1u8..=28,
            0u32..24,
            0u32..60,
            any::<bool>(),
            0u32..24,
            0u32..60
        )
            .prop_map(|(y, mo, d, h, mi, east, oh, om)| {
                let sign = if east { '+' } else { '-' };
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:07.5{sign}{oh:02}:{om:02}")
                    .parse()
                    .unwrap()
            }),
    ]
}

fn clauses(depth: u32) -> BoxedStrategy<Vec<Clause>> {
    let leaf = (id(), rich()).prop_map(|(id, text)| Clause {
        id,
        text,
        children: Vec::new(),
    });
    if depth == 0 {
        proptest::collection::vec(leaf, 0..3).boxed()
    } else {
        proptest::collection::vec(
            (id(), rich(), clauses(depth - 1)).prop_map(|(id, text, children)| Clause {
                id,
                text,
                children,
            }),
            0..3,
        )
        .boxed()
    }
}

fn signatory() -> impl Strategy<Value = Signatory> {
    (text(), text()).prop_map(|(position, name)| Signatory { position, name })
}

fn finite() -> impl Strategy<Value = f64> {
    -1.0e6f64..1.0e6
}

prop_compose! {
    fn document()(
        id in text(), created in stamp(), modified in stamp(), revision in any::<u32>(), template in proptest::option::of(text()),
        english in any::<bool>(),
        org in (text(), text(), text(), text()),
        pos in (text(), text(), text(), text()),
        reg in (date(), text()),
        stamp in any::<bool>(), approval in (text(), text(), date()),
        sections in proptest::collection::vec((0usize..7, text(), clauses(3)), 0..8),
        author in signatory(), visas in proptest::collection::vec(signatory(), 0..3),
        mark in any::<bool>(),
        sheet in proptest::option::of((proptest::collection::vec((text(), text()), 0..3), any::<u32>())),
        page in (finite(), finite(), finite(), finite(), finite(), finite()),
        staff in staff(),
        acknowledged in proptest::collection::vec((id(), 1u32..5, (1u16..=9999, 1u8..=12, 1u8..=28)), 0..3),
    ) -> Document {
        Document {
            schema: SCHEMA_VERSION,
            meta: Metadata { id, created, modified, revision, template },
            language: if english { Language::En } else { Language::Ru },
            organisation: Organisation { name: org.0, short_name: org.1, department: org.2, place: org.3 },
            position: Position { name: pos.0, title_form: pos.1, reports_to: pos.2, substitute: pos.3 },
            registration: Registration { date: reg.0, number: reg.1 },
            approval: if stamp {
                Approval::Stamp { approver_position: approval.0, approver_name: approval.1, date: approval.2 }
            } else {
                Approval::Order { number: approval.0, date: approval.2 }
            },
            sections: sections.into_iter().map(|(k, title, clauses)| Section {
                kind: if k < 6 { SectionKind::STANDARD[k] } else { SectionKind::Custom },
                title,
                clauses,
            }).collect(),
            signatures: Signatures { author, visas },
            acknowledgement: Acknowledgement {
                mark,
                sheet: sheet.map(|(employees, blank_rows)| AcknowledgementSheet {
                    employees: employees.into_iter().map(|(name, position)| Employee { name, position }).collect(),
                    blank_rows,
                }),
            },
            page: PageSettings {
                font_size_pt: page.0,
                line_spacing: page.1,
                margins_mm: Margins { top: page.2, bottom: page.3, left: page.4, right: page.5 },
            },
            staff,
            acknowledged: acknowledged
                .into_iter()
                .map(|(employee, edition, (y, m, d))| Acknowledged {
                    employee,
                    edition,
                    date: IsoDate::new(y, m, d).unwrap(),
                })
                .collect(),
            editions: Vec::new(),
        }
        // Ids as a file holds them: one per clause (duplicates would be renumbered on reading).
        .with_clause_ids()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_document_round_trips(doc in document()) {
        let bytes = file::to_bytes(&doc);
        let back = file::from_bytes(&bytes, Path::new("x.jobdoc")).unwrap();
        prop_assert_eq!(&back, &doc);
        // Stable: saving again gives the same bytes.
        prop_assert_eq!(file::to_bytes(&back), bytes);
        // Validation never panics and always names a location.
        for d in validate(&doc) {
            prop_assert!(d.path.starts_with('/'));
        }
    }

    #[test]
    fn generated_documents_round_trip_through_disk(clauses in 1usize..300, seed in any::<u64>(), english in any::<bool>()) {
        let doc = generate::document(clauses, seed, if english { Language::En } else { Language::Ru });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.jobdoc");
        file::save(&doc, &path).unwrap();
        prop_assert_eq!(file::load(&path).unwrap(), doc);
    }
}

fn load_bytes(bytes: &[u8]) -> FileError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jobdoc");
    std::fs::write(&path, bytes).unwrap();
    let err = file::load(&path).unwrap_err();
    assert!(
        err.to_string().contains("bad.jobdoc"),
        "the message names the file: {err}"
    );
    err
}

fn valid_json() -> String {
    String::from_utf8(file::to_bytes(
        &templates::load("ru-sales-manager").unwrap().unwrap(),
    ))
    .unwrap()
}

#[test]
fn empty_file() {
    assert!(matches!(load_bytes(b""), FileError::Empty { .. }));
    assert!(matches!(load_bytes(b" \n\t"), FileError::Empty { .. }));
}

#[test]
fn truncated_file() {
    let json = valid_json();
    for cut in [1, 10, json.len() / 2, json.len() - 3] {
        let err = load_bytes(&json.as_bytes()[..cut]);
        assert!(
            matches!(err, FileError::Truncated { .. } | FileError::NotUtf8 { .. }),
            "cut at {cut}: {err}"
        );
    }
}

#[test]
fn binary_and_invalid_utf8() {
    let err = load_bytes(&[0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe]);
    assert!(matches!(err, FileError::NotUtf8 { offset: 0, .. }), "{err}");
    assert_eq!(err.code(), ErrorCode::NotAJobdoc);
    assert!(
        err.message(Language::Ru)
            .contains("это не документ Jobdoc: файл не является текстом UTF-8"),
        "{}",
        err.message(Language::Ru)
    );
    let mut json = valid_json().into_bytes();
    json.insert(200, 0xC3);
    json.insert(201, 0x28);
    assert!(matches!(
        load_bytes(&json),
        FileError::NotUtf8 { offset: 200, .. }
    ));
}

#[test]
fn json_that_is_not_a_jobdoc() {
    for (input, reason, reason_ru) in [
        ("[1, 2, 3]", "not an object", "не объект"),
        ("\"text\"", "not an object", "не объект"),
        ("{\"name\": \"x\"}", "no \"schema\"", "нет поля «schema»"),
        (
            "{\"schema\": \"1\"}",
            "not a positive whole number",
            "не целое положительное число",
        ),
        (
            "{\"schema\": -1}",
            "not a positive whole number",
            "не целое положительное число",
        ),
        ("{\"schema\": 0}", "schema 0", "схемы 0"),
        (
            "Должностная инструкция менеджера",
            "not JSON",
            "не текст JSON (ошибка в строке 1, столбце 1)",
        ),
        ("<html></html>", "not JSON", "не текст JSON"),
    ] {
        let err = load_bytes(input.as_bytes());
        assert!(matches!(err, FileError::NotJobdoc { .. }), "{input}: {err}");
        assert!(err.to_string().contains(reason), "{input}: {err}");
        assert_eq!(err.message(Language::En), err.to_string());
        let ru = err.message(Language::Ru);
        assert!(ru.contains(reason_ru), "{input}: {ru}");
    }
}

#[test]
fn newer_schema_is_refused_before_reading_fields() {
    let json = valid_json().replacen(&format!("\"schema\": {SCHEMA_VERSION}"), "\"schema\": 7", 1);
    let err = load_bytes(json.as_bytes());
    assert!(
        matches!(err, FileError::NewerSchema { found: 7, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer Jobdoc"));
    // Even when the rest is something this version cannot read.
    let future = format!("{{\"schema\": {}, \"future\": true}}", SCHEMA_VERSION + 1);
    let err = load_bytes(future.as_bytes());
    assert!(
        matches!(err, FileError::NewerSchema { found, .. } if found == u64::from(SCHEMA_VERSION) + 1)
    );
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    let json = valid_json().replacen(
        "\"revision\": 0,",
        "\"revision\": 0,\n    \"colour\": \"red\",",
        1,
    );
    let err = load_bytes(json.as_bytes());
    assert!(matches!(err, FileError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("colour"), "{err}");
    let ru = err.message(Language::Ru);
    assert!(ru.contains("неизвестное поле «colour»"), "{ru}");
    assert!(ru.contains(": ошибка в документе в строке "), "{ru}");
}

#[test]
fn wrong_types_and_bad_dates_name_the_place() {
    let json = valid_json().replacen("\"blank_rows\": 10", "\"blank_rows\": \"ten\"", 1);
    let err = load_bytes(json.as_bytes());
    assert!(
        matches!(err, FileError::Invalid { line, .. } if line > 1),
        "{err}"
    );
    let json = valid_json().replacen("\"date\": null", "\"date\": \"2026-02-30\"", 1);
    let err = load_bytes(json.as_bytes());
    assert!(err.to_string().contains("2026-02-30"), "{err}");
}

#[test]
fn byte_order_mark_is_accepted() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(valid_json().into_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.jobdoc");
    std::fs::write(&path, bytes).unwrap();
    assert!(file::load(&path).is_ok());
}

#[test]
fn missing_file_and_too_large_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = file::load(&dir.path().join("absent.jobdoc")).unwrap_err();
    assert!(matches!(err, FileError::Read { .. }) && err.to_string().contains("absent.jobdoc"));
    let big = dir.path().join("big.jobdoc");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(file::MAX_FILE_BYTES + 1).unwrap();
    assert!(matches!(
        file::load(&big).unwrap_err(),
        FileError::TooLarge { .. }
    ));
}

#[test]
fn save_replaces_atomically_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.jobdoc");
    let mut doc = templates::load("en-sales-manager").unwrap().unwrap();
    file::save(&doc, &path).unwrap();
    doc.position.name = "senior sales manager".into();
    file::save(&doc, &path).unwrap();
    assert_eq!(file::load(&path).unwrap(), doc);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("doc.jobdoc")]);
}

#[test]
fn save_into_a_missing_folder_fails_with_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/doc.jobdoc");
    let doc = templates::load("en-sales-manager").unwrap().unwrap();
    let err = file::save(&doc, &path).unwrap_err();
    assert!(matches!(err, FileError::Write { .. }));
    assert!(err.to_string().contains("doc.jobdoc"), "{err}");
}

#[test]
fn validation_reports_each_problem_with_a_path() {
    let mut doc = Document::blank(Language::Ru, "x", "2026-01-01T00:00:00Z".parse().unwrap());
    doc.sections[1].clauses = vec![];
    doc.sections[2].clauses = vec![
        Clause::new("Ведёт переговоры."),
        Clause::new("  ведёт   переговоры. "),
    ];
    doc.sections[3].clauses = vec![Clause {
        id: String::new(),
        text: "a".into(),
        children: vec![Clause {
            id: String::new(),
            text: "b".into(),
            children: vec![Clause {
                id: String::new(),
                text: "c".into(),
                children: vec![Clause::new("d")],
            }],
        }],
    }];
    doc.page.margins_mm.left = 15.0;
    doc.page.font_size_pt = 11.0;
    doc.sections.push(Section {
        kind: SectionKind::Custom,
        title: " ".into(),
        clauses: vec![Clause::new("x")],
    });
    let found = validate(&doc);
    let has = |code: DiagnosticCode, path: &str| {
        assert!(
            found.iter().any(|d| d.code == code
                && d.path == path
                && !d.message_ru.is_empty()
                && !d.message_en.is_empty()),
            "{code:?} at {path} not in {found:#?}"
        )
    };
    has(DiagnosticCode::MissingOrganisation, "/organisation/name");
    has(DiagnosticCode::MissingPosition, "/position/name");
    has(DiagnosticCode::MissingTitleForm, "/position/title_form");
    has(DiagnosticCode::MissingApprover, "/approval/approver_name");
    has(DiagnosticCode::EmptySection, "/sections/1");
    has(DiagnosticCode::EmptyClause, "/sections/0/clauses/0");
    has(DiagnosticCode::DuplicateClause, "/sections/2/clauses/1");
    has(
        DiagnosticCode::TooDeep,
        "/sections/3/clauses/0/children/0/children/0/children/0",
    );
    has(DiagnosticCode::MarginBelowMinimum, "/page/margins_mm/left");
    has(DiagnosticCode::FontSizeOutOfRange, "/page/font_size_pt");
    has(DiagnosticCode::UntitledSection, "/sections/6/title");
    assert!(has_errors(&found));
}
