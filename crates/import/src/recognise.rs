//! From paragraphs to a document: the header (organisation, approval, title, registration),
//! sections and their clause tree, the signatures; every paragraph accounted for in the
//! report.

use jobdoc_model::{
    Approval, Clause, Document, Employee, IsoDate, Language, Section, SectionKind, Signatory,
    MAX_CLAUSE_DEPTH,
};

use crate::para::{is_bullet_glyph, Cell, SourcePara};
use crate::report::*;
use crate::ImportOptions;

/// A number or bullet in front of a paragraph.
#[derive(Debug, Clone, PartialEq)]
enum Num {
    /// 1. / 1.2. / 1.2.3 (`paren`: «1)»).
    Decimal(Vec<u32>, bool),
    Roman(u32),
    /// а) b)
    Letter,
    Bullet,
}

/// The family a list marker belongs to, for runs of sub-items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Single,
    Paren,
    Letter,
    Bullet,
    Plain,
}

impl Num {
    fn marker(&self) -> Marker {
        match self {
            Num::Decimal(c, false) if c.len() == 1 => Marker::Single,
            Num::Decimal(_, true) => Marker::Paren,
            Num::Decimal(..) => Marker::Single,
            Num::Roman(_) => Marker::Single,
            Num::Letter => Marker::Letter,
            Num::Bullet => Marker::Bullet,
        }
    }
    fn multi(&self) -> Option<&[u32]> {
        match self {
            Num::Decimal(c, false) if c.len() >= 2 => Some(c),
            _ => None,
        }
    }
    fn top(&self) -> Option<u32> {
        match self {
            Num::Decimal(c, false) if c.len() == 1 => Some(c[0]),
            Num::Roman(n) => Some(*n),
            _ => None,
        }
    }
}

/// A paragraph (or piece) ready for recognition.
#[derive(Debug, Clone)]
struct Item {
    index: u32,
    piece: u32,
    source: String,
    /// Cleaned, without number: what goes into the document.
    text: String,
    num: Option<Num>,
    number: Option<String>,
    fixes: Vec<Fix>,
    heading: Option<u8>,
    caps: bool,
    bold: bool,
    centered: bool,
    cell: Option<Cell>,
    list_level: Option<u8>,
}

fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && crate::docx::roman(total) == s).then_some(total)
}

/// Splits a leading number or bullet off `text`: (number, its text as written, the rest).
fn split_number(text: &str) -> Option<(Num, String, &str)> {
    let t = text.trim_start();
    if is_name(t) {
        return None;
    }
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    // Bullets.
    if is_bullet_glyph(first) && first != 'o' && first != '§' {
        let rest = &t[first.len_utf8()..];
        let private = ('\u{f000}'..='\u{f0ff}').contains(&first);
        if private || rest.starts_with([' ', '\t', '\u{a0}']) || rest.is_empty() {
            return Some((Num::Bullet, first.to_string(), rest));
        }
        return None;
    }
    if first == 'o' && t[1..].starts_with(['\t']) {
        return Some((Num::Bullet, "o".into(), &t[1..]));
    }
    // Decimal: 1 / 1. / 1.2 / 1.2. / 1) ; glued «1.ОБЩИЕ».
    if first.is_ascii_digit() {
        let bytes = t.as_bytes();
        let mut i = 0;
        let mut parts = Vec::new();
        loop {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() && i - s < 4 {
                i += 1;
            }
            if i == s || i - s > 3 {
                return None;
            }
            let comp = &t[s..i];
            if comp.len() > 1 && comp.starts_with('0') {
                return None;
            }
            parts.push(comp.parse::<u32>().ok()?);
            if i < bytes.len()
                && bytes[i] == b'.'
                && i + 1 < bytes.len()
                && bytes[i + 1].is_ascii_digit()
            {
                i += 1;
                continue;
            }
            break;
        }
        if parts.len() > 6 {
            return None;
        }
        let mut dot = false;
        let mut paren = false;
        if i < bytes.len() && bytes[i] == b'.' {
            dot = true;
            i += 1;
        } else if i < bytes.len() && bytes[i] == b')' {
            paren = true;
            i += 1;
        }
        let label = t[..i].to_owned();
        let rest = &t[i..];
        let next = rest.chars().next();
        let spaced = next.is_none_or(|c| c.is_whitespace());
        let glued_ok = (dot || parts.len() >= 2)
            && next.is_some_and(|c| c.is_alphabetic() && c.is_uppercase());
        if !(spaced || glued_ok) {
            return None;
        }
        // A bare number («5 лет») is not a clause number.
        if parts.len() == 1 && !dot && !paren {
            let after = rest.trim_start();
            let looks_heading = after
                .chars()
                .filter(|c| c.is_alphabetic())
                .take(6)
                .all(|c| c.is_uppercase());
            if !looks_heading && !rest.starts_with('\t') {
                return None;
            }
        }
        if parts.len() == 1 && parts[0] > 99 {
            return None;
        }
        return Some((Num::Decimal(parts, paren), label, rest));
    }
    // Roman: I. II.
    let roman_len = t.chars().take_while(|c| "IVXLC".contains(*c)).count();
    if roman_len > 0 {
        let r = &t[..roman_len];
        let rest = &t[roman_len..];
        if let Some(v) = roman_value(r) {
            // «I.1.» : a Roman section number before decimal clause numbers (LibreOffice shows
            // Word's isLgl levels so).
            if let Some(after) = rest
                .strip_prefix('.')
                .filter(|a| a.starts_with(|c: char| c.is_ascii_digit()))
            {
                if let Some((Num::Decimal(mut parts, paren), label, tail)) = split_number(after) {
                    parts.insert(0, v);
                    return Some((Num::Decimal(parts, paren), format!("{r}.{label}"), tail));
                }
            }
            if let Some(after) = rest.strip_prefix(['.', ')']) {
                if after.starts_with(char::is_whitespace)
                    || after.chars().next().is_some_and(|c| c.is_uppercase())
                {
                    return Some((Num::Roman(v), t[..roman_len + 1].to_owned(), after));
                }
            }
        }
    }
    // Letters: а) б) a) b)
    if first.is_alphabetic() && first.is_lowercase() {
        let after = &t[first.len_utf8()..];
        if let Some(rest) = after.strip_prefix(')') {
            if rest.starts_with(char::is_whitespace) {
                return Some((Num::Letter, format!("{first})"), rest));
            }
        }
    }
    None
}

/// Spacing made plain: no tabs, no runs of spaces, trimmed lines; zero-width characters
/// removed.
fn tidy(s: &str) -> String {
    let mut lines = Vec::new();
    for line in s.split('\n') {
        let mut out = String::with_capacity(line.len());
        let mut space = false;
        for c in line.chars() {
            if matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' | '\u{2060}'
            ) {
                continue;
            }
            if c.is_whitespace() || c == '\u{a0}' {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        if !out.is_empty() {
            lines.push(out);
        }
    }
    lines.join("\n")
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// The Cyrillic letter a Latin look-alike stands for inside a Russian word («Мeнеджер»).
pub fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        _ => return None,
    })
}

