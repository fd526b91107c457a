//! Find and replace in the open document and the clause library panel, through the [`Desk`]
//! the shell calls: matches by case and whole word, "Replace all" and the insertion of
//! clauses as one undo step each, field references kept, the renaming offer after an insert.

use jobdoc_library::clauses::{ClauseQuery, InsertAt};
use jobdoc_library::replace::MatchRules;
use jobdoc_library::HitSource;
use jobdoc_model::{Clause, Document, Field, Inline, Language, RichText, SectionKind, Timestamp};
use jobdoc_session::desk::Start;
use jobdoc_session::docfind::ClauseLibrary;
use jobdoc_session::Desk;
use jobdoc_store::lock::LockOwner;

const T0: &str = "2026-11-28T09:00:00Z";

fn desk() -> Desk {
    let now: Timestamp = T0.parse().unwrap();
    Desk::start(Start {
        owner: LockOwner::current(now),
        journal_dir: None,
        settings_path: None,
        file: None,
        system_language: Language::En,
        now,
    })
}

fn from_template(desk: &Desk, id: &str) {
    desk.new_document(Some(id), None, "doc-1", T0.parse().unwrap())
        .unwrap();
}

const ANY: MatchRules = MatchRules {
    match_case: false,
    whole_word: false,
};

#[test]
fn replace_all_is_one_undo_step_and_keeps_field_references() {
    let desk = desk();
    from_template(&desk, "ru-sales-manager");
    let before = desk.document().unwrap();
    let refs = |d: &Document| -> usize {
        d.clauses()
            .iter()
            .map(|(_, c)| c.text.fields().count())
            .sum()
    };
    let found = desk.find("покупател", ANY).unwrap().matches.len();
    assert!(found > 10, "{found}");
    let word = MatchRules {
        whole_word: true,
        ..ANY
    };
    let whole = desk.find("покупател", word).unwrap().matches.len();
    assert!(
        whole < found,
        "«покупателей» is not the whole word «покупател»"
    );
    let cased = MatchRules {
        match_case: true,
        ..ANY
    };
    assert!(desk.find("Покупател", cased).unwrap().matches.len() < found);

    let undo_steps_before = desk.state().can_undo;
    assert!(!undo_steps_before);
    let r = desk
        .replace_all("покупател", "заказчик", ANY, 1_000)
        .unwrap();
    assert_eq!(r.count as usize, found);
    assert!(r.state.can_undo);
    let after = desk.document().unwrap();
    assert_eq!(desk.find("покупател", ANY).unwrap().matches.len(), 0);
    assert_eq!(refs(&after), refs(&before), "field references stay");
    // One step: a single undo brings every clause back.
    let undone = desk.undo().unwrap();
    assert_eq!(undone.document.unwrap().sections, before.sections);
    assert!(!undone.can_undo);
    // Nothing found: nothing changes, no undo step.
    let none = desk
        .replace_all("нет такого слова", "x", ANY, 2_000)
        .unwrap();
    assert_eq!(none.count, 0);
    assert!(!none.state.can_undo);
}

#[test]
fn replace_one_changes_the_chosen_match() {
    let desk = desk();
    from_template(&desk, "en-sales-manager");
    let matches = desk.find("client", ANY).unwrap().matches;
    assert!(matches.len() > 2);
    let second = matches[1].clone();
    let r = desk
        .replace_one("client", "customer", ANY, 1, 1_000)
        .unwrap();
    assert_eq!(r.count, 1);
    let left = desk.find("client", ANY).unwrap().matches;
    assert_eq!(left.len(), matches.len() - 1);
    assert_eq!(left[0], matches[0], "the first one is untouched");
    assert!(desk
        .find("customer", ANY)
        .unwrap()
        .matches
        .iter()
        .any(|m| m.pointer == second.pointer));
    let out_of_range = desk
        .replace_one("client", "customer", ANY, 999, 2_000)
        .unwrap();
    assert_eq!(out_of_range.count, 0);
}

