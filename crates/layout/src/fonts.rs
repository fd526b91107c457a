//! Fonts: the three faces of the body typeface, their metrics and glyph coverage.
//!
//! A [`FontSet`] keeps each face's file (for embedding in the PDF) and the few tables the layout
//! needs, copied out of the font once: the character → glyph map and the glyph advances. Lookups
//! for Latin and Cyrillic characters are plain array reads, so measuring text costs next to
//! nothing.

use std::sync::OnceLock;

use crate::FontStyle;

/// Characters below this code point are looked up in a flat table; the rest by binary search.
const LOW_CHARS: usize = 0x0600;

/// Why a font file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("the {style:?} font is not a valid TrueType/OpenType file: {reason}")]
    Parse { style: FontStyle, reason: String },
    #[error("the {style:?} font has no Unicode character map")]
    NoUnicodeCmap { style: FontStyle },
    #[error("the {style:?} font has no glyph for the space character")]
    NoSpace { style: FontStyle },
}

/// One face, with its tables copied out of the file.
#[derive(Debug, Clone)]
struct Face {
    data: Vec<u8>,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    line_gap: f32,
    capital_height: f32,
    /// Advance width of each glyph, in font units.
    advances: Vec<u16>,
    /// Glyph id of each character below [`LOW_CHARS`]; 0 = none.
    low: Vec<u16>,
    /// (code point, glyph id) of the other characters, sorted by code point.
    high: Vec<(u32, u16)>,
    /// Characters below [`LOW_CHARS`] that print as they are: a glyph, not a control, not an
    /// invisible or special space.
    plain: Vec<bool>,
}

impl Face {
    fn parse(data: Vec<u8>, style: FontStyle) -> Result<Face, FontError> {
        let face = ttf_parser::Face::parse(&data, 0).map_err(|e| FontError::Parse {
            style,
            reason: e.to_string(),
        })?;
        let cmap = face
            .tables()
            .cmap
            .ok_or(FontError::NoUnicodeCmap { style })?;
        let mut low = vec![0u16; LOW_CHARS];
        let mut high = Vec::new();
        let mut any = false;
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            any = true;
            sub.codepoints(|cp| {
                let Some(gid) = sub.glyph_index(cp) else {
                    return;
                };
                if gid.0 == 0 {
                    return;
                }
                if (cp as usize) < LOW_CHARS {
                    if low[cp as usize] == 0 {
                        low[cp as usize] = gid.0;
                    }
                } else {
                    high.push((cp, gid.0));
                }
            });
        }
        if !any {
            return Err(FontError::NoUnicodeCmap { style });
        }
        // Several subtables may map the same character: keep the first mapping.
        high.sort_by_key(|&(cp, _)| cp);
        high.dedup_by_key(|&mut (cp, _)| cp);
        let advances = (0..face.number_of_glyphs())
            .map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0))
            .collect();
        let units_per_em = f32::from(face.units_per_em().max(1));
        let parsed = Face {
            units_per_em,
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            line_gap: f32::from(face.line_gap()),
            capital_height: face
                .capital_height()
                .map(f32::from)
                .unwrap_or(units_per_em * 0.66),
            advances,
            plain: low
                .iter()
                .enumerate()
                .map(|(cp, &gid)| {
                    let c = char::from_u32(cp as u32).unwrap_or('\0');
                    gid != 0 && !c.is_control() && (!c.is_whitespace() || c == ' ') && c != '\u{ad}'
                })
                .collect(),
            low,
            high,
            data: Vec::new(),
        };
        if parsed.glyph(' ').is_none() {
            return Err(FontError::NoSpace { style });
        }
        Ok(Face { data, ..parsed })
    }

    #[inline]
    fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        let gid = if (cp as usize) < LOW_CHARS {
            self.low[cp as usize]
        } else {
            match self.high.binary_search_by_key(&cp, |&(c, _)| c) {
                Ok(i) => self.high[i].1,
                Err(_) => 0,
            }
        };
        (gid != 0).then_some(gid)
    }

    /// Advance of a character in font units; 0 for characters without a glyph.
    #[inline]
    fn advance_units(&self, c: char) -> u32 {
        match self.glyph(c) {
            Some(g) => u32::from(self.advances.get(g as usize).copied().unwrap_or(0)),
            None => 0,
        }
    }
}