/// Replaces Latin look-alike letters inside words that are otherwise Cyrillic.
fn fix_lookalikes(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut word = String::new();
    let mut flush = |word: &mut String, out: &mut String| {
        let cyr = word.chars().filter(|&c| is_cyrillic(c)).count();
        let latin: Vec<char> = word.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if cyr > 0 && !latin.is_empty() && latin.iter().all(|&c| lookalike(c).is_some()) {
            for c in word.chars() {
                out.push(lookalike(c).unwrap_or(c));
            }
            changed = true;
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    changed.then_some(out)
}

/// Normalised for comparisons: lower case, ё as е, no trailing punctuation, single spaces.
fn norm(s: &str) -> String {
    let s = s.to_lowercase().replace('ё', "е");
    let s: String = s
        .chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\u{a0}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| c.is_whitespace() || ".:;,".contains(c))
        .trim_matches(|c: char| c == '«' || c == '»' || c == '"')
        .to_owned()
}

/// Known section titles, by prefix of the normalised text.
const SECTION_TITLES: &[(&str, SectionKind)] = &[
    ("общие положения", SectionKind::General),
    ("общие сведения", SectionKind::General),
    ("общая часть", SectionKind::General),
    ("general provisions", SectionKind::General),
    ("general", SectionKind::General),
    ("introduction", SectionKind::General),
    ("overview", SectionKind::General),
    ("job summary", SectionKind::General),
    ("функциональные обязанности", SectionKind::Duties),
    ("задачи и функции", SectionKind::Functions),
    ("функции и задачи", SectionKind::Functions),
    ("основные задачи", SectionKind::Functions),
    ("основные функции", SectionKind::Functions),
    ("задачи", SectionKind::Functions),
    ("функции", SectionKind::Functions),
    ("трудовые функции", SectionKind::Functions),
    ("functions", SectionKind::Functions),
    ("main functions", SectionKind::Functions),
    ("key functions", SectionKind::Functions),
    ("job purpose", SectionKind::Functions),
    ("purpose of the role", SectionKind::Functions),
    ("должностные обязанности", SectionKind::Duties),
    ("основные обязанности", SectionKind::Duties),
    ("трудовые обязанности", SectionKind::Duties),
    ("обязанности", SectionKind::Duties),
    ("duties", SectionKind::Duties),
    ("main responsibilities", SectionKind::Duties),
    ("key responsibilities", SectionKind::Duties),
    ("responsibilities", SectionKind::Duties),
    ("key accountabilities", SectionKind::Duties),
    ("main duties", SectionKind::Duties),
    ("права и полномочия", SectionKind::Rights),
    ("права", SectionKind::Rights),
    ("полномочия", SectionKind::Rights),
    ("rights", SectionKind::Rights),
    ("authority", SectionKind::Rights),
    ("ответственность", SectionKind::Liability),
    ("liability", SectionKind::Liability),
    ("взаимоотношения", SectionKind::Relationships),
    ("связи по должности", SectionKind::Relationships),
    ("служебные отношения", SectionKind::Relationships),
    ("служебные взаимоотношения", SectionKind::Relationships),
    ("взаимодействие", SectionKind::Relationships),
    ("relationships", SectionKind::Relationships),
    ("working relationships", SectionKind::Relationships),
    ("key relationships", SectionKind::Relationships),
    ("квалификационные требования", SectionKind::Custom),
    ("требования к квалификации", SectionKind::Custom),
    ("оценка деятельности", SectionKind::Custom),
    ("оценка работы", SectionKind::Custom),
    ("критерии оценки", SectionKind::Custom),
    ("порядок пересмотра", SectionKind::Custom),
    ("заключительные положения", SectionKind::Custom),
    ("условия работы", SectionKind::Custom),
    ("режим работы", SectionKind::Custom),
    ("показатели эффективности", SectionKind::Custom),
    ("person specification", SectionKind::Custom),
    ("essential", SectionKind::Custom),
    ("desirable", SectionKind::Custom),
    ("qualifications", SectionKind::Custom),
    ("requirements", SectionKind::Custom),
    ("skills and experience", SectionKind::Custom),
    ("working conditions", SectionKind::Custom),
    ("performance criteria", SectionKind::Custom),
    ("final provisions", SectionKind::Custom),
];

/// The section a title names, and whether the title is just that name (perhaps with a word
/// or two after it).
fn section_kind(title: &str) -> Option<(SectionKind, bool)> {
    let n = norm(title);
    for &(key, kind) in SECTION_TITLES {
        if let Some(rest) = n.strip_prefix(key) {
            // A lone English word («General», «Introduction») names a section only alone:
            // «General Director» is a position.
            if !key.contains(' ') && key.is_ascii() && !rest.is_empty() {
                continue;
            }
            if rest.is_empty() || rest.starts_with([' ', ',', '(', ':', '.']) {
                let extra = rest.split_whitespace().count();
                return Some((kind, extra <= 3));
            }
        }
    }
    // Stems anywhere in a short line.
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.len() <= 4 && !n.contains('«') && !n.contains('"') {
        for w in &words {
            let kind = if w.starts_with("обязанност") {
                SectionKind::Duties
            } else if *w == "права" {
                SectionKind::Rights
            } else if w.starts_with("ответственност") {
                SectionKind::Liability
            } else if w.starts_with("функци") {
                SectionKind::Functions
            } else if w.starts_with("взаимоотношени") {
                SectionKind::Relationships
            } else {
                continue;
            };
            return Some((kind, false));
        }
    }
    None
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

fn all_caps(s: &str) -> bool {
    letters(s) >= 3
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

const MONTHS_RU: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];
const MONTHS_EN: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date written in the text: 12.03.2024, 12.03.24, «12» марта 2024 г., 12 March 2024,
/// 2024-03-12.
fn find_date(s: &str) -> Option<IsoDate> {
    let t = s.to_lowercase();
    let chars: Vec<char> = t.chars().collect();
    let n = chars.len();
    let num_at = |i: usize| -> Option<(u32, usize)> {
        let mut j = i;
        let mut v = 0u32;
        while j < n && chars[j].is_ascii_digit() && j - i < 4 {
            v = v * 10 + chars[j].to_digit(10)?;
            j += 1;
        }
        (j > i).then_some((v, j - i))
    };
    for i in 0..n {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let Some((a, la)) = num_at(i) else { continue };
        // dd.mm.yyyy
        if la <= 2 && i + la < n && matches!(chars[i + la], '.' | '/') {
            if let Some((m, lm)) = num_at(i + la + 1) {
                let k = i + la + 1 + lm;
                if lm <= 2 && k < n && chars[k] == chars[i + la] {
                    if let Some((y, ly)) = num_at(k + 1) {
                        let y = if ly == 2 { 2000 + y } else { y };
                        if ly == 2 || ly == 4 {
                            if let Ok(d) = IsoDate::new(y as u16, m as u8, a as u8) {
                                return Some(d);
                            }
                        }
                    }
                }
            }
        }
        // yyyy-mm-dd
        if la == 4 && i + 4 < n && chars[i + 4] == '-' {
            if let Some((m, 2)) = num_at(i + 5) {
                if i + 7 < n && chars[i + 7] == '-' {
                    if let Some((d, 2)) = num_at(i + 8) {
                        if let Ok(d) = IsoDate::new(a as u16, m as u8, d as u8) {
                            return Some(d);
                        }
                    }
                }
            }
        }
        // dd month yyyy
        if la <= 2 {
            let rest: String = chars[i + la..].iter().collect();
            let rest = rest.trim_start_matches(['»', '"', ' ', '\u{a0}']);
            let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            if word.len() >= 3 {
                let month = MONTHS_RU
                    .iter()
                    .position(|m| {
                        word.starts_with(m) && (m.chars().count() > 2 || word.starts_with("мая"))
                    })
                    .or_else(|| MONTHS_EN.iter().position(|m| word.starts_with(m)));
                if let Some(m) = month {
                    let after = rest[word.len()..].trim_start();
                    let y: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
                    if y.len() == 4 {
                        if let Ok(d) = IsoDate::new(y.parse().ok()?, m as u8 + 1, a as u8) {
                            return Some(d);
                        }
                    }
                }
            }
        }
    }
    None
}

/// The number after «№» (or «No.»).
fn find_number(s: &str) -> Option<String> {
    let i = s
        .find('№')
        .map(|i| i + '№'.len_utf8())
        .or_else(|| s.find("No.").map(|i| i + 3))?;
    let n: String = s[i..]
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ';')
        .collect();
    let n = n.trim_end_matches('.').to_owned();
    (!n.is_empty() && n.chars().any(|c| c.is_alphanumeric()) && !n.chars().all(|c| c == '0'))
        .then_some(n)
}

/// A blank to fill in: underscores, «__», 00.00.00 № 00, м.п.
fn is_placeholder(s: &str) -> bool {
    let low = s.to_lowercase();
    let cleaned: String = low
        .replace("м.п.", "")
        .replace("м. п.", "")
        .replace("l.s.", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let rest: String = cleaned
        .chars()
        .filter(|c| !"_«»\"'.,-/№()0123456789гgxхdmy".contains(*c))
        .collect();
    let has_blank = s.contains('_')
        || s.contains("00.00")
        || low.contains("м.п")
        || low.contains("м. п")
        || low.contains("xx.xx");
    let has_real_digits = s
        .chars()
        .any(|c| c.is_ascii_digit() && c != '0' && c != '2')
        && !s.contains('_');
    (rest.is_empty() || matches!(rest.as_str(), "от" | "dated" | "no" | "nо" | "n"))
        && has_blank
        && !has_real_digits
        || matches!(cleaned.as_str(), "м.п" | "мп" | "м.п.")
}

fn is_caption(s: &str) -> bool {
    let t = s.trim();
    if t.starts_with('(') && t.ends_with(')') && words(t) <= 8 {
        return true;
    }
    // Several bracketed captions on one line.
    let outside: String = {
        let mut depth = 0;
        t.chars()
            .filter(|&c| {
                if c == '(' {
                    depth += 1;
                    false
                } else if c == ')' {
                    depth -= 1;
                    false
                } else {
                    depth == 0
                }
            })
            .collect()
    };
    t.contains('(') && letters(&outside) == 0
}

/// Column names of an acknowledgement sheet.
fn is_sheet_header(s: &str) -> bool {
    let n = norm(s);
    let n = n.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    matches!(
        n.as_str(),
        "фио"
            | "ф.и.о"
            | "ф. и. о"
            | "подпись"
            | "дата"
            | "дата ознакомления"
            | "должность"
            | "№ п/п"
            | "п/п"
            | "№"
            | "фамилия, имя, отчество"
            | "фамилия и инициалы"
            | "name"
            | "signature"
            | "date"
            | "position"
    ) || n.starts_with("фамилия")
}

fn is_page_number(s: &str) -> bool {
    let t = s.trim().trim_matches(['-', '–', '—', ' ']);
    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let low = s.to_lowercase();
    (low.starts_with("страница ") || low.starts_with("page ") || low.starts_with("стр. "))
        && words(s) <= 4
        && s.chars().any(|c| c.is_ascii_digit())
}

fn is_source_notice(s: &str) -> bool {
    let low = s.to_lowercase();
    (low.contains("http://") || low.contains("https://") || low.contains("www.")) && words(s) <= 10
        || low.starts_with("источник:")
        || low.starts_with("source:")
        || low.contains("консультантплюс")
        || low.contains("документ предоставлен")
        || low.contains("надежная правовая поддержка")
}

/// A line of a typed table of contents: a title and a page number after a tab or a leader,
/// or a section title with the page number glued on.
fn is_toc_line(raw: &str, text: &str) -> bool {
    let n = norm(text);
    if matches!(
        n.as_str(),
        "содержание" | "оглавление" | "contents" | "table of contents"
    ) {
        return true;
    }
    let trimmed = raw.trim_end();
    let digits = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let before = &trimmed[..trimmed.len() - digits];
    let leader = before.ends_with('\t')
        || before.trim_end().ends_with("..")
        || before.trim_end().ends_with('…')
        || before.ends_with("  ");
    let title = before.trim_end_matches(['\t', '.', '…', ' ']);
    let title = split_number(title).map(|(_, _, r)| r).unwrap_or(title);
    let known = section_kind(title).is_some_and(|(_, exact)| exact);
    (leader && words(title) <= 10 && letters(title) >= 3) || (known && !before.ends_with(' '))
}

fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".;:!?)»\"".contains(c))
}

