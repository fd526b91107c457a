//! The resolved document placed with docx-rs: styles, numbering, header, body.
//!
//! Paragraphs carry a named style and, for numbered ones, the list reference, so that a Word
//! user restyles the whole document by changing a style. Direct formatting is used only where
//! one paragraph differs from its kind: the gaps and the bold document kind in the header block,
//! the alignment and indents inside signature rows, the header row of the acknowledgement sheet.
//! Every measure comes from the model's one page geometry ([`jobdoc_model::geometry`]), which
//! the PDF layout reads too, so that Word and LibreOffice break lines and pages where the PDF
//! does.

use std::borrow::Cow;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Header, HeightRule, IndentLevel, Level,
    LevelJc, LevelSuffixType, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering,
    NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style,
    StyleType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};
use jobdoc_model::geometry::{self as gost, gaps, PageGeometry};
use jobdoc_model::resolve::{ApprovalBlock, Resolved, SignatureRow};
use jobdoc_model::validate::clause_pointer;
use jobdoc_model::{Diagnostic, DiagnosticCode, Severity};

/// Style ids. The names Word shows are in [`styles`].
pub mod style {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "JobdocTitle";
    pub const SECTION: &str = "JobdocSectionHeading";
    pub const CLAUSE: [&str; 3] = ["JobdocClause1", "JobdocClause2", "JobdocClause3"];
    pub const REQUISITE: &str = "JobdocRequisite";
    pub const APPROVAL: &str = "JobdocApproval";
    pub const SHEET_TITLE: &str = "JobdocSheetTitle";
    pub const SIGNATURE: &str = "JobdocSignatureText";
    pub const TABLE_TEXT: &str = "JobdocTableText";
    pub const CAPTION: &str = "JobdocCaption";
    pub const PAGE_NUMBER: &str = "JobdocPageNumber";
    /// Table styles: borderless layout tables and the ruled acknowledgement table.
    pub const PLAIN_TABLE: &str = "JobdocPlainTable";
    pub const GRID_TABLE: &str = "JobdocGridTable";
}

/// The list used by sections (level 0) and clauses (levels 1–3). docx-rs reserves abstract
/// numbering 1 and numbering 1 for its own default list.
pub const ABSTRACT_NUMBERING_ID: usize = 2;
pub const NUMBERING_ID: usize = 2;

/// The font named in the file; the PDF embeds Liberation Serif, which has its metrics.
pub const FONT: &str = "Times New Roman";

/// Twips (1/20 pt) in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// A4 in twips.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;

/// Single line height of Times New Roman / Liberation Serif in ems: (ascender + descender +
/// line gap) / units per em = (1825 + 443 + 87) / 2048. Word's "single" spacing is this height,
/// and the PDF layout reads the same figure from the embedded font (a test compares them).
pub const LINE_EM: f64 = 2355.0 / 2048.0;
/// Ascender minus cap height, in ems: how far below the line's top the digits start.
const ASCENT_ABOVE_CAPS_EM: f64 = (1825.0 - 1341.0) / 2048.0;
/// The signature line is 16 underscores, half an em each in Times / Liberation Serif.
const SIGNATURE_LINE_EM: f64 = 8.0;

pub fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// First-line indent of body text (1.25 cm), in twips.
pub fn first_line_indent() -> i32 {
    mm(gost::FIRST_LINE_INDENT_MM)
}

/// Half-points for a size in points.
fn half_points(pt: f64) -> usize {
    (pt * 2.0).round().max(2.0) as usize
}

/// Removes characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage
/// return; U+FFFE and U+FFFF) and warns once per string, naming the place (a JSON Pointer).
pub fn clean<'a>(text: &'a str, location: &str, warnings: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let removed: Vec<String> = text
        .chars()
        .filter(|&c| bad(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    warnings.push(Diagnostic {
        severity: Severity::Warning,
        code: DiagnosticCode::CharacterRemoved,
        path: location.to_owned(),
        message_ru: format!(
            "в DOCX удалены символы, недопустимые в XML ({}): {}",
            removed.len(),
            removed.join(", ")
        ),
        message_en: format!(
            "removed {} character(s) not allowed in XML from the DOCX: {}",
            removed.len(),
            removed.join(", ")
        ),
    });
    Cow::Owned(text.chars().filter(|&c| !bad(c)).collect())
}

/// A run holding `text` with `\n` as line breaks and `\t` as tabs (docx-rs would drop `\n`).
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !piece.is_empty() {
                run = run.add_text(piece);
            }
        }
    }
    run
}

