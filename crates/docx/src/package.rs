//! The parts docx-rs renders, corrected and zipped.
//!
//! Corrections (each one something docx-rs cannot express or writes out of schema order):
//! - children of property elements sorted into schema order ([`crate::schema::order`]);
//! - `w:gridCol` without the `w:type` attribute the schema does not define;
//! - `w:tblHeader` on the first row of every acknowledgement (grid) table, so that Word and
//!   LibreOffice repeat it on each page;
//! - `w:lang` (ru-RU / en-US) in the default run properties, for spell-checking and hyphenation;
//! - the empty `Normal` style docx-rs always writes dropped in favour of ours;
//! - core properties (title, creator, subject, language, created/modified) written here.
//!
//! The archive is deflate-compressed with fixed time stamps and a fixed part order.

use std::io::{Cursor, Write};

use docx_rs::{Docx, XMLDocx};
use jobdoc_model::resolve::Resolved;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::build::style;
use crate::xml::{self, Element, Node, Part};
use jobdoc_model::Timestamp;

use crate::DocxError;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Only characters XML 1.0 allows reach the file.
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// docProps/core.xml.
/// `created` is written in UTC without fractions, the form `dcterms:W3CDTF` readers expect.
pub fn core_properties(r: &Resolved, created: Timestamp) -> Vec<u8> {
    let created = created.to_utc_seconds();
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    s.push_str(&format!("<dc:title>{}</dc:title>", escape(&r.info.title)));
    if !r.info.subject.is_empty() {
        s.push_str(&format!(
            "<dc:subject>{}</dc:subject>",
            escape(&r.info.subject)
        ));
    }
    s.push_str(&format!(
        "<dc:creator>{}</dc:creator>",
        escape(&r.info.author)
    ));
    s.push_str(&format!(
        "<cp:lastModifiedBy>{}</cp:lastModifiedBy>",
        escape(&r.info.author)
    ));
    s.push_str("<cp:revision>1</cp:revision>");
    s.push_str(&format!(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified>"
    ));
    s.push_str(&format!(
        "<dc:language>{}</dc:language></cp:coreProperties>",
        r.info.language_tag
    ));
    s.into_bytes()
}

/// word/settings.xml, written here rather than by docx-rs (whose elements are out of schema
/// order and whose compatibility options are for East Asian layout): a 1.25 cm tab grid,
/// automatic hyphenation as in the PDF, lines ending in a line break not stretched in justified
/// text (as in the PDF), and the document's language for theme fonts.
pub fn settings(r: &Resolved) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:zoom w:percent=\"100\"/>\
         <w:defaultTabStop w:val=\"{tab}\"/>\
         <w:autoHyphenation/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat>\
         <w:doNotExpandShiftReturn/>\
         <w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\
         </w:compat>\
         <w:themeFontLang w:val=\"{lang}\"/>\
         </w:settings>",
        tab = crate::build::first_line_indent(),
        lang = r.info.language_tag,
    )
    .into_bytes()
}

fn parse(part: &str, bytes: &[u8]) -> Result<Part, DocxError> {
    let text = std::str::from_utf8(bytes).map_err(|_| DocxError::Xml {
        part: part.to_owned(),
        source: xml::XmlError {
            offset: 0,
            reason: "not UTF-8",
        },
    })?;
    xml::parse(text).map_err(|source| DocxError::Xml {
        part: part.to_owned(),
        source,
    })
}

/// Marks the first row of every grid (acknowledgement) table as a header row, and drops the
/// `w:type` attribute docx-rs puts on `w:gridCol` (the schema gives it only `w:w`).
fn fix_document(e: &mut Element) {
    if e.name == "w:gridCol" {
        if let Some(w) = e.attr("w:w") {
            e.attrs = format!(" w:w=\"{w}\"");
        }
    }
    if e.name == "w:tbl" {
        let grid = e
            .child("w:tblPr")
            .and_then(|p| p.child("w:tblStyle"))
            .and_then(|s| s.attr("w:val"))
            == Some(style::GRID_TABLE);
        if grid {
            if let Some(row) = e.child_mut("w:tr") {
                row.child_or_insert("w:trPr")
                    .ensure_child("w:tblHeader", "");
            }
        }
    }
    for c in e.elements_mut() {
        fix_document(c);
    }
}

