//! Characters the font lacks, tabs, control and invisible characters.

use super::*;
use jobdoc_model::DiagnosticCode;

fn all_text(pages: &Pages) -> String {
    pages
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(line_text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn missing_glyphs_warn_with_the_clause_and_get_a_visible_substitute() {
    let doc = doc_with(
        Language::Ru,
        &[
            "Первый пункт.",
            "Оклад 100\u{a0}₽ в месяц 🙂 и\u{2011}так далее.",
        ],
    );
    let fonts = FontSet::bundled();
    assert!(
        !fonts.has_glyph(jobdoc_layout::FontStyle::Regular, '₽'),
        "the test assumes no ₽"
    );
    let pages = run(&doc);
    let w = &pages.warnings;
    let find = |code: &str| {
        w.iter()
            .find(|w| w.message_en.contains(code))
            .unwrap_or_else(|| panic!("no warning for {code}: {w:?}"))
    };
    for code in ["U+20BD", "U+1F642", "U+2011"] {
        assert_eq!(find(code).path, "/sections/0/clauses/1", "{code}");
        assert_eq!(find(code).code, DiagnosticCode::MissingGlyph);
        assert!(find(code).message_ru.contains(code));
    }
    assert_eq!(w.len(), 3, "{w:?}");
    let text = all_text(&pages);
    assert!(text.contains("100\u{a0}руб. в месяц"), "{text}");
    assert!(text.contains("и-так"), "{text}");
    let substitute = if fonts.has_glyph(jobdoc_layout::FontStyle::Regular, '\u{fffd}') {
        '\u{fffd}'
    } else {
        '?'
    };
    assert!(text.contains(&format!("месяц {substitute} и")), "{text}");
}

#[test]
fn english_rouble_sign_and_fields_are_named() {
    let mut doc = doc_with(Language::En, &["Salary 100 ₽."]);
    doc.organisation.name = "Test 🙂 Ltd".into();
    let pages = run(&doc);
    let text = all_text(&pages);
    assert!(text.contains("Salary 100 RUB."), "{text}");
    assert!(pages
        .warnings
        .iter()
        .any(|w| w.path == "/organisation" && w.message_en.contains("U+1F642")));
}

#[test]
fn tabs_become_spaces_and_invisible_characters_are_not_drawn() {
    let long = "Длинное\u{200b}Слово\u{200b}".repeat(12);
    let doc = doc_with(
        Language::Ru,
        &[&format!(
            "Колонка\tзначение, текст\u{200b}без\u{feff}пробела и {long}."
        )],
    );
    let pages = run(&doc);
    let text = all_text(&pages);
    assert!(text.contains("Колонка значение"), "{text}");
    assert!(text.contains("текстбезпробела"), "{text}");
    for c in ['\t', '\u{200b}', '\u{feff}', '\u{ad}'] {
        assert!(!text.contains(c), "{c:?} drawn");
    }
    assert!(pages.warnings.is_empty(), "{:?}", pages.warnings);
    // The zero-width spaces are break opportunities: the long run is broken at one of them,
    // without a hyphen.
    let lines = clause_lines(&doc, &pages, "1.1.");
    assert!(lines.len() >= 2);
    let end = &lines[0].1.spans.last().unwrap().text;
    assert!(end.ends_with("Длинное") || end.ends_with("Слово"), "{end}");
}

#[test]
fn control_characters_are_reported() {
    let doc = doc_with(Language::Ru, &["Текст\u{7}с звонком."]);
    let pages = run(&doc);
    assert!(all_text(&pages).contains("Текст с звонком."));
    assert!(pages
        .warnings
        .iter()
        .any(|w| w.path == "/sections/0/clauses/0"
            && w.code == DiagnosticCode::ControlCharacter
            && w.message_en.contains("U+0007")));
}

#[test]
fn a_substituted_non_breaking_hyphen_still_does_not_break() {
    // Many "а‑б" pairs at every offset: none may be split at its hyphen.
    let clauses: Vec<String> = (0..20)
        .map(|k| format!("{} {}", "ж".repeat(k), "сорок\u{2011}пять ".repeat(30)))
        .collect();
    let refs: Vec<&str> = clauses.iter().map(String::as_str).collect();
    let doc = doc_with(Language::Ru, &refs);
    let pages = run(&doc);
    let mut lines = 0;
    for page in &pages.pages {
        for l in &page.lines {
            let t = line_text(l);
            assert!(
                !t.ends_with("сорок-"),
                "broken at a non-breaking hyphen: {t}"
            );
            assert!(
                !t.starts_with("пять"),
                "broken at a non-breaking hyphen: {t}"
            );
            lines += 1;
        }
    }
    assert!(lines > 100);
    assert!(all_text(&pages).contains("сорок-пять"));
    assert!(!all_text(&pages).contains('\u{2060}'));
}
