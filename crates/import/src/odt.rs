//! ODT: `content.xml` with the automatic styles in it and the styles in `styles.xml`. List
//! numbers are computed from the list styles (`text:list-level-style-number` with its prefix,
//! suffix and displayed levels); headings are `text:h` elements.

use std::collections::HashMap;

use crate::docx::format_number;
use crate::para::{Cell, ParaBuilder, SourcePara};
use crate::xml::{attr_q, local, walk, Ev};
use crate::zipread::Package;
use crate::ImportError;

#[derive(Debug, Clone, Default)]
struct PStyle {
    parent: Option<String>,
    caps: Option<bool>,
    bold: Option<bool>,
    centered: Option<bool>,
    list_style: Option<String>,
    display_name: String,
}

#[derive(Debug, Clone, Default)]
struct ListLevel {
    bullet: Option<String>,
    fmt: String,
    prefix: String,
    suffix: String,
    display: usize,
    start: u32,
}

/// Capitals and bold, where a style says.
type Look = (Option<bool>, Option<bool>);

#[derive(Default)]
struct Styles {
    para: HashMap<String, PStyle>,
    text: HashMap<String, Look>,
    lists: HashMap<String, Vec<ListLevel>>,
}

fn odf_fmt(f: &str) -> &'static str {
    match f {
        "a" => "lowerLetter",
        "A" => "upperLetter",
        "i" => "lowerRoman",
        "I" => "upperRoman",
        "а" | "а, б, .." | "а, б, ..." => "russianLower",
        "А" | "А, Б, .." | "А, Б, ..." => "russianUpper",
        "" => "none",
        _ => "decimal",
    }
}

fn parse_styles(part: &str, bytes: &[u8], styles: &mut Styles) -> Result<(), ImportError> {
    let mut cur_para: Option<(String, PStyle)> = None;
    let mut cur_text: Option<(String, Look)> = None;
    let mut cur_list: Option<(String, Vec<ListLevel>)> = None;
    let mut cur_level: Option<(usize, ListLevel)> = None;
    walk(part, bytes, |ev| match ev {
        Ev::Start(n, a) => match local(&n) {
            "style" => {
                let name = attr_q(&a, "style:name").unwrap_or("").to_owned();
                match attr_q(&a, "style:family") {
                    Some("paragraph") => {
                        cur_para = Some((
                            name.clone(),
                            PStyle {
                                parent: attr_q(&a, "style:parent-style-name").map(str::to_owned),
                                list_style: attr_q(&a, "style:list-style-name").map(str::to_owned),
                                display_name: attr_q(&a, "style:display-name")
                                    .unwrap_or(&name)
                                    .to_owned(),
                                ..PStyle::default()
                            },
                        ))
                    }
                    Some("text") => cur_text = Some((name, (None, None))),
                    _ => {}
                }
            }
            "text-properties" => {
                let caps = attr_q(&a, "fo:text-transform")
                    .map(|v| v == "uppercase")
                    .or_else(|| attr_q(&a, "fo:font-variant").map(|v| v == "small-caps"));
                let bold = attr_q(&a, "fo:font-weight").map(|v| v == "bold" || v == "700");
                if let Some((_, s)) = cur_para.as_mut() {
                    s.caps = caps.or(s.caps);
                    s.bold = bold.or(s.bold);
                }
                if let Some((_, s)) = cur_text.as_mut() {
                    s.0 = caps.or(s.0);
                    s.1 = bold.or(s.1);
                }
            }
            "paragraph-properties" => {
                if let Some((_, s)) = cur_para.as_mut() {
                    if let Some(v) = attr_q(&a, "fo:text-align") {
                        s.centered = Some(v == "center");
                    }
                }
            }
            "list-style" => {
                cur_list = Some((
                    attr_q(&a, "style:name").unwrap_or("").to_owned(),
                    Vec::new(),
                ))
            }
            "list-level-style-number" | "list-level-style-bullet" => {
                let level: usize = attr_q(&a, "text:level")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1);
                let bullet = local(&n) == "list-level-style-bullet";
                cur_level = Some((
                    level.clamp(1, 10) - 1,
                    ListLevel {
                        bullet: bullet
                            .then(|| attr_q(&a, "text:bullet-char").unwrap_or("•").to_owned()),
                        fmt: odf_fmt(attr_q(&a, "style:num-format").unwrap_or("")).to_owned(),
                        prefix: attr_q(&a, "style:num-prefix").unwrap_or("").to_owned(),
                        suffix: attr_q(&a, "style:num-suffix").unwrap_or("").to_owned(),
                        display: attr_q(&a, "text:display-levels")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1),
                        start: attr_q(&a, "text:start-value")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1),
                    },
                ));
            }
            _ => {}
        },
        Ev::End(n) => match local(&n) {
            "style" => {
                if let Some((k, v)) = cur_para.take() {
                    styles.para.insert(k, v);
                }
                if let Some((k, v)) = cur_text.take() {
                    styles.text.insert(k, v);
                }
            }
            "list-level-style-number" | "list-level-style-bullet" => {
                if let (Some((i, l)), Some((_, levels))) = (cur_level.take(), cur_list.as_mut()) {
                    if levels.len() <= i {
                        levels.resize(i + 1, ListLevel::default());
                    }
                    levels[i] = l;
                }
            }
            "list-style" => {
                if let Some((k, v)) = cur_list.take() {
                    styles.lists.insert(k, v);
                }
            }
            _ => {}
        },
        Ev::Text(_) => {}
    })
}

