//! RTF read directly: code pages (`\ansicpg`, per-font `\fcharset`, raw 8-bit bytes, `\'hh`,
//! `\uN` with `\ucN`), the numbers the file cached (`\listtext`, `\pntext`), `\caps`, `\b`,
//! `\qc`, tables (`\intbl`, `\cell`, `\row`). Headers, footers, pictures, objects, field
//! instructions and every `\*` destination are skipped. Groups nested deeper than
//! [`MAX_DEPTH`] are read as if they were flat, so a file nested a million levels deep costs
//! no more memory than a flat one.

use std::collections::HashMap;

use encoding_rs::Encoding;

use crate::para::{Cell, ParaBuilder, SourcePara};
use crate::ImportError;

pub const MAX_DEPTH: usize = 256;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dest {
    Text,
    Skip,
    FontTable,
    /// `\listtext` / `\pntext`: the number shown before the paragraph.
    Label,
}

#[derive(Clone, Copy)]
struct State {
    dest: Dest,
    font: Option<i32>,
    uc: usize,
    caps: bool,
    bold: bool,
}

fn encoding_for_charset(charset: i32) -> Option<&'static Encoding> {
    Some(match charset {
        204 => encoding_rs::WINDOWS_1251,
        238 => encoding_rs::WINDOWS_1250,
        161 => encoding_rs::WINDOWS_1253,
        162 => encoding_rs::WINDOWS_1254,
        177 => encoding_rs::WINDOWS_1255,
        178 => encoding_rs::WINDOWS_1256,
        186 => encoding_rs::WINDOWS_1257,
        163 => encoding_rs::WINDOWS_1258,
        222 => encoding_rs::WINDOWS_874,
        128 => encoding_rs::SHIFT_JIS,
        134 => encoding_rs::GBK,
        136 => encoding_rs::BIG5,
        129 => encoding_rs::EUC_KR,
        _ => return None,
    })
}

fn encoding_for_codepage(cp: i32) -> &'static Encoding {
    match cp {
        1251 => encoding_rs::WINDOWS_1251,
        1250 => encoding_rs::WINDOWS_1250,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1257 => encoding_rs::WINDOWS_1257,
        866 => encoding_rs::IBM866,
        20866 => encoding_rs::KOI8_R,
        65001 => encoding_rs::UTF_8,
        _ => encoding_rs::WINDOWS_1252,
    }
}

struct Reader {
    ansi: &'static Encoding,
    /// Font number → its charset's encoding (`None`: the document's code page).
    fonts: HashMap<i32, Option<&'static Encoding>>,
    default_font: Option<i32>,
    font_entry: Option<i32>,
    /// 8-bit bytes waiting to be decoded, with the encoding they are in.
    bytes: Vec<u8>,
    bytes_enc: Option<&'static Encoding>,
    bytes_dest: Dest,
    para: ParaBuilder,
    label: String,
    run_caps: bool,
    run_bold: bool,
    centered: bool,
    in_table: bool,
    cell: Cell,
    tables: u32,
    table_open: bool,
    out: Vec<SourcePara>,
}

impl Reader {
    fn encoding(&self, st: &State) -> &'static Encoding {
        st.font
            .or(self.default_font)
            .and_then(|f| self.fonts.get(&f).copied().flatten())
            .unwrap_or(self.ansi)
    }

    fn flush_bytes(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let enc = self.bytes_enc.unwrap_or(self.ansi);
        let (text, _, _) = enc.decode(&self.bytes);
        let text = text.into_owned();
        self.bytes.clear();
        let dest = self.bytes_dest;
        self.emit_str(dest, &text);
    }

    fn emit_str(&mut self, dest: Dest, text: &str) {
        match dest {
            Dest::Text => self.para.push(text, self.run_caps, self.run_bold),
            Dest::Label => self.label.push_str(text),
            _ => {}
        }
    }

    fn byte(&mut self, st: &State, b: u8) {
        if st.dest != Dest::Text && st.dest != Dest::Label {
            return;
        }
        let enc = self.encoding(st);
        if !self.bytes.is_empty()
            && (self.bytes_enc != Some(enc)
                || self.bytes_dest != st.dest
                || self.run_caps != st.caps
                || self.run_bold != st.bold)
        {
            self.flush_bytes();
        }
        self.bytes_enc = Some(enc);
        self.bytes_dest = st.dest;
        self.run_caps = st.caps;
        self.run_bold = st.bold;
        self.bytes.push(b);
    }

    fn text(&mut self, st: &State, s: &str) {
        self.flush_bytes();
        self.run_caps = st.caps;
        self.run_bold = st.bold;
        self.emit_str(st.dest, s);
    }

    fn end_para(&mut self) {
        self.flush_bytes();
        let mut p = std::mem::take(&mut self.para).finish();
        let label = std::mem::take(&mut self.label);
        let label = label.trim_matches(|c: char| c.is_whitespace()).to_owned();
        if !label.is_empty() {
            p.label = Some(label);
        }
        p.centered = self.centered;
        if self.in_table {
            if !self.table_open {
                self.table_open = true;
                self.cell = Cell {
                    table: self.tables,
                    row: 0,
                    col: 0,
                };
                self.tables += 1;
            }
            p.cell = Some(self.cell);
        } else {
            self.table_open = false;
        }
        if !p.text.trim().is_empty() || p.label.is_some() {
            self.out.push(p);
        }
    }
}

