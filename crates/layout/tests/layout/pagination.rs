//! Pagination: headings kept with their text, no widows or orphans, signature blocks whole,
//! the acknowledgement sheet on its own pages with the header row repeated.

use super::*;
use jobdoc_model::generate;

/// Paragraphs of body text as (page, line) lists: a paragraph starts at the first-line indent.
fn paragraphs<'p>(doc: &Document, pages: &'p Pages) -> Vec<Vec<(usize, &'p Line)>> {
    let left = left_pt(doc);
    let indent = left + crate::first_line_indent();
    let mut out: Vec<Vec<(usize, &Line)>> = Vec::new();
    let mut open = false;
    let mut prev: Option<(usize, f32)> = None;
    let advance = doc.page.font_size_pt as f32 * 1.15 * doc.page.line_spacing as f32;
    for (p, page) in pages.pages.iter().enumerate() {
        for line in body_lines(doc, page) {
            let x = line.spans.first().map_or(-1.0, |s| s.x_pt);
            // A continuation line follows the previous one at one line's distance, or starts a page.
            let follows = match prev {
                Some((pp, y)) if pp == p => line.y_pt - y < advance * 1.2,
                _ => true,
            };
            if (x - indent).abs() < EPS && !is_heading(line) {
                out.push(vec![(p, line)]);
                open = true;
            } else if open && follows && (x - left).abs() < EPS && !is_heading(line) {
                out.last_mut().unwrap().push((p, line));
            } else {
                open = false;
            }
            prev = Some((p, line.y_pt));
        }
    }
    out
}

fn generated() -> Vec<Document> {
    let mut docs = Vec::new();
    for (n, seed) in [(40, 1), (60, 2), (90, 3), (150, 4), (300, 5)] {
        docs.push(generate::document(n, seed, Language::Ru));
        docs.push(generate::document(n, seed, Language::En));
    }
    // Font size and spacing variants move every break.
    let mut d = generate::document(120, 9, Language::Ru);
    d.page.font_size_pt = 12.0;
    d.page.line_spacing = 1.5;
    docs.push(d);
    docs
}

#[test]
fn no_widows_or_orphans() {
    let mut split = 0;
    for doc in generated() {
        let pages = run(&doc);
        for para in paragraphs(&doc, &pages) {
            let first_page = para[0].0;
            let on_first = para.iter().filter(|(p, _)| *p == first_page).count();
            if on_first < para.len() {
                split += 1;
                assert!(on_first >= 2, "orphan: {}", line_text(para[0].1));
                let last_page = para.last().unwrap().0;
                let on_last = para.iter().filter(|(p, _)| *p == last_page).count();
                assert!(on_last >= 2, "widow: {}", line_text(para.last().unwrap().1));
            }
        }
    }
    assert!(
        split > 5,
        "the test needs paragraphs split across pages ({split})"
    );
}

#[test]
fn two_line_paragraphs_move_whole() {
    for doc in generated() {
        let pages = run(&doc);
        for para in paragraphs(&doc, &pages) {
            if para.len() <= 3 {
                assert!(
                    para.iter().all(|(p, _)| *p == para[0].0),
                    "a {}-line paragraph split: {}",
                    para.len(),
                    line_text(para[0].1)
                );
            }
        }
    }
}

#[test]
fn a_heading_never_ends_a_page_and_keeps_two_lines() {
    for doc in generated() {
        let pages = run(&doc);
        for (p, page) in pages.pages.iter().enumerate() {
            let lines: Vec<&Line> = body_lines(&doc, page).collect();
            for (k, line) in lines.iter().enumerate() {
                let t = line_text(line);
                let is_section = is_heading(line)
                    && t.split(' ').next().is_some_and(|w| {
                        w.ends_with('.') && w[..w.len() - 1].parse::<u32>().is_ok()
                    });
                if is_section {
                    let after = lines.len() - k - 1;
                    assert!(
                        after >= 2,
                        "page {}: heading '{t}' followed by {after} lines",
                        p + 1
                    );
                }
            }
        }
    }
}

/// Finds the page holding a line whose text contains `needle`; all such pages.
fn pages_with(pages: &Pages, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (p, page) in pages.pages.iter().enumerate() {
        if page.lines.iter().any(|l| line_text(l).contains(needle)) {
            out.push(p);
        }
    }
    out
}

