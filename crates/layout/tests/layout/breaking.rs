//! Line breaking: justification, hyphenation rules, dashes, soft hyphens, over-long words.

use super::*;

fn all_clause_lines<'p>(doc: &Document, pages: &'p Pages, labels: &[&str]) -> Vec<Vec<&'p Line>> {
    labels
        .iter()
        .map(|l| {
            clause_lines(doc, pages, l)
                .into_iter()
                .map(|(_, l)| l)
                .collect()
        })
        .collect()
}

const LONG_RU: &str = "обеспечивает своевременное выполнение плана продаж ключевыми клиентами, \
    контролирует исполнение договоров и дебиторской задолженности, консультирует покупателей \
    по ассортименту, готовит коммерческие предложения и ведёт переговоры об условиях поставки \
    и оплаты, организует документооборот в информационной системе, взаимодействует с \
    подразделениями организации и анализирует рынок и деятельность конкурентов.";

#[test]
fn justified_lines_fill_the_width_exactly_and_last_lines_are_flush_left() {
    let doc = doc_with(Language::Ru, &[LONG_RU, LONG_RU, "Короткий пункт."]);
    let pages = run(&doc);
    let right = right_pt(&doc);
    let left = left_pt(&doc);
    for lines in all_clause_lines(&doc, &pages, &["1.1.", "1.2.", "1.3."]) {
        assert!(!lines.is_empty());
        let (last, rest) = lines.split_last().unwrap();
        for line in rest {
            assert!(line.spans.len() > 1, "{}", line_text(line));
            let end = line.spans.last().map(|s| s.x_pt + s.width_pt).unwrap();
            assert!(
                (end - right).abs() < 0.01,
                "line ends at {end}, margin {right}: {}",
                line_text(line)
            );
        }
        let end = last.spans.last().map(|s| s.x_pt + s.width_pt).unwrap();
        assert!(
            end < right - 1.0,
            "the last line is not justified: {}",
            line_text(last)
        );
        // First line indented 1.25 cm with the label first; the others at the margin.
        let first = lines[0].spans[0].x_pt;
        assert!((first - left - 12.5 * MM).abs() < EPS);
    }
    assert_eq!(
        clause_lines(&doc, &pages, "1.1.").len(),
        clause_lines(&doc, &pages, "1.2.").len()
    );
}

#[test]
fn forced_line_break_ends_an_unjustified_line() {
    let text = "первая строка пункта\nвторая строка, которая достаточно длинная, чтобы занять \
        больше одной строки на странице формата А4 при размере шрифта четырнадцать пунктов и \
        продолжаться дальше";
    let doc = doc_with(Language::Ru, &[text]);
    let pages = run(&doc);
    let lines = clause_lines(&doc, &pages, "1.1.");
    assert_eq!(line_text(lines[0].1), "1.1. первая строка пункта");
    assert!(line_text(lines[1].1).starts_with("вторая строка"));
    let end = lines[0]
        .1
        .spans
        .last()
        .map(|s| s.x_pt + s.width_pt)
        .unwrap();
    assert!(end < right_pt(&doc) - 50.0);
}

fn line_ends(pages: &Pages, doc: &Document, labels: &[&str]) -> Vec<String> {
    all_clause_lines(doc, pages, labels)
        .into_iter()
        .flatten()
        .map(|l| l.spans.last().map(|s| s.text.clone()).unwrap_or_default())
        .collect()
}

#[test]
fn lowercase_long_words_are_hyphenated_when_it_helps() {
    let doc = doc_with(Language::Ru, &[LONG_RU, LONG_RU, LONG_RU]);
    let pages = run(&doc);
    let ends = line_ends(&pages, &doc, &["1.1.", "1.2.", "1.3."]);
    assert!(
        ends.iter().any(|e| e.ends_with('-')),
        "no hyphenation at all: {ends:?}"
    );
    // Two letters at least on each side of every hyphen.
    for lines in all_clause_lines(&doc, &pages, &["1.1.", "1.2.", "1.3."]) {
        for pair in lines.windows(2) {
            let end = &pair[0].spans.last().unwrap().text;
            if let Some(head) = end.strip_suffix('-') {
                let letters = head.chars().rev().take_while(|c| c.is_alphabetic()).count();
                assert!(letters >= 2, "{end}");
                let next = &pair[1].spans[0].text;
                let tail = next.chars().take_while(|c| c.is_alphabetic()).count();
                assert!(tail >= 2, "{end} / {next}");
            }
        }
    }
}

#[test]
fn capitalised_quoted_and_short_words_are_never_hyphenated() {
    let capitalised =
        "Организационно Распорядительная Документация Коммерческого Представительства \
        Межрегионального Распределительного Сетевого Комплекса Информационно Аналитического \
        Управления Внешнеэкономической Деятельности Производственного Объединения";
    let quoted = "положения «организационно распорядительной документации коммерческого \
        представительства межрегионального распределительного сетевого комплекса \
        информационно аналитического управления внешнеэкономической деятельности \
        производственного объединения»";
    let short = "мама мыла раму и пила чай все дни года мама мыла раму и пила чай все дни года \
        мама мыла раму и пила чай все дни года мама мыла раму и пила чай все дни года \
        мама мыла раму и пила чай все дни года мама мыла раму и пила чай";
    let doc = doc_with(Language::Ru, &[capitalised, quoted, short]);
    let pages = run(&doc);
    for (label, what) in [
        ("1.1.", "capitalised"),
        ("1.2.", "quoted"),
        ("1.3.", "short"),
    ] {
        let lines = clause_lines(&doc, &pages, label);
        assert!(lines.len() >= 2, "{what}: the test needs several lines");
        for (_, l) in &lines {
            let end = &l.spans.last().unwrap().text;
            assert!(
                !end.ends_with('-'),
                "{what} word hyphenated: {}",
                line_text(l)
            );
        }
    }
}

