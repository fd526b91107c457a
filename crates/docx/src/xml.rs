//! A minimal XML tree for the parts docx-rs writes, so that they can be corrected after the fact
//! (child order by the OOXML schema, elements docx-rs cannot write) and pretty-printed for review.
//!
//! It reads well-formed XML without DTDs, comments or CDATA — which is exactly what docx-rs and
//! this crate produce. Text and attribute values are kept escaped, as they were written: nothing
//! here changes the text of the document.

use std::fmt::Write as _;

/// A node of the tree: an element or a run of (escaped) character data.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An element with its raw attribute text (escaped, with the leading space).
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: String,
    pub children: Vec<Node>,
}

/// A parsed part: the XML declaration (if any) and the root element.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub declaration: Option<String>,
    pub root: Element,
}

/// Why a part could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed XML at byte {offset}: {reason}")]
pub struct XmlError {
    pub offset: usize,
    pub reason: &'static str,
}

impl Element {
    pub fn new(name: &str, attrs: &str) -> Element {
        Element {
            name: name.to_owned(),
            attrs: attrs.to_owned(),
            children: Vec::new(),
        }
    }

    /// The value of an attribute, still escaped.
    pub fn attr(&self, key: &str) -> Option<&str> {
        let mut rest = self.attrs.as_str();
        loop {
            let eq = rest.find('=')?;
            let name = rest[..eq].trim();
            let after = &rest[eq + 1..];
            let quote = after.chars().next()?;
            let end = after[1..].find(quote)?;
            if name == key {
                return Some(&after[1..1 + end]);
            }
            rest = &after[end + 2..];
        }
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The first child element with this name, created at the start when missing.
    pub fn child_or_insert(&mut self, name: &str) -> &mut Element {
        let index = match self
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.name == name))
        {
            Some(i) => i,
            None => {
                self.children
                    .insert(0, Node::Element(Element::new(name, "")));
                0
            }
        };
        match &mut self.children[index] {
            Node::Element(e) => e,
            Node::Text(_) => unreachable!("index points at an element"),
        }
    }

    /// Appends a child element unless one with that name exists.
    pub fn ensure_child(&mut self, name: &str, attrs: &str) {
        if self.child(name).is_none() {
            self.children.push(Node::Element(Element::new(name, attrs)));
        }
    }

    /// Writes the element as compact XML.
    pub fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        out.push_str(&self.attrs);
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                Node::Element(e) => e.write(out),
                Node::Text(t) => out.push_str(t),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }

    /// Writes the element indented by two spaces a level. Elements holding text are kept on one
    /// line, so text is never changed.
    fn write_pretty(&self, depth: usize, out: &mut String) {
        for _ in 0..depth {
            out.push_str("  ");
        }
        let has_text = self.children.iter().any(|n| matches!(n, Node::Text(_)));
        if self.children.is_empty() || has_text {
            self.write(out);
            out.push('\n');
            return;
        }
        let _ = writeln!(out, "<{}{}>", self.name, self.attrs);
        for e in self.elements() {
            e.write_pretty(depth + 1, out);
        }
        for _ in 0..depth {
            out.push_str("  ");
        }
        let _ = writeln!(out, "</{}>", self.name);
    }
}

impl Part {
    /// The part as compact bytes, as stored in the package.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(4096);
        if let Some(d) = &self.declaration {
            out.push_str(d);
        }
        self.root.write(&mut out);
        out.into_bytes()
    }
}

/// Parses a part.
pub fn parse(xml: &str) -> Result<Part, XmlError> {
    let bytes = xml.as_bytes();
    let mut pos = 0;
    let mut declaration = None;
    // Open elements; the finished root ends up alone at the bottom.
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let err = |offset, reason| XmlError { offset, reason };
    while pos < bytes.len() {
        if bytes[pos] != b'<' {
            let end = xml[pos..].find('<').map_or(bytes.len(), |i| pos + i);
            let text = &xml[pos..end];
            match stack.last_mut() {
                Some(open) => open.children.push(Node::Text(text.to_owned())),
                None if text.trim().is_empty() => {}
                None => return Err(err(pos, "text outside the root element")),
            }
            pos = end;
            continue;
        }
        if xml[pos..].starts_with("<?") {
            let end = xml[pos..]
                .find("?>")
                .ok_or(err(pos, "unterminated declaration"))?;
            if stack.is_empty() && root.is_none() {
                declaration = Some(xml[pos..pos + end + 2].to_owned());
            }
            pos += end + 2;
            continue;
        }
        if xml[pos..].starts_with("<!") {
            return Err(err(pos, "comments, CDATA and DTDs are not expected"));
        }
        if xml[pos..].starts_with("</") {
            let end = xml[pos..]
                .find('>')
                .ok_or(err(pos, "unterminated end tag"))?;
            let name = xml[pos + 2..pos + end].trim();
            let done = stack.pop().ok_or(err(pos, "end tag without start tag"))?;
            if done.name != name {
                return Err(err(pos, "mismatched end tag"));
            }
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Element(done)),
                None => root = Some(done),
            }
            pos += end + 1;
            continue;
        }
        // A start tag: find its end, skipping quoted attribute values.
        let mut i = pos + 1;
        let mut quote = None;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (None, b'"' | b'\'') => quote = Some(bytes[i]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            i += 1;
        }
        if i >= bytes.len() {
            return Err(err(pos, "unterminated start tag"));
        }
        let self_closing = bytes[i - 1] == b'/';
        let inner = &xml[pos + 1..if self_closing { i - 1 } else { i }];
        let name_end = inner
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(inner.len());
        let element = Element {
            name: inner[..name_end].to_owned(),
            attrs: inner[name_end..].trim_end().to_owned(),
            children: Vec::new(),
        };
        if element.name.is_empty() {
            return Err(err(pos, "empty element name"));
        }
        if self_closing {
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Element(element)),
                None => root = Some(element),
            }
        } else {
            stack.push(element);
        }
        pos = i + 1;
    }
    if !stack.is_empty() {
        return Err(err(bytes.len(), "unclosed element"));
    }
    let root = root.ok_or(err(0, "no root element"))?;
    Ok(Part { declaration, root })
}

/// Pretty-prints a part for reading and diffing: one element a line, indented; elements that
/// hold text stay on one line.
pub fn pretty(xml: &str) -> Result<String, XmlError> {
    let part = parse(xml)?;
    let mut out = String::with_capacity(xml.len() * 2);
    if let Some(d) = &part.declaration {
        out.push_str(d);
        out.push('\n');
    }
    part.root.write_pretty(0, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_text_and_attributes() {
        let src = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="x"><w:p><w:r><w:t xml:space="preserve"> a &amp; b&gt; </w:t></w:r><w:pPr a="1&quot;>"/></w:p></w:document>"#;
        let part = parse(src).unwrap();
        assert_eq!(String::from_utf8(part.to_bytes()).unwrap(), src);
        let p = part.root.child("w:p").unwrap();
        assert_eq!(p.child("w:pPr").unwrap().attr("a"), Some("1&quot;>"));
    }

    #[test]
    fn refuses_broken_xml() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("<a x=\"1></a>").is_err());
        assert!(parse("<!-- c --><a/>").is_err());
    }

    #[test]
    fn pretty_prints_nested_elements() {
        let s = pretty("<a><b><c/></b><d x=\"1\">t</d></a>").unwrap();
        assert_eq!(
            s,
            "<a>\n  <b>\n    <c/>\n  </b>\n  <d x=\"1\">t</d>\n</a>\n"
        );
    }
}
