//! What every reader produces: the source's paragraphs in reading order, with the few facts
//! about their look that recognition needs (a list number, capitals, a table cell).

/// Where a paragraph sits in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    /// Counts tables in reading order (nested tables get their own number).
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

/// One paragraph of the source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcePara {
    /// The text as stored: tabs as `\t`, line breaks as `\n`.
    pub text: String,
    /// The number or bullet the file shows before the text (computed from a Word or ODF list,
    /// or cached in the file: RTF `\listtext`, `\pntext`).
    pub label: Option<String>,
    /// The list level (0-based) when the paragraph is in a list.
    pub list_level: Option<u8>,
    /// The outline level (1-based) from a heading style or `text:h`.
    pub heading: Option<u8>,
    /// Every letter is shown in capitals (typed so, or through `w:caps`, `\caps`, uppercase).
    pub caps: bool,
    /// Every run with letters is bold.
    pub bold: bool,
    /// Centred.
    pub centered: bool,
    /// The paragraph style's name as the file calls it.
    pub style: String,
    pub cell: Option<Cell>,
}

impl SourcePara {
    pub fn plain(text: impl Into<String>) -> SourcePara {
        SourcePara {
            text: text.into(),
            ..SourcePara::default()
        }
    }
}

/// Accumulates runs of one paragraph and decides `caps` and `bold` from them.
#[derive(Debug, Default)]
pub struct ParaBuilder {
    pub para: SourcePara,
    letters: usize,
    caps_letters: usize,
    bold_letters: usize,
}

impl ParaBuilder {
    /// Adds a run of text shown in capitals (`caps`) and/or bold.
    pub fn push(&mut self, text: &str, caps: bool, bold: bool) {
        let n = text.chars().filter(|c| c.is_alphabetic()).count();
        self.letters += n;
        if caps
            || text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
        {
            self.caps_letters += n;
        }
        if bold {
            self.bold_letters += n;
        }
        self.para.text.push_str(text);
    }

    pub fn push_raw(&mut self, text: &str) {
        self.para.text.push_str(text);
    }

    pub fn finish(mut self) -> SourcePara {
        self.para.caps = self.letters > 0 && self.caps_letters == self.letters;
        self.para.bold = self.letters > 0 && self.bold_letters == self.letters;
        self.para
    }
}

/// The symbol-font code points Word uses for bullets, and other bullet glyphs.
pub fn is_bullet_glyph(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '▪'
            | '■'
            | '●'
            | '○'
            | '◦'
            | '▫'
            | '□'
            | '►'
            | '➢'
            | '✓'
            | '✔'
            | '❖'
            | '◆'
            | '◊'
            | '-'
            | '–'
            | '—'
            | '*'
            | 'o'
            | '§'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '\u{f0d8}'
            | '\u{f0fc}'
            | '\u{f076}'
            | '\u{f0a8}'
            | '\u{f02d}'
            | '\u{f0be}'
            | '\u{f0e0}'
            | '\u{f0d0}'
    ) || ('\u{f000}'..='\u{f0ff}').contains(&c)
}