/// Styles: the language on the default run properties, docx-rs's empty Normal style dropped.
fn fix_styles(part: &mut Part, language_tag: &str) {
    let root = &mut part.root;
    let defaults = root.child_or_insert("w:docDefaults");
    let rpr = defaults
        .child_or_insert("w:rPrDefault")
        .child_or_insert("w:rPr");
    rpr.children
        .retain(|n| !matches!(n, Node::Element(e) if e.name == "w:lang"));
    rpr.children.push(Node::Element(Element::new(
        "w:lang",
        &format!(" w:val=\"{language_tag}\" w:eastAsia=\"{language_tag}\" w:bidi=\"ar-SA\""),
    )));
    let is_normal = |n: &Node| matches!(n, Node::Element(e) if e.name == "w:style" && e.attr("w:styleId") == Some(style::NORMAL));
    if root.children.iter().filter(|n| is_normal(n)).count() > 1 {
        if let Some(first) = root.children.iter().position(is_normal) {
            root.children.remove(first);
        }
    }
    // Hyphenate body clauses only, as the PDF does; mark Normal as the default paragraph style.
    for e in root.elements_mut() {
        if e.name == "w:style" && e.attr("w:type") == Some("paragraph") {
            let hyphenate = e
                .attr("w:styleId")
                .is_some_and(|id| style::CLAUSE.contains(&id));
            let is_normal = e.attr("w:styleId") == Some(style::NORMAL);
            if hyphenate || is_normal {
                let ppr = e.child_or_insert("w:pPr");
                ppr.children.push(Node::Element(Element::new(
                    "w:suppressAutoHyphens",
                    if hyphenate { " w:val=\"0\"" } else { "" },
                )));
            }
        }
    }
    for e in root.elements_mut() {
        if e.name == "w:style"
            && e.attr("w:styleId") == Some(style::NORMAL)
            && e.attr("w:default").is_none()
        {
            e.attrs.push_str(" w:default=\"1\"");
        }
    }
}

/// The corrected parts, by path, in archive order.
pub fn parts(
    docx: Docx,
    r: &Resolved,
    created: Timestamp,
) -> Result<Vec<(String, Vec<u8>)>, DocxError> {
    let x: XMLDocx = docx.build();
    let fix = |name: &str, bytes: &[u8], f: &dyn Fn(&mut Part)| -> Result<Vec<u8>, DocxError> {
        let mut part = parse(name, bytes)?;
        f(&mut part);
        crate::schema::order(&mut part.root);
        Ok(part.to_bytes())
    };
    let lang = r.info.language_tag;
    let mut out: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), x.content_type),
        ("_rels/.rels".into(), x.rels),
        ("docProps/app.xml".into(), x.doc_props.app),
        ("docProps/core.xml".into(), core_properties(r, created)),
        ("docProps/custom.xml".into(), x.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), x.document_rels),
        (
            "word/document.xml".into(),
            fix("word/document.xml", &x.document, &|p| {
                fix_document(&mut p.root)
            })?,
        ),
        (
            "word/styles.xml".into(),
            fix("word/styles.xml", &x.styles, &|p| fix_styles(p, lang))?,
        ),
        ("word/settings.xml".into(), settings(r)),
        ("word/fontTable.xml".into(), x.font_table),
        ("word/comments.xml".into(), x.comments),
        (
            "word/numbering.xml".into(),
            fix("word/numbering.xml", &x.numberings, &|_| {})?,
        ),
        ("word/commentsExtended.xml".into(), x.comments_extended),
        ("word/footnotes.xml".into(), x.footnotes),
    ];
    for (i, h) in x.headers.iter().enumerate() {
        let name = format!("word/header{}.xml", i + 1);
        let fixed = fix(&name, h, &|_| {})?;
        out.push((name, fixed));
        if let Some(rels) = x.header_rels.get(i) {
            out.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (i, f) in x.footers.iter().enumerate() {
        out.push((format!("word/footer{}.xml", i + 1), f.clone()));
        if let Some(rels) = x.footer_rels.get(i) {
            out.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
    }
    Ok(out)
}

/// Zips parts with deflate and a fixed time stamp (1980-01-01, the zip epoch). Level 1: a third
/// of the CPU time of level 6 for a file of 20 KB instead of 15 KB (docx-rs alone stores 72 KB).
pub fn zip_parts(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, DocxError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes).map_err(zip::result::ZipError::Io)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Builds, corrects and zips.
pub fn package(docx: Docx, r: &Resolved, created: Timestamp) -> Result<Vec<u8>, DocxError> {
    zip_parts(&parts(docx, r, created)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_drops_forbidden_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
