//! The exported PDF judged by real readers: qpdf, poppler (pdffonts, pdftotext, pdfinfo,
//! pdftoppm) and mupdf (mutool). A missing tool fails the test with a message; nothing is
//! skipped.
//!
//! Every template in `jobdoc_model::templates::ids()` and several generated documents go through
//! [`check_document`], which checks: `qpdf --check`; every font embedded, subset and with a
//! ToUnicode map (`pdffonts`); each clause's words back from `pdftotext` in order (words split by
//! hyphenation at a line end joined again); the document info (`pdfinfo`) and `/Lang`
//! (`mutool show`); the page count; word boxes (`pdftotext -bbox`) inside the margins, except the
//! page numbers, which must be on pages 2+ only, centred over the text and their ink (found in a
//! `pdftoppm` raster) at least 10 mm below the top edge; the approval requisite in the top right,
//! at most 8 cm wide; and byte-identical output for a second export.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use jobdoc_layout::FontSet;
use jobdoc_model::resolve::{resolve, ApprovalBlock, Resolved};
use jobdoc_model::{generate, templates, Document, Language};
use jobdoc_pdf::{render_pdf, write_pdf, PdfOptions, PdfOutput};

const CREATED: &str = "2026-01-15T09:30:00Z";

/// Resolve, lay out and write: what the one export path does for a PDF.
fn export_pdf(doc: &Document, options: &PdfOptions) -> Result<PdfOutput, jobdoc_pdf::PdfError> {
    write_pdf(&resolve(doc), options)
}
const MM: f64 = 72.0 / 25.4;
/// Reader round-off (poppler prints boxes to 1e-6 pt; our positions are f32).
const TOL: f64 = 0.5;

fn options() -> PdfOptions<'static> {
    PdfOptions {
        created: CREATED.parse().unwrap(),
        fonts: FontSet::bundled(),
        conformance: jobdoc_pdf::Conformance::Plain,
    }
}