/// The kind a title line names, and the text after it (the position's title form).
fn title_line(text: &str) -> Option<&str> {
    let low = text.to_lowercase();
    for key in [
        "должностная инструкция",
        "инструкция по должности",
        "job description",
        "position description",
        "role profile",
        "role description",
    ] {
        if low.starts_with(key) {
            let rest = text
                .char_indices()
                .nth(key.chars().count())
                .map(|(i, _)| &text[i..])
                .unwrap_or("");
            return Some(rest.trim_start_matches([' ', ':', '—', '-', '–']).trim());
        }
    }
    None
}

fn is_stamp_keyword(text: &str) -> bool {
    let n = norm(text);
    let n = n.trim_start_matches(['«', '"']);
    n.starts_with("утверждаю")
        || n.starts_with("утверждена")
        || n.starts_with("утверждено")
        || n.starts_with("утвержден")
        || n == "approved"
        || n.starts_with("approved by")
        || n.starts_with("approved:")
}

fn is_visa_keyword(text: &str) -> bool {
    let n = norm(text);
    n.starts_with("согласовано") || n == "agreed" || n.starts_with("agreed by") || n == "visas"
}

fn is_ack_keyword(text: &str) -> bool {
    let n = norm(text);
    n.starts_with("с инструкцией ознакомлен")
        || n.starts_with("с должностной инструкцией ознакомлен")
        || n.starts_with("с настоящей инструкцией ознакомлен")
        || n.starts_with("с настоящей должностной инструкцией ознакомлен")
        || n.starts_with("ознакомлен")
        || n.starts_with("лист ознакомления")
        || n.starts_with("i have read")
        || n.starts_with("acknowledg")
        || n.starts_with("employee acknowledg")
}

fn is_author_keyword(text: &str) -> bool {
    let n = norm(text);
    [
        "разработал",
        "составил",
        "разработано",
        "исполнитель",
        "prepared by",
        "author",
        "drawn up by",
    ]
    .iter()
    .any(|k| n == *k || n.starts_with(&format!("{k}:")))
}

/// Initials and surname (И. О. Фамилия, Фамилия И. О., J. Smith).
fn is_name(s: &str) -> bool {
    let t = s.trim().trim_matches(['/', '(', ')', ' ']);
    let ws: Vec<&str> = t.split_whitespace().collect();
    if ws.is_empty() || ws.len() > 4 || t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // «И.», «Yu.», «Ch.», «И.О.»
    let initial = |w: &str| {
        w.split_inclusive('.').all(|part| {
            let cs: Vec<char> = part.chars().collect();
            cs.len() >= 2
                && cs.len() <= 3
                && cs[0].is_uppercase()
                && cs[cs.len() - 1] == '.'
                && cs[1..cs.len() - 1].iter().all(|c| c.is_lowercase())
        }) && w.ends_with('.')
    };
    let surname = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase())
            && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            && w.chars().count() >= 2
    };
    let inits = ws.iter().filter(|w| initial(w)).count();
    let surnames = ws.iter().filter(|w| surname(w)).count();
    inits >= 1 && surnames >= 1 && inits + surnames == ws.len()
}

