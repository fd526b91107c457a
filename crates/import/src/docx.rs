//! DOCX: `word/document.xml` with `word/styles.xml` and `word/numbering.xml`. Headers,
//! footers, comments and footnotes are not read; relationships (linked images, remote
//! templates) are never followed.

use std::collections::HashMap;

use crate::para::{Cell, ParaBuilder, SourcePara};
use crate::xml::{attr, local, walk, Ev};
use crate::zipread::Package;
use crate::ImportError;

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    num: Option<(u32, Option<u8>)>,
    outline: Option<u8>,
    caps: Option<bool>,
    bold: Option<bool>,
    centered: Option<bool>,
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    lgl: bool,
    restart: Option<u32>,
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".into(),
            text: String::new(),
            lgl: false,
            restart: None,
            style: None,
        }
    }
}

/// A list instance: its abstract list, start overrides and whole-level overrides by level.
type NumDef = (u32, HashMap<u8, u32>, HashMap<u8, Level>);

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level, whole-level overrides).
    nums: HashMap<u32, NumDef>,
}

fn val(attrs: &[(String, String)]) -> Option<&str> {
    attr(attrs, "val")
}

fn on(attrs: &[(String, String)]) -> bool {
    !matches!(val(attrs), Some("0" | "false" | "off" | "none"))
}

fn parse_styles(bytes: &[u8]) -> Result<HashMap<String, Style>, ImportError> {
    let mut styles = HashMap::new();
    let mut cur: Option<(String, Style)> = None;
    let mut in_rpr = false;
    let mut num_id = None;
    let mut ilvl = None;
    walk("word/styles.xml", bytes, |ev| match ev {
        Ev::Start(n, a) => match local(&n) {
            "style" => {
                cur = attr(&a, "styleId").map(|id| (id.to_owned(), Style::default()));
                num_id = None;
                ilvl = None;
            }
            "rPr" => in_rpr = true,
            _ => {
                let Some((_, s)) = cur.as_mut() else { return };
                match local(&n) {
                    "name" => s.name = val(&a).unwrap_or("").to_owned(),
                    "basedOn" => s.based_on = val(&a).map(str::to_owned),
                    "numId" => num_id = val(&a).and_then(|v| v.parse().ok()),
                    "ilvl" => ilvl = val(&a).and_then(|v| v.parse().ok()),
                    "outlineLvl" => s.outline = val(&a).and_then(|v| v.parse().ok()),
                    "caps" if in_rpr => s.caps = Some(on(&a)),
                    "b" if in_rpr => s.bold = Some(on(&a)),
                    "jc" if !in_rpr => s.centered = Some(val(&a) == Some("center")),
                    _ => {}
                }
            }
        },
        Ev::End(n) => match local(&n) {
            "rPr" => in_rpr = false,
            "style" => {
                if let Some((id, mut s)) = cur.take() {
                    if let Some(n) = num_id {
                        s.num = Some((n, ilvl));
                    }
                    styles.insert(id, s);
                }
            }
            _ => {}
        },
        Ev::Text(_) => {}
    })?;
    Ok(styles)
}

fn parse_numbering(bytes: &[u8]) -> Result<Numbering, ImportError> {
    let mut numbering = Numbering::default();
    let mut abs: Option<(u32, Vec<Level>)> = None;
    let mut num: Option<(u32, NumDef)> = None;
    let mut lvl: Option<(u8, Level)> = None;
    let mut override_lvl: Option<u8> = None;
    walk("word/numbering.xml", bytes, |ev| match ev {
        Ev::Start(n, a) => match local(&n) {
            "abstractNum" => {
                abs = attr(&a, "abstractNumId")
                    .and_then(|v| v.parse().ok())
                    .map(|id| (id, Vec::new()))
            }
            "num" => {
                num = attr(&a, "numId")
                    .and_then(|v| v.parse().ok())
                    .map(|id| (id, (0, HashMap::new(), HashMap::new())))
            }
            "abstractNumId" => {
                if let (Some(num), Some(v)) = (num.as_mut(), val(&a).and_then(|v| v.parse().ok())) {
                    num.1 .0 = v;
                }
            }
            "lvlOverride" => override_lvl = attr(&a, "ilvl").and_then(|v| v.parse().ok()),
            "startOverride" => {
                if let (Some(num), Some(l), Some(v)) = (
                    num.as_mut(),
                    override_lvl,
                    val(&a).and_then(|v| v.parse().ok()),
                ) {
                    num.1 .1.insert(l, v);
                }
            }
            "lvl" => {
                lvl = attr(&a, "ilvl")
                    .and_then(|v| v.parse().ok())
                    .map(|i| (i, Level::default()))
            }
            name => {
                if let Some((_, l)) = lvl.as_mut() {
                    match name {
                        "start" => l.start = val(&a).and_then(|v| v.parse().ok()).unwrap_or(1),
                        "numFmt" => l.fmt = val(&a).unwrap_or("decimal").to_owned(),
                        "lvlText" => l.text = val(&a).unwrap_or("").to_owned(),
                        "isLgl" => l.lgl = on(&a),
                        "lvlRestart" => l.restart = val(&a).and_then(|v| v.parse().ok()),
                        "pStyle" => l.style = val(&a).map(str::to_owned),
                        _ => {}
                    }
                }
            }
        },
        Ev::End(n) => match local(&n) {
            "lvl" => {
                if let Some((i, l)) = lvl.take() {
                    if let Some(num) = num.as_mut() {
                        num.1 .2.insert(i, l);
                    } else if let Some((_, levels)) = abs.as_mut() {
                        if (i as usize) < 9 {
                            if levels.len() <= i as usize {
                                levels.resize(i as usize + 1, Level::default());
                            }
                            levels[i as usize] = l;
                        }
                    }
                }
            }
            "abstractNum" => {
                if let Some((id, levels)) = abs.take() {
                    numbering.abstracts.insert(id, levels);
                }
            }
            "num" => {
                if let Some((id, def)) = num.take() {
                    numbering.nums.insert(id, def);
                }
            }
            _ => {}
        },
        Ev::Text(_) => {}
    })?;
    Ok(numbering)
}

