//! Page content streams written directly as PDF operators.
//!
//! # Why printpdf's `Op`s are not used for the pages
//!
//! printpdf turns each drawing operation into a `lopdf::Operation` with boxed operand objects,
//! encodes each text as a fresh byte vector and formats every number and every glyph byte
//! through `core::fmt`; for a 5-page instruction that was about a third of the render time
//! (callgrind: `translate_operations` + `Content::encode` + `collect_used_glyphs`). This module
//! writes the same operators straight into one byte buffer per page: `BT`/`ET`, `Tf`, `Tm`
//! with absolute positions, `Tj`/`TJ` with 2-byte glyph codes (Identity-H) and kerning numbers
//! between the words of a justified line (strings as literal bytes), and `RG`/`J`/`w`/`m`/`l`/`S` for the table rules.
//! printpdf still writes the document around it: catalog, page tree, page dictionaries and the
//! font objects (widths, ToUnicode, descriptor, font program); see `render.rs`.
//!
//! Numbers are written exactly as printpdf/lopdf wrote them (Rust's shortest round-trip form
//! of the `f32`), so the pages draw at the very same positions as before.

use jobdoc_layout::{NodeId, Page, Structure, Tag};

use crate::fonts::EmbeddedFont;
use crate::render::{drawn, style_index};

/// Appends PDF operators to a buffer; operators are separated by a line feed.
pub(crate) struct Ops<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Ops<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>) -> Self {
        Ops { out, first: true }
    }

    /// Starts a new operation (its operands follow).
    fn start(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.out.push(b'\n');
        }
    }

    /// A number operand followed by a space.
    fn num(&mut self, v: f32) {
        push_real(self.out, v);
        self.out.push(b' ');
    }

    fn op(&mut self, operator: &[u8]) {
        self.out.extend_from_slice(operator);
    }

    /// `BT` / `ET` and other operators without operands.
    fn bare(&mut self, operator: &[u8]) {
        self.start();
        self.op(operator);
    }

    /// `/Fn size Tf`.
    fn font(&mut self, name: &str, size: f32) {
        self.start();
        self.out.push(b'/');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b' ');
        self.num(size);
        self.op(b"Tf");
    }

    /// `1 0 0 1 x y Tm`: the text matrix as an absolute translation.
    fn text_matrix(&mut self, x: f32, y: f32) {
        self.start();
        self.out.extend_from_slice(b"1 0 0 1 ");
        self.num(x);
        self.num(y);
        self.op(b"Tm");
    }

    fn point(&mut self, x: f32, y: f32, operator: &[u8]) {
        self.start();
        self.num(x);
        self.num(y);
        self.op(operator);
    }
}

/// Writes `v` in the form lopdf wrote with Rust's `Display`: the shortest decimal that reads
/// back as the same `f32`, never an exponent (not PDF syntax), no trailing `.0`. (When two
/// shortest decimals are equally near, as for 455.078125, zmij and `Display` may pick
/// different ones; both read back as the same `f32`.)
pub(crate) fn push_real(out: &mut Vec<u8>, v: f32) {
    if v.is_finite() {
        let mut buffer = zmij::Buffer::new();
        let s = buffer.format_finite(v);
        if !s.contains('e') {
            out.extend_from_slice(s.strip_suffix(".0").unwrap_or(s).as_bytes());
            return;
        }
    }
    // Tiny or huge values (written with an exponent by zmij) and non-finite ones: rare.
    use std::io::Write as _;
    let _ = write!(out, "{v}");
}

/// One show-text operation being gathered: a `Tj` string, or a `TJ` array when it has more
/// than one element.
struct Run {
    key: (usize, u32),
    /// The elements as they go into the array: `<hex>` strings and kerning numbers.
    array: Vec<u8>,
    elements: usize,
    has_number: bool,
    /// Where the reader's pen stands after the last span, in points (not counting a space
    /// pushed after it).
    pen_pt: f32,
    /// The advance of a space pushed after the last span, in thousandths of an em.
    space_milli: i64,
}

impl Run {
    /// The codes as a literal string of their bytes (two per glyph, big-endian), half the
    /// size of a hex string and so half the bytes to deflate. `(`, `)` and `\` are escaped, and
    /// a carriage return as `\r` (a bare one would be read as a line feed).
    fn push_text(&mut self, codes: &[u16]) {
        self.array.push(b'(');
        for &code in codes {
            for byte in code.to_be_bytes() {
                match byte {
                    b'(' | b')' | b'\\' => self.array.extend_from_slice(&[b'\\', byte]),
                    b'\r' => self.array.extend_from_slice(b"\\r"),
                    _ => self.array.push(byte),
                }
            }
        }
        self.array.push(b')');
        self.elements += 1;
    }