/// Reads an RTF file into paragraphs.
pub fn read(bytes: &[u8]) -> Result<Vec<SourcePara>, ImportError> {
    if !bytes.starts_with(b"{\\rtf") {
        return Err(ImportError::Malformed {
            detail: "not an RTF file (it does not start with {\\rtf)".into(),
        });
    }
    let mut r = Reader {
        ansi: encoding_rs::WINDOWS_1252,
        fonts: HashMap::new(),
        default_font: None,
        font_entry: None,
        bytes: Vec::new(),
        bytes_enc: None,
        bytes_dest: Dest::Text,
        para: ParaBuilder::default(),
        label: String::new(),
        run_caps: false,
        run_bold: false,
        centered: false,
        in_table: false,
        cell: Cell::default(),
        tables: 0,
        table_open: false,
        out: Vec::new(),
    };
    let mut st = State {
        dest: Dest::Text,
        font: None,
        uc: 1,
        caps: false,
        bold: false,
    };
    let mut stack: Vec<State> = Vec::new();
    let mut flat_depth: usize = 0; // groups beyond MAX_DEPTH
    let mut skip_chars: usize = 0; // after \uN
    let mut group_start = false;
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        match b {
            b'{' => {
                r.flush_bytes();
                if stack.len() < MAX_DEPTH {
                    stack.push(st);
                } else {
                    flat_depth += 1;
                }
                group_start = true;
                skip_chars = 0;
                i += 1;
                continue;
            }
            b'}' => {
                r.flush_bytes();
                if flat_depth > 0 {
                    flat_depth -= 1;
                } else if let Some(prev) = stack.pop() {
                    if st.dest == Dest::FontTable && prev.dest != Dest::FontTable {
                        r.font_entry = None;
                    }
                    st = prev;
                }
                skip_chars = 0;
                i += 1;
                continue;
            }
            b'\\' => {
                i += 1;
                if i >= n {
                    break;
                }
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    let s = i;
                    while i < n && bytes[i].is_ascii_alphabetic() && i - s < 32 {
                        i += 1;
                    }
                    let word = std::str::from_utf8(&bytes[s..i]).unwrap_or("");
                    let mut param: Option<i32> = None;
                    let ps = i;
                    if i < n && (bytes[i] == b'-' || bytes[i].is_ascii_digit()) {
                        i += 1;
                        while i < n && bytes[i].is_ascii_digit() && i - ps < 11 {
                            i += 1;
                        }
                        param = std::str::from_utf8(&bytes[ps..i])
                            .ok()
                            .and_then(|p| p.parse::<i64>().ok())
                            .map(|v| v.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
                    }
                    if i < n && bytes[i] == b' ' {
                        i += 1;
                    }
                    let first = group_start;
                    group_start = false;
                    if skip_chars > 0 && word != "u" {
                        // A control word counts as one replacement character.
                        skip_chars -= 1;
                        continue;
                    }
                    control(&mut r, &mut st, word, param, first, &mut skip_chars);
                } else {
                    group_start = false;
                    i += 1;
                    match c {
                        b'*' => {
                            st.dest = Dest::Skip;
                        }
                        b'\'' => {
                            let hex = bytes.get(i..i + 2).unwrap_or(b"");
                            i += hex.len();
                            if skip_chars > 0 {
                                skip_chars -= 1;
                                continue;
                            }
                            if let Some(v) = std::str::from_utf8(hex)
                                .ok()
                                .and_then(|h| u8::from_str_radix(h, 16).ok())
                            {
                                r.byte(&st, v);
                            }
                        }
                        b'~' => r.text(&st, "\u{a0}"),
                        b'_' => r.text(&st, "-"),
                        b'-' => {}
                        b'\n' | b'\r' if st.dest == Dest::Text => r.end_para(),
                        b'\\' | b'{' | b'}' => {
                            if skip_chars > 0 {
                                skip_chars -= 1;
                            } else {
                                r.byte(&st, c)
                            }
                        }
                        b'\t' => r.text(&st, "\t"),
                        _ => {}
                    }
                }
                continue;
            }
            b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            _ => {
                group_start = false;
                i += 1;
                if skip_chars > 0 {
                    skip_chars -= 1;
                    continue;
                }
                if st.dest == Dest::FontTable {
                    if b == b';' {
                        r.font_entry = None;
                    }
                    continue;
                }
                r.byte(&st, b);
            }
        }
    }
    r.end_para();
    Ok(r.out)
}