/// A styled paragraph holding cleaned text.
fn para(style_id: &str, text: &str, location: &str, warnings: &mut Vec<Diagnostic>) -> Paragraph {
    let text = clean(text, location, warnings);
    let p = Paragraph::new().style(style_id);
    if text.is_empty() {
        p
    } else {
        p.add_run(text_run(&text))
    }
}

/// The model's page geometry in twips, with the body font's line height.
#[derive(Debug, Clone)]
pub struct Metrics {
    pub geometry: PageGeometry,
    /// Body size in points.
    pub size: f64,
    /// Line spacing of the body as a multiple of single spacing.
    pub spacing: f64,
    /// Single line height at the body size, in twips.
    pub single: i32,
    /// Text width between the margins, in twips.
    pub width: i32,
}

impl Metrics {
    pub fn of(r: &Resolved) -> Metrics {
        let g = &r.geometry;
        let m = &g.margins_mm;
        Metrics {
            geometry: g.clone(),
            size: g.font_size_pt,
            spacing: g.line_spacing,
            single: (g.font_size_pt * LINE_EM * 20.0).round() as i32,
            width: PAGE_WIDTH as i32 - mm(m.left) - mm(m.right),
        }
    }

    /// A share of a single line, in twips.
    fn lines(&self, n: f64) -> u32 {
        (self.single as f64 * n).round().max(0.0) as u32
    }
}

/// `auto` line spacing in 240ths of a line, no space around the paragraph.
fn spacing(line_spacing: f64) -> LineSpacing {
    LineSpacing::new()
        .line((240.0 * line_spacing).round() as i32)
        .line_rule(LineSpacingType::Auto)
        .before(0)
        .after(0)
}

fn with_ppr(
    mut s: Style,
    f: impl FnOnce(docx_rs::ParagraphProperty) -> docx_rs::ParagraphProperty,
) -> Style {
    s.paragraph_property = f(s.paragraph_property);
    s
}

/// The named styles. Body sizes and spacing come from the document's page settings.
pub fn styles(m: &Metrics) -> Vec<Style> {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    let paragraph = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on(style::NORMAL)
            .next(style::NORMAL)
            .q_format(true)
    };
    let keep_next = |s: Style| with_ppr(s, |p| p.keep_next(true));
    let mut styles = vec![
        with_ppr(
            Style::new(style::NORMAL, StyleType::Paragraph)
                .name("Normal")
                .q_format(true)
                .fonts(fonts)
                .size(half_points(m.size))
                .line_spacing(spacing(1.0)),
            |p| p.widow_control(true),
        ),
        keep_next(
            paragraph(style::TITLE, "Jobdoc Title")
                .bold()
                .align(AlignmentType::Center)
                .line_spacing(spacing(1.0).before(m.lines(gaps::TITLE_BEFORE))),
        ),
        keep_next(with_ppr(
            paragraph(style::SECTION, "Jobdoc Section Heading")
                .next(style::CLAUSE[0])
                .bold()
                .align(AlignmentType::Center)
                .outline_lvl(0)
                .line_spacing(
                    spacing(1.0)
                        .before(m.lines(gaps::SECTION_BEFORE))
                        .after(m.lines(gaps::SECTION_AFTER)),
                ),
            |p| p.numbering(NumberingId::new(NUMBERING_ID), IndentLevel::new(0)),
        )),
    ];
    for (i, id) in style::CLAUSE.iter().enumerate() {
        styles.push(with_ppr(
            paragraph(id, &format!("Jobdoc Clause {}", i + 1))
                .next(*id)
                .align(AlignmentType::Both)
                .line_spacing(spacing(m.spacing))
                .indent(
                    Some(0),
                    Some(SpecialIndentType::FirstLine(first_line_indent())),
                    None,
                    None,
                ),
            |p| p.numbering(NumberingId::new(NUMBERING_ID), IndentLevel::new(i + 1)),
        ));
    }
    styles.extend([
        paragraph(style::REQUISITE, "Jobdoc Requisite").align(AlignmentType::Center),
        paragraph(style::APPROVAL, "Jobdoc Approval Stamp").align(AlignmentType::Left),
        paragraph(style::SIGNATURE, "Jobdoc Signature Text").align(AlignmentType::Left),
        keep_next(
            paragraph(style::SHEET_TITLE, "Jobdoc Sheet Title")
                .bold()
                .align(AlignmentType::Center),
        ),
        paragraph(style::TABLE_TEXT, "Jobdoc Table Text")
            .align(AlignmentType::Left)
            .size(half_points(m.geometry.sheet_text_size_pt())),
        paragraph(style::CAPTION, "Jobdoc Caption")
            .align(AlignmentType::Center)
            .italic()
            .size(half_points(m.geometry.caption_size_pt())),
        paragraph(style::PAGE_NUMBER, "Jobdoc Page Number").align(AlignmentType::Center),
        Style::new(style::PLAIN_TABLE, StyleType::Table)
            .name("Jobdoc Plain Table")
            .set_borders(TableBorders::with_empty())
            .margins(TableCellMargins::new().margin(0, 0, 0, 0)),
        Style::new(style::GRID_TABLE, StyleType::Table)
            .name("Jobdoc Grid Table")
            .set_borders(grid_borders())
            .margins(grid_margins()),
    ]);
    styles
}

