//! A small layer over quick-xml for the readers: elements by local name, attribute values and
//! text with only the five predefined entities and character references resolved. A document
//! type declaration and every other entity are ignored: nothing is expanded, nothing is
//! fetched.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::ImportError;

/// Deeper nesting is refused (real documents stay far below it).
pub const MAX_DEPTH: usize = 2000;

/// One step through an XML part.
#[derive(Debug)]
pub enum Ev {
    /// An element starts: its qualified name (`w:p`) and attributes (qualified name, value).
    Start(String, Vec<(String, String)>),
    /// An element ends (also right after the `Start` of an empty element).
    End(String),
    Text(String),
}

/// The name without its prefix (`w:p` → `p`).
pub fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of the attribute whose local name is `key`.
pub fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| local(k) == key)
        .map(|(_, v)| v.as_str())
}

/// The value of the attribute with exactly this qualified name.
pub fn attr_q<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Resolves the predefined entities and character references; any other reference is kept
/// as written.
pub fn unescape(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match rest[1..].find(';').filter(|&j| j <= 12) {
            Some(j) => {
                let name = &rest[1..1 + j];
                match resolve(name) {
                    Some(c) => out.push(c),
                    None => out.push_str(&rest[..j + 2]),
                }
                rest = &rest[j + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn resolve(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

fn start(e: &BytesStart<'_>) -> (String, Vec<(String, String)>) {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let attrs = e
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            (
                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                unescape(&String::from_utf8_lossy(&a.value)),
            )
        })
        .collect();
    (name, attrs)
}

/// Walks an XML part, calling `f` for each step. Malformed XML ends with an error naming the
/// part; what was read up to there has been seen by `f`.
pub fn walk(part: &str, bytes: &[u8], mut f: impl FnMut(Ev)) -> Result<(), ImportError> {
    let mut reader = Reader::from_reader(bytes);
    let cfg = reader.config_mut();
    cfg.check_end_names = false;
    cfg.allow_unmatched_ends = true;
    cfg.allow_dangling_amp = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| ImportError::Malformed {
                detail: format!("{part}: {e}"),
            })?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::Malformed {
                        detail: format!("{part}: elements nested more than {MAX_DEPTH} deep"),
                    });
                }
                let (n, a) = start(&e);
                f(Ev::Start(n, a));
            }
            Event::Empty(e) => {
                let (n, a) = start(&e);
                f(Ev::Start(n.clone(), a));
                f(Ev::End(n));
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                f(Ev::End(
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                ))
            }
            Event::Text(t) => f(Ev::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::CData(t) => f(Ev::Text(String::from_utf8_lossy(&t).into_owned())),
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                if let Some(c) = resolve(&name) {
                    f(Ev::Text(c.to_string()));
                }
                // Any other entity (one a DOCTYPE would define) is never expanded.
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}