/// Runs a tool; a tool that is missing or fails is a test failure with its stderr.
fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}): install it (poppler-utils, qpdf, mupdf-tools)")
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed ({}): {}{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

struct Word {
    page: usize,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect("attribute present") + key.len();
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("a number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Word boxes from `pdftotext -bbox` (page size, words), pages numbered from 1.
fn bbox_words(pdf: &Path) -> ((f64, f64), Vec<Word>) {
    let html = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut size = (0.0, 0.0);
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            size = (attr(line, "width"), attr(line, "height"));
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let close = rest.find('>').expect("tag end");
            let text = rest[close + 1..].strip_suffix("</word>").expect("word end");
            words.push(Word {
                page,
                x_min: attr(rest, "xMin"),
                y_min: attr(rest, "yMin"),
                x_max: attr(rest, "xMax"),
                y_max: attr(rest, "yMax"),
                text: unescape(text),
            });
        }
    }
    (size, words)
}

/// A word of the extracted text; a word hyphenated at a line end is kept both ways.
#[derive(Debug)]
enum Token {
    Plain(String),
    Joined { without: String, with: String },
}

impl Token {
    fn matches(&self, word: &str) -> bool {
        match self {
            // pdftotext itself joins a word hyphenated at a line end, dropping the hyphen even
            // when it was the word's own ("бизнес-центров" → "бизнесцентров").
            Token::Plain(w) => w == word || (word.contains('-') && *w == word.replace('-', "")),
            Token::Joined { without, with } => without == word || with == word,
        }
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{ad}')
}

/// The text of all pages as tokens, page numbers (first line of pages 2+) removed after
/// checking that they count the pages.
fn text_tokens(pdf: &Path, problems: &mut Vec<String>) -> Vec<Token> {
    let text = run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut lines: Vec<String> = Vec::new();
    for (i, page) in text.split('\u{c}').enumerate() {
        let mut page_lines = page.lines().filter(|l| !l.trim().is_empty());
        if i >= 1 {
            match page_lines.clone().next() {
                Some(first) if first.trim() == (i + 1).to_string() => {
                    page_lines.next();
                }
                Some(first) if !page.trim().is_empty() => problems.push(format!(
                    "page {} does not start with its number: {first:?}",
                    i + 1
                )),
                _ => {}
            }
        }
        lines.extend(page_lines.map(str::to_owned));
    }
    let mut tokens = Vec::new();
    let mut carry: Option<String> = None;
    for line in &lines {
        let mut words: Vec<&str> = line.split_whitespace().collect();
        if let Some(head) = carry.take() {
            if words.is_empty() {
                tokens.push(Token::Plain(head));
            } else {
                let next = words.remove(0);
                let stem = head.trim_end_matches(is_hyphen);
                tokens.push(Token::Joined {
                    without: format!("{stem}{next}"),
                    with: format!("{stem}-{next}"),
                });
            }
        }
        let last = words.pop();
        tokens.extend(words.into_iter().map(|w| Token::Plain(w.to_owned())));
        if let Some(last) = last {
            let letters_before = last
                .trim_end_matches(is_hyphen)
                .chars()
                .last()
                .is_some_and(char::is_alphabetic);
            if last.ends_with(is_hyphen) && letters_before {
                carry = Some(last.to_owned());
            } else {
                tokens.push(Token::Plain(last.to_owned()));
            }
        }
    }
    if let Some(head) = carry {
        tokens.push(Token::Plain(head));
    }
    tokens
}

fn expected_words(text: &str) -> Vec<String> {
    // The layout prints U+2010/U+2011 as "-"; other whitespace (no-break space) separates words.
    text.replace(['\u{2010}', '\u{2011}'], "-")
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Finds `words` as a contiguous run of tokens at or after `from`; returns the end.
fn find_run(tokens: &[Token], words: &[String], from: usize) -> Option<usize> {
    if words.is_empty() {
        return Some(from);
    }
    (from..tokens.len()).find_map(|start| {
        let end = start + words.len();
        (end <= tokens.len()
            && tokens[start..end]
                .iter()
                .zip(words)
                .all(|(t, w)| t.matches(w)))
        .then_some(end)
    })
}

/// The rows of a grey raster of one page (pdftoppm -gray, PGM), for finding ink.
fn ink_top_pt(pdf: &Path, page: usize, dpi: u32, dir: &Path) -> Option<f64> {
    let prefix = dir.join(format!("p{page}"));
    let (p, r) = (page.to_string(), dpi.to_string());
    run(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            &r,
            "-f",
            &p,
            "-l",
            &p,
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let data = std::fs::read(prefix.with_extension("pgm")).expect("pdftoppm wrote a PGM");
    // P5 header: magic, width, height, maxval, each followed by whitespace.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray gives binary PGM");
    let width: usize = fields[1].parse().unwrap();
    let pixels = &data[i + 1..];
    let row = pixels
        .chunks(width)
        .position(|r| r.iter().any(|&v| v < 128))?;
    Some(row as f64 * 72.0 / f64::from(dpi))
}

/// Every check of the module docs; returns the problems found (empty when all is well).
fn check_document(name: &str, doc: &Document) -> Vec<String> {
    let mut problems = Vec::new();
    let resolved = resolve(doc);
    let pages = jobdoc_layout::layout(&resolved, FontSet::bundled());
    let output = export_pdf(doc, &options()).expect("export succeeds");
    let again = export_pdf(doc, &options()).expect("export succeeds");
    if output.bytes != again.bytes {
        problems.push("two exports of the same document differ".into());
    }
    if output.page_count() != pages.pages.len() {
        problems.push(format!(
            "page_count {} but layout gives {} pages",
            output.page_count(),
            pages.pages.len()
        ));
    }
    let rendered = render_pdf(&pages, &resolved.info, &options()).expect("render succeeds");
    if rendered != output.bytes {
        problems.push("render_pdf(layout(..)) differs from export_pdf".into());
    }

    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&pdf, &output.bytes).unwrap();
    let path = pdf.to_str().unwrap();

    // qpdf: structure and streams.
    let qpdf = run("qpdf", &["--check", path]);
    if !qpdf.contains("No syntax or stream encoding errors found") {
        problems.push(format!("qpdf --check: {qpdf}"));
    }

    // pdffonts: every font embedded, subset, with a ToUnicode map.
    let fonts = run("pdffonts", &[path]);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    if font_lines.is_empty() {
        problems.push("pdffonts lists no fonts".into());
    }
    for line in &font_lines {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type… encoding emb sub uni object-id gen
        let n = cols.len();
        if n < 6 || cols[n - 5] != "yes" || cols[n - 4] != "yes" || cols[n - 3] != "yes" {
            problems.push(format!("font not embedded+subset+unicode: {line}"));
        }
        if cols[0].get(6..7) != Some("+") {
            problems.push(format!("font name without subset tag: {line}"));
        }
    }

    // pdfinfo: the document info and the page count.
    let info = run("pdfinfo", &["-enc", "UTF-8", path]);
    let field = |key: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}:")))
            .map(|v| v.trim().to_owned())
    };
    let want = [
        ("Title", resolved.info.title.clone()),
        ("Author", resolved.info.author.clone()),
        ("Subject", resolved.info.subject.clone()),
        ("Producer", "Jobdoc".to_owned()),
        ("Pages", pages.pages.len().to_string()),
        ("CreationDate", "Thu Jan 15 09:30:00 2026 UTC".to_owned()),
    ];
    for (key, value) in want {
        if value.is_empty() {
            continue;
        }
        if field(key).as_deref() != Some(value.trim()) {
            problems.push(format!("pdfinfo {key}: {:?}, want {value:?}", field(key)));
        }
    }
    let lang = run("mutool", &["show", path, "trailer/Root/Lang"]);
    if lang.trim() != format!("({})", resolved.info.language_tag) {
        problems.push(format!("/Lang is {:?}", lang.trim()));
    }

    // pdftotext: every clause's label and words, in document order.
    let tokens = text_tokens(&pdf, &mut problems);
    let mut at = 0;
    for section in &resolved.sections {
        for clause in &section.clauses {
            let mut words = vec![clause.label.clone()];
            words.extend(expected_words(&clause.text));
            match find_run(&tokens, &words, at) {
                Some(end) => at = end,
                None => problems.push(format!(
                    "clause {} not found in order in the text: {:?}",
                    clause.label, clause.text
                )),
            }
        }
    }

    check_boxes(&resolved, &pdf, dir.path(), &mut problems);
    problems
}

fn check_boxes(resolved: &Resolved, pdf: &Path, dir: &Path, problems: &mut Vec<String>) {
    let ((width, height), words) = bbox_words(pdf);
    let m = &resolved.geometry.margins_mm;
    let (left, right) = (m.left * MM, width - m.right * MM);
    let (top, bottom) = (m.top * MM, height - m.bottom * MM);
    let mut numbered_pages = BTreeMap::new();
    for w in &words {
        let inside = w.x_min >= left - TOL
            && w.x_max <= right + TOL
            && w.y_min >= top - TOL
            && w.y_max <= bottom + TOL;
        if inside {
            continue;
        }
        // The page number: pages 2+, in the top margin, centred over the text block.
        let is_number = w.page >= 2
            && w.text == w.page.to_string()
            && w.y_max <= top + TOL
            && ((w.x_min + w.x_max) / 2.0 - (left + right) / 2.0).abs() <= TOL;
        if is_number {
            numbered_pages.insert(w.page, w.y_min);
        } else {
            problems.push(format!(
                "page {}: {:?} at ({:.1}, {:.1})–({:.1}, {:.1}) pt is outside the margins",
                w.page, w.text, w.x_min, w.y_min, w.x_max, w.y_max
            ));
        }
    }
    let page_count = words.iter().map(|w| w.page).max().unwrap_or(0);
    for page in 2..=page_count {
        if !numbered_pages.contains_key(&page) {
            problems.push(format!("page {page} has no page number in the top margin"));
        }
    }
    // The ink of the page number (not its font box) at least 10 mm below the edge; page 1 has
    // no ink above the top margin at all.
    if page_count >= 2 {
        match ink_top_pt(pdf, 2, 300, dir) {
            Some(y) if y + 0.25 >= 10.0 * MM => {}
            other => problems.push(format!(
                "page 2: topmost ink at {other:?} pt, want ≥ {:.2} pt (10 mm)",
                10.0 * MM
            )),
        }
    }
    match ink_top_pt(pdf, 1, 150, dir) {
        Some(y) if y + 1.0 >= top => {}
        other => problems.push(format!("page 1: ink above the top margin at {other:?} pt")),
    }

    // The approval requisite: top right, its lines at most 8 cm.
    let (heading, rest): (&str, Vec<&str>) = match &resolved.approval {
        ApprovalBlock::Stamp {
            heading,
            position,
            signature_line,
            name,
            date,
        } => (heading, vec![position, signature_line, name, date]),
        ApprovalBlock::Order { heading, text } => (heading, vec![text]),
    };
    let first_page: Vec<&Word> = words.iter().filter(|w| w.page == 1).collect();
    let Some(head) = first_page.iter().find(|w| w.text == *heading) else {
        problems.push(format!("approval heading {heading:?} not on page 1"));
        return;
    };
    let x0 = head.x_min;
    let stamp: Vec<&&Word> = first_page
        .iter()
        .filter(|w| w.x_min >= x0 - TOL && w.y_min >= head.y_min - TOL)
        .collect();
    for word in rest.iter().flat_map(|s| expected_words(s)) {
        if !stamp.iter().any(|w| w.text == word) {
            problems.push(format!("approval word {word:?} not in the top-right block"));
        }
    }
    // Lines of the block: from the heading down to the last line holding one of its words.
    let last_word = rest
        .iter()
        .rev()
        .flat_map(|s| expected_words(s).into_iter().rev())
        .next()
        .unwrap_or_else(|| heading.to_string());
    let bottom_of_block = stamp
        .iter()
        .filter(|w| w.text == last_word)
        .map(|w| w.y_max)
        .fold(head.y_max, f64::max);
    let right_edge = stamp
        .iter()
        .filter(|w| w.y_max <= bottom_of_block + TOL)
        .map(|w| w.x_max)
        .fold(head.x_max, f64::max);
    if right_edge - x0 > 80.0 * MM + TOL {
        problems.push(format!(
            "approval block {:.1} mm wide, want ≤ 80 mm",
            (right_edge - x0) / MM
        ));
    }
    if x0 < width / 2.0 - TOL || head.y_min > height / 4.0 {
        problems.push(format!(
            "approval block at ({:.1}, {:.1}) pt is not in the top right",
            x0, head.y_min
        ));
    }
}

fn assert_clean(name: &str, doc: &Document) {
    let problems = check_document(name, doc);
    assert!(
        problems.is_empty(),
        "{name}: {} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_template_passes_the_readers() {
    let ids: Vec<&str> = templates::ids().collect();
    assert!(!ids.is_empty(), "no templates to test");
    let mut failures = Vec::new();
    for id in ids {
        let doc = templates::load(id)
            .expect("listed template exists")
            .expect("template parses");
        let problems = check_document(id, &doc);
        if !problems.is_empty() {
            failures.push(format!("{id}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn generated_russian_documents_pass_the_readers() {
    for seed in [1, 2, 3] {
        assert_clean(
            &format!("ru-{seed}"),
            &generate::document(60, seed, Language::Ru),
        );
    }
}

#[test]
fn generated_english_documents_pass_the_readers() {
    for seed in [1, 2] {
        assert_clean(
            &format!("en-{seed}"),
            &generate::document(60, seed, Language::En),
        );
    }
}

#[test]
fn a_thousand_clause_document_passes_the_readers() {
    // 1,000 clauses of 5–60 random words: 99 pages.
    assert_clean("ru-1000", &generate::document(1000, 1, Language::Ru));
}

#[test]
fn the_sixty_page_instruction_passes_the_readers() {
    // The issue's benchmark document: 1,000 short clauses on about 60 pages.
    let doc = generate::instruction(1000, 1);
    let out = export_pdf(&doc, &options()).expect("export");
    assert!(
        (55..=65).contains(&out.page_count()),
        "{} pages, want about 60",
        out.page_count()
    );
    assert_clean("instruction-1000", &doc);
}

#[test]
fn a_subset_of_more_than_256_glyphs_reads_back() {
    // Glyph codes above 255 (a high byte that is not zero) in the content streams: a clause of
    // every Latin, Greek and Cyrillic letter the font has, in words of six.
    let fonts = FontSet::bundled();
    let letters: Vec<char> = (0x00c0u32..0x0250)
        .chain(0x0391..0x03ca)
        .chain(0x0400..0x0500)
        .filter_map(char::from_u32)
        .filter(|&c| c.is_alphabetic() && fonts.has_glyph(jobdoc_layout::FontStyle::Regular, c))
        .collect();
    assert!(letters.len() > 300, "{} letters", letters.len());
    let text: Vec<String> = letters
        .chunks(6)
        .map(|w| w.iter().collect::<String>())
        .collect();
    let mut doc = generate::document(5, 3, Language::Ru);
    doc.sections[0].clauses[0].text = text.join(" ").into();
    assert_clean("many-glyphs", &doc);
}

#[test]
fn the_time_stamp_passed_in_is_the_one_written() {
    let doc = generate::document(20, 4, Language::En);
    let a = export_pdf(&doc, &options()).unwrap();
    let b = export_pdf(
        &doc,
        &PdfOptions {
            created: "2027-03-01T08:00:00.25+03:00".parse().unwrap(),
            fonts: FontSet::bundled(),
            conformance: jobdoc_pdf::Conformance::Plain,
        },
    )
    .unwrap();
    assert_ne!(
        a.bytes, b.bytes,
        "the dates and the file ID follow the time stamp"
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("b.pdf");
    std::fs::write(&pdf, &b.bytes).unwrap();
    let info = run("pdfinfo", &["-isodates", pdf.to_str().unwrap()]);
    for key in ["CreationDate", "ModDate"] {
        let line = info.lines().find(|l| l.starts_with(key)).unwrap_or("");
        assert!(
            line.ends_with("2027-03-01T08:00:00+03"),
            "{key}: {line:?} in\n{info}"
        );
    }
}
