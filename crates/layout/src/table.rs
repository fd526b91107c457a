//! A register as pages of its own: a title, a subtitle and one bordered table whose header row
//! is repeated on every page (the acknowledgement register, the registration log).
//!
//! The text goes through the same measuring and line breaking as the document's
//! (`text::Ctx`: substitutes for missing characters with warnings, UAX #14 breaks), and the
//! result is the same [`Pages`] the PDF writer draws. A table wider than a portrait page's
//! text column is set on a landscape A4 page. Rows never split across pages.

use jobdoc_model::geometry as gost;
use jobdoc_model::{Language, Margins};

use crate::engine::{A4_HEIGHT_PT, A4_WIDTH_PT, MM};
use crate::text::{Align, Ctx, ParaStyle, TextLine};
use crate::{FontSet, FontStyle, Line, Page, Pages, Role, Rule, Span, Structure, Tag};

/// What to print: the columns carry relative widths (characters, as a spreadsheet has them).
#[derive(Debug, Clone, Copy)]
pub struct TableDoc<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub columns: &'a [(String, f64)],
    pub rows: &'a [Vec<String>],
    pub language: Language,
}

const TITLE_PT: f32 = 14.0;
const TEXT_PT: f32 = 11.0;
const CELL_PT: f32 = 10.0;
const PADDING_MM: f32 = 1.5;
/// Column widths (in characters) beyond which a portrait page would squeeze the text.
const PORTRAIT_MAX_CHARS: f64 = 90.0;

/// A row of the table, its lines relative to its top.
struct TableRow {
    height: f32,
    lines: Vec<Line>,
    rules: Vec<Rule>,
}

/// Lays out `t` on A4 pages (landscape when the columns are wide). Pure and deterministic.
pub fn layout_table(t: &TableDoc, fonts: &FontSet) -> Pages {
    let chars: f64 = t.columns.iter().map(|(_, w)| w.max(1.0)).sum();
    let landscape = chars > PORTRAIT_MAX_CHARS;
    let (width, height) = if landscape {
        (A4_HEIGHT_PT, A4_WIDTH_PT)
    } else {
        (A4_WIDTH_PT, A4_HEIGHT_PT)
    };
    let m = Margins::GOST_MINIMUM;
    let (left, right) = (m.left as f32 * MM, width - m.right as f32 * MM);
    let (top, bottom) = (m.top as f32 * MM, height - m.bottom as f32 * MM);
    let mut ctx = Ctx::new(fonts, t.language);
    let mut structure = Structure::new();
    let mut xs = vec![left];
    for (_, w) in t.columns {
        let last = *xs.last().unwrap_or(&left);
        xs.push(last + (w.max(1.0) / chars) as f32 * (right - left));
    }
    if let Some(last) = xs.last_mut() {
        *last = right;
    }

    // Title and subtitle, centred, on the first page only.
    let mut lead: Vec<Line> = Vec::new();
    let mut y = top;
    for (text, style, size, role) in [
        (t.title, FontStyle::Bold, TITLE_PT, Role::H1),
        (t.subtitle, FontStyle::Regular, TEXT_PT, Role::P),
    ] {
        if text.trim().is_empty() {
            continue;
        }
        let node = structure.add(role, 0);
        let ps = ParaStyle::new(style, size, Align::Center, right - left);
        let advance = fonts.line_height_pt(style, size);
        for l in ctx.paragraph(text, &ps, "") {
            lead.push(line_at(l, left, y + fonts.ascent_pt(style, size), node));
            y += advance;
        }
        y += advance * 0.5;
    }
    let table = structure.add(Role::Table, 0);
    let header_cells: Vec<String> = t.columns.iter().map(|(c, _)| c.clone()).collect();
    let header = row(&mut ctx, &mut structure, table, &header_cells, &xs, true);
    let body: Vec<TableRow> = t
        .rows
        .iter()
        .map(|cells| row(&mut ctx, &mut structure, table, cells, &xs, false))
        .collect();

    let mut pages = vec![Page {
        lines: lead,
        rules: Vec::new(),
    }];
    let place = |page: &mut Page, r: &TableRow, at: f32, artifact: bool| {
        page.lines.extend(r.lines.iter().cloned().map(|mut l| {
            l.y_pt += at;
            if artifact {
                for s in &mut l.spans {
                    s.tag = Tag::Artifact;
                }
            }
            l
        }));
        page.rules.extend(r.rules.iter().map(|ru| Rule {
            y1_pt: ru.y1_pt + at,
            y2_pt: ru.y2_pt + at,
            ..*ru
        }));
    };
    place(&mut pages[0], &header, y, false);
    y += header.height;
    let mut on_page = 0usize;
    for r in &body {
        // A row taller than a whole page is placed anyway (it overflows rather than vanishes).
        if y + r.height > bottom && on_page > 0 {
            pages.push(Page::default());
            y = top;
            let page = pages.last_mut().expect("just pushed");
            place(page, &header, y, true);
            y += header.height;
            on_page = 0;
        }
        place(pages.last_mut().expect("never empty"), r, y, false);
        y += r.height;
        on_page += 1;
    }
    // Page numbers from page 2, centred in the top margin.
    let base = gost::PAGE_NUMBER_TOP_MM as f32 * MM + fonts.ascent_pt(FontStyle::Regular, TEXT_PT);
    for (n, page) in pages.iter_mut().enumerate().skip(1) {
        let text = (n + 1).to_string();
        let w = fonts.advance_pt(FontStyle::Regular, &text, TEXT_PT);
        page.lines.insert(
            0,
            Line {
                y_pt: base,
                spans: vec![Span {
                    x_pt: left + (right - left - w) / 2.0,
                    text,
                    style: FontStyle::Regular,
                    size_pt: TEXT_PT,
                    width_pt: w,
                    tag: Tag::Artifact,
                }],
            },
        );
    }
    Pages {
        width_pt: width,
        height_pt: height,
        pages,
        structure,
        warnings: ctx.warnings,
    }
}

