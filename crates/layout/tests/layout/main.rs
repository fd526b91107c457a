//! Tests of the layout engine, judged on its real output (`Pages`).
//!
//! - `fonts`: metrics, coverage and errors of the font set;
//! - `breaking`: line breaking, justification, hyphenation, dashes, soft hyphens, long words;
//! - `pagination`: headings, widows and orphans, signature blocks, the acknowledgement sheet;
//! - `furniture`: the header and stamp, page numbers, margins;
//! - `glyphs`: characters the font lacks, tabs and invisible characters;
//! - `snapshots`: the page layout of every template as text, compared with `tests/snapshots`;
//! - `properties`: generated documents of several sizes: every clause's words in order, nothing
//!   outside the margins.

mod breaking;
mod fonts;
mod furniture;
mod glyphs;
mod pagination;
mod properties;
mod snapshots;

use jobdoc_layout::{layout, FontSet, Line, Page, Pages, MM};
use jobdoc_model::resolve::resolve;
use jobdoc_model::{Clause, Document, Employee, Language, Signatory};

pub const EPS: f32 = 0.05;

/// The first-line indent of body text, from the model's geometry, in points.
pub fn first_line_indent() -> f32 {
    jobdoc_model::geometry::FIRST_LINE_INDENT_MM as f32 * MM
}

/// A small valid document with the given clause texts in the first section.
pub fn doc_with(language: Language, clauses: &[&str]) -> Document {
    let mut doc = Document::blank(language, "test", "2026-01-15T09:00:00Z".parse().unwrap());
    doc.organisation.name = match language {
        Language::Ru => "Общество с ограниченной ответственностью «Тест»".into(),
        Language::En => "Test Ltd".into(),
    };
    doc.organisation.place = "г. Москва".into();
    doc.position.name = "менеджер по продажам".into();
    doc.position.title_form = "менеджера по продажам".into();
    doc.signatures.author = Signatory {
        position: "Начальник отдела продаж".into(),
        name: "П. П. Петров".into(),
    };
    doc.sections[0].clauses = clauses.iter().map(|t| Clause::new(*t)).collect();
    for s in doc.sections.iter_mut().skip(1) {
        s.clauses = vec![Clause::new("Текст раздела.")];
    }
    doc
}

pub fn run(doc: &Document) -> Pages {
    layout(&resolve(doc), FontSet::bundled())
}

pub fn line_text(line: &Line) -> String {
    line.spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn left_pt(doc: &Document) -> f32 {
    doc.page.margins_mm.left as f32 * MM
}

pub fn right_pt(doc: &Document) -> f32 {
    jobdoc_layout::A4_WIDTH_PT - doc.page.margins_mm.right as f32 * MM
}

pub fn top_pt(doc: &Document) -> f32 {
    doc.page.margins_mm.top as f32 * MM
}

/// Body lines of a page (page number excluded).
pub fn body_lines<'p>(doc: &Document, page: &'p Page) -> impl Iterator<Item = &'p Line> {
    let top = top_pt(doc);
    page.lines.iter().filter(move |l| l.y_pt > top)
}

/// The lines of the clause whose text starts with `label`, with their page index: the line that
/// starts with the label and the following lines at the left margin.
pub fn clause_lines<'p>(doc: &Document, pages: &'p Pages, label: &str) -> Vec<(usize, &'p Line)> {
    let left = left_pt(doc);
    let mut out = Vec::new();
    let mut inside = false;
    for (p, page) in pages.pages.iter().enumerate() {
        for line in body_lines(doc, page) {
            let Some(first) = line.spans.first() else {
                continue;
            };
            if inside {
                if (first.x_pt - left).abs() < EPS && !is_heading(line) {
                    out.push((p, line));
                    continue;
                }
                return out;
            }
            if first.text == label && (first.x_pt - left - first_line_indent()).abs() < EPS
                || first.text.starts_with(&format!("{label} "))
                    && (first.x_pt - left - first_line_indent()).abs() < EPS
            {
                inside = true;
                out.push((p, line));
            }
        }
    }
    out
}

pub fn is_heading(line: &Line) -> bool {
    line.spans
        .iter()
        .all(|s| s.style == jobdoc_layout::FontStyle::Bold)
}

pub fn employees(n: usize) -> Vec<Employee> {
    (0..n)
        .map(|_| Employee {
            name: "Сотрудникова Мария Ивановна".into(),
            position: "менеджер по работе с ключевыми клиентами".into(),
        })
        .collect()
}
