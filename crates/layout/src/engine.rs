//! The document layout: page furniture, body text and signatures as a flow of rows, then
//! pagination.
//!
//! Everything printed is first turned into [`Row`]s: horizontal slices that never split across
//! pages (a line of a paragraph, a whole signature row, a table row). Rows carry the pagination
//! rules: "keep with the next row" (headings, the first and next-to-last lines of a paragraph,
//! the signature blocks), "start a new page" (the acknowledgement sheet) and "repeat the table
//! header". The paginator fills pages greedily and, when a row does not fit, moves the whole keep
//! chain that ends in it to the next page.

use jobdoc_model::geometry::{self as gost, gaps};
use jobdoc_model::resolve::{ApprovalBlock, Resolved, SignatureRow};
use jobdoc_model::validate::clause_pointer;

use crate::fonts::FontSet;
use crate::text::{Align, Ctx, ParaStyle, TextLine, EPS};
use crate::{FontStyle, Line, NodeId, Page, Pages, Role, Rule, Span, Structure, Tag};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 in points.
pub const A4_WIDTH_PT: f32 = (gost::PAGE_WIDTH_MM * 72.0 / 25.4) as f32;
pub const A4_HEIGHT_PT: f32 = (gost::PAGE_HEIGHT_MM * 72.0 / 25.4) as f32;

/// Millimetres of the model's geometry in points.
fn pt(mm: f64) -> f32 {
    mm as f32 * MM
}

/// The model's page geometry in points, with the body font's line heights.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub size: f32,
    /// Body line advance (font line height × line spacing).
    pub line: f32,
    /// Single line advance at the body size.
    pub single: f32,
}

impl Geometry {
    pub fn new(doc: &Resolved, fonts: &FontSet) -> Geometry {
        let g = &doc.geometry;
        let m = &g.margins_mm;
        let size = g.font_size_pt as f32;
        let single = fonts.line_height_pt(FontStyle::Regular, size);
        Geometry {
            left: pt(m.left),
            right: A4_WIDTH_PT - pt(m.right),
            top: pt(m.top),
            bottom: A4_HEIGHT_PT - pt(m.bottom),
            size,
            line: single * g.line_spacing as f32,
            single,
        }
    }

    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    /// `n` single lines.
    pub fn lines(&self, n: f64) -> f32 {
        self.single * n as f32
    }
}

/// A horizontal slice of the flow that is never split across pages.
#[derive(Debug, Clone, Default)]
struct Row {
    /// Advance to the next row.
    height: f32,
    /// How far the printed content reaches below the row's top (must fit above the bottom margin).
    ink: f32,
    /// Space above the row, dropped at the top of a page.
    space_before: f32,
    /// Lines with y relative to the row's top (baselines); x absolute.
    lines: Vec<Line>,
    /// Rules with y relative to the row's top.
    rules: Vec<Rule>,
    /// No page break between this row and the next.
    keep_with_next: bool,
    /// Start a new page before this row.
    new_page: bool,
    /// The row belongs to a table whose header row is repeated on every page.
    table: Option<usize>,
    is_header: bool,
}

/// A block of lines being composed into one row.
struct Block {
    lines: Vec<Line>,
    rules: Vec<Rule>,
    /// Lowest ink so far (relative to the block top).
    ink: f32,
}

impl Block {
    fn new() -> Block {
        Block {
            lines: Vec::new(),
            rules: Vec::new(),
            ink: 0.0,
        }
    }

    fn into_row(self, height: f32) -> Row {
        Row {
            height: height.max(self.ink),
            ink: self.ink,
            lines: self.lines,
            rules: self.rules,
            ..Row::default()
        }
    }
}

pub(crate) struct Engine<'a> {
    doc: &'a Resolved,
    ctx: Ctx<'a>,
    geo: Geometry,
    rows: Vec<Row>,
    headers: Vec<Row>,
    /// The logical structure the spans are tagged with, built in reading order.
    structure: Structure,
}

/// The document node of [`Structure`].
const DOCUMENT: NodeId = 0;

/// Tags every span of `lines` as belonging to `node`.
fn tag_lines(lines: &mut [TextLine], node: NodeId) {
    for l in lines {
        for s in &mut l.spans {
            s.tag = Tag::Node(node);
        }
    }
}