/// The regular, bold and italic faces of the body typeface.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: [Face; 3],
}

fn index(style: FontStyle) -> usize {
    match style {
        FontStyle::Regular => 0,
        FontStyle::Bold => 1,
        FontStyle::Italic => 2,
    }
}

static BUNDLED: OnceLock<FontSet> = OnceLock::new();

impl FontSet {
    /// Liberation Serif 2 (metrics of Times New Roman), bundled with the program.
    pub fn bundled() -> &'static FontSet {
        // Deflated by build.rs; our own build wrote them, so they inflate.
        let inflate = |packed: &[u8]| {
            miniz_oxide::inflate::decompress_to_vec(packed)
                .expect("the bundled fonts were deflated by build.rs")
        };
        BUNDLED.get_or_init(|| {
            FontSet::from_bytes(
                inflate(include_bytes!(concat!(
                    env!("OUT_DIR"),
                    "/LiberationSerif-Regular.ttf.deflate"
                ))),
                inflate(include_bytes!(concat!(
                    env!("OUT_DIR"),
                    "/LiberationSerif-Bold.ttf.deflate"
                ))),
                inflate(include_bytes!(concat!(
                    env!("OUT_DIR"),
                    "/LiberationSerif-Italic.ttf.deflate"
                ))),
            )
            .expect("the bundled Liberation Serif fonts are valid")
        })
    }

    /// Fonts from files in memory.
    pub fn from_bytes(
        regular: Vec<u8>,
        bold: Vec<u8>,
        italic: Vec<u8>,
    ) -> Result<FontSet, FontError> {
        Ok(FontSet {
            faces: [
                Face::parse(regular, FontStyle::Regular)?,
                Face::parse(bold, FontStyle::Bold)?,
                Face::parse(italic, FontStyle::Italic)?,
            ],
        })
    }

    fn face(&self, style: FontStyle) -> &Face {
        &self.faces[index(style)]
    }

    /// The font file, for embedding in the PDF.
    pub fn data(&self, style: FontStyle) -> &[u8] {
        &self.face(style).data
    }

    pub fn has_glyph(&self, style: FontStyle, c: char) -> bool {
        self.face(style).glyph(c).is_some()
    }

    /// A character that prints as it is (has a glyph, is no control character, no special
    /// space and no soft hyphen), from a table: a quick test for Latin and Cyrillic text.
    /// `false` means "look closer", not "missing".
    #[inline]
    pub(crate) fn is_plain(&self, style: FontStyle, c: char) -> bool {
        self.face(style)
            .plain
            .get(c as usize)
            .copied()
            .unwrap_or(false)
    }

    pub fn glyph_id(&self, style: FontStyle, c: char) -> Option<u16> {
        self.face(style).glyph(c)
    }

    /// Advance width of `text` at `size_pt`, in points (no kerning: the PDF draws without it).
    /// Characters without a glyph count as zero.
    pub fn advance_pt(&self, style: FontStyle, text: &str, size_pt: f32) -> f32 {
        let face = self.face(style);
        let units: u32 = text.chars().map(|c| face.advance_units(c)).sum();
        units as f32 * size_pt / face.units_per_em
    }

    /// Advance of one character at `size_pt`.
    #[inline]
    pub fn char_advance_pt(&self, style: FontStyle, c: char, size_pt: f32) -> f32 {
        let face = self.face(style);
        face.advance_units(c) as f32 * size_pt / face.units_per_em
    }

    /// Ascender (above the baseline) at `size_pt`, in points.
    pub fn ascent_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let f = self.face(style);
        f.ascender * size_pt / f.units_per_em
    }

    /// Descender depth (below the baseline, positive) at `size_pt`, in points.
    pub fn descent_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let f = self.face(style);
        -f.descender * size_pt / f.units_per_em
    }

    /// Height of capital letters at `size_pt`, in points.
    pub fn cap_height_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let f = self.face(style);
        f.capital_height * size_pt / f.units_per_em
    }

    /// Single line spacing (ascender + descender + line gap) at `size_pt`, in points.
    pub fn line_height_pt(&self, style: FontStyle, size_pt: f32) -> f32 {
        let f = self.face(style);
        (f.ascender - f.descender + f.line_gap) * size_pt / f.units_per_em
    }
}
