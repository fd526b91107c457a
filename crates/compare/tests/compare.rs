//! Comparisons checked against differences written out by hand.

use jobdoc_compare::{compare, summary, ChangeKind, Words, WordsKind};
use jobdoc_model::{Clause, Document, Language};

fn doc(sections: &[&[(&str, &str)]]) -> Document {
    let mut d = Document::blank(Language::Ru, "x", "2026-01-01T00:00:00Z".parse().unwrap());
    d.sections.truncate(sections.len());
    for (s, clauses) in sections.iter().enumerate() {
        d.sections[s].clauses = clauses
            .iter()
            .map(|(id, text)| Clause {
                id: (*id).into(),
                ..Clause::new(*text)
            })
            .collect();
    }
    d
}

#[test]
fn an_edition_against_the_next_clause_by_clause() {
    let old = doc(&[
        &[
            ("c1", "Менеджер относится к категории специалистов."),
            ("c2", "Назначается приказом генерального директора."),
            ("c3", "Подчиняется начальнику отдела."),
        ],
        &[
            ("c4", "Ведёт переговоры с клиентами."),
            ("c5", "Готовит коммерческие предложения."),
            ("c6", "Контролирует оплату."),
        ],
    ]);
    let new = doc(&[
        &[
            ("c1", "Менеджер относится к категории специалистов."),
            ("c3", "Подчиняется коммерческому директору."),
            ("c2", "Назначается приказом генерального директора."),
        ],
        &[
            ("c4", "Ведёт переговоры с ключевыми клиентами."),
            ("c6", "Контролирует оплату."),
            ("", "Ведёт учёт договоров в CRM."),
        ],
    ]);
    let c = compare(&old, &new);
    let kinds: Vec<(ChangeKind, Option<&str>, Option<&str>)> = c
        .clauses
        .iter()
        .map(|x| {
            (
                x.kind,
                x.old.as_ref().map(|s| s.label.as_str()),
                x.new.as_ref().map(|s| s.label.as_str()),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::Unchanged, Some("1.1."), Some("1.1.")),
            (ChangeKind::MovedAndChanged, Some("1.3."), Some("1.2.")),
            (ChangeKind::Unchanged, Some("1.2."), Some("1.3.")),
            (ChangeKind::Changed, Some("2.1."), Some("2.1.")),
            (ChangeKind::Removed, Some("2.2."), None),
            (ChangeKind::Unchanged, Some("2.3."), Some("2.2.")),
            (ChangeKind::Added, None, Some("2.3.")),
        ]
    );
    let w = |kind, text: &str| Words {
        kind,
        text: text.into(),
    };
    assert_eq!(
        c.clauses[3].words,
        [
            w(WordsKind::Same, "Ведёт переговоры с "),
            w(WordsKind::Added, "ключевыми "),
            w(WordsKind::Same, "клиентами."),
        ]
    );
    assert_eq!(
        c.clauses[1].words,
        [
            w(WordsKind::Same, "Подчиняется "),
            w(WordsKind::Removed, "начальнику отдела"),
            w(WordsKind::Added, "коммерческому директору"),
            w(WordsKind::Same, "."),
        ]
    );
    assert_eq!(
        summary(&c, Language::Ru),
        "пунктов изменено: 2, добавлено: 1, исключено: 1, перемещено: 1; полей изменено: 0"
    );
}

#[test]
fn two_documents_without_common_ids_pair_by_text() {
    let old = doc(&[&[
        ("a1", "Соблюдает правила внутреннего трудового распорядка."),
        ("a2", "Выполняет поручения руководителя."),
    ]]);
    let new = doc(&[&[
        ("b1", "Выполняет поручения непосредственного руководителя."),
        ("b2", "Соблюдает правила внутреннего трудового распорядка."),
        ("b3", "Проходит обучение по охране труда."),
    ]]);
    let c = compare(&old, &new);
    let kinds: Vec<ChangeKind> = c.clauses.iter().map(|x| x.kind).collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::MovedAndChanged,
            ChangeKind::Unchanged,
            ChangeKind::Added
        ]
    );
}

#[test]
fn fields_and_field_references_compare_as_printed() {
    let mut old = doc(&[&[("c1", "x")]]);
    old.position.name = "менеджер".into();
    old.sections[0].clauses[0].text = jobdoc_model::RichText::from_pieces([
        jobdoc_model::Inline::Field(jobdoc_model::Field::Position),
        jobdoc_model::Inline::Text(" относится к специалистам.".into()),
    ]);
    let mut new = old.clone();
    new.position.name = "старший менеджер".into();
    let c = compare(&old, &new);
    assert_eq!(c.fields.len(), 1);
    assert_eq!(c.fields[0].pointer, "/position/name");
    assert_eq!(c.fields[0].new, "старший менеджер");
    assert_eq!(c.clauses[0].kind, ChangeKind::Changed);
    assert_eq!(
        c.clauses[0].new.as_ref().unwrap().text,
        "Старший менеджер относится к специалистам."
    );
    assert!(compare(&old, &old).is_empty());
}