#[test]
fn signature_blocks_are_never_split_and_follow_the_text() {
    // Many sizes so that the signatures land at every position near a page end.
    let mut tested = 0;
    for n in 20..70 {
        let mut doc = generate::document(n, n as u64, Language::Ru);
        doc.signatures.author.position =
            "Начальник отдела по работе с ключевыми клиентами и корпоративными заказчиками".into();
        let pages = run(&doc);
        let author = pages_with(&pages, "П. П. Петров");
        let position = pages_with(&pages, "Начальник отдела по");
        let caption = pages_with(&pages, "(подпись)");
        assert_eq!(author.len(), 1);
        assert_eq!(
            author, position,
            "{n}: author position and signature on different pages"
        );
        // The first caption is the author's.
        assert_eq!(caption[0], author[0], "{n}: caption separated");
        let visa = pages_with(&pages, "С. С. Сидорова");
        let agreed = pages_with(&pages, "СОГЛАСОВАНО");
        let mark = pages_with(&pages, "ознакомлен(а)");
        assert_eq!(visa, agreed, "{n}");
        assert_eq!(visa, author, "{n}: visas not on the last sheet of the text");
        assert_eq!(
            mark, author,
            "{n}: the mark not on the last sheet of the text"
        );
        // The author's signature is not alone: text precedes it on its page.
        let page = &pages.pages[author[0]];
        let first_body = body_lines(&doc, page).next().unwrap();
        assert!(
            !line_text(first_body).contains("Начальник отдела по"),
            "{n}: signatures alone on a page"
        );
        tested += 1;
    }
    assert_eq!(tested, 50);
}

#[test]
fn the_sheet_starts_a_new_page_and_repeats_its_header_row() {
    let mut doc = doc_with(Language::Ru, &["Текст пункта."]);
    let sheet = doc.acknowledgement.sheet.as_mut().unwrap();
    sheet.employees = employees(5);
    sheet.blank_rows = 45;
    let pages = run(&doc);
    let title = pages_with(&pages, "ЛИСТ ОЗНАКОМЛЕНИЯ");
    assert_eq!(title.len(), 1);
    let start = title[0];
    // Nothing of the text before it on its page.
    assert!(pages.pages[start]
        .lines
        .iter()
        .all(|l| !line_text(l).contains("ознакомлен(а)")));
    let header = pages_with(&pages, "Фамилия, имя, отчество");
    let sheet_pages: Vec<usize> = (start..pages.pages.len()).collect();
    assert!(sheet_pages.len() >= 2, "the sheet should span pages");
    assert_eq!(header, sheet_pages, "header row not on every sheet page");
    // Each header row is the first row of its page's table: above every row number.
    for &p in &sheet_pages {
        let page = &pages.pages[p];
        let header_y = page
            .lines
            .iter()
            .find(|l| line_text(l).contains("Фамилия, имя, отчество"))
            .unwrap()
            .y_pt;
        for l in body_lines(&doc, page) {
            if line_text(l).parse::<u32>().is_ok() {
                assert!(l.y_pt > header_y);
            }
        }
        assert!(!page.rules.is_empty());
    }
    // Rows 1..=50 all printed, in order, at least 10 mm tall, employees in their rows.
    let numbers: Vec<u32> = sheet_pages
        .iter()
        .flat_map(|&p| body_lines(&doc, &pages.pages[p]).collect::<Vec<_>>())
        .filter_map(|l| l.spans.first().and_then(|s| s.text.parse::<u32>().ok()))
        .collect();
    assert_eq!(numbers, (1..=50).collect::<Vec<u32>>());
    let page = &pages.pages[start];
    let mut ys: Vec<f32> = page
        .lines
        .iter()
        .filter(|l| {
            l.spans
                .first()
                .is_some_and(|s| s.text.parse::<u32>().is_ok())
        })
        .map(|l| l.y_pt)
        .collect();
    ys.dedup();
    for w in ys.windows(2) {
        assert!(w[1] - w[0] >= 10.0 * MM - EPS, "row shorter than 10 mm");
    }
    let row1 = page
        .lines
        .iter()
        .find(|l| l.spans.first().is_some_and(|s| s.text == "1"))
        .unwrap();
    let name = page
        .lines
        .iter()
        .find(|l| line_text(l).contains("Сотрудникова Мария"))
        .unwrap();
    assert!((name.y_pt - row1.y_pt).abs() < EPS, "employee not in row 1");
}
