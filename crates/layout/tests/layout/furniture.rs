//! Page furniture: the header and approval stamp, the title, page numbers, margins.

use super::*;
use jobdoc_layout::{FontStyle, A4_HEIGHT_PT, A4_WIDTH_PT, MM};

const PAGE_NUMBER_TOP_PT: f32 = jobdoc_model::geometry::PAGE_NUMBER_TOP_MM as f32 * MM;
use jobdoc_model::generate;
use jobdoc_model::Approval;

fn stamp_lines<'p>(pages: &'p Pages, first: &str, last_contains: &str) -> Vec<&'p Line> {
    let page = &pages.pages[0];
    let start = page
        .lines
        .iter()
        .position(|l| line_text(l) == first)
        .unwrap_or_else(|| panic!("no {first} line"));
    let end = page.lines[start..]
        .iter()
        .position(|l| line_text(l).contains(last_contains))
        .expect("stamp end")
        + start;
    page.lines[start..=end].iter().collect()
}

#[test]
fn the_stamp_sits_top_right_within_8_cm() {
    let mut doc = doc_with(Language::Ru, &["Текст."]);
    doc.approval = Approval::Stamp {
        approver_position:
            "Заместитель генерального директора по коммерческим вопросам и развитию \
            региональной сети филиалов"
                .into(),
        approver_name: "А. Б. Васильев".into(),
        date: None,
    };
    let pages = run(&doc);
    let lines = stamp_lines(&pages, "УТВЕРЖДАЮ", "20__");
    assert!(lines.len() >= 5, "position should wrap: {}", lines.len());
    let right = right_pt(&doc);
    let x0 = lines[0].spans[0].x_pt;
    let mut widest: f32 = 0.0;
    for l in &lines {
        let s = &l.spans[0];
        let end = l.spans.last().map(|s| s.x_pt + s.width_pt).unwrap();
        assert!(
            (s.x_pt - x0).abs() < EPS,
            "stamp lines are left-aligned: {}",
            line_text(l)
        );
        assert!(
            end - s.x_pt <= 80.0 * MM + EPS,
            "stamp line longer than 8 cm: {}",
            line_text(l)
        );
        assert!(end <= right + EPS);
        widest = widest.max(end);
    }
    // The stamp's column (the DOCX's header table cell) ends at the right margin.
    let column = jobdoc_model::resolve::resolve(&doc)
        .geometry
        .header_columns()
        .stamp_mm as f32
        * MM;
    assert!(
        (x0 - (right - column)).abs() < EPS,
        "the stamp's lines start {column} pt left of the right margin: {x0}"
    );
    assert!(widest <= right + EPS);
    // It starts on the same top line as the organisation's name.
    let org = &pages.pages[0].lines[0];
    assert!(line_text(org).starts_with("Общество"));
    assert!((org.y_pt - lines[0].y_pt).abs() < EPS);
    assert!(org.spans[0].x_pt < x0);
    // Single spacing inside the stamp.
    let single = doc.page.font_size_pt as f32 * 1.15;
    assert!((lines[2].y_pt - lines[1].y_pt - single).abs() < 0.1);
}

#[test]
fn approval_by_order() {
    let mut doc = doc_with(Language::Ru, &["Текст."]);
    doc.approval = Approval::Order {
        number: "12-к".into(),
        date: Some("2026-01-15".parse().unwrap()),
    };
    let pages = run(&doc);
    let lines = stamp_lines(&pages, "УТВЕРЖДЕНА", "приказом");
    assert_eq!(line_text(lines[1]), "приказом от 15.01.2026 №\u{a0}12-к");
}

#[test]
fn the_header_column_and_blank_registration() {
    let doc = doc_with(Language::Ru, &["Текст."]);
    let pages = run(&doc);
    let page = &pages.pages[0];
    let texts: Vec<String> = page.lines.iter().map(line_text).collect();
    let kind = page
        .lines
        .iter()
        .find(|l| line_text(l) == "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ")
        .expect("document kind");
    assert_eq!(kind.spans[0].style, FontStyle::Bold);
    assert!(
        texts.iter().any(|t| t == "__.__.____ №\u{a0}____"),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "г. Москва"));
    // The left column stays within about half the text width.
    let left = left_pt(&doc);
    let width = right_pt(&doc) - left;
    for l in page
        .lines
        .iter()
        .take_while(|l| line_text(l) != "УТВЕРЖДАЮ")
    {
        let end = l.spans.last().map(|s| s.x_pt + s.width_pt).unwrap();
        assert!(end <= left + width * 0.5 + EPS, "{}", line_text(l));
    }
    // The title: bold and centred.
    let title = page
        .lines
        .iter()
        .find(|l| line_text(l) == "менеджера по продажам")
        .expect("title");
    let s = &title.spans[0];
    assert_eq!(s.style, FontStyle::Bold);
    assert!((s.x_pt + s.width_pt / 2.0 - (left + width / 2.0)).abs() < 0.5);
}

