//! Font subsetting and embedding.
//!
//! # Why the subsetting is done here and not by printpdf
//!
//! printpdf 0.12 only subsets with its `text_layout` feature, which pulls azul-layout and about
//! 110 more crates (minutes of clean build on two cores). Without the feature,
//! `subset_fonts: true` is silently ignored and every style is embedded whole (~390 KB each).
//! So this module subsets each style itself with the small `subsetter` crate (typst's; only
//! `rustc-hash` as a dependency), hands printpdf the subset as an ordinary font (printpdf's
//! "full font" path then embeds exactly those bytes) together with our own character → subset
//! glyph map. printpdf writes the `/W` widths and the `/ToUnicode` CMap from one line of text
//! showing each character once (see `render.rs`), so `pdftotext` and copy-paste give back the
//! words; the pages themselves are written by `content.rs`, which draws each character with the
//! code and advance looked up here once per export ([`EmbeddedFont::glyph`]).
//! The subset is named with a `ABCDEF+` tag derived from its glyph set, as ISO 32000-1 9.6.4
//! asks, so readers (and `pdffonts`) see it as a subset.
//!
//! Measured (release, criterion, on a loaded 2-core machine): subsetting Liberation Serif
//! Regular to the 95 characters of the 5-page template takes ~0.06 ms and shrinks it from
//! 394 KB to 26 KB; the whole 5-page PDF is ~59 KB (font programs deflated fast, see
//! `render.rs`). The note in `shared/notes` measured 60–90 ms
//! and the full 390 KB fonts for printpdf without `text_layout`, 6–13 ms with it.

use std::collections::{BTreeMap, BTreeSet};

use jobdoc_layout::FontStyle;
use printpdf::{FontId, ParsedFont, PdfFont};

use crate::hash::Fnv;
use crate::{Glyphs, PdfError};

/// One style's subset, ready to be drawn with.
pub(crate) struct EmbeddedFont {
    pub id: FontId,
    pub font: PdfFont,
    /// Characters drawn with another character's glyph and extracted as that character
    /// (no-break space → space); all others are drawn as they are.
    pub canonical: BTreeMap<char, char>,
    /// Code and advance of every character drawn with this font, looked up once here so that
    /// writing the pages costs an array read per character.
    glyphs: GlyphTable,
}

/// How one character is drawn: its 2-byte code (the subset glyph id, Identity-H) and its
/// advance in thousandths of an em, exactly as the reader computes it from the font's `/W`
/// array (printpdf writes whole units, truncated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Glyph {
    pub code: u16,
    pub advance_milli: i64,
}

/// Characters below this code point (Latin, Cyrillic) are found in a flat table.
const LOW: usize = 0x0600;

struct GlyphTable {
    /// `Some` for every drawn character below [`LOW`].
    low: Vec<Option<Glyph>>,
    high: BTreeMap<char, Glyph>,
    /// What a character not in the table is drawn as: `.notdef`.
    missing: Glyph,
}

impl EmbeddedFont {
    /// Code and advance of a drawn character (`.notdef` for one the font lacks).
    #[inline]
    pub(crate) fn glyph(&self, c: char) -> Glyph {
        let t = &self.glyphs;
        let found = match t.low.get(c as usize) {
            Some(g) => *g,
            None => t.high.get(&c).copied(),
        };
        found.unwrap_or(t.missing)
    }

    /// The glyph drawn with a code, if any character uses it.
    #[cfg(test)]
    pub(crate) fn glyph_for_code(&self, code: u16) -> Option<Glyph> {
        let t = &self.glyphs;
        t.low
            .iter()
            .flatten()
            .chain(t.high.values())
            .find(|g| g.code == code)
            .copied()
    }

    /// The characters whose text each glyph extracts as: one per glyph drawn.
    pub(crate) fn canonical_text(&self) -> String {
        let mut chars: BTreeSet<char> = BTreeSet::new();
        for (cp, g) in self.glyphs.low.iter().enumerate() {
            if g.is_some() {
                if let Some(c) = char::from_u32(cp as u32) {
                    chars.insert(self.canonical.get(&c).copied().unwrap_or(c));
                }
            }
        }
        for &c in self.glyphs.high.keys() {
            chars.insert(self.canonical.get(&c).copied().unwrap_or(c));
        }
        chars.into_iter().collect()
    }
}

/// The glyph a (canonical) character is drawn with in `font`, as printpdf encodes and measures
/// it: the subset glyph id from the character map we filled, `.notdef` when there is none.
fn glyph_of(font: &ParsedFont, c: char) -> Glyph {
    glyph_by_id(font, font.lookup_glyph_index(u32::from(c)).unwrap_or(0))
}