fn control(
    r: &mut Reader,
    st: &mut State,
    word: &str,
    param: Option<i32>,
    first: bool,
    skip_chars: &mut usize,
) {
    let p = param.unwrap_or(1);
    match word {
        "ansicpg" => r.ansi = encoding_for_codepage(p),
        "deff" => r.default_font = Some(p),
        "fonttbl" => st.dest = Dest::FontTable,
        "f" => {
            r.flush_bytes();
            if st.dest == Dest::FontTable {
                r.font_entry = Some(p);
                r.fonts.entry(p).or_insert(None);
            } else {
                st.font = Some(p);
            }
        }
        "fcharset" => {
            if let Some(f) = r.font_entry {
                r.fonts.insert(f, encoding_for_charset(p));
            }
        }
        "colortbl" | "stylesheet" | "info" | "pict" | "object" | "header" | "headerl"
        | "headerr" | "headerf" | "footer" | "footerl" | "footerr" | "footerf" | "fldinst"
        | "footnote" | "annotation" | "listtable" | "listoverridetable" | "revtbl" | "rsidtbl"
        | "generator" | "xmlnstbl" | "themedata" | "colorschememapping" | "latentstyles"
        | "datastore" | "pnseclvl" | "pn" | "filetbl" | "bkmkstart" | "bkmkend" | "shppict"
        | "nonshppict" | "sp" | "shpinst" | "template" | "userprops" | "docvar" | "mmathPr" => {
            st.dest = Dest::Skip
        }
        "listtext" | "pntext" => {
            if st.dest != Dest::Skip {
                r.flush_bytes();
                st.dest = Dest::Label;
            }
        }
        "uc" => st.uc = p.clamp(0, 10) as usize,
        "u" => {
            let code = if p < 0 { p + 65536 } else { p } as u32;
            if let Some(c) = char::from_u32(code) {
                let mut buf = [0u8; 4];
                r.text(st, c.encode_utf8(&mut buf));
            }
            *skip_chars = st.uc;
        }
        "par" | "sect" | "page" => {
            if st.dest == Dest::Text {
                r.end_para();
            }
        }
        "line" => r.text(st, "\n"),
        "tab" => r.text(st, "\t"),
        "emdash" => r.text(st, "—"),
        "endash" => r.text(st, "–"),
        "bullet" => r.text(st, "•"),
        "lquote" => r.text(st, "‘"),
        "rquote" => r.text(st, "’"),
        "ldblquote" => r.text(st, "“"),
        "rdblquote" => r.text(st, "”"),
        "emspace" | "enspace" | "qmspace" => r.text(st, " "),
        "pard" => {
            r.centered = false;
            r.in_table = false;
        }
        "qc" => r.centered = true,
        "ql" | "qr" | "qj" => r.centered = false,
        "intbl" => r.in_table = true,
        "trowd" => {}
        "cell" | "nestcell" => {
            if st.dest == Dest::Text {
                r.in_table = true;
                r.end_para();
                r.cell.col += 1;
            }
        }
        "row" | "nestrow" => {
            r.cell.row += 1;
            r.cell.col = 0;
        }
        "plain" => {
            st.caps = false;
            st.bold = false;
        }
        "caps" => st.caps = p != 0,
        "b" => st.bold = p != 0,
        _ => {
            let _ = first;
        }
    }
    if word == "pard" && !r.in_table && r.table_open {
        // The table ends where a paragraph outside it starts; decided at the next paragraph.
    }
}