#[test]
fn page_numbers_from_page_2_centred_at_least_10_mm_from_the_top() {
    let doc = generate::document(200, 3, Language::Ru);
    let pages = run(&doc);
    assert!(pages.pages.len() > 5);
    let top = top_pt(&doc);
    let centre = (left_pt(&doc) + right_pt(&doc)) / 2.0;
    assert!(
        pages.pages[0].lines.iter().all(|l| l.y_pt > top),
        "page 1 has no number"
    );
    let ascent = FontSet::bundled().ascent_pt(FontStyle::Regular, 14.0);
    for (n, page) in pages.pages.iter().enumerate().skip(1) {
        let numbers: Vec<&Line> = page.lines.iter().filter(|l| l.y_pt < top).collect();
        assert_eq!(numbers.len(), 1, "page {}", n + 1);
        let l = numbers[0];
        assert_eq!(line_text(l), (n + 1).to_string());
        let s = &l.spans[0];
        assert!((s.x_pt + s.width_pt / 2.0 - centre).abs() < 0.01);
        assert!(
            l.y_pt - ascent >= PAGE_NUMBER_TOP_PT - 0.01,
            "number box closer than 10 mm to the edge"
        );
        assert!(
            l.y_pt >= 12.0 * MM && l.y_pt <= 15.0 * MM,
            "baseline at {} mm",
            l.y_pt / MM
        );
    }
}

/// Every span of every page inside the margins (page numbers inside the page, above the text).
pub fn assert_inside_margins(doc: &Document, pages: &Pages) {
    let left = left_pt(doc);
    let right = right_pt(doc);
    let top = top_pt(doc);
    let bottom = A4_HEIGHT_PT - doc.page.margins_mm.bottom as f32 * MM;
    let fonts = FontSet::bundled();
    assert_eq!(pages.width_pt, A4_WIDTH_PT);
    for (n, page) in pages.pages.iter().enumerate() {
        for l in &page.lines {
            for s in &l.spans {
                assert!(
                    s.x_pt >= left - EPS,
                    "page {}: left of the margin: {}",
                    n + 1,
                    s.text
                );
                assert!(
                    s.x_pt + s.width_pt <= right + EPS,
                    "page {}: past the right margin: {}",
                    n + 1,
                    s.text
                );
                assert!(
                    s.text.chars().all(|c| fonts.has_glyph(s.style, c)),
                    "no glyph in {:?}",
                    s.text
                );
                let w = fonts.advance_pt(s.style, &s.text, s.size_pt);
                assert!((w - s.width_pt).abs() < 0.01, "width of {:?}", s.text);
            }
            if l.y_pt > top {
                let size = l.spans.first().map_or(14.0, |s| s.size_pt);
                let top_ink = l.y_pt - fonts.ascent_pt(FontStyle::Regular, size);
                assert!(
                    top_ink >= top - 0.5,
                    "page {}: above the top margin: {}",
                    n + 1,
                    line_text(l)
                );
                assert!(
                    l.y_pt <= bottom,
                    "page {}: below the bottom margin: {}",
                    n + 1,
                    line_text(l)
                );
            } else {
                assert!(n > 0, "page 1 has something in the top margin");
            }
        }
        for r in &page.rules {
            assert!(r.x1_pt >= left - EPS && r.x2_pt <= right + EPS);
            assert!(r.y1_pt >= top - EPS && r.y2_pt <= bottom + EPS);
        }
    }
}

#[test]
fn everything_inside_the_margins_for_every_template() {
    let ids: Vec<&str> = jobdoc_model::templates::ids().collect();
    assert!(!ids.is_empty());
    for id in ids {
        let doc = jobdoc_model::templates::load(id).unwrap().unwrap();
        let pages = run(&doc);
        assert_inside_margins(&doc, &pages);
        assert!(pages.warnings.is_empty(), "{id}: {:?}", pages.warnings);
    }
}

#[test]
fn margins_font_size_and_spacing_are_the_documents() {
    let mut doc = generate::document(60, 4, Language::Ru);
    doc.page.margins_mm.left = 25.0;
    doc.page.margins_mm.right = 15.0;
    doc.page.margins_mm.top = 25.0;
    doc.page.font_size_pt = 12.0;
    doc.page.line_spacing = 1.5;
    let pages = run(&doc);
    assert_inside_margins(&doc, &pages);
    let lines = clause_lines(&doc, &pages, "1.1.");
    assert!(lines.len() >= 2);
    assert_eq!(lines[0].1.spans[0].size_pt, 12.0);
    let advance = lines[1].1.y_pt - lines[0].1.y_pt;
    let expected = FontSet::bundled().line_height_pt(FontStyle::Regular, 12.0) * 1.5;
    assert!((advance - expected).abs() < 0.01, "{advance} vs {expected}");
    assert!((expected - 12.0 * 1.15 * 1.5).abs() < 0.05);
}

#[test]
fn layout_is_deterministic() {
    let doc = generate::document(300, 11, Language::Ru);
    let a = run(&doc);
    let b = run(&doc);
    assert_eq!(a, b);
    assert_eq!(jobdoc_layout::snapshot(&a), jobdoc_layout::snapshot(&b));
}
