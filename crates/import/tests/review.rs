//! The import review's re-assignment: each kind of change rebuilds the document, the report
//! says what every paragraph became afterwards, and no paragraph is ever lost from the report.

use jobdoc_import::{import, reassign, Became, ImportOptions, Imported, Reason, Reassign};
use jobdoc_model::{Clause, Document, SectionKind};

const SOURCE: &str = "ООО «Ромашка»
ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
менеджера по продажам
1. ОБЩИЕ ПОЛОЖЕНИЯ
1.1. Менеджер по продажам относится к категории специалистов.
1.2. Назначается на должность приказом директора.
2. ДОЛЖНОСТНЫЕ ОБЯЗАННОСТИ
2.1. Ведёт переговоры с клиентами.
2.2. Готовит проекты договоров.
2.2.1. Проверяет реквизиты контрагентов.
2.3. Отчитывается о продажах.
3. ПРАВА
3.1. Запрашивать сведения у других отделов.
Страница 2 из 3
4. ОТВЕТСТВЕННОСТЬ
4.1. За ненадлежащее исполнение обязанностей.
";

fn imported() -> Imported {
    let now = "2026-12-02T08:00:00Z".parse().unwrap();
    let options = ImportOptions::new("doc-1", now);
    import(SOURCE.as_bytes(), "менеджер.txt", &options).unwrap()
}

/// The report entry whose source text starts with `start`.
fn entry(doc: &Imported, start: &str) -> u32 {
    doc.report
        .paragraphs
        .iter()
        .position(|p| p.source.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph {start}")) as u32
}

fn texts(clauses: &[Clause]) -> Vec<String> {
    clauses.iter().map(|c| c.text.placeholder_text()).collect()
}

/// What every clause entry of the report says matches the document: the clause at its path
/// has the paragraph's text; headings name existing sections; every paragraph is listed.
fn consistent(doc: &Document, report: &jobdoc_import::ImportReport, paragraphs: usize) {
    assert_eq!(
        report.paragraphs.len(),
        paragraphs,
        "a paragraph left the report"
    );
    for p in &report.paragraphs {
        match &p.became {
            Became::Clause {
                section,
                path,
                depth,
            } => {
                assert_eq!(*depth as usize, path.len());
                let mut level = &doc.sections[*section as usize].clauses;
                let mut clause = None;
                for &i in path {
                    let c = &level[i as usize];
                    clause = Some(c);
                    level = &c.children;
                }
                if p.reason != Reason::Continuation {
                    let text = clause.unwrap().text.placeholder_text();
                    // A clause is its paragraph's text, or begins with it when lines
                    // continuing it were joined (a line-end hyphen removed).
                    let own = p.source.trim_start();
                    let own = p
                        .number
                        .as_deref()
                        .and_then(|n| own.strip_prefix(n))
                        .unwrap_or(own)
                        .trim()
                        .trim_end_matches('-');
                    assert!(
                        p.source.contains(&text) || text.starts_with(own),
                        "{:?} is not the clause {text:?}",
                        p.source
                    );
                }
            }
            Became::Heading {
                section,
                section_kind,
            } => assert_eq!(doc.sections[*section as usize].kind, *section_kind),
            _ => {}
        }
    }
}

#[test]
fn a_clause_goes_deeper_with_its_sub_clauses() {
    let im = imported();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "2.2. ");
    let to = Reassign::Clause {
        depth: 2,
        section: None,
    };
    let (doc, report) = reassign(&im.document, &im.report, e, &to).unwrap();
    let duties = &doc.sections[1];
    assert_eq!(duties.kind, SectionKind::Duties);
    assert_eq!(
        texts(&duties.clauses),
        ["Ведёт переговоры с клиентами.", "Отчитывается о продажах."]
    );
    let under = &duties.clauses[0].children;
    assert_eq!(texts(under), ["Готовит проекты договоров."]);
    assert_eq!(
        texts(&under[0].children),
        ["Проверяет реквизиты контрагентов."]
    );
    assert_eq!(
        report.paragraphs[e as usize].became,
        Became::Clause {
            section: 1,
            path: vec![0, 0],
            depth: 2
        }
    );
    assert_eq!(report.paragraphs[e as usize].reason, Reason::Reassigned);
    consistent(&doc, &report, n);
    // Clause ids stay unique and the moved clause keeps its own.
    let before = im.document.sections[1].clauses[1].id.clone();
    assert_eq!(under[0].id, before);
}