fn glyph_by_id(font: &ParsedFont, gid: u16) -> Glyph {
    let upm = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    let advance_milli = font
        .get_glyph_width(gid)
        .map_or(0, |w| (f32::from(w) * 1000.0 / upm) as i64);
    Glyph {
        code: gid,
        advance_milli,
    }
}

pub(crate) fn style_name(style: FontStyle) -> &'static str {
    match style {
        FontStyle::Regular => "Regular",
        FontStyle::Bold => "Bold",
        FontStyle::Italic => "Italic",
    }
}

/// Subsets `style` of `fonts` to the characters `chars` and wraps it for printpdf.
pub(crate) fn embed(
    fonts: &dyn Glyphs,
    style: FontStyle,
    chars: &BTreeSet<char>,
    index: usize,
) -> Result<EmbeddedFont, PdfError> {
    let data = fonts.font_data(style);
    // Original glyph id of every character; a character the font lacks is drawn as .notdef
    // (a visible box in Liberation Serif): the layout engine has already warned about it.
    let mut original: BTreeMap<char, u16> = BTreeMap::new();
    // Text for each original glyph: the lowest code point drawn with it, so that a no-break
    // space extracts as a space and the soft hyphen as a hyphen.
    let mut text_of_glyph: BTreeMap<u16, char> = BTreeMap::new();
    for &c in chars {
        let gid = fonts.glyph_id(style, c).unwrap_or(0);
        original.insert(c, gid);
        text_of_glyph.entry(gid).or_insert(c);
    }

    let mut remapper = subsetter::GlyphRemapper::new();
    for &gid in text_of_glyph.keys() {
        remapper.remap(gid);
    }
    let subset = subsetter::subset(data, 0, &remapper).map_err(|e| PdfError::Subset {
        style: style_name(style),
        reason: e.to_string(),
    })?;

    let mut parse_warnings = Vec::new();
    let mut parsed =
        ParsedFont::from_bytes(&subset, 0, &mut parse_warnings).ok_or(PdfError::FontProgram {
            style: style_name(style),
        })?;

    // The subset tag: six capital letters from the glyph set, so equal subsets get equal names
    // and the output stays reproducible.
    let mut h = Fnv::new();
    h.write(style_name(style).as_bytes());
    for gid in text_of_glyph.keys() {
        h.write(&gid.to_be_bytes());
    }
    let mut n = h.finish();
    let tag: String = (0..6)
        .map(|_| {
            let letter = (b'A' + (n % 26) as u8) as char;
            n /= 26;
            letter
        })
        .collect();
    let base =
        postscript_name(data).unwrap_or_else(|| format!("JobdocSerif-{}", style_name(style)));
    parsed.font_name = Some(format!("{tag}+{base}"));
    // The subset drops OS/2; the weight only feeds the descriptor's /StemV estimate.
    parsed.pdf_font_metrics.us_weight_class = match style {
        FontStyle::Bold => 700,
        FontStyle::Regular | FontStyle::Italic => 400,
    };

    // Every character maps to its subset glyph; `canonical` maps a character to the one whose
    // text the glyph extracts as (they differ only for characters sharing a glyph).
    let mut canonical = BTreeMap::new();
    for (&c, &gid) in &original {
        let new_gid = remapper.get(gid).unwrap_or(0);
        if gid != 0 || fonts.glyph_id(style, c).is_some() {
            parsed.codepoint_to_glyph.insert(u32::from(c), new_gid);
        }
        let text = text_of_glyph.get(&gid).copied().unwrap_or(c);
        if text != c {
            canonical.insert(c, text);
        }
    }

    let font = PdfFont::new(parsed);
    let mut glyphs = GlyphTable {
        low: vec![None; LOW],
        high: BTreeMap::new(),
        missing: glyph_by_id(&font.parsed_font, 0),
    };
    for &c in chars {
        let glyph = glyph_of(&font.parsed_font, canonical.get(&c).copied().unwrap_or(c));
        match glyphs.low.get_mut(c as usize) {
            Some(slot) => *slot = Some(glyph),
            None => {
                glyphs.high.insert(c, glyph);
            }
        }
    }
    Ok(EmbeddedFont {
        // Resource names are fixed per position: no random ids in the output.
        id: FontId(format!("F{}", index + 1)),
        font,
        canonical,
        glyphs,
    })
}

/// The PostScript name (name id 6) of a font, e.g. "LiberationSerif-Bold".
fn postscript_name(data: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    face.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_graphic()))
}
