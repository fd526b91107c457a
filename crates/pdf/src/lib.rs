//! Jobdoc's PDF writer: laid-out pages in, PDF bytes out.
//!
//! The export is three pure stages, each a function of its input only:
//!
//! 1. [`jobdoc_model::resolve::resolve`]: the document → the strings that get printed;
//! 2. [`jobdoc_layout::layout`]: those strings → pages of positioned lines (in points);
//! 3. [`render_pdf`] (this crate): pages → PDF bytes. printpdf writes the document (catalog,
//!    page tree, font objects); the page content streams are written by our own operator writer
//!    (`content.rs`, where it says why), and every stream is deflated (`render.rs`).
//!
//! [`write_pdf`] runs the last two over a resolved document (the one export path,
//! `jobdoc-export`, resolves once for every format). Time and fonts are passed in
//! ([`PdfOptions`]); nothing reads the clock, the file system or a random source, so the same
//! input gives the same bytes.
//!
//! What the file holds: one CID font (Identity-H) per style used, embedded as a subset (see
//! `fonts.rs` for why the subsetting is ours), with a `/ToUnicode` map so the text can be
//! extracted and searched; each printed line written in reading order, a justified line as
//! words at absolute positions; table rules as thin stroked lines; the document info (title,
//! author, subject, creator and producer "Jobdoc", creation and modification dates), the
//! language as `/Lang` in the catalog, and a file identifier hashed from the content.
//!
//! With [`Conformance::PdfA1a`] the same pages are written as PDF/A-1a (`pdfa.rs`: XMP
//! metadata, an sRGB output intent from `icc.rs`, CIDSets, and a structure tree over marked
//! content that `content.rs` writes from the layout's tags); see `docs/pdfa.md`. The plain
//! output does not change with it.
//!
//! Speed (criterion medians, release, 2-core machine at load ~1; `cargo bench -p jobdoc-pdf
//! --bench export`): the 5-page template exports in ~3.0 ms (render alone ~2.3 ms), the 58-page
//! `generate::instruction(1000, 1)` in ~25 ms, the 99-page `generate::document(1000, 1, Ru)` in
//! ~43 ms. Deflate is about half of the render time (see `render::compress` for the levels).

mod content;
mod fonts;
mod hash;
mod icc;
mod pdfa;
mod render;

use jobdoc_layout::{FontSet, FontStyle, Pages};
use jobdoc_model::resolve::{Info, Resolved};
use jobdoc_model::{Diagnostic, Timestamp};

/// What the writer needs from a font set: the font program of each style and its glyph ids.
pub(crate) trait Glyphs {
    fn font_data(&self, style: FontStyle) -> &[u8];
    fn glyph_id(&self, style: FontStyle, c: char) -> Option<u16>;
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the layout produced no pages")]
    NoPages,
    #[error("invalid page size {width_pt} × {height_pt} pt")]
    PageSize { width_pt: f32, height_pt: f32 },
    #[error("could not subset the {style} font: {reason}")]
    Subset { style: &'static str, reason: String },
    #[error("the subset of the {style} font could not be read back")]
    FontProgram { style: &'static str },
    #[error("the PDF writer failed: {message}")]
    Writer { message: String },
    #[error("could not serialise the PDF: {0}")]
    Write(#[source] std::io::Error),
}

impl Glyphs for FontSet {
    fn font_data(&self, style: FontStyle) -> &[u8] {
        self.data(style)
    }

    fn glyph_id(&self, style: FontStyle, c: char) -> Option<u16> {
        FontSet::glyph_id(self, style, c)
    }
}

/// Which kind of PDF to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conformance {
    /// The ordinary export.
    #[default]
    Plain,
    /// PDF/A-1a (ISO 19005-1, level A): the same pages, tagged, with XMP metadata and an sRGB
    /// output intent, for archives and electronic HR records (see `pdfa.rs`).
    PdfA1a,
}

/// What the export needs besides the document; passed in so that the output is reproducible.
#[derive(Debug, Clone, Copy)]
pub struct PdfOptions<'a> {
    /// Creation and modification time written into the document info. The library never
    /// reads the clock.
    pub created: Timestamp,
    /// The typeface: used for measuring (layout) and embedded (subset) in the file.
    pub fonts: &'a FontSet,
    pub conformance: Conformance,
}

/// A finished PDF export, with the pages it was drawn from.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    /// The laid-out pages (the preview keys them; their warnings are the layout's).
    pub pages: Pages,
}

impl PdfOutput {
    pub fn page_count(&self) -> usize {
        self.pages.pages.len()
    }

    /// What the reader should be told (e.g. characters the font lacks, with a substitute drawn).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.pages.warnings
    }
}

/// Layout → render over a resolved document.
pub fn write_pdf(resolved: &Resolved, options: &PdfOptions) -> Result<PdfOutput, PdfError> {
    let pages = jobdoc_layout::layout(resolved, options.fonts);
    let bytes = render_pdf(&pages, &resolved.info, options)?;
    Ok(PdfOutput { bytes, pages })
}

/// The render stage alone: laid-out pages and document properties → PDF bytes.
pub fn render_pdf(pages: &Pages, info: &Info, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    render::render(
        pages,
        info,
        options.created,
        options.fonts,
        options.conformance,
    )
}

#[cfg(test)]
mod test_fonts;