    fn push_number(&mut self, v: f32) {
        if self.elements > 0 {
            self.array.push(b' ');
        }
        push_real(&mut self.array, v);
        self.elements += 1;
        self.has_number = true;
    }

    /// A space glyph after the text so far: tagged PDF marks word breaks with spaces (ISO
    /// 32000-1 14.8.2.5), not only with positions. The kerning number before the next word
    /// shrinks by the space's advance (an integer, so the subtraction is exact in `f32`) and
    /// every glyph stays where the plain export draws it. The font's subset has the space (see
    /// `render.rs`).
    fn push_space(&mut self, fonts: &[Option<EmbeddedFont>; 3]) {
        let Some(font) = &fonts[self.key.0] else {
            return;
        };
        let space = font.glyph(' ');
        self.push_text(&[space.code]);
        self.space_milli += space.advance_milli;
    }

    /// The kerning number that moves the pen to `x`: what the plain export writes, less the
    /// advance of a space pushed before it.
    fn move_to(&mut self, x: f32, size: f32) {
        let gap = (x - self.pen_pt) * 1000.0 / size;
        let gap = gap - self.space_milli as f32;
        self.space_milli = 0;
        if gap != 0.0 {
            self.push_number(-gap);
        }
    }

    fn write(&self, ops: &mut Ops) {
        if self.elements == 0 {
            return;
        }
        ops.start();
        if self.elements == 1 && !self.has_number {
            ops.out.extend_from_slice(&self.array);
            ops.out.extend_from_slice(b" Tj");
        } else {
            ops.out.push(b'[');
            ops.out.extend_from_slice(&self.array);
            ops.out.extend_from_slice(b"] TJ");
        }
    }
}

/// A marked-content sequence of a tagged page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Page furniture: `/Artifact BMC`.
    Artifact,
    /// Content of a structure element: `/Role <</MCID n>> BDC`.
    Node(NodeId),
}

/// What a tagged page's content stream needs and gives back: the structure its spans refer to,
/// and, filled in while writing, the element of every marked-content id (MCID) of the page, in
/// MCID order.
pub(crate) struct PageMarks<'s> {
    pub structure: &'s Structure,
    pub mcids: Vec<NodeId>,
}

impl PageMarks<'_> {
    /// Ends the open sequence (if any) and opens `mark`.
    fn switch(&mut self, ops: &mut Ops, open: &mut Option<Mark>, mark: Mark) {
        if open.is_some() {
            ops.bare(b"EMC");
        }
        ops.start();
        match mark {
            Mark::Artifact => ops.op(b"/Artifact BMC"),
            Mark::Node(node) => {
                let role = self
                    .structure
                    .nodes
                    .get(node as usize)
                    .map_or("Span", |n| n.role.name());
                let mcid = self.mcids.len();
                self.mcids.push(node);
                ops.out.push(b'/');
                ops.op(role.as_bytes());
                ops.op(b" <</MCID ");
                ops.op(mcid.to_string().as_bytes());
                ops.op(b">> BDC");
            }
        }
        *open = Some(mark);
    }
}

/// The pieces a span is drawn in: the whole text, or, on a tagged page, one piece per
/// structure element it belongs to.
fn pieces(text: &str, tag: Tag, tagged: bool) -> [(&str, Option<Mark>); 2] {
    if !tagged {
        return [(text, None), ("", None)];
    }
    match tag {
        Tag::Artifact => [(text, Some(Mark::Artifact)), ("", None)],
        Tag::Node(n) => [(text, Some(Mark::Node(n))), ("", None)],
        Tag::Split { chars, first, rest } => {
            let at = text
                .char_indices()
                .nth(chars as usize)
                .map_or(text.len(), |(b, _)| b);
            [
                (&text[..at], Some(Mark::Node(first))),
                (&text[at..], Some(Mark::Node(rest))),
            ]
        }
    }
}