/// A signature line: position and name around a run of underscores, or a name after tabs.
fn signature_parts(raw: &str) -> Option<(String, String)> {
    let has_line = raw.contains("___");
    if is_placeholder(&tidy(raw)) && tidy(raw).chars().any(|c| c != '_') {
        return None;
    }
    if has_line {
        let parts: Vec<String> = raw
            .split('_')
            .map(tidy)
            .map(|p| p.trim_matches(['/', ' ', '(', ')']).to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        if parts
            .iter()
            .any(|p| find_date(p).is_some() || is_placeholder(p))
            && parts.len() <= 1
        {
            return None;
        }
        let (pos, name) = match parts.len() {
            0 => (String::new(), String::new()),
            1 if is_name(&parts[0]) => (String::new(), parts[0].clone()),
            1 => (parts[0].clone(), String::new()),
            _ => {
                let name_i = parts.iter().rposition(|p| is_name(p));
                match name_i {
                    Some(i) => (parts[..i].join(" "), parts[i].clone()),
                    None => (parts.join(" "), String::new()),
                }
            }
        };
        return Some((pos, name));
    }
    // «Начальник отдела<tab><tab>И. О. Фамилия».
    let cols: Vec<&str> = raw
        .split(['\t'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if cols.len() >= 2 && is_name(cols[cols.len() - 1]) {
        let pos = cols[..cols.len() - 1].join(" ");
        if letters(&pos) > 0 && words(&pos) <= 12 {
            return Some((tidy(&pos), tidy(cols[cols.len() - 1])));
        }
    }
    None
}

/// Fields that «Label: value» lines fill.
fn label_field(text: &str, ru_header: bool) -> Option<(FieldName, String)> {
    let (label, value) = text.split_once(':')?;
    let value = value.trim();
    if value.is_empty() || words(label) > 4 {
        return None;
    }
    let l = norm(label);
    let field = match l.as_str() {
        "должность" | "наименование должности" | "job title" | "position" | "title" | "role" => {
            FieldName::Position
        }
        "подчиняется" | "непосредственный руководитель" | "reports to" | "line manager" => {
            FieldName::ReportsTo
        }
        "подразделение" | "структурное подразделение" | "отдел" | "department" | "division" => {
            FieldName::Department
        }
        "организация"
        | "наименование организации"
        | "organisation"
        | "organization"
        | "company"
        | "employer" => FieldName::Organisation,
        "замещает" | "замещение" | "замещает на время отсутствия" | "deputy" | "substitute" => {
            FieldName::Substitute
        }
        "место работы" | "location" | "place of work" if ru_header => FieldName::Place,
        "location" | "place of work" => FieldName::Place,
        _ => return None,
    };
    Some((field, value.to_owned()))
}

#[derive(Default)]
struct Flat {
    depth: usize,
    text: String,
    entry: usize,
}

struct Sec {
    kind: SectionKind,
    title: String,
    heading_entry: Option<usize>,
    clauses: Vec<Flat>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tail {
    None,
    Author,
    Visa,
    Ack,
}

struct Builder {
    entries: Vec<ReportEntry>,
    entry_item: Vec<usize>,
    sections: Vec<Sec>,
    preamble: Vec<Flat>,
    doc: Document,
    title_form: Option<String>,
    position_label: Option<String>,
    ack: bool,
    sheet: Vec<Employee>,
    ack_sheet: bool,
    folded: u32,
    approver_pos: Vec<String>,
    approver_name: Option<String>,
    approval_date: Option<IsoDate>,
    order: Option<(String, Option<IsoDate>)>,
}

impl Builder {
    fn entry(&mut self, item: &Item, i: usize, became: Became, reason: Reason) -> usize {
        self.entries.push(ReportEntry {
            index: item.index,
            piece: item.piece,
            source: item.source.clone(),
            number: item.number.clone(),
            became,
            reason,
            fixes: item.fixes.clone(),
        });
        self.entry_item.push(i);
        self.entries.len() - 1
    }

    fn field(&mut self, item: &Item, i: usize, field: FieldName, value: &str, reason: Reason) {
        let value = value.trim().to_owned();
        let o = &mut self.doc.organisation;
        let p = &mut self.doc.position;
        let append = |slot: &mut String, v: &str| {
            if slot.is_empty() {
                *slot = v.to_owned();
            } else {
                slot.push(' ');
                slot.push_str(v);
            }
        };
        match field {
            FieldName::Organisation => append(&mut o.name, &value),
            FieldName::OrganisationShort => o.short_name = value,
            FieldName::Department => append(&mut o.department, &value),
            FieldName::Place => o.place = value,
            FieldName::Position => {
                if p.name.is_empty() {
                    self.position_label = Some(value.clone());
                    p.name = value
                }
            }
            FieldName::PositionTitle => append(&mut p.title_form, &value),
            FieldName::ReportsTo => p.reports_to = value,
            FieldName::Substitute => p.substitute = value,
            FieldName::RegistrationDate => self.doc.registration.date = find_date(&value),
            FieldName::RegistrationNumber => self.doc.registration.number = value,
            FieldName::ApproverPosition => self.approver_pos.push(value),
            FieldName::ApproverName => self.approver_name = Some(value),
            FieldName::ApprovalDate => self.approval_date = find_date(&value),
            FieldName::OrderNumber | FieldName::OrderDate => {}
        }
        self.entry(item, i, Became::Field { field }, reason);
    }

    fn drop(&mut self, item: &Item, i: usize, reason: Reason) {
        self.entry(item, i, Became::Dropped, reason);
    }
}

fn prepare(paras: &[SourcePara]) -> (Vec<Item>, u32) {
    let mut items = Vec::new();
    let mut empty = 0;
    for (index, p) in paras.iter().enumerate() {
        let source = p.text.clone();
        if tidy(&source).is_empty() {
            empty += 1;
            continue;
        }
        for (piece, part) in split_pasted(&source).into_iter().enumerate() {
            items.push(make_item(p, index as u32, piece as u32, &part, piece == 0));
        }
    }
    (items, empty)
}

fn make_item(p: &SourcePara, index: u32, piece: u32, raw: &str, first: bool) -> Item {
    let mut fixes = Vec::new();
    if raw.contains('\u{ad}') {
        fixes.push(Fix::SoftHyphens);
    }
    let mut label = if first { p.label.clone() } else { None };
    let mut num = label.as_deref().and_then(|l| {
        let probe = format!("{l} x");
        split_number(&probe).map(|(n, _, _)| n).or_else(|| {
            l.chars()
                .next()
                .filter(|c| is_bullet_glyph(*c) || !c.is_alphanumeric())
                .map(|_| Num::Bullet)
        })
    });
    if label.is_some() && num.is_none() {
        // An odd list label («Раздел 1», «Статья 2.»): keep it in the text.
        label = None;
    }
    let mut text = raw.trim_start().to_owned();
    if let Some((n, typed, rest)) = split_number(&text) {
        let typed_wins = num
            .as_ref()
            .is_none_or(|ln| !matches!(n, Num::Bullet) || matches!(ln, Num::Bullet));
        if typed_wins {
            label = Some(match label {
                Some(l) => format!("{l} {typed}"),
                None => typed,
            });
            num = Some(n);
            text = rest.to_owned();
        }
    }
    let mut text = tidy(&text);
    if let Some(fixed) = fix_lookalikes(&text) {
        text = fixed;
        fixes.push(Fix::LatinLookalikes);
    }
    Item {
        index,
        piece,
        source: raw.to_owned(),
        text,
        num,
        number: label,
        fixes,
        heading: p.heading,
        caps: p.caps || all_caps(raw),
        bold: p.bold,
        centered: p.centered,
        cell: p.cell,
        list_level: p.list_level,
    }
}

/// A paragraph that holds a whole document (text pasted with its line breaks lost) is split
/// before each clause number and before the title, stamp and signature words.
fn split_pasted(s: &str) -> Vec<String> {
    // Past 256 KB a paragraph is kept whole (bounds the work on hostile input).
    if s.len() > 256 << 10 || s.chars().count() < 300 {
        return vec![s.to_owned()];
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut cuts = Vec::new();
    let keywords = [
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
        "УТВЕРЖДАЮ",
        "СОГЛАСОВАНО",
        "С инструкцией ознакомлен",
        "С должностной инструкцией ознакомлен",
    ];
    for (k, &(i, c)) in chars.iter().enumerate() {
        if k == 0 {
            continue;
        }
        let prev = chars[k - 1].1;
        if !prev.is_whitespace() {
            continue;
        }
        let before = s[..i].trim_end();
        let rest = &s[i..];
        let place = cuts.len() <= 2
            && rest.starts_with("г. ")
            && rest[4..].chars().next().is_some_and(char::is_uppercase);
        if keywords.iter().any(|kw| rest.starts_with(kw)) || place {
            cuts.push(i);
            continue;
        }
        if !c.is_ascii_digit() {
            continue;
        }
        let low_before = before
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        if [
            "п.",
            "пп.",
            "пункт",
            "пунктом",
            "пунктами",
            "раздел",
            "разделом",
            "ст.",
            "статьи",
            "статьей",
            "section",
            "clause",
            "№",
            "от",
            "до",
            "и",
            "или",
            ",",
        ]
        .iter()
        .any(|w| low_before == *w || (w.ends_with('.') && low_before.ends_with(w)))
        {
            continue;
        }
        if let Some((num, _, after)) = split_number(rest) {
            let next_upper = after
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase());
            let ok = match &num {
                Num::Decimal(parts, false) if parts.len() >= 2 => true,
                Num::Decimal(_, false) => {
                    let heading = after
                        .split_whitespace()
                        .take(2)
                        .all(|w| all_caps(w) || letters(w) == 0);
                    next_upper && (before.ends_with(['.', ';', ':', '!', '?']) || heading)
                }
                _ => false,
            };
            if ok {
                cuts.push(i);
            }
        }
    }
    if cuts.len() < 3 {
        return vec![s.to_owned()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        let piece = s[start..c].trim();
        if !piece.is_empty() {
            out.push(piece.to_owned());
        }
        start = c;
    }
    out.push(s[start..].trim().to_owned());
    out
}

/// Whether `item` is a section heading, and of which kind.
fn heading_of(item: &Item) -> Option<SectionKind> {
    let t = &item.text;
    if t.is_empty() || t.chars().count() > 90 || words(t) > 10 || t.ends_with([';', ',']) {
        return None;
    }
    if item.num.as_ref().is_some_and(|n| {
        n.multi().is_some() || matches!(n, Num::Bullet | Num::Letter | Num::Decimal(_, true))
    }) {
        return None;
    }
    if t.contains('\n') || letters(t) < 3 {
        return None;
    }
    let top = item.num.as_ref().and_then(Num::top).is_some();
    let look = item.heading.is_some() || item.caps || item.bold || item.centered;
    match section_kind(t) {
        Some((kind, exact)) => {
            if t.ends_with('.') && !exact {
                None
            } else if (exact && !t.ends_with('.')) || look || top {
                Some(kind)
            } else {
                None
            }
        }
        None => {
            let strong = item.heading.is_some()
                || (item.caps && words(t) >= 1)
                || (item.bold && item.centered);
            let plain_heading =
                strong && !t.ends_with(['.', ':']) && words(t) <= 8 && letters(t) >= 4;
            if plain_heading || (top && item.caps && !t.ends_with('.')) {
                Some(SectionKind::Custom)
            } else {
                None
            }
        }
    }
}

fn detect_language(items: &[Item]) -> Language {
    let mut cyr = 0usize;
    let mut lat = 0usize;
    for it in items {
        for c in it.text.chars() {
            if is_cyrillic(c) {
                cyr += 1;
            } else if c.is_ascii_alphabetic() {
                lat += 1;
            }
        }
    }
    if cyr >= lat {
        Language::Ru
    } else {
        Language::En
    }
}

fn is_dept(s: &str) -> bool {
    let n = norm(s);
    [
        "отдел",
        "управлени",
        "служба",
        "департамент",
        "сектор",
        "цех",
        "филиал",
        "лаборатори",
        "бюро",
        "department",
        "division",
        "team",
        "unit",
    ]
    .iter()
    .any(|k| n.split_whitespace().any(|w| w.starts_with(k)))
}

fn is_short_org(s: &str) -> bool {
    let t = s.trim();
    [
        "ООО ",
        "АО ",
        "ПАО ",
        "ЗАО ",
        "ОАО ",
        "ГУП ",
        "МУП ",
        "ФГУП ",
        "ИП ",
        "ГБУ ",
        "МБУ ",
        "АНО ",
        "НКО ",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        && words(t) <= 6
}

fn is_place(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with("г. ")
        || t.starts_with("г.") && t.chars().nth(2).is_some_and(|c| c.is_uppercase())
        || t.starts_with("город "))
        && words(t) <= 4
}

pub fn recognise(paras: &[SourcePara], options: &ImportOptions) -> (Document, ImportReport) {
    let (items, empty) = prepare(paras);
    let language = options.language.unwrap_or_else(|| detect_language(&items));
    let mut doc = Document::blank(language, &options.id, options.now);
    doc.sections.clear();
    doc.acknowledgement.mark = false;
    doc.acknowledgement.sheet = None;
    let mut b = Builder {
        entries: Vec::new(),
        entry_item: Vec::new(),
        sections: Vec::new(),
        preamble: Vec::new(),
        doc,
        title_form: None,
        position_label: None,
        ack: false,
        sheet: Vec::new(),
        ack_sheet: false,
        folded: 0,
        approver_pos: Vec::new(),
        approver_name: None,
        approval_date: None,
        order: None,
    };

    // Where the body starts: the first heading or multi-level clause number that is not a
    // line of a table of contents.
    let toc: Vec<bool> = items
        .iter()
        .map(|it| is_toc_line(&it.source, &it.text))
        .collect();
    let first_multi = items
        .iter()
        .position(|it| it.num.as_ref().is_some_and(|n| n.multi().is_some()))
        .unwrap_or(items.len());
    let after_title = items
        .iter()
        .take(first_multi.min(40))
        .position(|it| title_line(&it.text).is_some())
        .map_or(0, |t| t + 1);
    let body_start = items
        .iter()
        .enumerate()
        .position(|(i, it)| {
            i >= after_title
                && !toc[i]
                && (heading_of(it).is_some_and(|k| k != SectionKind::Custom || it.num.is_some())
                    || it.num.as_ref().is_some_and(|n| n.multi().is_some()))
        })
        .unwrap_or_else(|| {
            // No sections: the header ends after the title line (and its title form).
            items
                .iter()
                .position(|it| title_line(&it.text).is_some())
                .map(|t| {
                    let rest_empty = title_line(&items[t].text).is_some_and(str::is_empty);
                    t + 1 + usize::from(rest_empty && t + 1 < items.len())
                })
                .unwrap_or(0)
        });

    header(&mut b, &items, body_start, &toc);
    body(&mut b, &items, body_start, &toc);
    let (doc, mut report) = finish(b, language);
    report.empty_paragraphs = empty;
    (doc, report)
}

fn header(b: &mut Builder, items: &[Item], end: usize, toc: &[bool]) {
    // Tab-aligned two-column lines are read as two columns: the left one first.
    let mut order: Vec<(usize, String, u8)> = Vec::new(); // (item, text, column)
    let mut right: Vec<(usize, String, u8)> = Vec::new();
    for (i, it) in items.iter().enumerate().take(end) {
        // Lines of one paragraph (a <br> or a soft line break) are read one by one.
        if it.text.contains('\n') && it.number.is_none() {
            for line in it.source.split('\n') {
                let t = tidy(line);
                if !t.is_empty() {
                    order.push((i, t, 0));
                }
            }
            continue;
        }
        let indented = it.source.starts_with("\t\t") || it.source.starts_with("    ");
        if indented && it.cell.is_none() && it.number.is_none() {
            right.push((i, it.text.clone(), 1));
            continue;
        }
        let cols: Vec<&str> = it
            .source
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let runs = it.source.contains("\t\t") || it.source.contains("    ");
        if cols.len() >= 2
            && (runs || cols.iter().any(|c| is_stamp_keyword(c)))
            && it.number.is_none()
        {
            order.push((i, tidy(cols[0]), 0));
            right.push((i, tidy(&cols[1..].join(" ")), 1));
        } else if it.cell.is_some_and(|c| c.col > 0) {
            right.push((
                i,
                it.text.clone(),
                2 + it.cell.map_or(0, |c| c.col.min(100) as u8),
            ));
        } else {
            order.push((i, it.text.clone(), 0));
        }
    }
    // Right-hand columns of the same block follow the left ones.
    order.extend(right);
    let mut seen_title = false;
    let mut title_cell: Option<Cell> = None;
    let mut stamp: Option<(u8, Option<u32>)> = None; // (column, table)
    let mut stamp_done = false;
    let mut expect_title_form = false;
    let mut piece_of: std::collections::HashMap<usize, u32> = Default::default();
    for (i, text, col) in order {
        let it = &items[i];
        let piece = piece_of.entry(i).or_insert(0);
        let mut item = it.clone();
        item.piece = it.piece + *piece;
        *piece += 1;
        if text != it.text {
            item.text = text.clone();
        }
        let text = item.text.clone();
        if text.is_empty() {
            continue;
        }
        if toc[i] {
            b.drop(&item, i, Reason::TableOfContents);
            continue;
        }
        if is_page_number(&text) {
            b.drop(&item, i, Reason::PageNumber);
            continue;
        }
        if is_source_notice(&text) {
            b.drop(&item, i, Reason::SourceNotice);
            continue;
        }
        // The stamp.
        if is_stamp_keyword(&text) {
            let n = norm(&text);
            let rest_order = n.contains("приказ") || n.contains("order");
            if rest_order
                || n.starts_with("утвержден")
                    && !n.starts_with("утверждаю")
                    && (find_number(&text).is_some() || find_date(&text).is_some())
            {
                b.order = Some((find_number(&text).unwrap_or_default(), find_date(&text)));
                b.entry(
                    &item,
                    i,
                    Became::Field {
                        field: FieldName::OrderNumber,
                    },
                    Reason::ApprovalOrder,
                );
            } else {
                b.entry(
                    &item,
                    i,
                    Became::Field {
                        field: FieldName::ApproverPosition,
                    },
                    Reason::StampLine,
                );
                // «УТВЕРЖДАЮ Генеральный директор …» on one line.
                let tail = text
                    .split_once(char::is_whitespace)
                    .map(|(_, r)| r.trim().to_owned())
                    .unwrap_or_default();
                if !tail.is_empty() && !n.starts_with("approved by") {
                    b.approver_pos.push(tail);
                } else if let Some(r) = text.strip_prefix("Approved by") {
                    let r = r.trim_start_matches([':', ' ']);
                    if !r.is_empty() {
                        b.approver_pos.push(r.to_owned());
                    }
                }
            }
            stamp = Some((col, it.cell.map(|c| c.table)));
            continue;
        }
        if let Some((scol, stable)) = stamp {
            let same_block = if stable.is_some() {
                it.cell.map(|c| c.table) == stable && col == scol
            } else {
                col == scol && it.cell.is_none()
            };
            if same_block && !stamp_done && title_line(&text).is_none() {
                let n = norm(&text);
                if b.order.is_some() || n.starts_with("приказ") {
                    let number = find_number(&text);
                    let date = find_date(&text);
                    let prev = b.order.take().unwrap_or_default();
                    b.order = Some((number.unwrap_or(prev.0), date.or(prev.1)));
                    b.entry(
                        &item,
                        i,
                        Became::Field {
                            field: FieldName::OrderNumber,
                        },
                        Reason::ApprovalOrder,
                    );
                    continue;
                }
                if let Some(d) = find_date(&text) {
                    let _ = d;
                    b.field(&item, i, FieldName::ApprovalDate, &text, Reason::StampLine);
                    stamp_done = true;
                    continue;
                }
                if is_placeholder(&text) {
                    b.drop(&item, i, Reason::Placeholder);
                    if text.contains('«') || text.contains("20") {
                        stamp_done = true;
                    }
                    continue;
                }
                if is_caption(&text) {
                    b.drop(&item, i, Reason::Caption);
                    continue;
                }
                if let Some((pos, name)) = signature_parts(&it.source.replace('\t', " ")) {
                    if !pos.is_empty() {
                        b.approver_pos.push(pos);
                    }
                    if !name.is_empty() {
                        b.approver_name = Some(name);
                    }
                    b.entry(
                        &item,
                        i,
                        Became::Field {
                            field: FieldName::ApproverName,
                        },
                        Reason::StampLine,
                    );
                    continue;
                }
                if is_name(&text) {
                    b.field(&item, i, FieldName::ApproverName, &text, Reason::StampLine);
                    continue;
                }
                if b.approver_name.is_none() && words(&text) <= 12 {
                    b.field(
                        &item,
                        i,
                        FieldName::ApproverPosition,
                        &text,
                        Reason::StampLine,
                    );
                    continue;
                }
            }
            if !same_block {
                stamp_done = true;
            }
        }
        if let Some(rest) = title_line(&text) {
            seen_title = true;
            title_cell = it.cell;
            let rest = rest.trim_end_matches('.').to_owned();
            if rest.is_empty() {
                b.entry(&item, i, Became::Title, Reason::TitleLine);
                expect_title_form = true;
            } else {
                b.title_form = Some(rest.clone());
                b.entry(&item, i, Became::Title, Reason::TitleLine);
            }
            continue;
        }
        let requisite = is_placeholder(&text)
            || is_place(&text)
            || text.contains('№')
            || text.contains("No.")
            || is_stamp_keyword(&text)
            || (title_cell.is_some() && it.cell == title_cell)
            || label_field(&text, true).is_some();
        if expect_title_form && !requisite {
            expect_title_form = false;
            if words(&text) <= 12 && !ends_sentence(&text) {
                b.title_form = Some(text.clone());
                b.entry(
                    &item,
                    i,
                    Became::Field {
                        field: FieldName::PositionTitle,
                    },
                    Reason::TitleLine,
                );
                continue;
            }
        }
        if let Some((field, value)) = label_field(&text, true) {
            b.field(&item, i, field, &value, Reason::LabelValue);
            continue;
        }
        if text.contains('№') || (find_date(&text).is_some() && words(&text) <= 4) {
            if is_placeholder(&text) {
                b.drop(&item, i, Reason::Placeholder);
                continue;
            }
            b.doc.registration.date = find_date(&text);
            if let Some(n) = find_number(&text) {
                b.doc.registration.number = n;
            }
            b.entry(
                &item,
                i,
                Became::Field {
                    field: FieldName::RegistrationNumber,
                },
                Reason::RegistrationLine,
            );
            continue;
        }
        if is_placeholder(&text) {
            b.drop(&item, i, Reason::Placeholder);
            continue;
        }
        let english_place = b.doc.language == Language::En
            && seen_title
            && words(&text) <= 3
            && !text.chars().any(|c| c.is_ascii_digit())
            && !ends_sentence(&text)
            && text
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && b.doc.organisation.place.is_empty()
            && (title_cell.is_none() || it.cell == title_cell);
        if is_place(&text) || english_place {
            b.field(&item, i, FieldName::Place, &text, Reason::HeaderLine);
            continue;
        }
        if !seen_title && words(&text) <= 20 {
            let org = b.doc.organisation.name.clone();
            if is_dept(&text) && !org.is_empty() {
                b.field(&item, i, FieldName::Department, &text, Reason::HeaderLine);
            } else if org.is_empty() {
                b.field(&item, i, FieldName::Organisation, &text, Reason::HeaderLine);
            } else if text.starts_with('(')
                && text.ends_with(')')
                && b.doc.organisation.short_name.is_empty()
            {
                let inner = text[1..text.len() - 1].to_owned();
                b.field(
                    &item,
                    i,
                    FieldName::OrganisationShort,
                    &inner,
                    Reason::HeaderLine,
                );
            } else if text.starts_with(['«', '"', '(']) {
                b.field(&item, i, FieldName::Organisation, &text, Reason::HeaderLine);
            } else if is_short_org(&text) && b.doc.organisation.short_name.is_empty() {
                b.field(
                    &item,
                    i,
                    FieldName::OrganisationShort,
                    &text,
                    Reason::HeaderLine,
                );
            } else if b.doc.organisation.department.is_empty() {
                b.field(&item, i, FieldName::Department, &text, Reason::HeaderLine);
            } else {
                b.field(&item, i, FieldName::Organisation, &text, Reason::HeaderLine);
            }
            continue;
        }
        // Text after the title that is no requisite: a clause of the first section.
        let e = b.entry(
            &item,
            i,
            Became::Clause {
                section: 0,
                path: vec![],
                depth: 1,
            },
            Reason::Preamble,
        );
        b.preamble.push(Flat {
            depth: 1,
            text: text.clone(),
            entry: e,
        });
    }
}

fn body(b: &mut Builder, items: &[Item], start: usize, toc: &[bool]) {
    let mut sec_num: Option<u32> = None;
    let mut top_single = false;
    let mut sublist: Option<(Marker, usize, u8)> = None; // marker, depth, base list level
    let mut tail = Tail::None;
    let mut visa_open = false;
    let mut prev_text: Option<String> = None;
    for i in start..items.len() {
        let item = &items[i];
        let text = item.text.clone();
        if text.is_empty() {
            continue;
        }
        if toc[i] && b.sections.is_empty() {
            b.drop(item, i, Reason::TableOfContents);
            continue;
        }
        if is_page_number(&text) && item.num.is_none() {
            b.drop(item, i, Reason::PageNumber);
            continue;
        }
        if is_source_notice(&text) && item.num.is_none() {
            b.drop(item, i, Reason::SourceNotice);
            continue;
        }
        if prev_text.as_deref() == Some(text.as_str()) && letters(&text) > 10 {
            b.drop(item, i, Reason::Duplicate);
            continue;
        }
        prev_text = Some(text.clone());

        // Signatures and acknowledgement.
        if is_ack_keyword(&text) {
            tail = Tail::Ack;
            b.ack = true;
            if norm(&text).starts_with("лист ознакомления") {
                b.ack_sheet = true;
            }
            b.entry(
                item,
                i,
                Became::Acknowledgement,
                Reason::AcknowledgementBlock,
            );
            // «Ознакомлен: ____ И. О. Фамилия».
            if let Some((_, name)) = signature_parts(&item.source) {
                if !name.is_empty() {
                    b.sheet.push(Employee {
                        name,
                        position: String::new(),
                    });
                }
            }
            continue;
        }
        if is_visa_keyword(&text) {
            tail = Tail::Visa;
            visa_open = false;
            let idx = b.doc.signatures.visas.len() as u32;
            b.entry(
                item,
                i,
                Became::Signature {
                    role: SignatureRole::Visa,
                    index: idx,
                },
                Reason::VisaBlock,
            );
            continue;
        }
        if is_author_keyword(&text) {
            tail = Tail::Author;
            let idx = 0;
            b.entry(
                item,
                i,
                Became::Signature {
                    role: SignatureRole::Author,
                    index: idx,
                },
                Reason::SignatureLine,
            );
            let after = text
                .split_once(':')
                .map(|(_, r)| r.trim().to_owned())
                .unwrap_or_default();
            if !after.is_empty() {
                b.doc.signatures.author.position = after;
            }
            continue;
        }
        let in_tail = tail != Tail::None;
        let numbered_clause = item.num.as_ref().is_some_and(|n| !matches!(n, Num::Bullet));
        if in_tail
            && (numbered_clause || heading_of(item).is_some_and(|k| k != SectionKind::Custom))
        {
            tail = Tail::None;
        }
        let sig = signature_parts(&item.source);
        if tail != Tail::None || sig.is_some() {
            let entering = tail == Tail::None;
            if entering {
                tail = Tail::Author;
            }
            if tail == Tail::Ack
                && (norm(&text).contains("инструкци") || norm(&text).contains("job description"))
                && sig.is_none()
            {
                b.entry(
                    item,
                    i,
                    Became::Acknowledgement,
                    Reason::AcknowledgementBlock,
                );
                continue;
            }
            if is_caption(&text) || (tail == Tail::Ack && is_sheet_header(&text)) {
                b.drop(item, i, Reason::Caption);
                continue;
            }
            if sig.is_none()
                && (is_placeholder(&text) || find_date(&text).is_some() && words(&text) <= 5)
            {
                b.drop(
                    item,
                    i,
                    if is_placeholder(&text) {
                        Reason::Placeholder
                    } else {
                        Reason::SignatureDate
                    },
                );
                continue;
            }
            let (pos, name) = match sig {
                Some(p) => p,
                None if is_name(&text) => (String::new(), text.clone()),
                None if words(&text) <= 14 => (text.clone(), String::new()),
                None => {
                    tail = Tail::None;
                    (String::new(), String::new())
                }
            };
            if tail == Tail::Author
                && entering
                && b.doc.signatures.author.position.is_empty()
                && pos.is_empty()
            {
                retro_position(b, items);
            }
            if tail != Tail::None {
                if pos.is_empty() && name.is_empty() {
                    b.drop(item, i, Reason::Placeholder);
                    continue;
                }
                let role = match tail {
                    Tail::Ack => SignatureRole::Acknowledgement,
                    Tail::Visa => SignatureRole::Visa,
                    _ if b.doc.signatures.author.name.is_empty() => SignatureRole::Author,
                    _ => SignatureRole::Visa,
                };
                let index = match role {
                    SignatureRole::Author => {
                        let a = &mut b.doc.signatures.author;
                        if !pos.is_empty() {
                            if a.position.is_empty() || !a.name.is_empty() {
                                a.position = pos;
                            } else {
                                a.position.push(' ');
                                a.position.push_str(&pos);
                            }
                        }
                        if !name.is_empty() {
                            a.name = name;
                        }
                        0
                    }
                    SignatureRole::Visa => {
                        let visas = &mut b.doc.signatures.visas;
                        let open = visa_open && visas.last().is_some_and(|v| v.name.is_empty());
                        if !open {
                            visas.push(Signatory::default());
                        }
                        let v = visas.last_mut().expect("pushed");
                        if !pos.is_empty() {
                            if v.position.is_empty() {
                                v.position = pos;
                            } else {
                                v.position.push(' ');
                                v.position.push_str(&pos);
                            }
                        }
                        if !name.is_empty() {
                            v.name = name;
                            visa_open = false;
                        } else {
                            visa_open = true;
                        }
                        (visas.len() - 1) as u32
                    }
                    SignatureRole::Acknowledgement => {
                        b.sheet.push(Employee {
                            name: if name.is_empty() { pos.clone() } else { name },
                            position: if pos.is_empty() { String::new() } else { pos },
                        });
                        b.ack_sheet = true;
                        (b.sheet.len() - 1) as u32
                    }
                };
                b.entry(
                    item,
                    i,
                    Became::Signature { role, index },
                    Reason::SignatureLine,
                );
                continue;
            }
        }

        // Headings.
        if let Some(kind) = heading_of(item) {
            let used = b
                .sections
                .iter()
                .any(|s| s.kind == kind && kind != SectionKind::Custom);
            let kind = if used { SectionKind::Custom } else { kind };
            let default_ru = kind.default_title(Language::Ru);
            let default_en = kind.default_title(Language::En);
            let title = if kind != SectionKind::Custom
                && (norm(&text) == norm(default_ru) || norm(&text) == norm(default_en))
            {
                String::new()
            } else {
                text.trim_end_matches(['.', ':']).to_owned()
            };
            let e = b.entry(
                item,
                i,
                Became::Heading {
                    section: 0,
                    section_kind: kind,
                },
                if section_kind(&text).is_some() {
                    Reason::KnownSectionTitle
                } else {
                    Reason::HeadingLook
                },
            );
            b.sections.push(Sec {
                kind,
                title,
                heading_entry: Some(e),
                clauses: Vec::new(),
            });
            sec_num = item.num.as_ref().and_then(Num::top);
            top_single = false;
            sublist = None;
            continue;
        }

        // Label lines anywhere (profile documents).
        if item.num.is_none() {
            if let Some((field, value)) = label_field(&text, false) {
                let empty = match field {
                    FieldName::Position => b.doc.position.name.is_empty(),
                    FieldName::ReportsTo => b.doc.position.reports_to.is_empty(),
                    FieldName::Department => b.doc.organisation.department.is_empty(),
                    FieldName::Organisation => b.doc.organisation.name.is_empty(),
                    FieldName::Substitute => b.doc.position.substitute.is_empty(),
                    FieldName::Place => b.doc.organisation.place.is_empty(),
                    _ => false,
                };
                if empty {
                    b.field(item, i, field, &value, Reason::LabelValue);
                    continue;
                }
            }
        }

        // Clauses.
        if b.sections.is_empty() {
            b.sections.push(Sec {
                kind: SectionKind::General,
                title: String::new(),
                heading_entry: None,
                clauses: Vec::new(),
            });
        }
        let sec = b.sections.last_mut().expect("a section");
        let last = sec.clauses.last();
        let last_depth = last.map_or(0, |c| c.depth);
        let last_colon = last.is_some_and(|c| c.text.trim_end().ends_with(':'));
        // A line continuing the clause before it.
        if item.num.is_none() {
            if let Some(last) = sec.clauses.last_mut() {
                let same_cell = items[b.entry_item[last.entry]]
                    .cell
                    .map(|c| (c.table, c.row, c.col))
                    == item.cell.map(|c| (c.table, c.row, c.col));
                let hyphen = last.text.ends_with('-')
                    && last
                        .text
                        .chars()
                        .rev()
                        .nth(1)
                        .is_some_and(|c| c.is_alphabetic());
                if same_cell && starts_lower(&text) && !ends_sentence(&last.text) && !last_colon {
                    if hyphen {
                        last.text.pop();
                        last.text.push_str(&text);
                    } else {
                        last.text.push(' ');
                        last.text.push_str(&text);
                    }
                    let e = last.entry;
                    let became = Became::Clause {
                        section: 0,
                        path: vec![],
                        depth: 0,
                    };
                    let en = b.entry(item, i, became, Reason::Continuation);
                    if hyphen {
                        b.entries[en].fixes.push(Fix::Dehyphenated);
                    }
                    // Points at the clause it joined: resolved in `finish`.
                    b.entries[en].index = item.index;
                    b.entry_item[en] = usize::MAX - e;
                    continue;
                }
            }
        }
        let mut reason = Reason::NumberDepth;
        let marker = item.num.as_ref().map_or(Marker::Plain, Num::marker);
        let level = item.list_level.unwrap_or(0);
        let mut depth = match &item.num {
            Some(n) if n.multi().is_some() => {
                sublist = None;
                let c = n.multi().expect("multi");
                let first_matches = sec_num.is_none_or(|s| s == c[0]);
                if top_single && (sec_num.is_none() || !first_matches) {
                    c.len()
                } else {
                    c.len() - 1
                }
            }
            Some(Num::Decimal(_, false)) | Some(Num::Roman(_))
                if sublist.is_none_or(|s| s.0 != Marker::Single)
                    && !(last_colon && !top_single && last_depth > 0) =>
            {
                top_single = true;
                sublist = None;
                1
            }
            _ => {
                reason = if marker == Marker::Plain {
                    Reason::Unnumbered
                } else {
                    Reason::ListItem
                };
                match sublist {
                    Some((m, d, base))
                        if m == marker && !(last_colon && marker == Marker::Plain) =>
                    {
                        d + usize::from(level.saturating_sub(base))
                    }
                    _ if last_colon => {
                        reason = Reason::AfterColon;
                        let d = last_depth + 1;
                        sublist = Some((marker, d, level));
                        d
                    }
                    Some((m, d, _)) if marker == Marker::Plain && m != Marker::Plain => {
                        sublist = None;
                        d.saturating_sub(1).max(1)
                    }
                    _ if marker == Marker::Plain => last_depth.max(1),
                    _ if last_depth > 0 && marker != Marker::Single => {
                        let d = last_depth + 1;
                        sublist = Some((marker, d, level));
                        d
                    }
                    _ => {
                        sublist = Some((marker, 1, level));
                        1
                    }
                }
            }
        };
        if depth == 0 {
            depth = 1;
        }
        if depth > last_depth + 1 {
            depth = last_depth + 1;
        }
        if depth > MAX_CLAUSE_DEPTH {
            depth = MAX_CLAUSE_DEPTH;
            reason = Reason::FoldedDeeper;
            b.folded += 1;
        }
        let e = b.entry(
            item,
            i,
            Became::Clause {
                section: 0,
                path: vec![],
                depth: depth as u32,
            },
            reason,
        );
        let sec = b.sections.last_mut().expect("a section");
        sec.clauses.push(Flat {
            depth,
            text,
            entry: e,
        });
    }
}

/// A position typed on the line before a bare signature line was taken for a clause: it
/// becomes the author's position.
fn retro_position(b: &mut Builder, items: &[Item]) {
    let Some(sec) = b.sections.last_mut() else {
        return;
    };
    let Some(last) = sec.clauses.last() else {
        return;
    };
    let e = last.entry;
    let it = &items[b.entry_item[e]];
    if it.num.is_none()
        && !ends_sentence(&last.text)
        && words(&last.text) <= 12
        && e + 1 == b.entries.len()
    {
        let last = sec.clauses.pop().expect("checked");
        b.doc.signatures.author.position = last.text;
        b.entries[e].became = Became::Signature {
            role: SignatureRole::Author,
            index: 0,
        };
        b.entries[e].reason = Reason::SignatureLine;
    }
}

/// Appends `clause` at `depth` (1 = a top clause) under the last clause of each level above;
/// where a level has no clause yet it goes that high instead. Returns the path it got.
pub(crate) fn append_at_depth(roots: &mut Vec<Clause>, depth: usize, clause: Clause) -> Vec<u32> {
    let mut path: Vec<u32> = Vec::new();
    let mut level = roots;
    for _ in 1..depth {
        if level.is_empty() {
            break;
        }
        let n = level.len() - 1;
        path.push(n as u32);
        level = &mut level[n].children;
    }
    path.push(level.len() as u32);
    level.push(clause);
    path
}

fn tree(flat: &[Flat], section: u32, entries: &mut [ReportEntry]) -> Vec<Clause> {
    let mut roots: Vec<Clause> = Vec::new();
    for f in flat {
        let path = append_at_depth(&mut roots, f.depth, Clause::new(f.text.clone()));
        let depth = path.len() as u32;
        entries[f.entry].became = Became::Clause {
            section,
            path,
            depth,
        };
    }
    roots
}

fn finish(mut b: Builder, language: Language) -> (Document, ImportReport) {
    if !b.preamble.is_empty() {
        let general = b
            .sections
            .iter()
            .position(|s| s.kind == SectionKind::General);
        match general {
            Some(0) => {
                let mut pre = std::mem::take(&mut b.preamble);
                pre.append(&mut b.sections[0].clauses);
                b.sections[0].clauses = pre;
            }
            _ => b.sections.insert(
                0,
                Sec {
                    kind: SectionKind::General,
                    title: String::new(),
                    heading_entry: None,
                    clauses: std::mem::take(&mut b.preamble),
                },
            ),
        }
    }
    let mut sections = Vec::new();
    for (si, s) in b.sections.iter().enumerate() {
        if let Some(e) = s.heading_entry {
            b.entries[e].became = Became::Heading {
                section: si as u32,
                section_kind: s.kind,
            };
        }
        let clauses = tree(&s.clauses, si as u32, &mut b.entries);
        sections.push(Section {
            kind: s.kind,
            title: s.title.clone(),
            clauses,
        });
    }
    // Continuations point at the clause they joined.
    for k in 0..b.entries.len() {
        if b.entry_item[k] > usize::MAX / 2 {
            let target = usize::MAX - b.entry_item[k];
            b.entries[k].became = b.entries[target].became.clone();
        }
    }
    let mut doc = b.doc;
    doc.sections = sections;
    // Approval.
    if let Some((number, date)) = b.order.take() {
        doc.approval = Approval::Order { number, date };
    } else {
        doc.approval = Approval::Stamp {
            approver_position: b.approver_pos.join(" "),
            approver_name: b.approver_name.unwrap_or_default(),
            date: b.approval_date,
        };
    }
    // Position.
    let mut notes = Vec::new();
    if let Some(tf) = b.title_form.take() {
        let tf = if all_caps(&tf) && language == Language::Ru {
            tf.to_lowercase()
        } else {
            tf
        };
        doc.position.title_form = tf;
    }
    if doc.position.name.is_empty() {
        if let Some(name) = find_as_written(&doc) {
            doc.position.name = name;
        } else if language == Language::En {
            doc.position.name = doc.position.title_form.clone();
        } else if let Some(name) = find_nominative(&doc) {
            doc.position.name = name;
        } else if !doc.position.title_form.is_empty() {
            notes.push(Note::NoNominative);
        }
    }
    if doc.position.title_form.is_empty()
        && !doc.position.name.is_empty()
        && language == Language::En
    {
        doc.position.title_form = doc.position.name.clone();
    }
    if doc.position.reports_to.is_empty() {
        if let Some(r) = find_reports_to(&doc) {
            doc.position.reports_to = r;
        }
    }
    let _ = b.position_label;
    doc.acknowledgement.mark = b.ack;
    if b.ack_sheet || !b.sheet.is_empty() {
        doc.acknowledgement.sheet = Some(jobdoc_model::AcknowledgementSheet {
            employees: b.sheet,
            blank_rows: 10,
        });
    }
    let has_title = b.entries.iter().any(|e| e.became == Became::Title);
    if !has_title {
        notes.push(Note::NoTitle);
    }
    for kind in SectionKind::STANDARD {
        if !doc.sections.iter().any(|s| s.kind == kind) {
            notes.push(Note::MissingSection { section_kind: kind });
        }
    }
    if b.folded > 0 {
        notes.push(Note::FoldedClauses { count: b.folded });
    }
    let doc = doc.with_clause_ids();
    let report = ImportReport {
        file_name: String::new(),
        format: SourceFormat::Text,
        language,
        paragraphs: b.entries,
        empty_paragraphs: 0,
        notes,
    };
    (doc, report)
}

/// The nominative as the text itself writes it: a leading phrase of a clause whose genitive
/// is the title form.
fn find_nominative(doc: &Document) -> Option<String> {
    let target = norm(&doc.position.title_form);
    if target.is_empty() {
        return None;
    }
    for (_, clause) in doc.clauses() {
        let text = clause.plain_text();
        let ws: Vec<&str> = text.split_whitespace().take(10).collect();
        for k in 1..=ws.len().min(9) {
            let cand = ws[..k].join(" ");
            let cand = cand.trim_end_matches([',', '.', ';', ':']);
            if norm(&jobdoc_morph::genitive(cand).text) == target {
                let mut chars = cand.chars();
                let first = chars.next()?;
                let second_lower = cand.chars().nth(1).is_some_and(|c| c.is_lowercase());
                return Some(if second_lower {
                    first.to_lowercase().chain(chars).collect()
                } else {
                    cand.to_owned()
                });
            }
        }
    }
    None
}

/// English: the title form as a clause writes it («… of the client manager of …»).
fn find_as_written(doc: &Document) -> Option<String> {
    if doc.language != Language::En || doc.position.title_form.is_empty() {
        return None;
    }
    let target = doc.position.title_form.to_lowercase();
    for (_, clause) in doc.clauses() {
        let text = clause.plain_text();
        if let Some(i) = text.to_lowercase().find(&target) {
            if text.is_char_boundary(i) && text.is_char_boundary(i + target.len()) {
                let found = &text[i..i + target.len()];
                if found != doc.position.title_form {
                    return Some(found.to_owned());
                }
            }
        }
    }
    None
}

/// «… подчиняется непосредственно X.» → X.
fn find_reports_to(doc: &Document) -> Option<String> {
    for (_, clause) in doc.clauses() {
        let text = clause.plain_text();
        for key in [
            "подчиняется непосредственно ",
            "непосредственно подчиняется ",
            "reports directly to ",
            "reports to ",
        ] {
            let low = text.to_lowercase();
            if let Some(i) = low.find(key) {
                let start = i + key.len();
                let rest = &text[start..];
                let end = rest.find(['.', ',', ';', '(']).unwrap_or(rest.len());
                let r = rest[..end].trim();
                if !r.is_empty() && words(r) <= 10 {
                    return Some(r.to_owned());
                }
            }
        }
    }
    None
}

/// The text a source paragraph gives a clause: without its typed number or bullet, spacing
/// made plain, look-alike letters fixed (for the review, which makes clauses of paragraphs the
/// recogniser put elsewhere).
pub(crate) fn clause_text(source: &str) -> String {
    make_item(&SourcePara::plain(source), 0, 0, source, true).text
}

/// A section heading from a paragraph's text: the standard section it names (else `Custom`)
/// and its title — empty when it is the standard title, which the document prints itself.
pub(crate) fn heading_title(text: &str) -> (SectionKind, String) {
    let kind = section_kind(text).map_or(SectionKind::Custom, |(k, _)| k);
    let is_default = kind != SectionKind::Custom
        && (norm(text) == norm(kind.default_title(Language::Ru))
            || norm(text) == norm(kind.default_title(Language::En)));
    let title = if is_default {
        String::new()
    } else {
        text.trim_end_matches(['.', ':']).to_owned()
    };
    (kind, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_split_off() {
        let n = |s: &str| split_number(s).map(|(n, l, r)| (n, l, r.to_owned()));
        assert_eq!(n("1.2. Текст").unwrap().0, Num::Decimal(vec![1, 2], false));
        assert_eq!(n("1.ОБЩИЕ ПОЛОЖЕНИЯ").unwrap().2, "ОБЩИЕ ПОЛОЖЕНИЯ");
        assert_eq!(n("II. ПРАВА").unwrap().0, Num::Roman(2));
        assert_eq!(n("II.3. Пункт").unwrap().0, Num::Decimal(vec![2, 3], false));
        assert_eq!(n("1) пункт").unwrap().0, Num::Decimal(vec![1], true));
        assert_eq!(n("а) пункт").unwrap().0, Num::Letter);
        assert!(n("5 лет стажа").is_none());
        assert!(n("01.02.2024 г.").is_none());
        assert_eq!(n("\u{f0b7}\tпункт").unwrap().0, Num::Bullet);
    }

    #[test]
    fn dates_are_found() {
        assert_eq!(
            find_date("от 12.03.2024 № 5"),
            IsoDate::new(2024, 3, 12).ok()
        );
        assert_eq!(find_date("«5» мая 2023 г."), IsoDate::new(2023, 5, 5).ok());
        assert_eq!(find_date("1 March 2025"), IsoDate::new(2025, 3, 1).ok());
        assert_eq!(find_date("«__» ______ 20__ г."), None);
    }

    #[test]
    fn placeholders_and_names() {
        assert!(is_placeholder("«___» ____________ 20__ г."));
        assert!(is_placeholder("00.00.00 № 00"));
        assert!(is_placeholder("М.П."));
        assert!(!is_placeholder("Генеральный директор"));
        assert!(is_name("И. О. Фамилия"));
        assert!(is_name("Петров П.П."));
        assert!(is_name("Yu. B. Strelnikov"));
        assert!(!is_name("Генеральный директор"));
        assert_eq!(fix_lookalikes("Мeнеджер").as_deref(), Some("Менеджер"));
        assert_eq!(fix_lookalikes("CRM-системе"), None);
    }
}
#[cfg(test)]
mod split_tests {
    #[test]
    fn pasted_text_is_split_before_numbers() {
        let s = "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера г. Казань 1. ОБЩИЕ ПОЛОЖЕНИЯ 1.1. Менеджер относится к категории специалистов. 1.2. Менеджер подчиняется начальнику отдела продаж и директору. 2. ФУНКЦИИ 2.1. Поиск новых покупателей и расширение клиентской базы. 2.2. Заключение договоров поставки и контроль их исполнения.";
        let parts = super::split_pasted(s);
        assert_eq!(parts.len(), 8, "{parts:#?}");
    }
}