fn grid_margins() -> TableCellMargins {
    let pad = mm(gost::SHEET_CELL_PADDING_MM).max(0) as usize;
    TableCellMargins::new().margin(pad, pad, pad, pad)
}

fn grid_borders() -> TableBorders {
    let mut b = TableBorders::new();
    for p in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        b = b.set(
            TableBorder::new(p)
                // Eighths of a point.
                .size((gost::RULE_PT * 8.0).round() as usize)
                .color("000000")
                .border_type(docx_rs::BorderType::Single),
        );
    }
    b
}

/// One list for the whole document: level 0 numbers sections ("1."), levels 1–3 clauses
/// ("1.1.", "1.1.1.", "1.1.1.1."). Each level restarts after a higher one, as our labels do.
/// The number is followed by a space and starts at the first-line indent, like the PDF.
pub fn numbering() -> AbstractNumbering {
    let mut a = AbstractNumbering::new(ABSTRACT_NUMBERING_ID);
    a.multi_level_type = Some("multilevel".to_owned());
    let texts = ["%1.", "%1.%2.", "%1.%2.%3.", "%1.%2.%3.%4."];
    for (lvl, text) in texts.iter().enumerate() {
        let (style_id, first_line) = if lvl == 0 {
            (style::SECTION, 0)
        } else {
            (style::CLAUSE[lvl - 1], first_line_indent())
        };
        a = a.add_level(
            Level::new(
                lvl,
                Start::new(1),
                NumberFormat::new("decimal"),
                LevelText::new(*text),
                LevelJc::new("left"),
            )
            .suffix(LevelSuffixType::Space)
            .paragraph_style(style_id)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(first_line)),
                None,
                None,
            ),
        );
    }
    a
}

fn numbered(p: Paragraph, level: usize) -> Paragraph {
    p.numbering(NumberingId::new(NUMBERING_ID), IndentLevel::new(level))
}

fn cell(width: i32) -> TableCell {
    TableCell::new().width(width.max(0) as usize, WidthType::Dxa)
}

