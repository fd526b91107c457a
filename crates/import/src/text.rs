//! Plain text, Markdown and HTML pasted from a web page.

use crate::para::{Cell, SourcePara};

/// Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else windows-1251
/// (the usual code page of Russian text files that are not UTF-8).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    }
}

/// Plain text: one paragraph per line. Leading indentation is kept in the text (the
/// recogniser reads depth from numbers, not from it).
pub fn read_plain(text: &str) -> Vec<SourcePara> {
    text.lines()
        .map(|l| SourcePara::plain(l.trim_end_matches('\r')))
        .collect()
}

/// Markdown as converters write it: `#` headings, `-`/`*`/`1.` lists indented by level, pipe
/// tables, `**` and `_` emphasis, backslash escapes. Lines of one paragraph are joined.
pub fn read_markdown(text: &str) -> Vec<SourcePara> {
    let mut out: Vec<SourcePara> = Vec::new();
    let mut open = false;
    let mut table = 0u32;
    let mut in_table = false;
    let mut row = 0u32;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        if trimmed.starts_with('|') {
            if !in_table {
                in_table = true;
                row = 0;
                table += 1;
            }
            let cells: Vec<&str> = trimmed.trim_matches('|').split('|').collect();
            if cells
                .iter()
                .all(|c| c.trim().chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            for (col, c) in cells.iter().enumerate() {
                let mut p = SourcePara::plain(inline(c.trim()));
                p.cell = Some(Cell {
                    table,
                    row,
                    col: col as u32,
                });
                out.push(p);
            }
            row += 1;
            open = false;
            continue;
        }
        in_table = false;
        let indent = line.len() - trimmed.len();
        if let Some(h) = trimmed.strip_prefix('#') {
            let level = 1 + h.chars().take_while(|&c| c == '#').count();
            let t = h.trim_start_matches('#').trim();
            let mut p = SourcePara::plain(inline(t.trim_end_matches('#').trim()));
            p.heading = Some(level.min(9) as u8);
            out.push(p);
            open = false;
            continue;
        }
        let bullet = ["- ", "* ", "+ "]
            .iter()
            .find_map(|b| trimmed.strip_prefix(b));
        let ordered = {
            let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
            (digits > 0 && digits < 4)
                .then(|| &trimmed[digits..])
                .and_then(|r| r.strip_prefix(". ").or_else(|| r.strip_prefix(") ")))
                .map(|rest| (trimmed[..digits + 1].to_owned(), rest))
        };
        if let Some(rest) = bullet {
            let mut p = SourcePara::plain(inline(rest));
            p.label = Some("•".into());
            p.list_level = Some((indent / 2).min(8) as u8);
            out.push(p);
            open = true;
            continue;
        }
        if let Some((label, rest)) = ordered {
            let mut p = SourcePara::plain(inline(rest));
            p.label = Some(label);
            p.list_level = Some((indent / 3).min(8) as u8);
            out.push(p);
            open = true;
            continue;
        }
        let text = inline(trimmed);
        if open {
            if let Some(last) = out.last_mut() {
                let hard_break = last.text.ends_with("  ") || raw.ends_with('\\');
                last.text.push(if hard_break { '\n' } else { ' ' });
                last.text.push_str(&text);
                continue;
            }
        }
        out.push(SourcePara::plain(text));
        open = true;
    }
    out
}

