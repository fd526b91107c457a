//! Text: character clean-up and substitution, line breaking, hyphenation, justification.
//!
//! A paragraph is broken greedily (first fit). Break opportunities come from the Unicode line
//! breaking algorithm (UAX #14), minus the ones that would start a line with a dash. When the
//! next word does not fit and the line would be left loose, the word is hyphenated by the
//! language's patterns (Russian for Cyrillic words, US English for Latin ones) if it is eligible:
//! at least five letters, not capitalised, not in quotes. A word wider than the whole line is
//! broken between characters.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Language as HyphLanguage, Load, Standard};
use jobdoc_model::Language;
use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::fonts::FontSet;
use jobdoc_model::{Diagnostic, DiagnosticCode, Severity};

use crate::{FontStyle, Span, Tag};

/// Tolerance for "fits", in points.
pub(crate) const EPS: f32 = 0.01;

/// Soft hyphen: a break opportunity, drawn as "-" only where the line breaks.
const SHY: char = '\u{ad}';
const ZWSP: char = '\u{200b}';

/// Invisible characters: never drawn, never measured.
#[inline]
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '‒' | '―' | '\u{2212}')
}

/// How a paragraph's lines are placed horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Justified, the last line (and a line before a forced break) flush left.
    Justify,
    Left,
    Center,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct ParaStyle {
    pub style: FontStyle,
    pub size: f32,
    pub align: Align,
    /// Width available to the lines, in points.
    pub width: f32,
    /// Extra indent of the first line.
    pub first_indent: f32,
    pub hyphenate: bool,
}

impl ParaStyle {
    pub fn new(style: FontStyle, size: f32, align: Align, width: f32) -> ParaStyle {
        ParaStyle {
            style,
            size,
            align,
            width,
            first_indent: 0.0,
            hyphenate: false,
        }
    }
}

/// A broken line: spans with x relative to the paragraph's left edge.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextLine {
    pub spans: Vec<Span>,
}

/// Layout state shared by all paragraphs of a document: fonts, language, warnings.
pub(crate) struct Ctx<'a> {
    pub fonts: &'a FontSet,
    pub language: Language,
    pub warnings: Vec<Diagnostic>,
}

fn dictionary(lang: HyphLanguage) -> Option<&'static Standard> {
    static RU: OnceLock<Option<Standard>> = OnceLock::new();
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    let cell = match lang {
        HyphLanguage::Russian => &RU,
        _ => &EN,
    };
    cell.get_or_init(|| load_dictionary(lang)).as_ref()
}

/// The compiled hyph-utf8 dictionaries of the two languages Jobdoc lays out, copied from the
/// `hyphenation` crate (see `dictionaries/README.md`). The crate's `embed_all` feature would
/// embed all 80 of them (3 MB in the app). Deflated by build.rs.
const RU_DICTIONARY: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/ru.standard.bincode.deflate"));
const EN_US_DICTIONARY: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/en-us.standard.bincode.deflate"));

fn load_dictionary(lang: HyphLanguage) -> Option<Standard> {
    let packed = match lang {
        HyphLanguage::Russian => RU_DICTIONARY,
        HyphLanguage::EnglishUS => EN_US_DICTIONARY,
        _ => return None,
    };
    let bytes = miniz_oxide::inflate::decompress_to_vec(packed).ok()?;
    Standard::from_reader(lang, &mut bytes.as_slice()).ok()
}

/// Longer words are broken between characters, never looked up in the dictionary.
const MAX_HYPHENATED_LETTERS: usize = 64;

/// Words already hyphenated, shared by all layouts (the app lays the same document out again
/// after every edit). Bounded: cleared when it grows past [`HYPHENATION_CACHE_MAX`] words.
static HYPHENATION_CACHE: Mutex<BTreeMap<String, Box<[u16]>>> = Mutex::new(BTreeMap::new());
const HYPHENATION_CACHE_MAX: usize = 50_000;