#[test]
fn english_words_are_hyphenated_by_english_patterns() {
    let text = "ensures the implementation of the organisation's commercial arrangements, \
        negotiates responsibilities, administers documentation, coordinates communication \
        between departments, understands the requirements of international distributors, \
        characterises competitiveness and establishes relationships.";
    let doc = doc_with(Language::En, &[text, text, text, text]);
    let pages = run(&doc);
    let ends = line_ends(&pages, &doc, &["1.1.", "1.2.", "1.3.", "1.4."]);
    assert!(ends.iter().any(|e| e.ends_with('-')), "{ends:?}");
}

#[test]
fn no_line_starts_with_a_dash() {
    // Dashes after ordinary spaces (typed by the user), after no-break spaces (from the
    // typography) and en dashes, at every offset so that some land at line ends.
    let mut clauses = Vec::new();
    for k in 0..24 {
        let pad = "а".repeat(k);
        clauses.push(format!(
            "Пункт {pad} вводный текст — продолжение текста – ещё текст - конец фразы — и снова \
             текст, который длиннее строки — и ещё немного — и всё"
        ));
    }
    let refs: Vec<&str> = clauses.iter().map(String::as_str).collect();
    let doc = doc_with(Language::Ru, &refs);
    let pages = run(&doc);
    let mut checked = 0;
    for page in &pages.pages {
        for line in &page.lines {
            if let Some(first) = line.spans.first() {
                let c = first.text.chars().next().unwrap_or(' ');
                assert!(
                    !matches!(c, '—' | '–' | '-'),
                    "line starts with a dash: {}",
                    line_text(line)
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50);
    // And the dashes are all there.
    let dashes: usize = pages
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .flat_map(|l| &l.spans)
        .map(|s| s.text.chars().filter(|&c| c == '—').count())
        .sum();
    assert_eq!(
        dashes,
        24 * 4 + 24 /* " - " becomes "—" by the typography */
    );
}

#[test]
fn soft_hyphens_are_break_points_drawn_only_at_a_break() {
    let word = "Ааааааааааа\u{ad}бббббббббб";
    let text = vec![word; 30].join(" ");
    let doc = doc_with(Language::Ru, &[&text]);
    let pages = run(&doc);
    let lines = clause_lines(&doc, &pages, "1.1.");
    let mut broken = 0;
    for (_, l) in &lines {
        for s in &l.spans {
            assert!(!s.text.contains('\u{ad}'), "soft hyphen drawn: {}", s.text);
        }
        if l.spans.last().unwrap().text.ends_with("а-") {
            broken += 1;
        }
    }
    assert!(broken > 0, "no break at a soft hyphen");
    // The words come back whole when the breaks are undone.
    let mut joined = String::new();
    for (_, l) in &lines {
        let t = line_text(l);
        match t.strip_suffix("а-") {
            Some(head) => {
                joined.push_str(head);
                joined.push('а');
            }
            None => {
                joined.push_str(&t);
                joined.push(' ');
            }
        }
    }
    let expected = format!("1.1. {}", text.replace('\u{ad}', ""));
    assert_eq!(joined.trim_end(), expected);
}

#[test]
fn over_long_words_are_broken_by_characters() {
    let url = format!("https://example.com/{}", "abcdefghij".repeat(40));
    let number = "1234567890".repeat(30);
    let text = format!("См. {url} и номер {number} далее текст.");
    let doc = doc_with(Language::Ru, &[&text]);
    let pages = run(&doc);
    let right = right_pt(&doc);
    let lines = clause_lines(&doc, &pages, "1.1.");
    assert!(lines.len() >= 6);
    for (_, l) in &lines {
        for s in &l.spans {
            assert!(s.x_pt + s.width_pt <= right + EPS, "overflow: {}", s.text);
        }
    }
    let all: String = lines
        .iter()
        .map(|(_, l)| line_text(l))
        .collect::<Vec<_>>()
        .join("");
    assert!(all.replace(' ', "").contains(&url), "URL lost: {all}");
    assert!(all.replace(' ', "").contains(&number), "number lost");
}

/// Regression: a word longer than the line whose first part ends at a soft hyphen was cut
/// after the soft hyphen, and the drawn hyphen stuck out past the right margin.
#[test]
fn a_long_word_cut_at_a_soft_hyphen_stays_inside_the_margin() {
    let word = "aббжажжаbaaафaжаaжjчikвbрtkнюuнlцugпцыkryрчxбщоzfwhzочblеsбzgблuqыcбiьc\u{ad}₽";
    let mut doc = doc_with(Language::Ru, &[word]);
    doc.page.font_size_pt = 13.616;
    doc.page.line_spacing = 1.016;
    let pages = run(&doc);
    super::furniture::assert_inside_margins(&doc, &pages);
}
