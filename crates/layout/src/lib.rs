//! Jobdoc's page-layout engine: a resolved document in, pages of positioned text out.
//!
//! The output ([`Pages`]) is what the PDF writer draws and what layout snapshot tests print.
//! Coordinates are in points (1/72 in), origin at the top-left corner of the page, y growing
//! downwards; `y_pt` of a span is its baseline.

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    pub width_pt: f32,
    pub height_pt: f32,
    pub pages: Vec<Page>,
    /// Problems found while laying out (e.g. characters the font lacks).
    pub warnings: Vec<LayoutWarning>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Printed lines, in reading order.
    pub lines: Vec<Line>,
    /// Straight rules (table borders), drawn after the text.
    pub rules: Vec<Rule>,
}

/// One printed line: spans of text on the same baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y_pt: f32,
    pub spans: Vec<Span>,
}

/// A piece of text drawn at an absolute position (a word of a justified line, or a whole
/// unjustified line). Spaces between spans are implied by their positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub x_pt: f32,
    pub text: String,
    pub style: FontStyle,
    pub size_pt: f32,
    /// Advance width of `text` at `size_pt`.
    pub width_pt: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontStyle {
    Regular,
    Bold,
    Italic,
}

/// A straight line segment, e.g. a table border.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1_pt: f32,
    pub y1_pt: f32,
    pub x2_pt: f32,
    pub y2_pt: f32,
    pub thickness_pt: f32,
}

/// Something the reader of the document should be told about.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutWarning {
    /// Where: a clause label ("2.3."), or a field name ("approval", "title", …).
    pub location: String,
    pub message: String,
}