fn line_at(l: TextLine, x: f32, baseline: f32, node: u32) -> Line {
    Line {
        y_pt: baseline,
        spans: l
            .spans
            .into_iter()
            .map(|mut s| {
                s.x_pt += x;
                s.tag = Tag::Node(node);
                s
            })
            .collect(),
    }
}

/// One bordered row; cells beyond the columns are not printed (the register has none).
fn row(
    ctx: &mut Ctx,
    structure: &mut Structure,
    table: u32,
    cells: &[String],
    xs: &[f32],
    header: bool,
) -> TableRow {
    let tr = structure.add(Role::TR, table);
    let pad = PADDING_MM * MM;
    let style = if header {
        FontStyle::Bold
    } else {
        FontStyle::Regular
    };
    let fonts = ctx.fonts;
    let advance = fonts.line_height_pt(style, CELL_PT);
    let ascent = fonts.ascent_pt(style, CELL_PT);
    let mut lines = Vec::new();
    let mut deepest = 0usize;
    for (k, pair) in xs.windows(2).enumerate() {
        let cell = cells.get(k).map_or("", String::as_str);
        let node = structure.add(if header { Role::TH } else { Role::TD }, tr);
        let align = if header { Align::Center } else { Align::Left };
        let mut ps = ParaStyle::new(
            style,
            CELL_PT,
            align,
            (pair[1] - pair[0] - 2.0 * pad).max(1.0),
        );
        // Narrow columns: a long word is hyphenated rather than broken between any letters.
        ps.hyphenate = true;
        let broken = ctx.paragraph(cell, &ps, "");
        deepest = deepest.max(broken.len());
        for (i, l) in broken.into_iter().enumerate() {
            if !l.spans.is_empty() {
                lines.push(line_at(
                    l,
                    pair[0] + pad,
                    pad + ascent + i as f32 * advance,
                    node,
                ));
            }
        }
    }
    let height = 2.0 * pad + advance * deepest.max(1) as f32;
    let thickness = gost::RULE_PT as f32;
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let mut rules = vec![
        Rule {
            x1_pt: x0,
            y1_pt: 0.0,
            x2_pt: x1,
            y2_pt: 0.0,
            thickness_pt: thickness,
        },
        Rule {
            x1_pt: x0,
            y1_pt: height,
            x2_pt: x1,
            y2_pt: height,
            thickness_pt: thickness,
        },
    ];
    rules.extend(xs.iter().map(|&x| Rule {
        x1_pt: x,
        y1_pt: 0.0,
        x2_pt: x,
        y2_pt: height,
        thickness_pt: thickness,
    }));
    TableRow {
        height,
        lines,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(columns: &'a [(String, f64)], rows: &'a [Vec<String>]) -> TableDoc<'a> {
        TableDoc {
            title: "Журнал ознакомления",
            subtitle: "бухгалтер, редакция 2",
            columns,
            rows,
            language: Language::Ru,
        }
    }

    #[test]
    fn wide_tables_go_landscape_and_the_header_repeats_on_every_page() {
        let columns: Vec<(String, f64)> = (0..8).map(|i| (format!("Колонка {i}"), 16.0)).collect();
        let rows: Vec<Vec<String>> = (0..80)
            .map(|i| (0..8).map(|k| format!("ячейка {i}.{k}")).collect())
            .collect();
        let pages = layout_table(&doc(&columns, &rows), FontSet::bundled());
        assert!(pages.width_pt > pages.height_pt, "landscape");
        assert!(pages.pages.len() >= 2);
        for page in &pages.pages {
            let text: Vec<&str> = page
                .lines
                .iter()
                .flat_map(|l| &l.spans)
                .map(|s| s.text.as_str())
                .collect();
            assert!(
                text.iter().any(|t| t.starts_with("Колонка 7")),
                "header on every page"
            );
            for l in &page.lines {
                assert!(l.y_pt < pages.height_pt, "inside the page");
            }
        }
        // Every row printed once.
        let all: String = pages
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .flat_map(|l| &l.spans)
            .map(|s| format!("{} ", s.text))
            .collect();
        for i in 0..80 {
            assert_eq!(all.matches(&format!("ячейка {i}.0 ")).count(), 1, "row {i}");
        }
    }

    #[test]
    fn narrow_tables_stay_portrait() {
        let columns = vec![("№".to_owned(), 6.0), ("Имя".to_owned(), 30.0)];
        let rows = vec![vec!["1".to_owned(), "Иванова Анна Сергеевна".to_owned()]];
        let pages = layout_table(&doc(&columns, &rows), FontSet::bundled());
        assert!(pages.width_pt < pages.height_pt);
        assert_eq!(pages.pages.len(), 1);
    }
}