impl Styles {
    fn para_prop<T>(&self, name: &str, f: impl Fn(&PStyle) -> Option<T>) -> Option<T> {
        let mut cur = Some(name);
        for _ in 0..20 {
            let s = self.para.get(cur?)?;
            if let Some(v) = f(s) {
                return Some(v);
            }
            cur = s.parent.as_deref();
        }
        None
    }
}

struct ListCtx {
    style: Option<String>,
}

/// Reads an ODT package into paragraphs.
pub fn read(bytes: &[u8]) -> Result<Vec<SourcePara>, ImportError> {
    let mut pkg = Package::open(bytes)?;
    let content = pkg
        .read("content.xml")?
        .ok_or_else(|| ImportError::Malformed {
            detail: "the package has no content.xml".into(),
        })?;
    let styles = pkg.read("styles.xml")?;
    read_parts(&content, styles.as_deref())
}

/// Reads `content.xml` with `styles.xml`.
pub fn read_parts(
    content: &[u8],
    styles_xml: Option<&[u8]>,
) -> Result<Vec<SourcePara>, ImportError> {
    let mut styles = Styles::default();
    if let Some(b) = styles_xml {
        let _ = parse_styles("styles.xml", b, &mut styles);
    }
    parse_styles("content.xml", content, &mut styles)?;

    let mut out = Vec::new();
    let mut lists: Vec<ListCtx> = Vec::new();
    // Counters per list style, continued across lists of the same style.
    let mut counters: HashMap<String, [u32; 10]> = HashMap::new();
    let mut paras: Vec<(ParaBuilder, Option<u8>, Option<String>)> = Vec::new();
    let mut spans: Vec<(Option<bool>, Option<bool>)> = Vec::new();
    let mut tables: Vec<Cell> = Vec::new();
    let mut table_count = 0;
    let mut skip = 0u32;
    let mut item_pending: Option<(usize, String)> = None;
    let mut in_body = false;
    walk("content.xml", content, |ev| match ev {
        Ev::Start(n, a) => {
            if skip > 0 {
                skip += 1;
                return;
            }
            match local(&n) {
                "body" => in_body = true,
                "annotation"
                | "note"
                | "tracked-changes"
                | "table-of-content-source"
                | "sequence-decls"
                | "bookmark-ref" => skip = 1,
                "list" if in_body => {
                    let style = attr_q(&a, "text:style-name")
                        .map(str::to_owned)
                        .or_else(|| lists.last().and_then(|l| l.style.clone()));
                    let continues = attr_q(&a, "text:continue-numbering") == Some("true")
                        || attr_q(&a, "text:continue-list").is_some();
                    if lists.is_empty() && !continues {
                        if let Some(s) = &style {
                            counters.remove(s);
                        }
                    }
                    lists.push(ListCtx { style });
                }
                "list-item" if in_body => {
                    let level = lists.len().saturating_sub(1);
                    let style = lists
                        .last()
                        .and_then(|l| l.style.clone())
                        .unwrap_or_default();
                    let start = attr_q(&a, "text:start-value").and_then(|v| v.parse::<u32>().ok());
                    let set = counters.entry(style.clone()).or_insert([0; 10]);
                    let lvl = level.min(9);
                    set[lvl] = match start {
                        Some(s) => s,
                        None => set[lvl] + 1,
                    };
                    for d in set.iter_mut().skip(lvl + 1) {
                        *d = 0;
                    }
                    item_pending = Some((lvl, style));
                }
                "table" if in_body => {
                    tables.push(Cell {
                        table: table_count,
                        row: 0,
                        col: 0,
                    });
                    table_count += 1;
                }
                "table-row" => {
                    if let Some(c) = tables.last_mut() {
                        c.col = 0
                    }
                }
                "p" | "h" if in_body => {
                    let mut b = ParaBuilder::default();
                    let style = attr_q(&a, "text:style-name").map(str::to_owned);
                    let heading = (local(&n) == "h").then(|| {
                        attr_q(&a, "text:outline-level")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1u8)
                    });
                    if let Some((lvl, lstyle)) = item_pending.take() {
                        let lstyle = if lstyle.is_empty() {
                            style
                                .as_deref()
                                .and_then(|s| styles.para_prop(s, |p| p.list_style.clone()))
                                .unwrap_or_default()
                        } else {
                            lstyle
                        };
                        b.para.list_level = Some(lvl as u8);
                        if let Some(level) = styles.lists.get(&lstyle).and_then(|l| l.get(lvl)) {
                            if let Some(bullet) = &level.bullet {
                                b.para.label = Some(bullet.clone());
                            } else if level.fmt != "none" {
                                let set = counters.get(&lstyle).copied().unwrap_or([0; 10]);
                                let from = (lvl + 1).saturating_sub(level.display.max(1));
                                let parts: Vec<String> = (from..=lvl)
                                    .map(|k| {
                                        let f = styles
                                            .lists
                                            .get(&lstyle)
                                            .and_then(|l| l.get(k))
                                            .map(|l| l.fmt.clone())
                                            .unwrap_or_default();
                                        let start = styles
                                            .lists
                                            .get(&lstyle)
                                            .and_then(|l| l.get(k))
                                            .map(|l| l.start)
                                            .unwrap_or(1);
                                        format_number(set[k] + start.saturating_sub(1), &f)
                                    })
                                    .collect();
                                b.para.label = Some(format!(
                                    "{}{}{}",
                                    level.prefix,
                                    parts.join("."),
                                    level.suffix
                                ));
                            }
                        }
                    }
                    b.para.heading = heading;
                    if let Some(s) = &style {
                        b.para.centered = styles.para_prop(s, |p| p.centered).unwrap_or(false);
                        b.para.style = styles
                            .para_prop(s, |p| {
                                (!p.display_name.starts_with('P')).then(|| p.display_name.clone())
                            })
                            .unwrap_or_default();
                        if b.para.heading.is_none()
                            && b.para.style.to_lowercase().starts_with("heading")
                        {
                            b.para.heading = Some(1);
                        }
                    }
                    b.para.cell = tables.last().copied();
                    let caps = style
                        .as_deref()
                        .and_then(|s| styles.para_prop(s, |p| p.caps));
                    let bold = style
                        .as_deref()
                        .and_then(|s| styles.para_prop(s, |p| p.bold));
                    spans.push((caps, bold));
                    paras.push((b, heading, style));
                }
                "span" => {
                    let (pc, pb) = spans.last().copied().unwrap_or((None, None));
                    let (c, b) = attr_q(&a, "text:style-name")
                        .and_then(|s| styles.text.get(s).copied())
                        .unwrap_or((None, None));
                    spans.push((c.or(pc), b.or(pb)));
                }
                "s" => {
                    let c: usize = attr_q(&a, "text:c")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1);
                    if let Some((b, _, _)) = paras.last_mut() {
                        b.push_raw(&" ".repeat(c.min(100)));
                    }
                }
                "tab" => {
                    if let Some((b, _, _)) = paras.last_mut() {
                        b.push_raw("\t");
                    }
                }
                "line-break" => {
                    if let Some((b, _, _)) = paras.last_mut() {
                        b.push_raw("\n");
                    }
                }
                _ => {}
            }
        }
        Ev::End(n) => {
            if skip > 0 {
                skip -= 1;
                return;
            }
            match local(&n) {
                "list" if in_body => {
                    lists.pop();
                }
                "table" => {
                    tables.pop();
                }
                "table-row" => {
                    if let Some(c) = tables.last_mut() {
                        c.row += 1
                    }
                }
                "table-cell" => {
                    if let Some(c) = tables.last_mut() {
                        c.col += 1
                    }
                }
                "span" => {
                    spans.pop();
                }
                "p" | "h" if in_body => {
                    spans.pop();
                    if let Some((b, _, _)) = paras.pop() {
                        out.push(b.finish());
                    }
                }
                _ => {}
            }
        }
        Ev::Text(t) => {
            if skip > 0 {
                return;
            }
            let (caps, bold) = spans.last().copied().unwrap_or((None, None));
            if let Some((b, _, _)) = paras.last_mut() {
                let t = t.replace(['\n', '\r'], " ");
                b.push(&t, caps.unwrap_or(false), bold.unwrap_or(false));
            }
        }
    })?;
    Ok(out)
}
