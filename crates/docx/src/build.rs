//! The resolved document placed with docx-rs: styles, numbering, header, body.
//!
//! Paragraphs carry a named style and, for numbered ones, the list reference — no direct
//! formatting — so that a Word user restyles the whole document by changing a style.

use std::borrow::Cow;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Header, HeightRule, IndentLevel, Level,
    LevelJc, LevelSuffixType, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering,
    NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style,
    StyleType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};
use jobdoc_model::resolve::{ApprovalBlock, Resolved, SignatureRow};

use crate::DocxWarning;

/// Style ids. The names Word shows are in [`styles`].
pub mod style {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "JobdocTitle";
    pub const SECTION: &str = "JobdocSectionHeading";
    pub const CLAUSE: [&str; 3] = ["JobdocClause1", "JobdocClause2", "JobdocClause3"];
    pub const REQUISITE: &str = "JobdocRequisite";
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
/// First-line indent of body text, 1.25 cm.
pub const FIRST_LINE_INDENT: i32 = 709;
/// The approval stamp's column: GOST allows lines of at most 8 cm.
pub const STAMP_WIDTH_MM: f64 = 80.0;
/// Distance of the page number from the top edge (GOST: at least 10 mm).
pub const HEADER_DISTANCE_MM: f64 = 10.0;
/// Captions under signature lines, in points.
pub const CAPTION_SIZE_PT: f64 = 10.0;
/// Columns of a signature row (after the position column, which takes the rest), in mm.
pub const SIGNATURE_LINE_MM: f64 = 45.0;
pub const SIGNATURE_NAME_MM: f64 = 50.0;
/// Columns of the acknowledgement sheet: №, name (the rest), position, date, signature, in mm.
pub const SHEET_NUMBER_MM: f64 = 12.0;
pub const SHEET_POSITION_MM: f64 = 40.0;
pub const SHEET_DATE_MM: f64 = 32.0;
pub const SHEET_SIGNATURE_MM: f64 = 28.0;
/// Minimum row height of the acknowledgement sheet.
pub const SHEET_ROW_MM: f64 = 10.0;

pub fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// Half-points for a size in points.
fn half_points(pt: f64) -> usize {
    (pt * 2.0).round().max(2.0) as usize
}

/// Removes characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage
/// return; U+FFFE and U+FFFF) and warns once per string, naming the place.
pub fn clean<'a>(text: &'a str, location: &str, warnings: &mut Vec<DocxWarning>) -> Cow<'a, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let removed: Vec<String> = text
        .chars()
        .filter(|&c| bad(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    warnings.push(DocxWarning {
        location: location.to_owned(),
        message: format!(
            "removed {} character(s) not allowed in XML: {}",
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
fn para(style_id: &str, text: &str, location: &str, warnings: &mut Vec<DocxWarning>) -> Paragraph {
    let text = clean(text, location, warnings);
    let p = Paragraph::new().style(style_id);
    if text.is_empty() {
        p
    } else {
        p.add_run(text_run(&text))
    }
}

/// Line spacing of the body: `auto` in 240ths of a line.
fn spacing(line_spacing: f64) -> LineSpacing {
    LineSpacing::new()
        .line((240.0 * line_spacing).round() as i32)
        .line_rule(LineSpacingType::Auto)
        .before(0)
        .after(0)
}

/// The named styles. Body sizes and spacing come from the document's page settings.
pub fn styles(r: &Resolved) -> Vec<Style> {
    let size = half_points(r.page.font_size_pt);
    let line = r.page.line_spacing;
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
    let keep_next = |mut s: Style| {
        s.paragraph_property = s.paragraph_property.keep_next(true);
        s
    };
    let mut styles = vec![
        Style::new(style::NORMAL, StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .fonts(fonts.clone())
            .size(size)
            .line_spacing(spacing(line)),
        keep_next(
            paragraph(style::TITLE, "Jobdoc Title")
                .bold()
                .align(AlignmentType::Center)
                .line_spacing(spacing(line).before(240).after(240)),
        ),
        keep_next(
            paragraph(style::SECTION, "Jobdoc Section Heading")
                .next(style::CLAUSE[0])
                .bold()
                .align(AlignmentType::Center)
                .outline_lvl(0)
                .line_spacing(spacing(line).before(240).after(120)),
        ),
    ];
    for (i, id) in style::CLAUSE.iter().enumerate() {
        let mut s = paragraph(id, &format!("Jobdoc Clause {}", i + 1))
            .next(*id)
            .align(AlignmentType::Both)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)),
                None,
                None,
            );
        s.paragraph_property = s
            .paragraph_property
            .numbering(NumberingId::new(NUMBERING_ID), IndentLevel::new(i + 1));
        styles.push(s);
    }
    if let Some(s) = styles.get_mut(2) {
        s.paragraph_property = s
            .paragraph_property
            .clone()
            .numbering(NumberingId::new(NUMBERING_ID), IndentLevel::new(0));
    }
    styles.extend([
        paragraph(style::REQUISITE, "Jobdoc Requisite")
            .align(AlignmentType::Left)
            .line_spacing(spacing(1.0)),
        paragraph(style::SIGNATURE, "Jobdoc Signature Text")
            .align(AlignmentType::Left)
            .line_spacing(spacing(1.0)),
        paragraph(style::TABLE_TEXT, "Jobdoc Table Text")
            .align(AlignmentType::Left)
            .size(half_points(r.page.font_size_pt.min(12.0)))
            .line_spacing(spacing(1.0)),
        paragraph(style::CAPTION, "Jobdoc Caption")
            .align(AlignmentType::Center)
            .size(half_points(CAPTION_SIZE_PT))
            .line_spacing(spacing(1.0)),
        paragraph(style::PAGE_NUMBER, "Jobdoc Page Number")
            .align(AlignmentType::Center)
            .line_spacing(spacing(1.0)),
        Style::new(style::PLAIN_TABLE, StyleType::Table)
            .name("Jobdoc Plain Table")
            .set_borders(TableBorders::with_empty())
            .margins(TableCellMargins::new().margin(0, 0, 0, 0)),
        Style::new(style::GRID_TABLE, StyleType::Table)
            .name("Jobdoc Grid Table")
            .set_borders(grid_borders())
            .margins(TableCellMargins::new().margin(0, 57, 0, 57)),
    ]);
    styles
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
                .size(4)
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
            (style::CLAUSE[lvl - 1], FIRST_LINE_INDENT)
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
        t.set_borders(grid_borders())
            .margins(TableCellMargins::new().margin(0, 57, 0, 57))
    } else {
        t.set_borders(TableBorders::with_empty())
            .margins(TableCellMargins::new().margin(0, 0, 0, 0))
    }
}

/// Text width between the margins, in twips.
fn text_width(r: &Resolved) -> i32 {
    PAGE_WIDTH as i32 - mm(r.page.margins_mm.left) - mm(r.page.margins_mm.right)
}

/// Top of the first page: requisites on the left, the approval stamp on the right.
fn header_block(r: &Resolved, warnings: &mut Vec<DocxWarning>) -> Table {
    let width = text_width(r);
    let right = mm(STAMP_WIDTH_MM).min(width / 2);
    let left = width - right;
    let mut left_cell = cell(left);
    for line in &r.header.organisation {
        left_cell = left_cell.add_paragraph(para(style::REQUISITE, line, "header", warnings));
    }
    left_cell = left_cell
        .add_paragraph(para(
            style::REQUISITE,
            &r.header.document_kind,
            "header",
            warnings,
        ))
        .add_paragraph(para(
            style::REQUISITE,
            &r.header.registration,
            "header",
            warnings,
        ));
    if !r.header.place.is_empty() {
        left_cell =
            left_cell.add_paragraph(para(style::REQUISITE, &r.header.place, "header", warnings));
    }
    let mut right_cell = cell(right);
    let lines: Vec<String> = match &r.approval {
        ApprovalBlock::Stamp {
            heading,
            position,
            signature_line,
            name,
            date,
        } => {
            let mut v = vec![heading.clone()];
            if !position.is_empty() {
                v.push(position.clone());
            }
            v.push(format!("{signature_line} {name}"));
            v.push(date.clone());
            v
        }
        ApprovalBlock::Order { heading, text } => vec![heading.clone(), text.clone()],
    };
    for line in &lines {
        right_cell = right_cell.add_paragraph(para(style::REQUISITE, line, "approval", warnings));
    }
    table(
        vec![TableRow::new(vec![left_cell, right_cell])],
        &[left, right],
        style::PLAIN_TABLE,
    )
}

/// Column widths of a signature row: position (the rest), line, name.
fn signature_columns(r: &Resolved) -> [i32; 3] {
    let width = text_width(r);
    let line = mm(SIGNATURE_LINE_MM);
    let name = mm(SIGNATURE_NAME_MM);
    [width - line - name, line, name]
}

/// A cell spanning the whole signature table.
fn wide_cell(r: &Resolved, p: Paragraph) -> TableCell {
    cell(text_width(r)).grid_span(3).add_paragraph(p)
}

fn keep(p: Paragraph) -> Paragraph {
    p.keep_next(true)
}

/// Position — signature line — name, then the captions under the line and the name. Both rows
/// stay together and with what follows, so a signature row is never split.
fn signature_rows(
    r: &Resolved,
    row: &SignatureRow,
    location: &str,
    keep_last: bool,
    warnings: &mut Vec<DocxWarning>,
) -> Vec<TableRow> {
    let [c0, c1, c2] = signature_columns(r);
    let sig =
        |text: &str, w: &mut Vec<DocxWarning>| keep(para(style::SIGNATURE, text, location, w));
    let line_para = keep(para(
        style::SIGNATURE,
        &row.signature_line,
        location,
        warnings,
    ))
    .align(AlignmentType::Center);
    let first = TableRow::new(vec![
        cell(c0)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(sig(&row.position, warnings)),
        cell(c1)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(line_para),
        cell(c2)
            .vertical_align(VAlignType::Bottom)
            .add_paragraph(sig(&row.name, warnings)),
    ])
    .cant_split();
    let caption = |text: &str, w: &mut Vec<DocxWarning>| {
        let p = para(style::CAPTION, text, location, w);
        if keep_last {
            keep(p)
        } else {
            p
        }
    };
    let second = TableRow::new(vec![
        cell(c0).add_paragraph(caption("", warnings)),
        cell(c1).add_paragraph(caption(&row.signature_caption, warnings)),
        cell(c2).add_paragraph(caption(&row.name_caption, warnings).align(AlignmentType::Left)),
    ])
    .cant_split();
    vec![first, second]
}

fn blank_line() -> Paragraph {
    Paragraph::new().style(style::NORMAL)
}

/// The document body and page setup.
pub fn build(r: &Resolved, warnings: &mut Vec<DocxWarning>) -> Docx {
    let m = &r.page.margins_mm;
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(mm(m.top))
                .bottom(mm(m.bottom))
                .left(mm(m.left))
                .right(mm(m.right))
                .header(mm(HEADER_DISTANCE_MM))
                .footer(mm(HEADER_DISTANCE_MM))
                .gutter(0),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(half_points(r.page.font_size_pt))
        .default_line_spacing(spacing(r.page.line_spacing))
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
    for s in styles(r) {
        docx = docx.add_style(s);
    }

    docx = docx.add_table(header_block(r, warnings));
    docx = docx.add_paragraph(para(style::TITLE, &r.title, "title", warnings));

    for section in &r.sections {
        let location = format!("section {} heading", section.label);
        docx = docx.add_paragraph(numbered(
            para(style::SECTION, &section.heading, &location, warnings),
            0,
        ));
        for clause in &section.clauses {
            let location = format!("clause {}", clause.label);
            let style_id = style::CLAUSE[clause.level.clamp(1, 3) - 1];
            // Deeper clauses than the list has levels are printed at level 3 with their label
            // typed, so that the number shown is still the label.
            let p = if clause.path.len() - 1 == clause.level {
                numbered(
                    para(style_id, &clause.text, &location, warnings),
                    clause.level,
                )
            } else {
                warnings.push(DocxWarning {
                    location: location.clone(),
                    message:
                        "nested deeper than 3 levels: printed at level 3 with its number typed"
                            .to_owned(),
                });
                para(
                    style_id,
                    &format!("{} {}", clause.label, clause.text),
                    &location,
                    warnings,
                )
                .numbering(NumberingId::new(0), IndentLevel::new(0))
            };
            docx = docx.add_paragraph(p);
        }
    }

    // After the text: the author, the visas, the acknowledgement mark, each block a borderless
    // table kept together, separated by a blank line.
    let columns = signature_columns(r);
    docx = docx.add_paragraph(keep(blank_line()));
    docx = docx.add_table(table(
        signature_rows(r, &r.author, "author", false, warnings),
        &columns,
        style::PLAIN_TABLE,
    ));
    for (i, visa) in r.visas.iter().enumerate() {
        let location = format!("visa {}", i + 1);
        let mut rows = vec![TableRow::new(vec![wide_cell(
            r,
            keep(para(style::SIGNATURE, &visa.heading, &location, warnings)),
        )])
        .cant_split()];
        rows.extend(signature_rows(r, &visa.row, &location, true, warnings));
        rows.push(
            TableRow::new(vec![wide_cell(
                r,
                para(style::SIGNATURE, &visa.date, &location, warnings),
            )])
            .cant_split(),
        );
        docx = docx.add_paragraph(keep(blank_line()));
        docx = docx.add_table(table(rows, &columns, style::PLAIN_TABLE));
    }
    if let Some(mark) = &r.mark {
        let mut rows = vec![TableRow::new(vec![wide_cell(
            r,
            keep(para(
                style::SIGNATURE,
                &mark.text,
                "acknowledgement mark",
                warnings,
            )),
        )])
        .cant_split()];
        rows.extend(signature_rows(
            r,
            &mark.row,
            "acknowledgement mark",
            true,
            warnings,
        ));
        rows.push(
            TableRow::new(vec![wide_cell(
                r,
                para(
                    style::SIGNATURE,
                    &mark.date,
                    "acknowledgement mark",
                    warnings,
                ),
            )])
            .cant_split(),
        );
        docx = docx.add_paragraph(keep(blank_line()));
        docx = docx.add_table(table(rows, &columns, style::PLAIN_TABLE));
    }

    if let Some(sheet) = &r.sheet {
        docx = docx.add_paragraph(
            para(
                style::TITLE,
                &sheet.title,
                "acknowledgement sheet",
                warnings,
            )
            .page_break_before(true),
        );
        docx = docx.add_paragraph(
            para(
                style::TITLE,
                &sheet.subtitle,
                "acknowledgement sheet",
                warnings,
            )
            .line_spacing(LineSpacing::new().before(0)),
        );
        let width = text_width(r);
        let fixed = [
            mm(SHEET_NUMBER_MM),
            mm(SHEET_POSITION_MM),
            mm(SHEET_DATE_MM),
            mm(SHEET_SIGNATURE_MM),
        ];
        let name = width - fixed.iter().sum::<i32>();
        let widths = [fixed[0], name, fixed[1], fixed[2], fixed[3]];
        let head = TableRow::new(
            sheet
                .columns
                .iter()
                .zip(widths)
                .map(|(text, w)| {
                    cell(w).vertical_align(VAlignType::Center).add_paragraph(
                        para(style::TABLE_TEXT, text, "acknowledgement sheet", warnings)
                            .align(AlignmentType::Center),
                    )
                })
                .collect(),
        )
        .cant_split();
        let mut rows = vec![head];
        for (i, row) in sheet.rows.iter().enumerate() {
            let location = format!("acknowledgement sheet row {}", i + 1);
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
                            cell(w).vertical_align(VAlignType::Center).add_paragraph(p)
                        })
                        .collect(),
                )
                .row_height(mm(SHEET_ROW_MM) as f32)
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
        assert_eq!(clean("a\u{1}b\u{ffff}", "clause 1.1.", &mut w), "ab");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].location, "clause 1.1.");
        assert!(w[0].message.contains("U+0001"), "{}", w[0].message);
    }

    #[test]
    fn millimetres_to_twips() {
        assert_eq!(mm(12.5), FIRST_LINE_INDENT);
        assert_eq!(mm(210.0), PAGE_WIDTH as i32);
        assert_eq!(mm(297.0), PAGE_HEIGHT as i32);
    }
}