impl<'a> Engine<'a> {
    pub fn new(doc: &'a Resolved, fonts: &'a FontSet) -> Engine<'a> {
        Engine {
            doc,
            ctx: Ctx::new(fonts, doc.language),
            geo: Geometry::new(doc, fonts),
            rows: Vec::new(),
            headers: Vec::new(),
            structure: Structure::new(),
        }
    }

    fn fonts(&self) -> &'a FontSet {
        self.ctx.fonts
    }

    fn ascent(&self, style: FontStyle, size: f32) -> f32 {
        self.fonts().ascent_pt(style, size)
    }

    fn ink_depth(&self, style: FontStyle, size: f32) -> f32 {
        self.fonts().ascent_pt(style, size) + self.fonts().descent_pt(style, size)
    }

    /// Places broken lines into `block` starting at `y` (top of the first line), `x` being the
    /// paragraph's left edge; returns the y after the last line.
    /// Every span is tagged as belonging to `node`.
    #[allow(clippy::too_many_arguments)]
    fn place(
        &self,
        block: &mut Block,
        mut lines: Vec<TextLine>,
        x: f32,
        mut y: f32,
        ps: &ParaStyle,
        advance: f32,
        node: NodeId,
    ) -> f32 {
        tag_lines(&mut lines, node);
        let ascent = self.ascent(ps.style, ps.size);
        let depth = self.ink_depth(ps.style, ps.size);
        for l in lines {
            if !l.spans.is_empty() {
                block.lines.push(Line {
                    y_pt: y + ascent,
                    spans: shift(l.spans, x),
                });
                block.ink = block.ink.max(y + depth);
            }
            y += advance;
        }
        y
    }

    /// One row per line of a paragraph, with widow and orphan control. The spans are tagged
    /// as belonging to a new `role` element under `parent`.
    #[allow(clippy::too_many_arguments)]
    fn paragraph_rows(
        &mut self,
        text: &str,
        ps: &ParaStyle,
        x: f32,
        advance: f32,
        location: &str,
        role: Role,
        parent: NodeId,
    ) -> Vec<Row> {
        let node = self.structure.add(role, parent);
        let mut lines = self.ctx.paragraph(text, ps, location);
        tag_lines(&mut lines, node);
        self.lines_to_rows(lines, ps, x, advance)
    }

    fn lines_to_rows(
        &mut self,
        lines: Vec<TextLine>,
        ps: &ParaStyle,
        x: f32,
        advance: f32,
    ) -> Vec<Row> {
        let ascent = self.ascent(ps.style, ps.size);
        let depth = self.ink_depth(ps.style, ps.size);
        let n = lines.len();
        let mut rows: Vec<Row> = lines
            .into_iter()
            .map(|l| Row {
                height: advance,
                // The whole line box must fit above the bottom margin, the extra space of wider
                // line spacing included: LibreOffice breaks pages that way.
                ink: advance.max(depth),
                lines: if l.spans.is_empty() {
                    Vec::new()
                } else {
                    vec![Line {
                        y_pt: ascent,
                        spans: shift(l.spans, x),
                    }]
                },
                ..Row::default()
            })
            .collect();
        if n >= 2 {
            rows[0].keep_with_next = true;
            rows[n - 2].keep_with_next = true;
        }
        rows
    }

    pub fn run(mut self) -> Pages {
        self.header();
        self.title();
        self.sections();
        self.signatures();
        self.sheet();
        let mut pages = self.paginate();
        self.page_numbers(&mut pages);
        Pages {
            width_pt: A4_WIDTH_PT,
            height_pt: A4_HEIGHT_PT,
            pages,
            structure: self.structure,
            warnings: self.ctx.warnings,
        }
    }

    /// Top left: organisation, document kind, registration, place. Top right: the approval.
    fn header(&mut self) {
        let g = self.geo;
        let size = g.size;
        let single = g.single;
        let doc = self.doc;

        // The approval block: left-aligned lines in a column at most 8 cm wide at the right
        // margin, the requisites centred in theirs at the left (the DOCX's header table).
        let columns = doc.geometry.header_columns();
        let stamp_max = pt(columns.stamp_mm);
        let regular = |w: f32| ParaStyle::new(FontStyle::Regular, size, Align::Left, w);
        let mut stamp: Vec<(Vec<TextLine>, f32)> = Vec::new(); // lines, gap before
        match &doc.approval {
            ApprovalBlock::Stamp {
                heading,
                position,
                signature_line,
                name,
                date,
            } => {
                stamp.push((
                    self.ctx
                        .paragraph(heading, &regular(stamp_max), "/approval"),
                    0.0,
                ));
                if !position.is_empty() {
                    stamp.push((
                        self.ctx.paragraph(
                            position,
                            &regular(stamp_max),
                            "/approval/approver_position",
                        ),
                        0.0,
                    ));
                }
                let sign = format!("{signature_line} {name}");
                stamp.push((
                    self.ctx
                        .paragraph(&sign, &regular(stamp_max), "/approval/approver_name"),
                    g.lines(gaps::REQUISITE),
                ));
                stamp.push((
                    self.ctx
                        .paragraph(date, &regular(stamp_max), "/approval/date"),
                    0.0,
                ));
            }
            ApprovalBlock::Order { heading, text } => {
                stamp.push((
                    self.ctx
                        .paragraph(heading, &regular(stamp_max), "/approval"),
                    0.0,
                ));
                stamp.push((
                    self.ctx.paragraph(text, &regular(stamp_max), "/approval"),
                    0.0,
                ));
            }
        }
        let stamp_x = g.right - stamp_max;
        let left_w = pt(columns.requisites_mm);
        let centred = |style: FontStyle| ParaStyle::new(style, size, Align::Center, left_w);
        let mut left: Vec<(Vec<TextLine>, f32)> = Vec::new();
        for org in &doc.header.organisation {
            left.push((
                self.ctx
                    .paragraph(org, &centred(FontStyle::Regular), "/organisation"),
                0.0,
            ));
        }
        let gap = if left.is_empty() {
            0.0
        } else {
            g.lines(gaps::REQUISITE)
        };
        left.push((
            self.ctx
                .paragraph(&doc.header.document_kind, &centred(FontStyle::Bold), ""),
            gap,
        ));
        left.push((
            self.ctx.paragraph(
                &doc.header.registration,
                &centred(FontStyle::Regular),
                "/registration",
            ),
            g.lines(gaps::REQUISITE),
        ));
        if !doc.header.place.is_empty() {
            left.push((
                self.ctx.paragraph(
                    &doc.header.place,
                    &centred(FontStyle::Regular),
                    "/organisation/place",
                ),
                g.lines(gaps::REQUISITE),
            ));
        }

        let mut block = Block::new();
        let mut y = 0.0;
        let ps = ParaStyle::new(FontStyle::Regular, size, Align::Center, left_w);
        // Reading order: the requisites at the left, then the approval; a paragraph each.
        for (lines, gap) in left {
            let node = self.structure.add(Role::P, DOCUMENT);
            y = self.place(&mut block, lines, g.left, y + gap, &ps, single, node);
        }
        let left_end = y;
        let mut y = 0.0;
        let ps = regular(stamp_max);
        for (lines, gap) in stamp {
            let node = self.structure.add(Role::P, DOCUMENT);
            y = self.place(&mut block, lines, stamp_x, y + gap, &ps, single, node);
        }
        let height = left_end.max(y);
        let mut row = block.into_row(height);
        row.keep_with_next = true;
        self.rows.push(row);
    }

    fn title(&mut self) {
        let g = self.geo;
        let title = self.doc.title.clone();
        if title.trim().is_empty() {
            return;
        }
        let ps = ParaStyle::new(FontStyle::Bold, g.size, Align::Center, g.width());
        let mut rows = self.paragraph_rows(
            &title,
            &ps,
            g.left,
            g.single,
            "/position/title_form",
            Role::H1,
            DOCUMENT,
        );
        if let Some(first) = rows.first_mut() {
            first.space_before = g.lines(gaps::TITLE_BEFORE);
        }
        for r in &mut rows {
            r.keep_with_next = true;
        }
        self.rows.extend(rows);
    }

    fn sections(&mut self) {
        let g = self.geo;
        let doc = self.doc;
        let heading_ps = ParaStyle::new(FontStyle::Bold, g.size, Align::Center, g.width());
        let mut body = ParaStyle::new(FontStyle::Regular, g.size, Align::Justify, g.width());
        body.first_indent = pt(gost::FIRST_LINE_INDENT_MM);
        body.hyphenate = true;
        for section in &doc.sections {
            let text = if section.heading.is_empty() {
                section.label.clone()
            } else {
                format!("{} {}", section.label, section.heading)
            };
            let location = format!("/sections/{}/title", section.index);
            let mut rows = self.paragraph_rows(
                &text,
                &heading_ps,
                g.left,
                g.single,
                &location,
                Role::H2,
                DOCUMENT,
            );
            if let Some(first) = rows.first_mut() {
                first.space_before = g.lines(gaps::SECTION_BEFORE);
            }
            if let Some(last) = rows.last_mut() {
                last.height += g.lines(gaps::SECTION_AFTER);
            }
            for r in &mut rows {
                r.keep_with_next = true;
            }
            self.rows.extend(rows);
            let mut lists = ListNest::new(DOCUMENT);
            for clause in &section.clauses {
                let text = if clause.text.is_empty() {
                    clause.label.clone()
                } else {
                    format!("{} {}", clause.label, clause.text)
                };
                let location = clause_pointer(&clause.path);
                let (label, body_node) = lists.item(&mut self.structure, clause.level);
                let mut lines = self.ctx.paragraph(&text, &body, &location);
                tag_clause(&mut lines, &clause.label, label, body_node);
                let mut rows = self.lines_to_rows(lines, &body, g.left, g.line);
                // The heading (kept with the next row) stays with the first clause's first
                // line, or its first two lines (orphan control), as Word's keep-with-next does.
                // A clause that introduces a list («…должен знать:») stays with the list.
                if clause.introduces_list {
                    if let Some(last) = rows.last_mut() {
                        last.keep_with_next = true;
                    }
                }
                self.rows.extend(rows);
            }
        }
    }

    /// Position (wrapped within 40 % of the width) — signature line — name, then the captions
    /// under the line (and under a name left blank): the two rows of the DOCX's signature table.
    /// The first row is as tall as its tallest cell, every cell's last line on one baseline;
    /// the captions' row follows it. Returns where the block ends (the captions' line box).
    /// The block is tagged as a table of two rows (three cells each) under `parent`.
    fn signature_block(
        &mut self,
        block: &mut Block,
        row: &SignatureRow,
        y: f32,
        location: &str,
        parent: NodeId,
    ) -> f32 {
        let g = self.geo;
        let size = g.size;
        let fonts = self.fonts();
        let geometry = &self.doc.geometry;
        let ascent = self.ascent(FontStyle::Regular, size);
        let descent = fonts.descent_pt(FontStyle::Regular, size);

        let pos_w = pt(geometry.signature_position_width_mm());
        let ps = ParaStyle::new(FontStyle::Regular, size, Align::Left, pos_w);
        let position = if row.position.is_empty() {
            Vec::new()
        } else {
            self.ctx.paragraph(&row.position, &ps, location)
        };

        let sig = self
            .ctx
            .prepare(&row.signature_line, FontStyle::Regular, location);
        let sig_w = fonts.advance_pt(FontStyle::Regular, &sig, size);
        let sig_x = g.left + pt(geometry.signature_line_at_mm());
        let name_left = sig_x + sig_w + pt(gost::SIGNATURE_NAME_GAP_MM);
        let name = self.ctx.prepare(&row.name, FontStyle::Regular, location);
        let name_w = fonts.advance_pt(FontStyle::Regular, &name, size);
        let blank_name = row.name.chars().all(|c| c == '_');
        // The name: one line flush right (or after the line when blank), or wrapped in the room
        // right of the signature line.
        let (name_x, name_lines): (f32, Vec<Vec<Span>>) = if name_left + name_w <= g.right + EPS {
            let x = if blank_name {
                name_left
            } else {
                g.right - name_w
            };
            let span = Span {
                x_pt: x,
                width_pt: name_w,
                text: name,
                style: FontStyle::Regular,
                size_pt: size,
                tag: Tag::Artifact,
            };
            (x, vec![vec![span]])
        } else {
            let nps = ParaStyle::new(FontStyle::Regular, size, Align::Left, g.right - name_left);
            let lines = self.ctx.break_lines(&name, &nps);
            (
                name_left,
                lines
                    .into_iter()
                    .map(|l| shift(l.spans, name_left))
                    .collect(),
            )
        };

        // Row 1: as many lines as its tallest cell; the last line of each cell on `base`.
        let rows = position.len().max(name_lines.len()).max(1);
        let base = y + (rows - 1) as f32 * g.single + ascent;
        let pos_top = y + (rows - position.len().max(1)) as f32 * g.single;
        // A table of two rows: position, signature line, name; under them the captions.
        let table = self.structure.add(Role::Table, parent);
        let tr1 = self.structure.add(Role::TR, table);
        let td_position = self.structure.add(Role::TD, tr1);
        let td_line = self.structure.add(Role::TD, tr1);
        let td_name = self.structure.add(Role::TD, tr1);
        let tr2 = self.structure.add(Role::TR, table);
        let _under_position = self.structure.add(Role::TD, tr2);
        let td_line_caption = self.structure.add(Role::TD, tr2);
        let td_name_caption = self.structure.add(Role::TD, tr2);
        self.place(block, position, g.left, pos_top, &ps, g.single, td_position);
        let name_count = name_lines.len();
        let mut on_base = vec![Span {
            x_pt: sig_x,
            width_pt: sig_w,
            text: sig,
            style: FontStyle::Regular,
            size_pt: size,
            tag: Tag::Node(td_line),
        }];
        for (k, mut spans) in name_lines.into_iter().enumerate() {
            for s in &mut spans {
                s.tag = Tag::Node(td_name);
            }
            let line_y = base - (name_count - 1 - k) as f32 * g.single;
            if k + 1 == name_count {
                on_base.extend(spans);
            } else if !spans.is_empty() {
                block.lines.push(Line {
                    y_pt: line_y,
                    spans,
                });
            }
        }
        block.lines.push(Line {
            y_pt: base,
            spans: on_base,
        });
        let row1_bottom = y + rows as f32 * g.single;
        block.ink = block.ink.max(base + descent);

        // Row 2: the captions, in italics, centred under what they name.
        let csize = geometry.caption_size_pt() as f32;
        let cascent = fonts.ascent_pt(FontStyle::Italic, csize);
        let cbase = row1_bottom + cascent;
        let mut captions = Vec::new();
        let mut caption = |text: &str, x: f32, w: f32, ctx: &mut Ctx<'_>, node: NodeId| {
            let t = ctx.prepare(text, FontStyle::Italic, location);
            let tw = fonts.advance_pt(FontStyle::Italic, &t, csize);
            captions.push(Span {
                x_pt: x + ((w - tw) / 2.0).max(0.0),
                width_pt: tw,
                text: t,
                style: FontStyle::Italic,
                size_pt: csize,
                tag: Tag::Node(node),
            });
        };
        if !row.signature_caption.is_empty() {
            caption(
                &row.signature_caption,
                sig_x,
                sig_w,
                &mut self.ctx,
                td_line_caption,
            );
        }
        if blank_name && !row.name_caption.is_empty() {
            caption(
                &row.name_caption,
                name_x,
                name_w,
                &mut self.ctx,
                td_name_caption,
            );
        }
        if !captions.is_empty() {
            block.lines.push(Line {
                y_pt: cbase,
                spans: captions,
            });
            block.ink = block
                .ink
                .max(cbase + fonts.descent_pt(FontStyle::Italic, csize));
        }
        // The captions' row is one caption line high even when empty (the DOCX keeps the row).
        row1_bottom + fonts.line_height_pt(FontStyle::Regular, csize)
    }

    /// A visa or the acknowledgement mark: a line of text, a signature row `row_before` below
    /// it, the date line, as one row of the page kept in one piece.
    fn signed_note(
        &mut self,
        text: &str,
        signature: &SignatureRow,
        row_before: f32,
        date: &str,
        location: &str,
    ) -> Row {
        let g = self.geo;
        let mut block = Block::new();
        let ps = ParaStyle::new(FontStyle::Regular, g.size, Align::Left, g.width());
        let lines = self.ctx.paragraph(text, &ps, location);
        let node = self.structure.add(Role::P, DOCUMENT);
        let y = self.place(&mut block, lines, g.left, 0.0, &ps, g.single, node);
        let y = self.signature_block(&mut block, signature, y + row_before, location, DOCUMENT);
        let lines = self.ctx.paragraph(date, &ps, location);
        let node = self.structure.add(Role::P, DOCUMENT);
        let y = self.place(
            &mut block,
            lines,
            g.left,
            y + g.lines(gaps::DATE_BEFORE),
            &ps,
            g.single,
            node,
        );
        let mut row = block.into_row(y);
        row.space_before = g.lines(gaps::BLOCK_BEFORE);
        row
    }

    fn signatures(&mut self) {
        let g = self.geo;
        let doc = self.doc;
        if let Some(last) = self.rows.last_mut() {
            // The author's signature never stands alone on a page.
            last.keep_with_next = true;
        }
        let mut block = Block::new();
        let end =
            self.signature_block(&mut block, &doc.author, 0.0, "/signatures/author", DOCUMENT);
        let mut row = block.into_row(end);
        row.space_before = g.lines(gaps::AUTHOR_BEFORE);
        let mut rows = vec![row];

        for (n, visa) in doc.visas.iter().enumerate() {
            let location = format!("/signatures/visas/{n}");
            rows.push(self.signed_note(&visa.heading, &visa.row, 0.0, &visa.date, &location));
        }
        if let Some(mark) = &doc.mark {
            let row_before = g.lines(gaps::MARK_ROW_BEFORE);
            let location = "/acknowledgement/mark";
            rows.push(self.signed_note(&mark.text, &mark.row, row_before, &mark.date, location));
        }
        // Signatures, visas and the mark stay together on the last sheet of the text.
        let n = rows.len();
        for r in rows.iter_mut().take(n - 1) {
            r.keep_with_next = true;
        }
        self.rows.extend(rows);
    }

    /// The acknowledgement sheet on a new page: title, subtitle, a table whose header row is
    /// repeated on every page.
    fn sheet(&mut self) {
        let g = self.geo;
        let Some(sheet) = &self.doc.sheet else {
            return;
        };
        let location = "/acknowledgement/sheet";
        let title_ps = ParaStyle::new(FontStyle::Bold, g.size, Align::Center, g.width());
        let mut rows = self.paragraph_rows(
            &sheet.title,
            &title_ps,
            g.left,
            g.single,
            location,
            Role::H2,
            DOCUMENT,
        );
        let sub_ps = ParaStyle::new(FontStyle::Regular, g.size, Align::Center, g.width());
        let sub = self.paragraph_rows(
            &sheet.subtitle,
            &sub_ps,
            g.left,
            g.single,
            location,
            Role::P,
            DOCUMENT,
        );
        rows.extend(sub);
        if let Some(first) = rows.first_mut() {
            first.new_page = true;
        }
        if let Some(last) = rows.last_mut() {
            last.height += g.lines(gaps::SHEET_SUBTITLE_AFTER);
        }
        for r in &mut rows {
            r.keep_with_next = true;
        }
        let mut xs = [g.left; 6];
        for (k, w) in self.doc.geometry.sheet_columns_mm().iter().enumerate() {
            xs[k + 1] = xs[k] + pt(*w);
        }
        xs[5] = g.right;
        let table = self.headers.len();
        let table_node = self.structure.add(Role::Table, DOCUMENT);
        let cols: Vec<String> = sheet.columns.to_vec();
        let mut header = self.table_row(&cols, &xs, true, location, table_node);
        header.table = Some(table);
        header.is_header = true;
        header.keep_with_next = true;
        self.headers.push(header.clone());
        rows.push(header);
        for (i, cells) in sheet.rows.iter().enumerate() {
            let location = format!("/acknowledgement/sheet/employees/{i}");
            let mut row = self.table_row(cells, &xs, false, &location, table_node);
            row.table = Some(table);
            rows.push(row);
        }
        self.rows.extend(rows);
    }

    /// One row of the sheet, tagged as a `TR` of `TH` (header) or `TD` cells under `table`.
    fn table_row(
        &mut self,
        cells: &[String],
        xs: &[f32; 6],
        header: bool,
        location: &str,
        table: NodeId,
    ) -> Row {
        let tr = self.structure.add(Role::TR, table);
        let size = self.doc.geometry.sheet_text_size_pt() as f32;
        let pad = pt(gost::SHEET_CELL_PADDING_MM);
        let style = if header {
            FontStyle::Bold
        } else {
            FontStyle::Regular
        };
        let single = self.fonts().line_height_pt(style, size);
        let mut block = Block::new();
        let mut bottom: f32 = 0.0;
        for (k, cell) in cells.iter().enumerate().take(5) {
            let w = (xs[k + 1] - xs[k] - 2.0 * pad).max(1.0);
            let align = if header || k == 0 {
                Align::Center
            } else {
                Align::Left
            };
            let ps = ParaStyle::new(style, size, align, w);
            let lines = self.ctx.paragraph(cell, &ps, location);
            let cell_role = if header { Role::TH } else { Role::TD };
            let node = self.structure.add(cell_role, tr);
            let y = self.place(&mut block, lines, xs[k] + pad, pad, &ps, single, node);
            bottom = bottom.max(y);
        }
        let height = (bottom + pad).max(pt(gost::SHEET_ROW_MIN_HEIGHT_MM));
        let rule = gost::RULE_PT as f32;
        let mut rules = vec![
            Rule {
                x1_pt: xs[0],
                y1_pt: 0.0,
                x2_pt: xs[5],
                y2_pt: 0.0,
                thickness_pt: rule,
            },
            Rule {
                x1_pt: xs[0],
                y1_pt: height,
                x2_pt: xs[5],
                y2_pt: height,
                thickness_pt: rule,
            },
        ];
        for &x in xs.iter() {
            rules.push(Rule {
                x1_pt: x,
                y1_pt: 0.0,
                x2_pt: x,
                y2_pt: height,
                thickness_pt: rule,
            });
        }
        block.rules = rules;
        let mut row = block.into_row(height);
        row.ink = height;
        row
    }

    fn paginate(&mut self) -> Vec<Page> {
        #[derive(Clone, Copy)]
        enum Src {
            Row(usize),
            Header(usize),
        }
        let g = self.geo;
        let rows = &self.rows;
        // Pages as lists of (row, top); the rows' lines are moved out at the end.
        let mut plan: Vec<Vec<(Src, f32)>> = Vec::new();
        let mut placed: Vec<(Src, f32)> = Vec::new();
        let mut y = g.top;
        let mut start = 0usize;
        let mut i = 0usize;
        while i < rows.len() {
            let row = &rows[i];
            let first_on_page = i == start;
            if row.new_page && !first_on_page {
                plan.push(std::mem::take(&mut placed));
                start = i;
                y = g.top;
                continue;
            }
            if first_on_page && placed.is_empty() {
                if let (Some(t), false) = (row.table, row.is_header) {
                    placed.push((Src::Header(t), y));
                    y += self.headers[t].height;
                }
            }
            let sb = if first_on_page { 0.0 } else { row.space_before };
            if first_on_page || y + sb + row.ink <= g.bottom + EPS {
                placed.push((Src::Row(i), y + sb));
                y += sb + row.height;
                i += 1;
                continue;
            }
            // Row i does not fit: move the keep chain ending before it to the next page.
            let mut j = i;
            while j > start && rows[j - 1].keep_with_next {
                j -= 1;
            }
            if j == start {
                j = i;
            }
            placed.retain(|(src, _)| !matches!(src, Src::Row(k) if *k >= j));
            plan.push(std::mem::take(&mut placed));
            start = j;
            i = j;
            y = g.top;
        }
        if !placed.is_empty() || plan.is_empty() {
            plan.push(placed);
        }
        let mut rows: Vec<Row> = std::mem::take(&mut self.rows);
        plan.into_iter()
            .map(|entries| {
                let mut page = Page::default();
                for (src, top) in entries {
                    let (lines, rules) = match src {
                        Src::Row(k) => (
                            std::mem::take(&mut rows[k].lines),
                            std::mem::take(&mut rows[k].rules),
                        ),
                        // A header repeated on a following page is pagination furniture.
                        Src::Header(t) => {
                            let mut lines = self.headers[t].lines.clone();
                            for s in lines.iter_mut().flat_map(|l| &mut l.spans) {
                                s.tag = Tag::Artifact;
                            }
                            (lines, self.headers[t].rules.clone())
                        }
                    };
                    page.lines.extend(lines.into_iter().map(|mut l| {
                        l.y_pt += top;
                        l
                    }));
                    page.rules.extend(rules.into_iter().map(|mut r| {
                        r.y1_pt += top;
                        r.y2_pt += top;
                        r
                    }));
                }
                page
            })
            .collect()
    }

    /// Page numbers from page 2 on: centred in the top margin, the top of the text box 10 mm below
    /// the page's top edge.
    fn page_numbers(&self, pages: &mut [Page]) {
        let g = self.geo;
        let fonts = self.fonts();
        // The font's ascender, not just the digits' height: text boxes (as `pdftotext -bbox` reports
        // them) start there.
        let base = pt(gost::PAGE_NUMBER_TOP_MM) + fonts.ascent_pt(FontStyle::Regular, g.size);
        for (n, page) in pages.iter_mut().enumerate().skip(1) {
            let text = (n + 1).to_string();
            let w = fonts.advance_pt(FontStyle::Regular, &text, g.size);
            page.lines.insert(
                0,
                Line {
                    y_pt: base,
                    spans: vec![Span {
                        x_pt: g.left + (g.width() - w) / 2.0,
                        text,
                        style: FontStyle::Regular,
                        size_pt: g.size,
                        width_pt: w,
                        tag: Tag::Artifact,
                    }],
                },
            );
        }
    }
}