/// A table with a fixed grid of column widths (twips).
fn table(rows: Vec<TableRow>, widths: &[i32], style_id: &str) -> Table {
    let total: i32 = widths.iter().sum();
    let t = Table::new(rows)
        .style(style_id)
        .set_grid(widths.iter().map(|w| (*w).max(0) as usize).collect())
        .width(total.max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(0);
    if style_id == style::GRID_TABLE {
        t.set_borders(grid_borders()).margins(grid_margins())
    } else {
        t.set_borders(TableBorders::with_empty())
            .margins(TableCellMargins::new().margin(0, 0, 0, 0))
    }
}

/// Space before a paragraph, in twips.
fn before(p: Paragraph, twips: u32) -> Paragraph {
    if twips == 0 {
        p
    } else {
        p.line_spacing(LineSpacing::new().before(twips))
    }
}

/// Top of the first page: requisites centred on the left, the approval stamp on the right.
fn header_block(r: &Resolved, m: &Metrics, warnings: &mut Vec<Diagnostic>) -> Table {
    let columns = m.geometry.header_columns();
    let stamp = mm(columns.stamp_mm);
    let left = mm(columns.requisites_mm);
    let gap = (m.width - left - stamp).max(0);
    let half = m.lines(gaps::REQUISITE);

    let mut left_cell = cell(left);
    for line in &r.header.organisation {
        left_cell =
            left_cell.add_paragraph(para(style::REQUISITE, line, "/organisation", warnings));
    }
    let kind_gap = if r.header.organisation.is_empty() {
        0
    } else {
        half
    };
    let kind = clean(&r.header.document_kind, "", warnings);
    left_cell = left_cell.add_paragraph(before(
        Paragraph::new()
            .style(style::REQUISITE)
            .add_run(text_run(&kind).bold()),
        kind_gap,
    ));
    left_cell = left_cell.add_paragraph(before(
        para(
            style::REQUISITE,
            &r.header.registration,
            "/registration",
            warnings,
        ),
        half,
    ));
    if !r.header.place.is_empty() {
        left_cell = left_cell.add_paragraph(before(
            para(
                style::REQUISITE,
                &r.header.place,
                "/organisation/place",
                warnings,
            ),
            half,
        ));
    }

    let mut stamp_cell = cell(stamp);
    let add = |c: TableCell, text: &str, gap: u32, w: &mut Vec<Diagnostic>| {
        c.add_paragraph(before(para(style::APPROVAL, text, "/approval", w), gap))
    };
    match &r.approval {
        ApprovalBlock::Stamp {
            heading,
            position,
            signature_line,
            name,
            date,
        } => {
            stamp_cell = add(stamp_cell, heading, 0, warnings);
            if !position.is_empty() {
                stamp_cell = add(stamp_cell, position, 0, warnings);
            }
            stamp_cell = add(
                stamp_cell,
                &format!("{signature_line} {name}"),
                half,
                warnings,
            );
            stamp_cell = add(stamp_cell, date, 0, warnings);
        }
        ApprovalBlock::Order { heading, text } => {
            stamp_cell = add(stamp_cell, heading, 0, warnings);
            stamp_cell = add(stamp_cell, text, 0, warnings);
        }
    }
    let gap_cell = cell(gap).add_paragraph(Paragraph::new().style(style::REQUISITE));
    table(
        vec![TableRow::new(vec![left_cell, gap_cell, stamp_cell]).cant_split()],
        &[left, gap, stamp],
        style::PLAIN_TABLE,
    )
}

/// Column widths of a signature row: position, signature line (with the gap before the name),
/// name.
fn signature_columns(m: &Metrics) -> [i32; 3] {
    let c0 = mm(m.geometry.signature_line_at_mm());
    let line = (SIGNATURE_LINE_EM * m.size * 20.0).round() as i32 + mm(gost::SIGNATURE_NAME_GAP_MM);
    let c1 = line
        .min(m.width - c0 - mm(gost::SIGNATURE_NAME_MIN_MM))
        .max(0);
    [c0, c1, m.width - c0 - c1]
}

/// A cell spanning the whole signature table.
fn wide_cell(m: &Metrics, p: Paragraph) -> TableCell {
    cell(m.width).grid_span(3).add_paragraph(p)
}

fn keep(p: Paragraph) -> Paragraph {
    p.keep_next(true)
}

/// Position — signature line — name, then the captions under the line (and under a name left
/// blank). Both rows stay together and with what follows, so a signature row is never split.
fn signature_rows(
    m: &Metrics,
    row: &SignatureRow,
    location: &str,
    space_before: u32,
    keep_last: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<TableRow> {
    let [c0, c1, c2] = signature_columns(m);
    let position_indent = c0 - mm(m.geometry.signature_position_width_mm());
    let name_gap = mm(gost::SIGNATURE_NAME_GAP_MM);
    let blank_name = row.name.chars().all(|c| c == '_');
    let sig = |text: &str, w: &mut Vec<Diagnostic>| {
        keep(before(
            para(style::SIGNATURE, text, location, w),
            space_before,
        ))
    };
    let position = sig(&row.position, warnings).indent(Some(0), None, Some(position_indent), None);
    let line = sig(&row.signature_line, warnings).indent(Some(0), None, Some(name_gap), None);
    let name = sig(&row.name, warnings);
    let name = if blank_name {
        name
    } else {
        name.align(AlignmentType::Right)
    };
    let first = TableRow::new(vec![
        cell(c0)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(position),
        cell(c1)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(line),
        cell(c2)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(name),
    ])
    .cant_split();
    let caption = |text: &str, w: &mut Vec<Diagnostic>| {
        let p = para(style::CAPTION, text, location, w);
        if keep_last {
            keep(p)
        } else {
            p
        }
    };
    let name_caption = if blank_name {
        // Centred under the blank name, which is as long as the signature line.
        let line_w = c1 - name_gap;
        caption(&row.name_caption, warnings).indent(Some(0), None, Some((c2 - line_w).max(0)), None)
    } else {
        caption("", warnings)
    };
    let second = TableRow::new(vec![
        cell(c0).add_paragraph(caption("", warnings)),
        cell(c1).add_paragraph(caption(&row.signature_caption, warnings).indent(
            Some(0),
            None,
            Some(name_gap),
            None,
        )),
        cell(c2).add_paragraph(name_caption),
    ])
    .cant_split();
    vec![first, second]
}

/// An empty paragraph exactly `twips` high: the space between signature blocks.
fn spacer(twips: u32) -> Paragraph {
    keep(
        Paragraph::new().style(style::SIGNATURE).line_spacing(
            LineSpacing::new()
                .line(twips.max(20) as i32)
                .line_rule(LineSpacingType::Exact)
                .before(0)
                .after(0),
        ),
    )
}

/// A signature block with a heading line above and a date line below (visa, mark).
fn block_with_heading(
    m: &Metrics,
    heading: &str,
    row: &SignatureRow,
    date: &str,
    gap_before_row: u32,
    location: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Table {
    let mut rows = vec![TableRow::new(vec![wide_cell(
        m,
        keep(para(style::SIGNATURE, heading, location, warnings)),
    )])
    .cant_split()];
    rows.extend(signature_rows(
        m,
        row,
        location,
        gap_before_row,
        true,
        warnings,
    ));
    rows.push(
        TableRow::new(vec![wide_cell(
            m,
            before(
                para(style::SIGNATURE, date, location, warnings),
                m.lines(gaps::DATE_BEFORE),
            ),
        )])
        .cant_split(),
    );
    table(rows, &signature_columns(m), style::PLAIN_TABLE)
}

/// The document body and page setup.
pub fn build(r: &Resolved, warnings: &mut Vec<Diagnostic>) -> Docx {
    let m = Metrics::of(r);
    let margins = &m.geometry.margins_mm;
    let header_distance =
        mm(gost::PAGE_NUMBER_TOP_MM) - (ASCENT_ABOVE_CAPS_EM * m.size * 20.0).round() as i32;
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(mm(margins.top))
                .bottom(mm(margins.bottom))
                .left(mm(margins.left))
                .right(mm(margins.right))
                .header(header_distance)
                .footer(mm(gost::PAGE_NUMBER_TOP_MM))
                .gutter(0),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(half_points(m.size))
        .default_line_spacing(spacing(1.0))
        .add_abstract_numbering(numbering())
        .add_numbering(Numbering::new(NUMBERING_ID, ABSTRACT_NUMBERING_ID))
        .first_header(Header::new().add_paragraph(Paragraph::new().style(style::PAGE_NUMBER)))
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .style(style::PAGE_NUMBER)
                    .add_page_num(PageNum::new()),
            ),
        )
        .title_pg();
    for s in styles(&m) {
        docx = docx.add_style(s);
    }

    docx = docx.add_table(header_block(r, &m, warnings));
    if !r.title.trim().is_empty() {
        docx = docx.add_paragraph(para(
            style::TITLE,
            &r.title,
            "/position/title_form",
            warnings,
        ));
    }

    let clause_count: usize = r.sections.iter().map(|s| s.clauses.len()).sum();
    let mut seen = 0;
    for section in &r.sections {
        let location = format!("/sections/{}/title", section.index);
        docx = docx.add_paragraph(numbered(
            para(style::SECTION, &section.heading, &location, warnings),
            0,
        ));
        for clause in &section.clauses {
            seen += 1;
            let location = clause_pointer(&clause.path);
            let style_id = style::CLAUSE[clause.level.clamp(1, 3) - 1];
            // Clauses deeper than the list's levels (which validation reports) are printed at
            // level 3 with their label typed, so that the number shown is still the label.
            let mut p = if clause.path.len() == clause.level + 1 {
                numbered(
                    para(style_id, &clause.text, &location, warnings),
                    clause.level,
                )
            } else {
                para(
                    style_id,
                    &format!("{} {}", clause.label, clause.text),
                    &location,
                    warnings,
                )
                .numbering(NumberingId::new(0), IndentLevel::new(0))
                .indent(
                    Some(0),
                    Some(SpecialIndentType::FirstLine(first_line_indent())),
                    None,
                    None,
                )
            };
            // The author's signature never stands alone on a page; a clause that introduces a
            // list stays with it (the PDF layout keeps the same rows together).
            if seen == clause_count || clause.introduces_list {
                p = keep(p);
            }
            docx = docx.add_paragraph(p);
        }
    }

    // After the text: the author, the visas, the acknowledgement mark, each block a borderless
    // table kept together with the next.
    docx = docx.add_paragraph(spacer(m.lines(gaps::AUTHOR_BEFORE)));
    docx = docx.add_table(table(
        signature_rows(
            &m,
            &r.author,
            "/signatures/author",
            0,
            !r.visas.is_empty() || r.mark.is_some(),
            warnings,
        ),
        &signature_columns(&m),
        style::PLAIN_TABLE,
    ));
    for (i, visa) in r.visas.iter().enumerate() {
        let location = format!("/signatures/visas/{i}");
        docx = docx.add_paragraph(spacer(m.lines(gaps::BLOCK_BEFORE)));
        docx = docx.add_table(block_with_heading(
            &m,
            &visa.heading,
            &visa.row,
            &visa.date,
            0,
            &location,
            warnings,
        ));
    }
    if let Some(mark) = &r.mark {
        docx = docx.add_paragraph(spacer(m.lines(gaps::BLOCK_BEFORE)));
        docx = docx.add_table(block_with_heading(
            &m,
            &mark.text,
            &mark.row,
            &mark.date,
            m.lines(gaps::MARK_ROW_BEFORE),
            "/acknowledgement/mark",
            warnings,
        ));
    }

    if let Some(sheet) = &r.sheet {
        let location = "/acknowledgement/sheet";
        docx = docx.add_paragraph(
            para(style::SHEET_TITLE, &sheet.title, location, warnings).page_break_before(true),
        );
        docx = docx.add_paragraph(
            para(style::REQUISITE, &sheet.subtitle, location, warnings)
                .keep_next(true)
                .line_spacing(LineSpacing::new().after(m.lines(gaps::SHEET_SUBTITLE_AFTER))),
        );
        let mut widths = m.geometry.sheet_columns_mm().map(mm);
        widths[4] = m.width - widths[..4].iter().sum::<i32>();
        let row_height = mm(gost::SHEET_ROW_MIN_HEIGHT_MM) as f32;
        let head = TableRow::new(
            sheet
                .columns
                .iter()
                .zip(widths)
                .map(|(text, w)| {
                    let text = clean(text, location, warnings);
                    cell(w).add_paragraph(
                        Paragraph::new()
                            .style(style::TABLE_TEXT)
                            .align(AlignmentType::Center)
                            .add_run(text_run(&text).bold()),
                    )
                })
                .collect(),
        )
        .row_height(row_height)
        .height_rule(HeightRule::AtLeast)
        .cant_split();
        let mut rows = vec![head];
        for (i, row) in sheet.rows.iter().enumerate() {
            let location = format!("/acknowledgement/sheet/employees/{i}");
            rows.push(
                TableRow::new(
                    row.iter()
                        .zip(widths)
                        .enumerate()
                        .map(|(c, (text, w))| {
                            let p = para(style::TABLE_TEXT, text, &location, warnings);
                            let p = if c == 0 {
                                p.align(AlignmentType::Center)
                            } else {
                                p
                            };
                            cell(w).add_paragraph(p)
                        })
                        .collect(),
                )
                .row_height(row_height)
                .height_rule(HeightRule::AtLeast)
                .cant_split(),
            );
        }
        docx = docx.add_table(table(rows, &widths, style::GRID_TABLE));
    }
    docx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_forbidden_characters_with_a_warning() {
        let mut w = Vec::new();
        assert_eq!(clean("a\tb\nc", "x", &mut w), "a\tb\nc");
        assert!(w.is_empty());
        assert_eq!(
            clean("a\u{1}b\u{ffff}", "/sections/0/clauses/0", &mut w),
            "ab"
        );
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].path, "/sections/0/clauses/0");
        assert_eq!(w[0].code, DiagnosticCode::CharacterRemoved);
        assert!(w[0].message_en.contains("U+0001"), "{}", w[0].message_en);
        assert!(w[0].message_ru.contains("U+FFFF"), "{}", w[0].message_ru);
    }

    #[test]
    fn millimetres_to_twips() {
        assert_eq!(first_line_indent(), 709);
        assert_eq!(mm(210.0), PAGE_WIDTH as i32);
        assert_eq!(mm(297.0), PAGE_HEIGHT as i32);
    }
}
