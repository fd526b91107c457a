//! One page geometry for PDF and DOCX, proven with LibreOffice: a Russian and an English template
//! × font size {12, 13, 14} pt × line spacing {1.0, 1.15, 1.5} × margins {GOST minimums, the
//! default, 40/20/30/25, 90/10/20/20} (left/right/top/bottom, mm). For each of the 72 documents
//! Jobdoc's PDF and LibreOffice's rendering of the DOCX are read with `pdftotext -bbox`: on every
//! page the text block's left and right edges (the outermost words, the page number aside) must
//! agree within 1 mm, and the page counts must agree in at least 95 % of the documents.
//!
//! `JOBDOC_GEOMETRY_ALL=1 cargo test -p jobdoc-docx --test geometry -- --nocapture` runs the
//! same matrix over every template (360 documents, a few minutes) and prints every exception.

mod support;

use std::path::PathBuf;

use jobdoc_layout::FontSet;
use jobdoc_model::resolve::resolve;
use jobdoc_model::{templates, Document, Margins};
use jobdoc_pdf::{write_pdf, PdfOptions};
use support::*;

const SIZES: [f64; 3] = [12.0, 13.0, 14.0];
const SPACINGS: [f64; 3] = [1.0, 1.15, 1.5];
/// (name, left, right, top, bottom) in mm.
const MARGINS: [(&str, f64, f64, f64, f64); 4] = [
    ("gost-min", 20.0, 10.0, 20.0, 20.0),
    ("default", 30.0, 10.0, 20.0, 20.0),
    ("40-20-30-25", 40.0, 20.0, 30.0, 25.0),
    ("90-10-20-20", 90.0, 10.0, 20.0, 20.0),
];
/// Edges must agree within this.
const EDGE_TOLERANCE_PT: f64 = MM;

struct Case {
    name: String,
    doc: Document,
    top_pt: f64,
}

fn cases(template_ids: &[&str]) -> Vec<Case> {
    let mut out = Vec::new();
    for id in template_ids {
        let base = templates::load(id).unwrap().unwrap();
        for size in SIZES {
            for spacing in SPACINGS {
                for (m, left, right, top, bottom) in MARGINS {
                    let mut doc = base.clone();
                    doc.page.font_size_pt = size;
                    doc.page.line_spacing = spacing;
                    doc.page.margins_mm = Margins {
                        top,
                        bottom,
                        left,
                        right,
                    };
                    out.push(Case {
                        name: format!("{id}_{size}pt_x{spacing}_{m}"),
                        doc,
                        top_pt: top * MM,
                    });
                }
            }
        }
    }
    out
}

/// Left and right edge of the text block of each page: the outermost words below the top
/// margin (the page number sits in the margin).
fn edges(pages: &[Vec<Word>], top_pt: f64) -> Vec<Option<(f64, f64)>> {
    pages
        .iter()
        .map(|words| {
            let body: Vec<&Word> = words.iter().filter(|w| w.y_max > top_pt).collect();
            if body.is_empty() {
                return None;
            }
            let left = body.iter().map(|w| w.x_min).fold(f64::INFINITY, f64::min);
            let right = body
                .iter()
                .map(|w| w.x_max)
                .fold(f64::NEG_INFINITY, f64::max);
            Some((left, right))
        })
        .collect()
}

struct Outcome {
    edge_failures: Vec<String>,
    page_mismatches: Vec<String>,
    total: usize,
}