/// Markdown inline marks removed: `**`, `__`, `*`, `_` around words, backslash escapes.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '*' | '_' => {
                let prev = i.checked_sub(1).map(|j| chars[j]);
                let run_end = (i..chars.len())
                    .find(|&j| chars[j] != c)
                    .unwrap_or(chars.len());
                let next = chars.get(run_end).copied();
                let word = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
                // An emphasis mark touches a word on one side only.
                if word(prev) != word(next) || (c == '*' && !word(prev) && !word(next)) {
                    i = run_end;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// HTML: block elements end paragraphs, `li` in `ol` gets its number, tables give cells,
/// `script` and `style` are skipped, entities decoded.
pub fn read_html(html: &str) -> Vec<SourcePara> {
    let mut out = Vec::new();
    let mut cur = SourcePara::default();
    let mut lists: Vec<(bool, u32)> = Vec::new();
    let mut skip: Option<String> = None;
    let mut table = 0u32;
    let mut cell: Option<Cell> = None;
    let mut tables: Vec<Cell> = Vec::new();
    let mut bold = 0u32;
    let mut rest = html;
    let flush = |cur: &mut SourcePara, out: &mut Vec<SourcePara>, cell: Option<Cell>| {
        if !cur.text.trim().is_empty() {
            let mut p = std::mem::take(cur);
            p.text = collapse(&p.text);
            p.cell = cell;
            out.push(p);
        } else {
            *cur = SourcePara::default();
        }
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip.is_none() {
                cur.text
                    .push_str(&crate::xml::unescape(&html_entities(rest)));
            }
            break;
        };
        if skip.is_none() {
            cur.text
                .push_str(&crate::xml::unescape(&html_entities(&rest[..lt])));
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map(|e| &rest[e + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(s) = &skip {
            if closing && *s == name {
                skip = None;
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("script" | "style" | "head" | "title", false) if !tag.ends_with('/') => {
                skip = Some(name)
            }
            ("br", _) => cur.text.push('\n'),
            ("b" | "strong", false) => bold += 1,
            ("b" | "strong", true) => bold = bold.saturating_sub(1),
            ("ol" | "ul", false) => {
                flush(&mut cur, &mut out, cell);
                lists.push((name == "ol", 0));
            }
            ("ol" | "ul", true) => {
                flush(&mut cur, &mut out, cell);
                lists.pop();
            }
            ("li", false) => {
                flush(&mut cur, &mut out, cell);
                let level = lists.len().saturating_sub(1);
                if let Some((ordered, n)) = lists.last_mut() {
                    *n += 1;
                    cur.label = Some(if *ordered {
                        format!("{n}.")
                    } else {
                        "•".into()
                    });
                }
                cur.list_level = Some(level.min(8) as u8);
            }
            ("table", false) => {
                flush(&mut cur, &mut out, cell);
                tables.push(Cell {
                    table,
                    row: 0,
                    col: 0,
                });
                table += 1;
            }
            ("table", true) => {
                flush(&mut cur, &mut out, cell);
                tables.pop();
                cell = None;
            }
            ("tr", false) => {
                if let Some(c) = tables.last_mut() {
                    c.col = 0;
                }
            }
            ("tr", true) => {
                if let Some(c) = tables.last_mut() {
                    c.row += 1;
                }
            }
            ("td" | "th", false) => {
                flush(&mut cur, &mut out, cell);
                cell = tables.last().copied();
            }
            ("td" | "th", true) => {
                flush(&mut cur, &mut out, cell);
                if let Some(c) = tables.last_mut() {
                    c.col += 1;
                }
                cell = None;
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                flush(&mut cur, &mut out, cell);
                cur.heading = name[1..].parse().ok();
            }
            (
                "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "blockquote" | "pre"
                | "section" | "article" | "header" | "footer" | "tbody" | "thead",
                _,
            ) => {
                flush(&mut cur, &mut out, cell);
            }
            _ => {}
        }
        if bold > 0 && cur.text.trim().is_empty() {
            cur.bold = true;
        }
    }
    flush(&mut cur, &mut out, cell);
    out
}

fn collapse(s: &str) -> String {
    s.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn html_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&nbsp;", "\u{a0}")
        .replace("&laquo;", "«")
        .replace("&raquo;", "»")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&hellip;", "…")
        .replace("&bull;", "•")
        .replace("&shy;", "\u{ad}")
        .replace("&copy;", "©")
        .replace("&#8470;", "№")
}

/// Does this text look like HTML?
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html")
        || head.contains("<!doctype html")
        || head.contains("<body")
        || (head.contains("<p>") || head.contains("<p ")) && head.contains("</p>")
        || head.contains("<div") && head.contains("</div>")
}
