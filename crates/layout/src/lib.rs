//! Jobdoc's page-layout engine: a resolved document in, pages of positioned text out.
//!
//! The output ([`Pages`]) is what the PDF writer draws and what layout snapshot tests print.
//! Coordinates are in points (1/72 in), origin at the top-left corner of the page, y growing
//! downwards; `y_pt` of a span is its baseline.
//!
//! The data flow: [`jobdoc_model::resolve::resolve`] gives every printed string; [`layout`]
//! measures them with a [`FontSet`], breaks them into lines (`text`: UAX #14 break
//! opportunities, hyphenation, justification), stacks the page furniture, body text, signatures
//! and the acknowledgement sheet into rows and paginates them (`engine`). [`snapshot`] prints the
//! result as text for review and tests.

mod engine;
mod fonts;
mod table;
mod text;

pub use engine::{A4_HEIGHT_PT, A4_WIDTH_PT, MM};
pub use fonts::{FontError, FontSet};
pub use table::{layout_table, TableDoc};

use std::fmt::Write as _;

/// Lays out a resolved document on A4 pages. Pure and deterministic.
pub fn layout(doc: &jobdoc_model::resolve::Resolved, fonts: &FontSet) -> Pages {
    engine::Engine::new(doc, fonts).run()
}

/// The pages as text, for review and snapshot tests: per page a `--- page N ---` line, then one
/// line per printed line: baseline y in mm, x of the first span in mm, the spans' texts joined by
/// single spaces.
pub fn snapshot(pages: &Pages) -> String {
    let mut out = String::new();
    for (n, page) in pages.pages.iter().enumerate() {
        let _ = writeln!(out, "--- page {} ---", n + 1);
        for line in &page.lines {
            let x = line.spans.first().map_or(0.0, |s| s.x_pt);
            let text: Vec<&str> = line.spans.iter().map(|s| s.text.as_str()).collect();
            let _ = writeln!(
                out,
                "{:5.1} {:5.1} {}",
                line.y_pt / MM,
                x / MM,
                text.join(" ")
            );
        }
    }
    for w in &pages.warnings {
        let _ = writeln!(out, "warning [{}]: {}", w.path, w.message_en);
    }
    out
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    pub width_pt: f32,
    pub height_pt: f32,
    pub pages: Vec<Page>,
    /// The logical structure the spans belong to (see [`Span::tag`]): what a tagged PDF
    /// writes as its structure tree. Plain exports ignore it.
    pub structure: Structure,
    /// Problems found while laying out (e.g. characters the font lacks), placed by JSON Pointer.
    pub warnings: Vec<jobdoc_model::Diagnostic>,
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
    /// The structure element(s) the text belongs to; page furniture is an artifact.
    pub tag: Tag,
}

/// Where a span's text belongs in the document's logical structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    /// Not part of the content: page numbers, a table header repeated on a following page.
    #[default]
    Artifact,
    /// All of the text belongs to one element.
    Node(NodeId),
    /// The first `chars` characters belong to `first`, the rest to `rest`: a clause's label
    /// printed in one span with the first words of its text.
    Split {
        chars: u32,
        first: NodeId,
        rest: NodeId,
    },
}

/// An index into [`Structure::nodes`].
pub type NodeId = u32;

/// The document's logical structure as a tree of elements. Node 0 is the document; every
/// other node names its parent, and siblings come in reading order (the order of their ids).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Structure {
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub role: Role,
    /// `None` only for the document itself.
    pub parent: Option<NodeId>,
}

/// The standard structure types of ISO 32000-1 14.8.4 the document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Document,
    /// The document's title.
    H1,
    /// A section heading, the acknowledgement sheet's title.
    H2,
    P,
    /// A list of clauses; a nested list sits in the body of the item it continues.
    L,
    LI,
    /// A clause's number («1.2.»).
    Lbl,
    /// A clause's text.
    LBody,
    Table,
    TR,
    TH,
    TD,
}

impl Role {
    /// The structure type's name in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
        }
    }
}

impl Structure {
    /// A structure holding only the document node.
    pub fn new() -> Structure {
        Structure {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
            }],
        }
    }

    /// Appends a child of `parent` (after its existing children).
    pub fn add(&mut self, role: Role, parent: NodeId) -> NodeId {
        self.nodes.push(Node {
            role,
            parent: Some(parent),
        });
        (self.nodes.len() - 1) as NodeId
    }
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