fn run_matrix(template_ids: &[&str]) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let cases = cases(template_ids);
    let fonts = FontSet::bundled();
    let mut docx_paths: Vec<PathBuf> = Vec::new();
    let mut ours: Vec<PathBuf> = Vec::new();
    for case in &cases {
        let resolved = resolve(&case.doc);
        let docx = dir.path().join(format!("{}.docx", case.name));
        std::fs::write(&docx, export(&case.doc).bytes).unwrap();
        docx_paths.push(docx);
        let pdf = write_pdf(
            &resolved,
            &PdfOptions {
                created: created(),
                fonts,
                conformance: jobdoc_pdf::Conformance::Plain,
            },
        )
        .unwrap();
        let path = dir.path().join(format!("{}.jobdoc.pdf", case.name));
        std::fs::write(&path, &pdf.bytes).unwrap();
        ours.push(path);
    }
    let theirs = libreoffice_pdfs(dir.path(), &docx_paths);
    let mut outcome = Outcome {
        edge_failures: Vec::new(),
        page_mismatches: Vec::new(),
        total: cases.len(),
    };
    for ((case, ours), theirs) in cases.iter().zip(&ours).zip(&theirs) {
        let a = words_by_page(ours);
        let b = words_by_page(theirs);
        if a.len() != b.len() {
            outcome.page_mismatches.push(format!(
                "{}: Jobdoc PDF {} pages, LibreOffice {}",
                case.name,
                a.len(),
                b.len()
            ));
        }
        // Where the page counts differ the two part ways somewhere: only the pages before the
        // last common one hold the same text.
        let comparable = if a.len() == b.len() {
            a.len()
        } else {
            a.len().min(b.len()).saturating_sub(1)
        };
        for (page, (ea, eb)) in edges(&a, case.top_pt)
            .iter()
            .zip(edges(&b, case.top_pt))
            .enumerate()
            .take(comparable)
        {
            if let (Some((la, ra)), Some((lb, rb))) = (ea, eb) {
                let (dl, dr) = ((la - lb).abs(), (ra - rb).abs());
                if dl > EDGE_TOLERANCE_PT || dr > EDGE_TOLERANCE_PT {
                    outcome.edge_failures.push(format!(
                        "{} page {}: left {:.1}/{:.1} mm, right {:.1}/{:.1} mm (PDF/LibreOffice)",
                        case.name,
                        page + 1,
                        la / MM,
                        lb / MM,
                        ra / MM,
                        rb / MM
                    ));
                }
            }
        }
    }
    outcome
}

fn report(outcome: &Outcome) {
    let agree = outcome.total - outcome.page_mismatches.len();
    println!(
        "page counts agree in {agree} of {} documents ({:.1} %)",
        outcome.total,
        100.0 * agree as f64 / outcome.total as f64
    );
    for m in &outcome.page_mismatches {
        println!("  page count differs: {m}");
    }
    println!(
        "edge differences over 1 mm: {}",
        outcome.edge_failures.len()
    );
    for e in &outcome.edge_failures {
        println!("  {e}");
    }
}

fn judge(outcome: Outcome) {
    report(&outcome);
    let agree = outcome.total - outcome.page_mismatches.len();
    assert!(
        outcome.edge_failures.is_empty(),
        "text block edges differ by more than 1 mm:\n{}",
        outcome.edge_failures.join("\n")
    );
    assert!(
        agree * 100 >= outcome.total * 95,
        "page counts agree in only {agree} of {} documents:\n{}",
        outcome.total,
        outcome.page_mismatches.join("\n")
    );
}

#[test]
fn pdf_and_libreoffice_share_the_geometry_of_a_russian_and_an_english_template() {
    judge(run_matrix(&[
        "ru-key-account-manager",
        "en-key-account-manager",
    ]));
}

/// The long check the README names: every template.
#[test]
fn pdf_and_libreoffice_share_the_geometry_of_every_template() {
    if std::env::var_os("JOBDOC_GEOMETRY_ALL").is_none() {
        println!("skipped: set JOBDOC_GEOMETRY_ALL=1 to run the matrix over every template");
        return;
    }
    let ids: Vec<&str> = templates::ids().collect();
    judge(run_matrix(&ids));
}

/// The DOCX's line height in ems (Word's "single" spacing of Times New Roman) is the line height
/// the PDF layout reads from the embedded Liberation Serif: both stack lines the same way.
#[test]
fn the_docx_single_line_is_the_pdf_fonts_line() {
    let pdf = f64::from(FontSet::bundled().line_height_pt(jobdoc_layout::FontStyle::Regular, 1.0));
    assert!(
        (pdf - jobdoc_docx::build::LINE_EM).abs() < 1e-6,
        "PDF {pdf} em, DOCX {} em",
        jobdoc_docx::build::LINE_EM
    );
}