/// The lists of one section: one per clause level, a deeper list nested in the body of the
/// item it continues.
struct ListNest {
    parent: NodeId,
    /// The open lists, outermost first: (the `L`, the body of its last item).
    open: Vec<(NodeId, Option<NodeId>)>,
}

impl ListNest {
    fn new(parent: NodeId) -> ListNest {
        ListNest {
            parent,
            open: Vec::new(),
        }
    }

    /// A new item at `level` (1 = directly in the section): its label and body nodes.
    fn item(&mut self, s: &mut Structure, level: usize) -> (NodeId, NodeId) {
        let level = level.max(1);
        self.open.truncate(level);
        while self.open.len() < level {
            let parent = match self.open.last() {
                None => self.parent,
                Some(&(list, body)) => body.unwrap_or(list),
            };
            let list = s.add(Role::L, parent);
            self.open.push((list, None));
        }
        let Some((list, last)) = self.open.last_mut() else {
            unreachable!("at least one list is open")
        };
        let li = s.add(Role::LI, *list);
        let label = s.add(Role::Lbl, li);
        let body = s.add(Role::LBody, li);
        *last = Some(body);
        (label, body)
    }
}

/// Tags a clause's lines: its label («1.2.») as `label`, everything else as `body`. The label
/// opens the first line, as a word of its own (a justified line) or at the start of the line's
/// one span, which is then split.
fn tag_clause(lines: &mut [TextLine], text_label: &str, label: NodeId, body: NodeId) {
    tag_lines(lines, body);
    let Some(first) = lines.iter_mut().find(|l| !l.spans.is_empty()) else {
        return;
    };
    let joined: String = first.spans.iter().map(|s| s.text.as_str()).collect();
    if text_label.is_empty() || !joined.starts_with(text_label) {
        return;
    }
    let mut left = text_label.chars().count();
    for s in &mut first.spans {
        if left == 0 {
            break;
        }
        let len = s.text.chars().count();
        if len <= left {
            s.tag = Tag::Node(label);
            left -= len;
        } else {
            s.tag = Tag::Split {
                chars: left as u32,
                first: label,
                rest: body,
            };
            left = 0;
        }
    }
}

fn shift(mut spans: Vec<Span>, dx: f32) -> Vec<Span> {
    for s in &mut spans {
        s.x_pt += dx;
    }
    spans
}