#[test]
fn a_clause_moves_to_the_end_of_another_section() {
    let im = imported();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "1.2. ");
    let to = Reassign::Clause {
        depth: 1,
        section: Some(2),
    };
    let (doc, report) = reassign(&im.document, &im.report, e, &to).unwrap();
    assert_eq!(
        texts(&doc.sections[0].clauses),
        ["Менеджер по продажам относится к категории специалистов."]
    );
    assert_eq!(doc.sections[2].kind, SectionKind::Rights);
    assert_eq!(
        texts(&doc.sections[2].clauses),
        [
            "Запрашивать сведения у других отделов.",
            "Назначается на должность приказом директора."
        ]
    );
    consistent(&doc, &report, n);
    // A section that is not there is refused.
    let to = Reassign::Clause {
        depth: 1,
        section: Some(9),
    };
    assert!(reassign(&im.document, &im.report, e, &to).is_err());
}

#[test]
fn a_clause_becomes_a_section_heading_and_takes_the_clauses_after_it() {
    let im = imported();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "2.2. ");
    let (doc, report) = reassign(&im.document, &im.report, e, &Reassign::Heading).unwrap();
    assert_eq!(doc.sections.len(), 5);
    assert_eq!(
        texts(&doc.sections[1].clauses),
        ["Ведёт переговоры с клиентами."]
    );
    let new = &doc.sections[2];
    assert_eq!(new.kind, SectionKind::Custom);
    assert_eq!(new.title, "Готовит проекты договоров");
    assert_eq!(
        texts(&new.clauses),
        [
            "Проверяет реквизиты контрагентов.",
            "Отчитывается о продажах."
        ]
    );
    assert!(matches!(
        report.paragraphs[e as usize].became,
        Became::Heading {
            section: 2,
            section_kind: SectionKind::Custom
        }
    ));
    consistent(&doc, &report, n);

    // And back: the heading becomes a clause again, its clauses join the section before.
    let (doc2, report2) = reassign(
        &doc,
        &report,
        e,
        &Reassign::Clause {
            depth: 1,
            section: None,
        },
    )
    .unwrap();
    assert_eq!(doc2.sections.len(), 4);
    assert_eq!(
        texts(&doc2.sections[1].clauses),
        [
            "Ведёт переговоры с клиентами.",
            "Готовит проекты договоров.",
            "Проверяет реквизиты контрагентов.",
            "Отчитывается о продажах."
        ]
    );
    consistent(&doc2, &report2, n);
}

#[test]
fn a_dropped_paragraph_stays_listed_and_can_be_restored() {
    let im = imported();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "1.1. ");
    let (doc, report) = reassign(&im.document, &im.report, e, &Reassign::Dropped).unwrap();
    assert_eq!(
        texts(&doc.sections[0].clauses),
        ["Назначается на должность приказом директора."]
    );
    assert_eq!(report.paragraphs[e as usize].became, Became::Dropped);
    assert_eq!(report.paragraphs[e as usize].reason, Reason::Reassigned);
    consistent(&doc, &report, n);

    let to = Reassign::Clause {
        depth: 1,
        section: None,
    };
    let (doc, report) = reassign(&doc, &report, e, &to).unwrap();
    assert_eq!(
        texts(&doc.sections[0].clauses),
        [
            "Менеджер по продажам относится к категории специалистов.",
            "Назначается на должность приказом директора."
        ]
    );
    consistent(&doc, &report, n);
}

#[test]
fn noise_restored_as_a_clause_lands_where_it_stood() {
    let im = imported();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "Страница 2");
    assert_eq!(im.report.paragraphs[e as usize].became, Became::Dropped);
    assert_eq!(im.report.paragraphs[e as usize].reason, Reason::PageNumber);
    let to = Reassign::Clause {
        depth: 1,
        section: None,
    };
    let (doc, report) = reassign(&im.document, &im.report, e, &to).unwrap();
    assert_eq!(
        texts(&doc.sections[2].clauses),
        ["Запрашивать сведения у других отделов.", "Страница 2 из 3"]
    );
    consistent(&doc, &report, n);
}