/// Byte offsets in `word` where the dictionary allows a hyphen.
fn hyphenation_points(lang: HyphLanguage, word: &str) -> Option<Box<[u16]>> {
    if word.len() > usize::from(u16::MAX) {
        return None;
    }
    if let Ok(cache) = HYPHENATION_CACHE.lock() {
        if let Some(points) = cache.get(word) {
            return Some(points.clone());
        }
    }
    let dict = dictionary(lang)?;
    let points: Box<[u16]> = dict
        .hyphenate(word)
        .breaks
        .into_iter()
        .filter_map(|b| u16::try_from(b).ok())
        .collect();
    if let Ok(mut cache) = HYPHENATION_CACHE.lock() {
        if cache.len() >= HYPHENATION_CACHE_MAX {
            cache.clear();
        }
        cache.insert(word.to_owned(), points.clone());
    }
    Some(points)
}

/// Text without the invisible characters.
fn drawn(text: &str) -> String {
    if text.is_ascii() || !text.chars().any(invisible) {
        text.to_owned()
    } else {
        text.chars().filter(|&c| !invisible(c)).collect()
    }
}

/// What a chunk of text ends with, when a line breaks after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// Nothing is added (a space, a hyphen, a zero-width space).
    Plain,
    /// A soft hyphen: "-" is drawn when the line breaks here.
    Soft,
}

/// Text between two break opportunities.
#[derive(Debug, Clone, Copy)]
struct Chunk<'t> {
    /// Drawn content (may hold invisible characters, which are skipped).
    text: &'t str,
    width: f32,
    /// Spaces after the content (the glue to the next chunk).
    spaces: usize,
    end: End,
    /// A line may end after this chunk.
    breakable: bool,
    /// Starts inside quotes, or holds a quote mark.
    quoted: bool,
    /// Holds no invisible characters (drawn as it is).
    plain: bool,
}