/// The content stream of one page: its text first (in reading order), then the rules.
///
/// Consecutive spans of one line in one font and size become one `TJ`: the first placed with
/// a text matrix, each next one moved to its exact x by a kerning number computed from the
/// advances the reader itself uses (the font's `/W` widths). One `Tm` per word made the
/// streams twice as large.
///
/// With `marks` (a tagged PDF) the text is also wrapped in marked-content sequences: one per
/// run of spans of the same structure element (a new MCID each, recorded in `marks`), page
/// numbers and repeated table headers as artifacts, the rules as one artifact. A run then also
/// ends where the element changes; a span split between a clause's label and its text goes on
/// where the label stopped (no new text matrix), so every glyph lands where the plain export
/// puts it. Without `marks` the stream is exactly the plain one.
pub(crate) fn page_content(
    page: &Page,
    height: f32,
    fonts: &[Option<EmbeddedFont>; 3],
    out: &mut Vec<u8>,
    mut marks: Option<&mut PageMarks>,
) {
    let mut ops = Ops::new(out);
    let tagged = marks.is_some();
    let mut open: Option<Mark> = None;
    if page.lines.iter().any(|l| !l.spans.is_empty()) {
        ops.bare(b"BT");
        let mut current: Option<(usize, u32)> = None;
        let mut codes: Vec<u16> = Vec::new();
        // The run's array buffer is reused from line to line.
        let mut spare: Vec<u8> = Vec::new();
        for line in &page.lines {
            let mut run: Option<Run> = None;
            // Whether the text drawn so far on the line ends between words.
            let mut at_word_end = false;
            for span in &line.spans {
                let i = style_index(span.style);
                let Some(font) = &fonts[i] else { continue };
                if tagged && at_word_end && !span.text.starts_with(char::is_whitespace) {
                    if let Some(r) = &mut run {
                        r.push_space(fonts);
                    }
                }
                // Advance of the span's pieces drawn so far; `continued` once one was drawn.
                let mut advance: i64 = 0;
                let mut continued = false;
                for (text, mark) in pieces(&span.text, span.tag, tagged) {
                    codes.clear();
                    for c in text.chars().filter(|&c| drawn(c)) {
                        let glyph = font.glyph(c);
                        codes.push(glyph.code);
                        advance += glyph.advance_milli;
                    }
                    if codes.is_empty() {
                        continue;
                    }
                    if let (Some(m), Some(marks)) = (mark, marks.as_deref_mut()) {
                        if open != Some(m) {
                            // The text shown so far ends its sequence; the next one goes on
                            // from the same pen with the same kerning numbers (no new text
                            // matrix), so the reader places every glyph as in the plain export.
                            if let Some(r) = run.take() {
                                r.write(&mut ops);
                                run = Some(Run {
                                    key: r.key,
                                    array: Vec::new(),
                                    elements: 0,
                                    has_number: false,
                                    pen_pt: r.pen_pt,
                                    space_milli: r.space_milli,
                                });
                                spare = r.array;
                            }
                            marks.switch(&mut ops, &mut open, m);
                        }
                    }
                    let key = (i, span.size_pt.to_bits());
                    let pen_after = span.x_pt + advance as f32 * span.size_pt / 1000.0;
                    match &mut run {
                        Some(r) if r.key == key => {
                            if !continued {
                                r.move_to(span.x_pt, span.size_pt);
                            }
                            r.push_text(&codes);
                            r.pen_pt = pen_after;
                        }
                        _ => {
                            if let Some(r) = run.take() {
                                r.write(&mut ops);
                                spare = r.array;
                            }
                            if current != Some(key) {
                                ops.font(&font.id.0, span.size_pt);
                                current = Some(key);
                            }
                            if !continued {
                                ops.text_matrix(span.x_pt, height - line.y_pt);
                            }
                            spare.clear();
                            let mut r = Run {
                                key,
                                array: std::mem::take(&mut spare),
                                elements: 0,
                                has_number: false,
                                pen_pt: pen_after,
                                space_milli: 0,
                            };
                            r.push_text(&codes);
                            run = Some(r);
                        }
                    }
                    continued = true;
                    at_word_end = !text.ends_with(char::is_whitespace);
                }
            }
            // A tagged line ends in a space too, unless it ends in a hyphen (the word goes on).
            if tagged && at_word_end {
                let last = line.spans.last().and_then(|s| s.text.chars().last());
                if !matches!(last, Some('-' | '\u{ad}')) {
                    if let Some(r) = &mut run {
                        r.push_space(fonts);
                    }
                }
            }
            if let Some(r) = run.take() {
                r.write(&mut ops);
                spare = r.array;
            }
        }
        if open.take().is_some() {
            ops.bare(b"EMC");
        }
        ops.bare(b"ET");
    }
    if !page.rules.is_empty() {
        if tagged {
            ops.bare(b"/Artifact BMC");
        }
        // Black strokes; square caps reach half the thickness past each end, so borders
        // meeting at a corner close it instead of leaving a notch.
        ops.bare(b"0 0 0 RG");
        ops.bare(b"2 J");
        let mut thickness = None;
        for rule in &page.rules {
            if thickness != Some(rule.thickness_pt.to_bits()) {
                ops.start();
                ops.num(rule.thickness_pt);
                ops.op(b"w");
                thickness = Some(rule.thickness_pt.to_bits());
            }
            ops.point(rule.x1_pt, height - rule.y1_pt, b"m");
            ops.point(rule.x2_pt, height - rule.y2_pt, b"l");
            ops.bare(b"S");
        }
        if tagged {
            ops.bare(b"EMC");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use jobdoc_layout::{FontStyle, Line, Rule, Span};
    use lopdf::content::Content;
    use lopdf::Object;

    use super::*;
    use crate::fonts::embed;
    use crate::test_fonts::Bundled;

    /// Enough different letters that the subset glyph ids run past 13, 40, 41 and 92: the
    /// codes whose low byte is `\r`, `(`, `)` or `\`.
    const ALPHABET: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ\
                            abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789«»—–.,";

    fn span(x: f32, text: &str, style: FontStyle, size: f32) -> Span {
        Span {
            x_pt: x,
            text: text.into(),
            style,
            size_pt: size,
            width_pt: 0.0,
            tag: jobdoc_layout::Tag::Artifact,
        }
    }

    fn number(o: &Object) -> f32 {
        match o {
            Object::Integer(i) => *i as f32,
            Object::Real(r) => *r,
            other => panic!("not a number: {other:?}"),
        }
    }

    /// Reads the stream back with lopdf's parser and replays it as a reader does: every
    /// span's glyph codes must come out in order, each starting at the span's x (the pen moved
    /// by the `/W` advances and the kerning numbers), on the line's baseline.
    #[test]
    fn a_reader_finds_every_span_where_the_layout_put_it() {
        let words: Vec<String> = ALPHABET
            .chars()
            .collect::<Vec<_>>()
            .chunks(7)
            .map(|c| c.iter().collect())
            .collect();
        let mut lines = Vec::new();
        let mut x = 57.0f32;
        for (n, word) in words.iter().enumerate() {
            let style = if n % 5 == 4 {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            };
            let size = if n % 7 == 6 { 10.0 } else { 14.0 };
            if n % 6 == 0 {
                lines.push(Line {
                    y_pt: 80.0 + 17.3 * lines.len() as f32,
                    spans: Vec::new(),
                });
                x = 57.0 + n as f32 * 0.37;
            }
            lines
                .last_mut()
                .unwrap()
                .spans
                .push(span(x, word, style, size));
            x += 71.13 + n as f32 * 0.011;
        }
        let page = Page {
            lines,
            rules: vec![Rule {
                x1_pt: 57.0,
                y1_pt: 700.5,
                x2_pt: 500.25,
                y2_pt: 700.5,
                thickness_pt: 0.5,
            }],
        };
        let mut fonts: [Option<EmbeddedFont>; 3] = Default::default();
        for (i, style) in [FontStyle::Regular, FontStyle::Bold]
            .into_iter()
            .enumerate()
        {
            let chars: BTreeSet<char> = page
                .lines
                .iter()
                .flat_map(|l| &l.spans)
                .filter(|s| s.style == style)
                .flat_map(|s| s.text.chars())
                .collect();
            fonts[i] = Some(embed(&Bundled, style, &chars, i).unwrap());
        }
        let codes_of = |text: &str, style: FontStyle| -> Vec<u8> {
            let font = fonts[style_index(style)].as_ref().unwrap();
            text.chars()
                .flat_map(|c| font.glyph(c).code.to_be_bytes())
                .collect()
        };
        let all: Vec<u8> = page
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .flat_map(|s| codes_of(&s.text, s.style))
            .collect();
        for byte in [b'\r', b'(', b')', b'\\'] {
            assert!(all.contains(&byte), "the sample lacks a code byte {byte}");
        }

        let height = 841.89;
        let mut out = Vec::new();
        page_content(&page, height, &fonts, &mut out, None);
        let content = Content::decode(&out).expect("lopdf parses the stream");

        // Replay: (x, y, style, size, code bytes) of every string shown.
        let mut shown: Vec<(f32, f32, usize, f32, Vec<u8>)> = Vec::new();
        let (mut font, mut size, mut pen, mut y) = (usize::MAX, 0.0f32, 0.0f32, 0.0f32);
        let mut show = |bytes: &[u8], font: usize, size: f32, pen: &mut f32, y: f32| {
            shown.push((*pen, y, font, size, bytes.to_vec()));
            let f = fonts[font].as_ref().unwrap();
            let milli: i64 = bytes
                .chunks(2)
                .map(|c| {
                    let code = u16::from_be_bytes([c[0], c[1]]);
                    let g = f.glyph_for_code(code).expect("a code of the subset");
                    g.advance_milli
                })
                .sum();
            *pen += milli as f32 * size / 1000.0;
        };
        let mut operators = Vec::new();
        for op in &content.operations {
            operators.push(op.operator.clone());
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().unwrap();
                    font = usize::from(name[1] - b'1');
                    size = number(&op.operands[1]);
                }
                "Tm" => {
                    let m: Vec<f32> = op.operands.iter().map(number).collect();
                    assert_eq!(&m[..4], &[1.0, 0.0, 0.0, 1.0]);
                    pen = m[4];
                    y = m[5];
                }
                "Tj" => show(op.operands[0].as_str().unwrap(), font, size, &mut pen, y),
                "TJ" => {
                    for element in op.operands[0].as_array().unwrap() {
                        match element {
                            Object::String(bytes, _) => show(bytes, font, size, &mut pen, y),
                            n => pen -= number(n) * size / 1000.0,
                        }
                    }
                }
                _ => {}
            }
        }
        let expected: Vec<(f32, f32, usize, f32, Vec<u8>)> = page
            .lines
            .iter()
            .flat_map(|l| {
                l.spans.iter().map(move |s| {
                    (
                        s.x_pt,
                        height - l.y_pt,
                        style_index(s.style),
                        s.size_pt,
                        codes_of(&s.text, s.style),
                    )
                })
            })
            .collect();
        assert_eq!(shown.len(), expected.len());
        for (got, want) in shown.iter().zip(&expected) {
            assert!((got.0 - want.0).abs() < 0.001, "{got:?} vs {want:?}");
            assert_eq!(
                (got.1, got.2, got.3, &got.4),
                (want.1, want.2, want.3, &want.4)
            );
        }
        // Justified words of one font and size share a `TJ`; the rule is stroked after the text.
        let count = |name: &str| operators.iter().filter(|o| *o == name).count();
        assert!(count("TJ") >= 2 && count("Tj") >= 2, "{operators:?}");
        assert!(count("Tm") < shown.len(), "one Tm per word: {operators:?}");
        let tail: Vec<&str> = operators
            .iter()
            .rev()
            .take(7)
            .rev()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(tail, ["ET", "RG", "J", "w", "m", "l", "S"]);
    }

    fn real(v: f32) -> String {
        let mut out = Vec::new();
        push_real(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    /// The same number in the same length as `Display` writes it, without an exponent.
    fn check(v: f32) {
        let ours = real(v);
        let std = format!("{v}");
        assert!(!ours.contains('e'), "{ours}");
        assert_eq!(ours.len(), std.len(), "{ours} vs {std}");
        assert_eq!(
            ours.parse::<f32>().unwrap().to_bits(),
            v.to_bits(),
            "{ours} vs {std}"
        );
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for v in [
            0.0f32, -0.0, 1.0, 14.0, 0.5, -324.12827, 772.7215, 1e-7, 3.05e-5, -2.5e-6, 1e20,
            595.28, 841.89, 85.039375,
        ] {
            assert_eq!(real(v), format!("{v}"), "{v:e}");
        }
        // A tie between two shortest forms (…12 and …13): either, of the same length.
        check(-(455.0 + 5.0 / 64.0));
        // A spread of positions, offsets and tiny values, bit pattern by bit pattern.
        let mut x: u32 = 0x1234_5678;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let v = f32::from_bits(x);
            if v.is_finite() && v.abs() < 1e9 {
                check(v);
            }
            check((x % 2_000_000) as f32 / 1024.0 - 900.0);
            check((x % 2_000_000) as f32 / 7.0 - 900.0);
        }
        assert_eq!(real(f32::NAN), "NaN");
    }

    #[test]
    fn operators_are_separated_by_line_feeds() {
        let mut out = Vec::new();
        let mut ops = Ops::new(&mut out);
        ops.bare(b"BT");
        ops.font("F1", 14.0);
        ops.text_matrix(56.5, 700.25);
        ops.bare(b"ET");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "BT\n/F1 14 Tf\n1 0 0 1 56.5 700.25 Tm\nET"
        );
    }
}