/// Formats one counter as a Word number format shows it.
pub fn format_number(n: u32, fmt: &str) -> String {
    const RU: [char; 28] = [
        'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
        'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
    ];
    let letters = |alphabet: &[char]| {
        if n == 0 {
            return String::new();
        }
        let len = alphabet.len() as u32;
        let c = alphabet[((n - 1) % len) as usize];
        std::iter::repeat_n(c, ((n - 1) / len + 1) as usize).collect()
    };
    let latin: Vec<char> = ('a'..='z').collect();
    match fmt {
        "lowerLetter" => letters(&latin),
        "upperLetter" => letters(&latin).to_uppercase(),
        "russianLower" => letters(&RU),
        "russianUpper" => letters(&RU).to_uppercase(),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

pub fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v && s.len() < 20 {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The counters of Word's lists: one set per abstract list, or per list instance when the
/// instance restarts a level.
#[derive(Default)]
struct Counters {
    sets: HashMap<(u32, bool), [Option<u32>; 9]>,
}

impl Numbering {
    fn level(&self, num_id: u32, ilvl: u8) -> Option<(u32, Level, Option<u32>, bool)> {
        let (abs, starts, levels) = self.nums.get(&num_id)?;
        let base = self.abstracts.get(abs)?;
        let level = levels
            .get(&ilvl)
            .cloned()
            .or_else(|| base.get(ilvl as usize).cloned())?;
        let own = !starts.is_empty() || !levels.is_empty();
        Some((*abs, level, starts.get(&ilvl).copied(), own))
    }

    /// The label Word shows for the next paragraph of list `num_id` at `ilvl`.
    fn label(&self, counters: &mut Counters, num_id: u32, ilvl: u8) -> Option<(String, bool)> {
        let ilvl = ilvl.min(8);
        let (abs, level, start_override, own) = self.level(num_id, ilvl)?;
        let key = if own { (num_id, true) } else { (abs, false) };
        let first_use = !counters.sets.contains_key(&key);
        let set = counters.sets.entry(key).or_insert([None; 9]);
        let start = if first_use {
            start_override.unwrap_or(level.start)
        } else {
            level.start
        };
        let value = match set[ilvl as usize] {
            Some(v) => v.saturating_add(1),
            None => start_override.filter(|_| first_use).unwrap_or(start),
        };
        set[ilvl as usize] = Some(value);
        for (deeper, slot) in set.iter_mut().enumerate().skip(ilvl as usize + 1) {
            let restart = self
                .level(num_id, deeper as u8)
                .and_then(|l| l.1.restart)
                .unwrap_or(u32::MAX);
            if restart != 0 {
                *slot = None;
            }
        }
        let values = *set;
        if level.fmt == "bullet" {
            return Some((level.text.clone(), true));
        }
        if level.fmt == "none" && !level.text.contains('%') {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(8);
                    let v = values[k].unwrap_or_else(|| {
                        self.level(num_id, k as u8).map(|l| l.1.start).unwrap_or(1)
                    });
                    let fmt = if k == ilvl as usize {
                        level.fmt.clone()
                    } else {
                        self.level(num_id, k as u8)
                            .map(|l| l.1.fmt)
                            .unwrap_or_default()
                    };
                    let fmt = if level.lgl { "decimal".to_owned() } else { fmt };
                    out.push_str(&format_number(v, &fmt));
                    continue;
                }
            }
            out.push(c);
        }
        Some((out, false))
    }

    /// The list level a paragraph style stands for (`w:pStyle` inside a level).
    fn level_of_style(&self, num_id: u32, style: &str) -> Option<u8> {
        let (abs, _, _) = self.nums.get(&num_id)?;
        self.abstracts
            .get(abs)?
            .iter()
            .position(|l| l.style.as_deref() == Some(style))
            .map(|i| i as u8)
    }
}

fn resolve_style<'a>(
    styles: &'a HashMap<String, Style>,
    id: &str,
    mut f: impl FnMut(&'a Style) -> bool,
) {
    let mut cur = Some(id);
    let mut hops = 0;
    while let Some(id) = cur {
        let Some(s) = styles.get(id) else { return };
        if f(s) || hops > 20 {
            return;
        }
        hops += 1;
        cur = s.based_on.as_deref();
    }
}

fn heading_level(styles: &HashMap<String, Style>, id: &str) -> Option<u8> {
    let mut out = None;
    resolve_style(styles, id, |s| {
        let name = s.name.to_lowercase();
        if let Some(n) = name
            .strip_prefix("heading ")
            .or_else(|| name.strip_prefix("заголовок "))
        {
            out = n.trim().parse().ok();
        } else if name == "title" || name == "заголовок" {
            out = Some(1);
        } else if let Some(o) = s.outline {
            if o < 9 {
                out = Some(o + 1);
            }
        }
        out.is_some()
    });
    out
}

struct Run {
    caps: bool,
    bold: bool,
    vanish: bool,
    text: String,
}

/// Reads a DOCX package into paragraphs.
pub fn read(bytes: &[u8]) -> Result<Vec<SourcePara>, ImportError> {
    let mut pkg = Package::open(bytes)?;
    let document = pkg
        .read("word/document.xml")?
        .ok_or_else(|| ImportError::Malformed {
            detail: "the package has no word/document.xml".into(),
        })?;
    let styles = pkg.read("word/styles.xml")?;
    let numbering = pkg.read("word/numbering.xml")?;
    read_parts(&document, styles.as_deref(), numbering.as_deref())
}

/// Reads the main part with its styles and numbering parts.
pub fn read_parts(
    document: &[u8],
    styles: Option<&[u8]>,
    numbering: Option<&[u8]>,
) -> Result<Vec<SourcePara>, ImportError> {
    let styles = match styles {
        Some(b) => parse_styles(b).unwrap_or_default(),
        None => HashMap::new(),
    };
    let numbering = match numbering {
        Some(b) => parse_numbering(b).unwrap_or_default(),
        None => Numbering::default(),
    };
    let mut counters = Counters::default();

    struct P {
        b: ParaBuilder,
        style: Option<String>,
        num_id: Option<u32>,
        ilvl: Option<u8>,
        centered: Option<bool>,
        mark_caps: bool,
    }
    let mut out: Vec<SourcePara> = Vec::new();
    let mut stack: Vec<P> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut in_ppr = false;
    let mut in_rpr = false;
    // Skipped subtrees: deleted text, field instructions, the Fallback branch.
    let mut skip: u32 = 0;
    let mut alt: Vec<bool> = Vec::new(); // per mc:AlternateContent: a branch was taken
    let mut tables: Vec<Cell> = Vec::new();
    let mut table_count = 0u32;
    let mut depth_names: Vec<String> = Vec::new();

    walk("word/document.xml", document, |ev| match ev {
        Ev::Start(n, a) => {
            let name = local(&n).to_owned();
            depth_names.push(name.clone());
            if skip > 0 {
                skip += 1;
                return;
            }
            match name.as_str() {
                "AlternateContent" => alt.push(false),
                "Choice" | "Fallback" => {
                    if let Some(taken) = alt.last_mut() {
                        if *taken {
                            skip = 1;
                        } else {
                            *taken = true;
                        }
                    }
                }
                "del" | "instrText" | "delText" | "moveFrom" | "footnoteReference" => skip = 1,
                "tbl" => {
                    tables.push(Cell {
                        table: table_count,
                        row: 0,
                        col: 0,
                    });
                    table_count += 1;
                }
                "tr" => {
                    if let Some(c) = tables.last_mut() {
                        c.col = 0;
                    }
                }
                "p" => stack.push(P {
                    b: ParaBuilder::default(),
                    style: None,
                    num_id: None,
                    ilvl: None,
                    centered: None,
                    mark_caps: false,
                }),
                "pPr" => in_ppr = true,
                "rPr" => in_rpr = true,
                "r" => runs.push(Run {
                    caps: false,
                    bold: false,
                    vanish: false,
                    text: String::new(),
                }),
                _ => {
                    if in_ppr && !in_rpr {
                        if let Some(p) = stack.last_mut() {
                            match name.as_str() {
                                "pStyle" => p.style = val(&a).map(str::to_owned),
                                "numId" => p.num_id = val(&a).and_then(|v| v.parse().ok()),
                                "ilvl" => p.ilvl = val(&a).and_then(|v| v.parse().ok()),
                                "jc" => p.centered = Some(val(&a) == Some("center")),
                                _ => {}
                            }
                        }
                    } else if in_ppr && in_rpr {
                        if name == "caps" {
                            if let Some(p) = stack.last_mut() {
                                p.mark_caps = on(&a);
                            }
                        }
                    } else if let Some(r) = runs.last_mut() {
                        match name.as_str() {
                            "caps" if in_rpr => r.caps = on(&a),
                            "b" if in_rpr => r.bold = on(&a),
                            "vanish" if in_rpr => r.vanish = on(&a),
                            "tab" => r.text.push('\t'),
                            "br" | "cr" if attr(&a, "type").is_none_or(|t| t == "textWrapping") => {
                                r.text.push('\n')
                            }
                            "noBreakHyphen" => r.text.push('-'),
                            "sym" => {
                                if let Some(c) = attr(&a, "char")
                                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                                    .and_then(char::from_u32)
                                {
                                    r.text.push(c)
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        Ev::End(n) => {
            depth_names.pop();
            if skip > 0 {
                skip -= 1;
                return;
            }
            match local(&n) {
                "AlternateContent" => {
                    alt.pop();
                }
                "tbl" => {
                    tables.pop();
                }
                "tr" => {
                    if let Some(c) = tables.last_mut() {
                        c.row += 1;
                    }
                }
                "tc" => {
                    if let Some(c) = tables.last_mut() {
                        c.col += 1;
                    }
                }
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                "r" => {
                    if let (Some(r), Some(p)) = (runs.pop(), stack.last_mut()) {
                        if !r.vanish {
                            let style_caps = p.style.as_deref().is_some_and(|s| {
                                let mut caps = false;
                                resolve_style(&styles, s, |st| {
                                    if let Some(c) = st.caps {
                                        caps = c;
                                        return true;
                                    }
                                    false
                                });
                                caps
                            });
                            p.b.push(&r.text, r.caps || style_caps, r.bold);
                        }
                    }
                }
                "p" => {
                    let Some(p) = stack.pop() else { return };
                    let mut para = p.b.finish();
                    para.cell = tables.last().copied();
                    let style_id = p.style.clone().unwrap_or_else(|| "Normal".into());
                    para.style = styles
                        .get(&style_id)
                        .map(|s| s.name.clone())
                        .unwrap_or(style_id.clone());
                    para.heading = heading_level(&styles, &style_id);
                    let mut centered = p.centered;
                    let mut style_bold = None;
                    resolve_style(&styles, &style_id, |s| {
                        if centered.is_none() {
                            centered = s.centered;
                        }
                        if style_bold.is_none() {
                            style_bold = s.bold;
                        }
                        false
                    });
                    para.centered = centered.unwrap_or(false);
                    if style_bold == Some(true) && para.text.chars().any(char::is_alphabetic) {
                        para.bold = true;
                    }
                    // Numbering: the paragraph's own, else its style's.
                    let mut num = p.num_id.map(|n| (n, p.ilvl));
                    if num.is_none() {
                        resolve_style(&styles, &style_id, |s| {
                            if let Some((n, l)) = s.num {
                                num = Some((n, l));
                                return true;
                            }
                            false
                        });
                        if let Some((n, None)) = num {
                            num = Some((n, numbering.level_of_style(n, &style_id)));
                        }
                    }
                    if let Some((n, l)) = num {
                        if n != 0 && !para.text.trim().is_empty() {
                            let l = l.unwrap_or(0);
                            if let Some((label, _bullet)) = numbering.label(&mut counters, n, l) {
                                para.list_level = Some(l);
                                if !label.trim().is_empty() {
                                    para.label = Some(label);
                                }
                            }
                        }
                    }
                    let _ = p.mark_caps;
                    out.push(para);
                }
                _ => {}
            }
        }
        Ev::Text(t) => {
            if skip > 0 {
                return;
            }
            let inside_t = depth_names.last().is_some_and(|n| n == "t");
            if inside_t {
                if let Some(r) = runs.last_mut() {
                    r.text.push_str(&t);
                }
            }
        }
    })?;
    Ok(out)
}