/// A piece of a line being built.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    width: f32,
    spaces: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(fonts: &'a FontSet, language: Language) -> Ctx<'a> {
        Ctx {
            fonts,
            language,
            warnings: Vec::new(),
        }
    }

    /// Records a warning at `location` (a JSON Pointer into the document), once.
    fn warn(&mut self, location: &str, code: DiagnosticCode, ru: String, en: String) {
        if !self
            .warnings
            .iter()
            .any(|w| w.path == location && w.message_en == en)
        {
            self.warnings.push(Diagnostic {
                severity: Severity::Warning,
                code,
                path: location.to_owned(),
                message_ru: ru,
                message_en: en,
            });
        }
    }

    /// Cleans a text for printing in `style`: tabs and other spaces become plain spaces, control
    /// characters are replaced, and every character the font lacks is replaced by a visible
    /// substitute with a warning naming `location`.
    pub fn prepare(&mut self, text: &str, style: FontStyle, location: &str) -> String {
        let fonts = self.fonts;
        // Fast path: nothing to change.
        let clean = |c: char| match c {
            c if fonts.is_plain(style, c) => true,
            '\n' | ' ' => true,
            c if invisible(c) => true,
            c if c.is_control() => false,
            c if c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}') => false,
            c => fonts.has_glyph(style, c),
        };
        if text.chars().all(clean) {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match c {
                '\n' | ' ' => out.push(c),
                '\t' => out.push(' '),
                c if invisible(c) => out.push(c),
                c if c.is_control() => {
                    self.warn(
                        location,
                        DiagnosticCode::ControlCharacter,
                        format!("управляющий символ U+{:04X} напечатан как пробел", c as u32),
                        format!("control character U+{:04X} printed as a space", c as u32),
                    );
                    out.push(' ');
                }
                '\u{a0}' | '\u{2007}' | '\u{202f}' if !fonts.has_glyph(style, c) => {
                    out.push('\u{a0}')
                }
                c if c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}') => {
                    out.push(' ')
                }
                c if fonts.has_glyph(style, c) => out.push(c),
                c => {
                    let substitute: String = match c {
                        '\u{20bd}' => match self.language {
                            Language::Ru => "руб.".into(),
                            Language::En => "RUB".into(),
                        },
                        // A word joiner keeps the non-breaking hyphen non-breaking.
                        '\u{2011}' => "-\u{2060}".into(),
                        '\u{2010}' => "-".into(),
                        '\u{2012}' | '\u{2013}' if fonts.has_glyph(style, '–') => "–".into(),
                        '\u{2014}' | '\u{2015}' if fonts.has_glyph(style, '—') => "—".into(),
                        '\u{2018}' | '\u{2019}' | '\u{201a}' => "'".into(),
                        '\u{201c}' | '\u{201d}' | '\u{201e}' | '«' | '»' => "\"".into(),
                        _ if fonts.has_glyph(style, '\u{fffd}') => "\u{fffd}".into(),
                        _ => "?".into(),
                    };
                    self.warn(
                        location,
                        DiagnosticCode::MissingGlyph,
                        format!(
                            "в шрифте нет знака «{c}» (U+{:04X}); напечатано «{}»",
                            c as u32,
                            drawn(&substitute)
                        ),
                        format!(
                            "the font has no glyph for '{c}' (U+{:04X}); printed as \"{}\"",
                            c as u32,
                            drawn(&substitute)
                        ),
                    );
                    out.push_str(&substitute);
                }
            }
        }
        out
    }

    /// Width of drawn text (invisible characters skipped).
    #[inline]
    pub fn width(&self, style: FontStyle, size: f32, text: &str) -> f32 {
        let mut w = 0.0;
        for c in text.chars() {
            if !invisible(c) {
                w += self.fonts.char_advance_pt(style, c, size);
            }
        }
        w
    }

    /// Prepares and breaks a paragraph into lines.
    pub fn paragraph(&mut self, text: &str, ps: &ParaStyle, location: &str) -> Vec<TextLine> {
        let text = self.prepare(text, ps.style, location);
        self.break_lines(&text, ps)
    }

    /// Breaks prepared text into lines (`\n` is a forced break).
    pub fn break_lines(&self, text: &str, ps: &ParaStyle) -> Vec<TextLine> {
        let mut lines = Vec::new();
        let mut quote_depth = 0usize;
        for hard in text.split('\n') {
            let chunks = self.chunks(hard.trim_start_matches(' '), ps, &mut quote_depth);
            self.fill(chunks, ps, &mut lines);
        }
        lines
    }

    fn chunks<'t>(&self, line: &'t str, ps: &ParaStyle, depth: &mut usize) -> Vec<Chunk<'t>> {
        let (open, close): (&[char], &[char]) = match self.language {
            Language::Ru => (&['«', '„'], &['»', '“']),
            Language::En => (&['“'], &['”']),
        };
        let mut chunks: Vec<Chunk<'t>> = Vec::new();
        let mut start = 0;
        for (pos, kind) in linebreaks(line) {
            if pos == 0 {
                continue;
            }
            let seg = &line[start..pos];
            start = pos;
            let content = seg.trim_end_matches(' ');
            let spaces = seg.len() - content.len();
            let (content, end) = if let Some(c) = content.strip_suffix(SHY) {
                (c, End::Soft)
            } else if let Some(c) = content.strip_suffix(ZWSP) {
                (c, End::Plain)
            } else {
                (content, End::Plain)
            };
            let mut quoted = *depth > 0;
            for c in content.chars() {
                if open.contains(&c) {
                    *depth += 1;
                    quoted = true;
                } else if close.contains(&c) {
                    *depth = depth.saturating_sub(1);
                    quoted = true;
                }
            }
            // No line starts with a dash: no break before a chunk that begins with one.
            let mut starts = content.chars();
            let leading_dash = match starts.next() {
                Some(c) if is_dash(c) => true,
                Some('-') => matches!(starts.next(), None | Some(' ')) || content == "-",
                _ => false,
            };
            if leading_dash {
                if let Some(prev) = chunks.last_mut() {
                    prev.breakable = false;
                }
            }
            if content.is_empty() && spaces == 0 {
                continue;
            }
            let mut width = 0.0;
            let mut plain = true;
            for c in content.chars() {
                if invisible(c) {
                    plain = false;
                } else {
                    width += self.fonts.char_advance_pt(ps.style, c, ps.size);
                }
            }
            chunks.push(Chunk {
                text: content,
                width,
                plain,
                spaces,
                end,
                breakable: kind == BreakOpportunity::Allowed || kind == BreakOpportunity::Mandatory,
                quoted,
            });
        }
        chunks
    }

    /// Fills lines from the chunks of one hard line.
    fn fill(&self, mut chunks: Vec<Chunk<'_>>, ps: &ParaStyle, out: &mut Vec<TextLine>) {
        let space = self.fonts.char_advance_pt(ps.style, ' ', ps.size);
        let zone = 2.0 * space;
        if chunks.is_empty() {
            out.push(TextLine::default());
            return;
        }
        let mut i = 0;
        while i < chunks.len() {
            let first_line = out.is_empty();
            let avail = if first_line {
                ps.width - ps.first_indent
            } else {
                ps.width
            };
            // Natural width of chunks i..j with the glue between them.
            let mut width = 0.0f32;
            let mut j = i;
            let mut last_break: Option<usize> = None;
            let mut width_at_break = 0.0f32;
            let mut overflow = false;
            while j < chunks.len() {
                let glue = if j > i {
                    chunks[j - 1].spaces as f32 * space
                } else {
                    0.0
                };
                let soft = if chunks[j].end == End::Soft {
                    self.fonts.char_advance_pt(ps.style, '-', ps.size)
                } else {
                    0.0
                };
                let w = width + glue + chunks[j].width;
                if w + if chunks[j].breakable { soft } else { 0.0 } > avail + EPS {
                    overflow = true;
                    break;
                }
                width = w;
                if chunks[j].breakable {
                    last_break = Some(j);
                    width_at_break = width + soft;
                }
                j += 1;
            }
            if !overflow {
                // The rest of the hard line fits: its last line, flush left.
                out.push(self.build(&chunks[i..j], None, ps, avail, false, first_line));
                return;
            }
            // Chunk j does not fit.
            let free = match last_break {
                Some(_) => avail - width_at_break,
                None => avail,
            };
            let glue = if j > i {
                chunks[j - 1].spaces as f32 * space
            } else {
                0.0
            };
            // Only whole words (between spaces) are hyphenated: not parts of URLs or compounds.
            let whole_word = (j == 0 || chunks[j - 1].spaces > 0)
                && (j + 1 == chunks.len() || chunks[j].spaces > 0);
            if ps.hyphenate
                && whole_word
                && ps.align == Align::Justify
                && (free > zone || last_break.is_none())
            {
                let room = avail - width - glue;
                if let Some((head, tail)) = self.hyphenate(&chunks[j], room, ps) {
                    out.push(self.build(&chunks[i..j], Some(head), ps, avail, true, first_line));
                    chunks[j].text = tail;
                    chunks[j].width = self.width(ps.style, ps.size, tail);
                    i = j;
                    continue;
                }
            }
            if let Some(k) = last_break {
                out.push(self.build(&chunks[i..=k], None, ps, avail, true, first_line));
                i = k + 1;
                continue;
            }
            // No break opportunity on the line: break chunk j between characters.
            let room = avail - width - glue;
            let text = chunks[j].text;
            let mut used = 0.0;
            let mut cut = 0;
            for (b, c) in text.char_indices() {
                let w = if invisible(c) {
                    0.0
                } else {
                    self.fonts.char_advance_pt(ps.style, c, ps.size)
                };
                if used + w > room + EPS && (cut > 0 || j > i) {
                    break;
                }
                used += w;
                cut = b + c.len_utf8();
            }
            // A chunk ending at a soft hyphen prints the hyphen too: keep its last character
            // for the next line when the hyphen would not fit.
            if cut >= text.len() && chunks[j].end == End::Soft {
                let hyphen = self.fonts.char_advance_pt(ps.style, '-', ps.size);
                if used + hyphen > room + EPS {
                    if let Some((b, _)) = text.char_indices().next_back().filter(|(b, _)| *b > 0) {
                        cut = b;
                    }
                }
            }
            if cut == 0 {
                // Not even one character fits after the text before it: end the line there.
                out.push(self.build(&chunks[i..j], None, ps, avail, true, first_line));
                i = j;
            } else if cut >= text.len() {
                out.push(self.build(&chunks[i..=j], None, ps, avail, true, first_line));
                i = j + 1;
            } else {
                let head = &text[..cut];
                out.push(self.build(
                    &chunks[i..j],
                    Some(head.to_owned()),
                    ps,
                    avail,
                    true,
                    first_line,
                ));
                chunks[j].text = &text[cut..];
                chunks[j].width = self.width(ps.style, ps.size, &text[cut..]);
                i = j;
            }
        }
    }

    /// Splits a chunk at a hyphenation point so that its head plus "-" fits in `room`.
    fn hyphenate<'t>(
        &self,
        chunk: &Chunk<'t>,
        room: f32,
        ps: &ParaStyle,
    ) -> Option<(String, &'t str)> {
        if chunk.quoted || room <= 0.0 {
            return None;
        }
        let text = chunk.text;
        // The word: letters between leading and trailing punctuation, all Russian or all Latin.
        let letter =
            |c: char| c.is_ascii_alphabetic() || matches!(c, 'а'..='я' | 'ё' | 'А'..='Я' | 'Ё');
        let core_start = text.find(letter)?;
        let core_end = text
            .char_indices()
            .rev()
            .find(|&(_, c)| letter(c))
            .map(|(b, c)| b + c.len_utf8())?;
        let core = &text[core_start..core_end];
        let mut chars = core.chars();
        let first = chars.next()?;
        // No dictionary word is longer than about 60 letters; asking about a pasted blob again
        // for every line it fills made its layout quadratic.
        let letters = core.chars().count();
        if !first.is_lowercase() || !(5..=MAX_HYPHENATED_LETTERS).contains(&letters) {
            return None;
        }
        let lang = if core
            .chars()
            .all(|c| matches!(c, 'а'..='я' | 'ё' | 'А'..='Я' | 'Ё'))
        {
            HyphLanguage::Russian
        } else if core.chars().all(|c| c.is_ascii_alphabetic()) {
            HyphLanguage::EnglishUS
        } else {
            return None;
        };
        let hyphen = self.fonts.char_advance_pt(ps.style, '-', ps.size);
        // Not even two letters and a hyphen fit: no need to ask the dictionary.
        let two: usize = core.chars().take(2).map(char::len_utf8).sum();
        if self.width(ps.style, ps.size, &text[..core_start + two]) + hyphen > room + EPS {
            return None;
        }
        let breaks = hyphenation_points(lang, core)?;
        for &b in breaks.iter().rev() {
            let b = b as usize;
            if b == 0 || b >= core.len() || !core.is_char_boundary(b) {
                continue;
            }
            if core[..b].chars().count() < 2 || core[b..].chars().count() < 2 {
                continue;
            }
            let split = core_start + b;
            let head = &text[..split];
            if self.width(ps.style, ps.size, head) + hyphen <= room + EPS {
                let mut h = head.to_owned();
                h.push('-');
                return Some((h, &text[split..]));
            }
        }
        None
    }

    /// Builds a line from whole chunks and an optional final partial piece.
    fn build(
        &self,
        chunks: &[Chunk<'_>],
        tail: Option<String>,
        ps: &ParaStyle,
        avail: f32,
        justify: bool,
        first_line: bool,
    ) -> TextLine {
        let space = self.fonts.char_advance_pt(ps.style, ' ', ps.size);
        let mut pieces: Vec<Piece> = Vec::with_capacity(chunks.len() + 1);
        for (n, c) in chunks.iter().enumerate() {
            let last = n + 1 == chunks.len() && tail.is_none();
            let mut text = if c.plain {
                c.text.to_owned()
            } else {
                drawn(c.text)
            };
            let mut width = c.width;
            if last && c.end == End::Soft {
                text.push('-');
                width += self.fonts.char_advance_pt(ps.style, '-', ps.size);
            }
            pieces.push(Piece {
                text,
                width,
                spaces: if last { 0 } else { c.spaces },
            });
        }
        if let Some(t) = tail {
            let text = drawn(&t);
            let width = self.width(ps.style, ps.size, &text);
            pieces.push(Piece {
                text,
                width,
                spaces: 0,
            });
        }
        // Pieces joined without glue form one word.
        let mut words: Vec<Piece> = Vec::new();
        for p in pieces {
            match words.last_mut() {
                Some(w) if w.spaces == 0 => {
                    w.text.push_str(&p.text);
                    w.width += p.width;
                    w.spaces = p.spaces;
                }
                _ => words.push(p),
            }
        }
        if let Some(w) = words.last_mut() {
            w.spaces = 0;
        }
        let natural: f32 = words
            .iter()
            .map(|w| w.width + w.spaces as f32 * space)
            .sum();
        let slots = words.iter().filter(|w| w.spaces > 0).count();
        let indent = if first_line { ps.first_indent } else { 0.0 };
        let mut spans = Vec::with_capacity(words.len());
        if justify && ps.align == Align::Justify && slots > 0 {
            let extra = ((avail - natural) / slots as f32).max(0.0);
            let mut x = indent;
            for w in words {
                let advance = w.width + w.spaces as f32 * space + extra;
                spans.push(Span {
                    x_pt: x,
                    text: w.text,
                    style: ps.style,
                    size_pt: ps.size,
                    width_pt: w.width,
                    tag: Tag::Artifact,
                });
                x += advance;
            }
            // Snap the last word to the right edge so the line ends exactly there.
            if let Some(last) = spans.last_mut() {
                last.x_pt = indent + avail - last.width_pt;
            }
        } else {
            let mut text = String::new();
            for w in &words {
                text.push_str(&w.text);
                for _ in 0..w.spaces {
                    text.push(' ');
                }
            }
            let offset = match ps.align {
                Align::Justify | Align::Left => 0.0,
                Align::Center => ((avail - natural) / 2.0).max(0.0),
            };
            if !text.is_empty() {
                spans.push(Span {
                    x_pt: indent + offset,
                    text,
                    style: ps.style,
                    size_pt: ps.size,
                    width_pt: natural,
                    tag: Tag::Artifact,
                });
            }
        }
        TextLine { spans }
    }
}

#[cfg(test)]
mod dictionary_tests {
    use super::*;
    use hyphenation::Hyphenator;

    /// The copied dictionaries must load: a failure would silently turn hyphenation off.
    #[test]
    fn both_dictionaries_load_and_hyphenate() {
        let ru = dictionary(HyphLanguage::Russian).expect("Russian dictionary loads");
        let breaks = ru.hyphenate("обязанности").breaks;
        assert!(!breaks.is_empty(), "no hyphenation points in обязанности");
        let en = dictionary(HyphLanguage::EnglishUS).expect("English dictionary loads");
        let breaks = en.hyphenate("responsibilities").breaks;
        assert!(
            !breaks.is_empty(),
            "no hyphenation points in responsibilities"
        );
        assert!(load_dictionary(HyphLanguage::German1996).is_none());
    }
}