#[test]
fn clauses_are_found_inserted_after_the_cursor_and_undone_at_once() {
    let desk = desk();
    from_template(&desk, "ru-sales-manager");
    let library = ClauseLibrary::new();
    let results = library.search(&ClauseQuery {
        text: "отчёт".into(),
        section: Some(SectionKind::Duties),
        language: Some(Language::Ru),
        ..ClauseQuery::default()
    });
    assert!(results.hits.len() >= 2);
    let keys: Vec<String> = results.hits[..2].iter().map(|h| h.key.clone()).collect();
    let before = desk.document().unwrap();
    let duties = before
        .sections
        .iter()
        .position(|s| s.kind == SectionKind::Duties)
        .unwrap();
    let at = InsertAt {
        section: duties as u32,
        after: Some(vec![0]),
    };
    let inserted = desk
        .insert_library_clauses(&library, &keys, &at, 1_000)
        .unwrap();
    assert_eq!(
        inserted.pointers,
        [
            format!("/sections/{duties}/clauses/1"),
            format!("/sections/{duties}/clauses/2")
        ]
    );
    let doc = inserted.state.document.unwrap();
    let list = &doc.sections[duties].clauses;
    assert_eq!(list.len(), before.sections[duties].clauses.len() + 2);
    assert_eq!(list[0], before.sections[duties].clauses[0]);
    assert_eq!(list[3].text, before.sections[duties].clauses[1].text);
    assert!(list[1].plain_text().to_lowercase().contains("отч"));
    assert!(!list[1].id.is_empty() && inserted.ids.contains(&list[1].id));
    let undone = desk.undo().unwrap();
    assert_eq!(undone.document.unwrap().sections, before.sections);

    // At the end of the section; a stale key or place is refused with a code.
    let end = InsertAt {
        section: duties as u32,
        after: None,
    };
    let at_end = desk
        .insert_library_clauses(&library, &keys[..1], &end, 2_000)
        .unwrap();
    let n = before.sections[duties].clauses.len();
    assert_eq!(at_end.pointers, [format!("/sections/{duties}/clauses/{n}")]);
    let gone = desk
        .insert_library_clauses(&library, &["template:none#c1".to_owned()], &end, 3_000)
        .unwrap_err();
    assert_eq!(
        desk.api_error(&gone).code,
        jobdoc_model::ErrorCode::NotThere
    );
    let nowhere = InsertAt {
        section: 99,
        after: None,
    };
    assert!(desk
        .insert_library_clauses(&library, &keys[..1], &nowhere, 4_000)
        .is_err());
}

#[test]
fn an_inserted_clause_naming_its_position_offers_the_current_one_in_its_case() {
    let desk = desk();
    from_template(&desk, "ru-sales-manager");
    let mut doc = desk.document().unwrap();
    doc.position.name = "бухгалтер".into();
    doc.position.title_form = "бухгалтера".into();
    desk.edit(doc, None, 500).unwrap();

    let mut source = Document::blank(Language::Ru, "src", T0.parse().unwrap());
    source.position.name = "менеджер по продажам".into();
    source.sections[2].clauses = vec![Clause {
        id: String::new(),
        text: RichText::from_pieces([
            Inline::Text(
                "Менеджер по продажам сдаёт отчёт менеджера по продажам руководителю, \
                 а копию — менеджеру по продажам; работа менеджером по продажам ведётся "
                    .into(),
            ),
            Inline::Field(Field::Department),
            Inline::Text(".".into()),
        ]),
        children: vec![],
    }];
    let library = ClauseLibrary::new();
    library.set_documents(vec![(
        HitSource::Document {
            path: "Продажи/менеджер.jobdoc".into(),
        },
        source,
    )]);
    let hit = library
        .search(&ClauseQuery {
            text: "копию руководителю".into(),
            ..ClauseQuery::default()
        })
        .hits
        .into_iter()
        .next()
        .unwrap();
    assert!(matches!(hit.source, HitSource::Document { .. }));
    let at = InsertAt {
        section: 2,
        after: None,
    };
    let inserted = desk
        .insert_library_clauses(&library, &[hit.key], &at, 1_000)
        .unwrap();
    assert_eq!(inserted.offers.len(), 1);
    let offer = &inserted.offers[0];
    assert_eq!(offer.from, "менеджер по продажам");
    assert_eq!(offer.to, "бухгалтер");
    let forms: Vec<(&str, &str, Option<&str>, u32)> = offer
        .forms
        .iter()
        .map(|f| {
            (
                f.case.as_str(),
                f.found.as_str(),
                f.with.as_deref(),
                f.count,
            )
        })
        .collect();
    assert_eq!(
        forms,
        [
            ("nominative", "менеджер по продажам", Some("бухгалтер"), 1),
            ("genitive", "менеджера по продажам", Some("бухгалтера"), 1),
            ("dative", "менеджеру по продажам", Some("бухгалтеру"), 1),
        ]
    );
    assert_eq!(
        offer.other_forms, 1,
        "«менеджером» is left as is, and said so"
    );

    let renamed = desk.rename_position(&inserted.ids, offer, 2_000).unwrap();
    assert_eq!(renamed.count, 3);
    let doc = renamed.state.document.unwrap();
    let clause = doc.sections[2].clauses.last().unwrap();
    assert_eq!(
        clause.text.placeholder_text(),
        "Бухгалтер сдаёт отчёт бухгалтера руководителю, а копию — бухгалтеру; работа \
         менеджером по продажам ведётся {department}."
    );
    // The renaming is its own step: undo brings the inserted text back as it came.
    let undone = desk.undo().unwrap().document.unwrap();
    assert!(undone.sections[2]
        .clauses
        .last()
        .unwrap()
        .plain_text()
        .starts_with("Менеджер по продажам"));
}