#[test]
fn a_dropped_heading_gives_its_clauses_to_the_section_before() {
    let im = imported();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "3. ПРАВА");
    let (doc, report) = reassign(&im.document, &im.report, e, &Reassign::Dropped).unwrap();
    assert_eq!(doc.sections.len(), 3);
    assert_eq!(
        texts(&doc.sections[1].clauses).last().unwrap(),
        "Запрашивать сведения у других отделов."
    );
    assert!(report.notes.iter().any(|note| matches!(
        note,
        jobdoc_import::Note::MissingSection {
            section_kind: SectionKind::Rights
        }
    )));
    consistent(&doc, &report, n);

    // Restored as a heading, it names the standard section again.
    let (doc, report) = reassign(&doc, &report, e, &Reassign::Heading).unwrap();
    assert_eq!(doc.sections.len(), 4);
    assert_eq!(doc.sections[2].kind, SectionKind::Rights);
    assert_eq!(doc.sections[2].title, "");
    assert_eq!(
        texts(&doc.sections[2].clauses),
        ["Запрашивать сведения у других отделов."]
    );
    assert!(!report.notes.iter().any(|note| matches!(
        note,
        jobdoc_import::Note::MissingSection {
            section_kind: SectionKind::Rights
        }
    )));
    consistent(&doc, &report, n);
}

#[test]
fn dropping_the_first_heading_keeps_its_clauses_in_a_section_of_their_own() {
    let im = imported();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "1. ОБЩИЕ");
    let (doc, report) = reassign(&im.document, &im.report, e, &Reassign::Dropped).unwrap();
    assert_eq!(doc.sections.len(), 4);
    assert_eq!(doc.sections[0].kind, SectionKind::General);
    assert_eq!(doc.sections[0].clauses.len(), 2);
    consistent(&doc, &report, n);
}

#[test]
fn header_lines_and_unknown_paragraphs_are_refused() {
    let im = imported();
    let title = entry(&im, "ДОЛЖНОСТНАЯ");
    let to = Reassign::Clause {
        depth: 1,
        section: None,
    };
    let e = reassign(&im.document, &im.report, title, &to).unwrap_err();
    assert!(matches!(e, jobdoc_import::ReassignError::NotInBody { .. }));
    let e = reassign(&im.document, &im.report, 999, &to).unwrap_err();
    assert!(matches!(
        e,
        jobdoc_import::ReassignError::NoSuchParagraph { entry: 999 }
    ));
}

#[test]
fn depths_are_kept_within_three_levels() {
    let im = imported();
    let e = entry(&im, "2.2. ");
    let to = Reassign::Clause {
        depth: 7,
        section: None,
    };
    let (doc, report) = reassign(&im.document, &im.report, e, &to).unwrap();
    // 2.2 can go no deeper than under 2.1 (depth 2); its sub-clause follows to depth 3.
    let under = &doc.sections[1].clauses[0].children;
    assert_eq!(texts(under), ["Готовит проекты договоров."]);
    assert_eq!(
        texts(&under[0].children),
        ["Проверяет реквизиты контрагентов."]
    );
    consistent(&doc, &report, im.report.paragraphs.len());
}

#[test]
fn a_dropped_clause_comes_back_with_the_lines_that_continued_it() {
    let source = SOURCE.replace(
        "2.1. Ведёт переговоры с клиентами.\n",
        "2.1. Ведёт переговоры с клиента-\nми и партнёрами компании.\n",
    );
    let now = "2026-12-02T08:00:00Z".parse().unwrap();
    let im = import(
        source.as_bytes(),
        "менеджер.txt",
        &ImportOptions::new("doc-1", now),
    )
    .unwrap();
    let n = im.report.paragraphs.len();
    let e = entry(&im, "2.1. ");
    let joined = "Ведёт переговоры с клиентами и партнёрами компании.";
    assert_eq!(texts(&im.document.sections[1].clauses)[0], joined);
    let (doc, report) = reassign(&im.document, &im.report, e, &Reassign::Dropped).unwrap();
    assert!(report.paragraphs[e as usize + 1].became == Became::Dropped);
    assert_ne!(texts(&doc.sections[1].clauses)[0], joined);
    let to = Reassign::Clause {
        depth: 1,
        section: None,
    };
    let (doc, report) = reassign(&doc, &report, e, &to).unwrap();
    assert_eq!(texts(&doc.sections[1].clauses)[0], joined);
    assert_eq!(
        report.paragraphs[e as usize + 1].became,
        report.paragraphs[e as usize].became
    );
    consistent(&doc, &report, n);
}
