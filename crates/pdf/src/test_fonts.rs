//! A font source for unit tests, read straight from the bundled font files.

use jobdoc_layout::FontStyle;

use crate::Glyphs;

pub(crate) struct Bundled;

const REGULAR: &[u8] = include_bytes!("../../../fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../fonts/LiberationSerif-Italic.ttf");

impl Glyphs for Bundled {
    fn font_data(&self, style: FontStyle) -> &[u8] {
        match style {
            FontStyle::Regular => REGULAR,
            FontStyle::Bold => BOLD,
            FontStyle::Italic => ITALIC,
        }
    }

    fn glyph_id(&self, style: FontStyle, c: char) -> Option<u16> {
        let face = ttf_parser::Face::parse(self.font_data(style), 0).ok()?;
        face.glyph_index(c).map(|g| g.0)
    }
}
